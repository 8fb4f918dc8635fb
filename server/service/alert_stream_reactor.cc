#include "server/service/alert_stream_reactor.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "proto/codec/status_codec.h"
#include "risk/domain/validation.h"
#include "server/alerts/alert_filter.h"
#include "server/service/structured_log.h"

namespace oversight::server {

AlertStreamReactor::AlertStreamReactor(Store& store, AlertHub& hub, WorkPool& pool,
                                       StreamLimiter& limiter, CallScope scope,
                                       const oversight::v1::SubscribeAlertsRequest& request,
                                       AlertStreamOptions options)
    : store_(store),
      hub_(hub),
      pool_(pool),
      limiter_(limiter),
      scope_(std::move(scope)),
      request_(request),
      options_(options),
      cursor_(request.after_sequence()),
      last_sent_(request.after_sequence()) {}

void AlertStreamReactor::Start() {
  absl::MutexLock lock(&mu_);
  ScheduleStepLocked();
}

void AlertStreamReactor::ScheduleStepLocked() {
  if (stepping_ || finished_) return;
  stepping_ = true;
  ++holds_;
  pool_.Submit([this] { Step(); });
}

grpc::Status AlertStreamReactor::Admit() {
  if (grpc::Status s = scope_.CheckStillWanted(); !s.ok()) return s;
  if (grpc::Status s = scope_.Authorize(); !s.ok()) return s;
  risk::Violations violations;
  if (request_.after_sequence() < 0) {
    violations.Add("after_sequence", absl::StrCat("must be 0 or more, got ", request_.after_sequence()));
  }
  for (const risk::FieldViolation& v :
       risk::FieldViolationsOf(ValidateAlertFilter(request_.filter(), "filter"))) {
    violations.Add(v.field, v.reason);
  }
  if (!violations.empty()) return codec::ToGrpcStatus(violations.ToStatus());
  if (!limiter_.TryAcquire(scope_.principal().id)) {
    return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                        absl::StrCat("caller ", scope_.principal().id, " already has ",
                                     limiter_.max_per_caller(),
                                     " alert streams open (--max_streams_per_caller)"));
  }
  limiter_slot_ = true;
  return grpc::Status::OK;
}

bool AlertStreamReactor::Wanted(const oversight::v1::Alert& alert) const {
  if (!AlertMatches(request_.filter(), alert)) return false;
  ResourceRef item = ResourceRef::ForProvider(alert.provider_id());
  item.local_authorities.assign(alert.local_authorities().begin(), alert.local_authorities().end());
  return scope_.MaySee(item);
}

void AlertStreamReactor::Step() {
  if (!admitted_) {
    grpc::Status admitted = Admit();
    if (!admitted.ok()) {
      {
        absl::MutexLock lock(&mu_);
        FinishLocked(std::move(admitted));
        stepping_ = false;
      }
      Release();
      return;
    }
    admitted_ = true;
  }

  enum class Next { kStop, kReadOn, kJoin };
  while (true) {
    std::int64_t cursor;
    {
      absl::MutexLock lock(&mu_);
      if (finished_) {
        stepping_ = false;
        break;
      }
      cursor = cursor_;
    }
    absl::StatusOr<std::vector<AlertRow>> rows = store_.AlertsAfter(cursor, options_.replay_page);
    Next next = Next::kStop;
    std::int64_t join_at = 0;
    {
      absl::MutexLock lock(&mu_);
      if (finished_) {
        stepping_ = false;
      } else if (!rows.ok()) {
        FinishLocked(ResumableStatus(static_cast<grpc::StatusCode>(rows.status().code()),
                                     rows.status().message()));
        stepping_ = false;
      } else {
        for (const AlertRow& row : *rows) {
          cursor_ = row.sequence;
          absl::StatusOr<oversight::v1::Alert> alert = AlertFromRow(row);
          if (!alert.ok()) {
            LogLine("error", "alert_unreadable").Add("message", alert.status().ToString());
            continue;
          }
          if (Wanted(*alert)) {
            buffer_.push_back(std::make_shared<const oversight::v1::Alert>(*std::move(alert)));
          }
        }
        WriteNextLocked();
        if (!buffer_.empty() || writing_ != nullptr) {
          // Pace the replay by the client: OnWriteDone reads on once what
          // was read has been sent.
          stepping_ = false;
        } else if (static_cast<int>(rows->size()) == options_.replay_page) {
          next = Next::kReadOn;
        } else {
          // Caught up with the store and nothing waiting: join live.
          phase_ = Phase::kLive;
          attached_ = true;
          ++holds_;  // the hub's, until Detach or OnDetached
          join_at = cursor_;
          next = Next::kJoin;
        }
      }
    }
    if (next == Next::kStop) break;
    if (next == Next::kReadOn) continue;

    const AlertHub::AttachResult result = hub_.Attach(this, join_at);
    bool read_on = false;
    {
      absl::MutexLock lock(&mu_);
      switch (result) {
        case AlertHub::AttachResult::kAttached:
          stepping_ = false;
          break;
        case AlertHub::AttachResult::kBehind:
          // Further behind than the hub remembers: replay more first.
          phase_ = Phase::kReplaying;
          attached_ = false;
          --holds_;
          read_on = true;
          break;
        case AlertHub::AttachResult::kRejected:  // Deliver already finished the stream
          attached_ = false;
          --holds_;
          stepping_ = false;
          break;
        case AlertHub::AttachResult::kClosed:
          attached_ = false;
          --holds_;
          FinishLocked(ResumableStatus(grpc::StatusCode::UNAVAILABLE, "the server is shutting down"));
          stepping_ = false;
          break;
      }
    }
    if (!read_on) break;
  }
  Release();
}

