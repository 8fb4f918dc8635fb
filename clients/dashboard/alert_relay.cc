#include "clients/dashboard/alert_relay.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clients/dashboard/proto_json.h"

namespace oversight::client::dashboard {
namespace {

std::string Describe(const grpc::Status& status) {
  static constexpr const char* kNames[] = {
      "OK",        "CANCELLED",         "UNKNOWN",        "INVALID_ARGUMENT",  "DEADLINE_EXCEEDED",
      "NOT_FOUND", "ALREADY_EXISTS",    "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
      "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",   "UNIMPLEMENTED",     "INTERNAL",
      "UNAVAILABLE", "DATA_LOSS",       "UNAUTHENTICATED"};
  const int code = static_cast<int>(status.error_code());
  const char* name = code >= 0 && code <= 16 ? kNames[code] : "UNKNOWN";
  return absl::StrCat(name, ": ", status.error_message());
}

}  // namespace

absl::Duration BackoffDelay(const RelayBackoff& backoff, int attempt) {
  absl::Duration delay = backoff.initial;
  for (int i = 0; i < attempt && delay < backoff.maximum; ++i) delay *= 2;
  return std::min(delay, backoff.maximum);
}

AlertRelay::AlertRelay(std::shared_ptr<const ReadOnlyOversight> upstream, AlertLog* log,
                       RelayBackoff backoff)
    : upstream_(std::move(upstream)), log_(log), backoff_(backoff) {}

AlertRelay::~AlertRelay() { Stop(); }

void AlertRelay::Start() { thread_ = std::thread([this] { Run(); }); }

void AlertRelay::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    if (active_ != nullptr) active_->TryCancel();
  }
  if (thread_.joinable()) thread_.join();
}

bool AlertRelay::Pause(absl::Duration delay) {
  absl::MutexLock lock(&mu_);
  mu_.AwaitWithTimeout(absl::Condition(&stopping_), delay);
  return !stopping_;
}

void AlertRelay::Run() {
  int attempt = 0;
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
    }
    if (RunOnce()) attempt = 0;
    const absl::Duration delay = BackoffDelay(backoff_, attempt++);
    const UpstreamStatus status = log_->status();
    if (status.state != UpstreamState::kDown) {
      log_->SetStatus(UpstreamState::kDown, "the alert stream ended; reconnecting");
    }
    if (!Pause(delay)) return;
  }
}

bool AlertRelay::RunOnce() {
  const int64_t after = log_->last_sequence();
  // The stream's first response is its first alert, which may be hours away;
  // a short unary call first tells the page promptly whether oversightd is
  // reachable and accepts our token.
  {
    auto probe_context = upstream_->NewContext(absl::Seconds(5));
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return false;
      active_ = probe_context.get();
    }
    v1::ListAlertsRequest probe;
    probe.set_after_sequence(after);
    probe.set_limit(1);
    v1::ListAlertsResponse ignored;
    const grpc::Status status = upstream_->ListAlerts(probe_context.get(), probe, &ignored);
    {
      absl::MutexLock lock(&mu_);
      active_ = nullptr;
    }
    if (!status.ok()) {
      log_->SetStatus(UpstreamState::kDown,
                      absl::StrCat("oversightd at ", upstream_->server(), " unreachable (",
                                   Describe(status), ")"));
      return false;
    }
  }

  auto context = upstream_->NewContext(absl::InfiniteDuration());
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return true;
    active_ = context.get();
  }
  const absl::Time started = absl::Now();
  v1::SubscribeAlertsRequest request;
  request.set_after_sequence(after);
  auto reader = upstream_->SubscribeAlerts(context.get(), request);
  log_->SetStatus(UpstreamState::kUp,
                  absl::StrCat("following oversightd at ", upstream_->server(), " after alert #", after));
  v1::Alert alert;
  while (reader->Read(&alert)) {
    absl::StatusOr<nlohmann::json> json = ToJson(alert);
    if (!json.ok()) continue;  // cannot happen for a parsed message; never block the stream on it
    log_->Append(alert.sequence(), json->dump());
  }
  const grpc::Status status = reader->Finish();
  {
    absl::MutexLock lock(&mu_);
    active_ = nullptr;
  }
  log_->SetStatus(UpstreamState::kDown,
                  absl::StrCat("alert stream from oversightd at ", upstream_->server(), " ended (",
                               Describe(status), "); reconnecting from alert #",
                               log_->last_sequence()));
  // A stream refused at once (say, a token without the right to subscribe)
  // must back off like an unreachable server rather than spin.
  return absl::Now() - started > absl::Seconds(5);
}

}  // namespace oversight::client::dashboard
