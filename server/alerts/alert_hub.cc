#include "server/alerts/alert_hub.h"

#include <utility>

namespace oversight::server {

AlertHub::AlertHub(Store& store, AlertHubOptions options)
    : store_(store), options_(std::move(options)) {}

AlertHub::~AlertHub() { Stop(); }

absl::Status AlertHub::Start() {
  absl::StatusOr<std::int64_t> last = store_.LastAlertSequence();
  if (!last.ok()) return last.status();
  {
    absl::MutexLock lock(&mu_);
    if (started_) return absl::FailedPreconditionError("alert hub already started");
    started_ = true;
    head_ = *last;
    ring_floor_ = *last;
  }
  reader_ = std::thread([this] { ReadLoop(); });
  notifier_ = std::thread([this] { NotificationLoop(); });
  return absl::OkStatus();
}

void AlertHub::Stop() {
  std::vector<AlertSink*> detached;
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    stopping_ = true;
    detached.assign(sinks_.begin(), sinks_.end());
    sinks_.clear();
  }
  if (reader_.joinable()) reader_.join();
  if (notifier_.joinable()) notifier_.join();
  for (AlertSink* sink : detached) sink->OnDetached(/*closing=*/true);
}

void AlertHub::Kick() {
  absl::MutexLock lock(&mu_);
  kicked_ = true;
}

AlertHub::AttachResult AlertHub::Attach(AlertSink* sink, std::int64_t cursor) {
  absl::MutexLock lock(&mu_);
  if (stopping_ || !started_) return AttachResult::kClosed;
  if (cursor < ring_floor_) return AttachResult::kBehind;
  // The ring is in sequence order; deliver what the sink has not seen.
  for (const AlertPtr& alert : ring_) {
    if (alert->sequence() <= cursor) continue;
    if (!sink->Deliver(alert)) return AttachResult::kRejected;
  }
  sinks_.insert(sink);
  return AttachResult::kAttached;
}

bool AlertHub::Detach(AlertSink* sink) {
  absl::MutexLock lock(&mu_);
  return sinks_.erase(sink) > 0;
}

std::int64_t AlertHub::head() const {
  absl::MutexLock lock(&mu_);
  return head_;
}

std::size_t AlertHub::subscriber_count() const {
  absl::MutexLock lock(&mu_);
  return sinks_.size();
}

void AlertHub::ReadLoop() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      auto woken = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return kicked_ || stopping_; };
      mu_.AwaitWithTimeout(absl::Condition(&woken), options_.notification_wait);
      if (stopping_) return;
      kicked_ = false;
    }
    ReadAndFanOut();
  }
}

void AlertHub::NotificationLoop() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
    }
    absl::Status status = store_.WaitForAlertNotification(options_.notification_wait);
    if (!status.ok()) {
      ReportError(status);
      // Do not spin on a broken connection: wait out one interval (or Stop).
      absl::MutexLock lock(&mu_);
      auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; };
      mu_.AwaitWithTimeout(absl::Condition(&stopping), options_.notification_wait);
      continue;
    }
    // A notification, or the interval passed: either way look at the store,
    // which also covers a notification lost while the connection was down.
    Kick();
  }
}

bool AlertHub::ReadAndFanOut() {
  std::int64_t after;
  {
    absl::MutexLock lock(&mu_);
    after = head_;
  }
  while (true) {
    absl::StatusOr<std::vector<AlertRow>> rows = store_.AlertsAfter(after, options_.page_size);
    if (!rows.ok()) {
      ReportError(rows.status());
      return false;
    }
    std::vector<AlertPtr> alerts;
    alerts.reserve(rows->size());
    for (const AlertRow& row : *rows) {
      absl::StatusOr<oversight::v1::Alert> alert = AlertFromRow(row);
      if (!alert.ok()) {
        // A corrupt row must not stall every subscriber; it is reported and
        // stays in the store for ListAlerts to surface.
        ReportError(alert.status());
        continue;
      }
      alerts.push_back(std::make_shared<const oversight::v1::Alert>(*std::move(alert)));
    }
    std::vector<AlertSink*> dropped;
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return true;
      for (const AlertPtr& alert : alerts) {
        ring_.push_back(alert);
        while (ring_.size() > options_.ring_capacity) {
          ring_floor_ = ring_.front()->sequence();
          ring_.pop_front();
        }
        for (auto it = sinks_.begin(); it != sinks_.end();) {
          if ((*it)->Deliver(alert)) {
            ++it;
          } else {
            dropped.push_back(*it);
            sinks_.erase(it++);
          }
        }
      }
      if (!rows->empty()) {
        head_ = rows->back().sequence;
        // Skipped (corrupt) rows still move the ring's coverage forward.
        if (ring_.empty()) ring_floor_ = head_;
      }
    }
    for (AlertSink* sink : dropped) sink->OnDetached(/*closing=*/false);
    if (rows->empty()) return true;
    after = rows->back().sequence;
    if (static_cast<int>(rows->size()) < options_.page_size) return true;
  }
}

void AlertHub::ReportError(const absl::Status& status) {
  if (options_.on_error) options_.on_error(status);
}

}  // namespace oversight::server
