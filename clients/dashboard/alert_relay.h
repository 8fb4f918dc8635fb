#pragma once
// The gateway's one subscription to oversightd's alert stream. It relays every
// alert into the AlertLog and, when the stream ends (server restarted, network
// lost, slow-consumer cut-off), reconnects with exponential backoff from the
// last sequence it relayed: SubscribeAlerts replays everything after it, and
// AlertLog::Append drops any overlap, so no alert is missed or doubled.
// Its state (connecting / up / down and why) goes to the page as it changes.

#include <memory>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "clients/dashboard/alert_log.h"
#include "clients/dashboard/upstream.h"
#include "grpcpp/client_context.h"

namespace oversight::client::dashboard {

struct RelayBackoff {
  absl::Duration initial = absl::Milliseconds(250);
  absl::Duration maximum = absl::Seconds(10);
};

// The wait before reconnect attempt `attempt` (0-based): initial * 2^attempt,
// capped at maximum.
absl::Duration BackoffDelay(const RelayBackoff& backoff, int attempt);

class AlertRelay {
 public:
  AlertRelay(std::shared_ptr<const ReadOnlyOversight> upstream, AlertLog* log,
             RelayBackoff backoff = {});
  ~AlertRelay();  // Stop()
  AlertRelay(const AlertRelay&) = delete;
  AlertRelay& operator=(const AlertRelay&) = delete;

  void Start();
  // Cancels the stream and joins the thread; safe to call twice.
  void Stop();

 private:
  void Run();
  // One connection: probe, subscribe, relay until the stream ends. True when
  // the connection was healthy (the stream lived), so backoff starts again.
  bool RunOnce();
  // Waits `delay` or until Stop(); false when stopping.
  bool Pause(absl::Duration delay);

  const std::shared_ptr<const ReadOnlyOversight> upstream_;
  AlertLog* const log_;
  const RelayBackoff backoff_;
  std::thread thread_;

  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  grpc::ClientContext* active_ ABSL_GUARDED_BY(mu_) = nullptr;  // the call to cancel on Stop()
};

}  // namespace oversight::client::dashboard
