#include "clients/dashboard/alert_log.h"

#include <algorithm>
#include <utility>

#include "absl/time/clock.h"

namespace oversight::client::dashboard {

absl::string_view UpstreamStateName(UpstreamState state) {
  switch (state) {
    case UpstreamState::kConnecting:
      return "connecting";
    case UpstreamState::kUp:
      return "up";
    case UpstreamState::kDown:
      return "down";
  }
  return "down";
}

AlertLog::AlertLog(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 1)) {
  status_.since = absl::Now();
}

bool AlertLog::Append(int64_t sequence, std::string json) {
  absl::MutexLock lock(&mu_);
  if (sequence <= last_sequence_) return false;
  alerts_.push_back(RelayedAlert{sequence, std::move(json)});
  last_sequence_ = sequence;
  while (alerts_.size() > capacity_) {
    evicted_through_ = alerts_.front().sequence;
    alerts_.pop_front();
  }
  return true;
}

void AlertLog::SetStatus(UpstreamState state, std::string detail) {
  absl::MutexLock lock(&mu_);
  if (status_.state != state) status_.since = absl::Now();
  status_.state = state;
  status_.detail = std::move(detail);
  ++status_.version;
}

UpstreamStatus AlertLog::status() const {
  absl::MutexLock lock(&mu_);
  return status_;
}

int64_t AlertLog::last_sequence() const {
  absl::MutexLock lock(&mu_);
  return last_sequence_;
}

int64_t AlertLog::StartForNewReader(std::size_t count) const {
  absl::MutexLock lock(&mu_);
  if (count == 0 || alerts_.empty()) return last_sequence_;
  if (count >= alerts_.size()) return evicted_through_;
  return alerts_[alerts_.size() - count - 1].sequence;
}

bool AlertLog::ReadyLocked(int64_t after, int64_t status_version) const {
  return closed_ || status_.version != status_version || last_sequence_ > after ||
         evicted_through_ > after;
}

AlertLog::Batch AlertLog::WaitFor(int64_t after, int64_t status_version, absl::Duration timeout,
                                  std::size_t max_alerts) const {
  absl::MutexLock lock(&mu_);
  // Runs with mu_ held: absl::Mutex evaluates conditions under the lock.
  const auto ready = [this, after, status_version]() ABSL_NO_THREAD_SAFETY_ANALYSIS {
    return ReadyLocked(after, status_version);
  };
  mu_.AwaitWithTimeout(absl::Condition(&ready), timeout);
  Batch batch;
  batch.status = status_;
  batch.closed = closed_;
  batch.evicted_through = evicted_through_;
  if (evicted_through_ > after) {
    batch.missing_before = true;
    return batch;
  }
  // Sequences are strictly increasing in the deque: binary search the start.
  auto first = std::upper_bound(
      alerts_.begin(), alerts_.end(), after,
      [](int64_t value, const RelayedAlert& alert) { return value < alert.sequence; });
  for (auto it = first; it != alerts_.end() && batch.alerts.size() < max_alerts; ++it) {
    batch.alerts.push_back(*it);
  }
  return batch;
}

void AlertLog::Close() {
  absl::MutexLock lock(&mu_);
  closed_ = true;
}

}  // namespace oversight::client::dashboard