void AlertStreamReactor::WriteNextLocked() {
  if (finished_ || writing_ != nullptr || buffer_.empty()) return;
  writing_ = std::move(buffer_.front());
  buffer_.pop_front();
  last_sent_ = writing_->sequence();
  StartWrite(writing_.get());
}

void AlertStreamReactor::OnWriteDone(bool ok) {
  absl::MutexLock lock(&mu_);
  writing_.reset();
  if (!ok) {
    FinishLocked(ResumableStatus(grpc::StatusCode::UNAVAILABLE, "the stream broke"));
    return;
  }
  WriteNextLocked();
  if (phase_ == Phase::kReplaying && buffer_.empty() && writing_ == nullptr) ScheduleStepLocked();
}

void AlertStreamReactor::OnCancel() {
  absl::MutexLock lock(&mu_);
  FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED, "the client cancelled the stream"));
}

void AlertStreamReactor::OnDone() {
  bool was_attached;
  {
    absl::MutexLock lock(&mu_);
    // gRPC frees the call's context when OnDone returns; a Step may still be
    // using it (authorising), so wait for it. Nothing after OnDone
    // schedules another.
    auto idle = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !stepping_; };
    mu_.Await(absl::Condition(&idle));
    was_attached = attached_;
  }
  if (was_attached && hub_.Detach(this)) {
    absl::MutexLock lock(&mu_);
    attached_ = false;
    --holds_;  // never the last: gRPC's hold is released below
  }
  Release();
}

bool AlertStreamReactor::Deliver(const AlertPtr& alert) {
  absl::MutexLock lock(&mu_);
  if (finished_) return false;
  if (alert->sequence() <= cursor_) return true;  // already replayed or bridged
  cursor_ = alert->sequence();
  if (!Wanted(*alert)) return true;
  if (buffer_.size() >= options_.buffer_capacity) {
    FinishLocked(ResumableStatus(
        grpc::StatusCode::RESOURCE_EXHAUSTED,
        absl::StrCat("the subscriber fell behind: more than ", options_.buffer_capacity,
                     " alerts were waiting to be sent")));
    return false;
  }
  buffer_.push_back(alert);
  WriteNextLocked();
  return true;
}

void AlertStreamReactor::OnDetached(bool closing) {
  {
    absl::MutexLock lock(&mu_);
    attached_ = false;
    if (closing && !finished_) {
      FinishLocked(ResumableStatus(grpc::StatusCode::UNAVAILABLE, "the server is shutting down"));
    }
  }
  Release();
}

grpc::Status AlertStreamReactor::ResumableStatus(grpc::StatusCode code, absl::string_view why) {
  // Once finished, gRPC may already have freed the call and its context;
  // FinishLocked ignores whatever is returned here.
  if (finished_) return grpc::Status(code, std::string(why));
  scope_.context()->AddTrailingMetadata(kResumeAfterTrailer, std::to_string(last_sent_));
  return grpc::Status(code, absl::StrCat(why, "; last sequence sent ", last_sent_,
                                         "; resubscribe with after_sequence=", last_sent_));
}

void AlertStreamReactor::FinishLocked(grpc::Status status) {
  if (finished_) return;
  finished_ = true;
  final_status_ = status;
  buffer_.clear();
  // A write may still be in flight (a stalled client): gRPC sends the status
  // after it, so the client still reads everything up to last_sent_.
  Finish(std::move(status));
}

void AlertStreamReactor::Release() {
  grpc::Status outcome;
  {
    absl::MutexLock lock(&mu_);
    if (--holds_ > 0) return;
    outcome = final_status_;
  }
  // Nothing else refers to this stream now: log, audit, free the slot.
  scope_.End(outcome);
  if (limiter_slot_) limiter_.Release(scope_.principal().id);
  delete this;
}

}  // namespace oversight::server
