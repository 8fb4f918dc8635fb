#pragma once
// One SubscribeAlerts stream: replays stored alerts after the client's
// sequence in pages, then joins the AlertHub for live alerts, with no gap
// and no duplicate at the boundary (the hub delivers only sequences past the
// stream's cursor, and bridges the join from its ring of recent alerts).
//
// Replay is paced by the client: the next page is read only when the
// previous one has been written. Live alerts wait in a bounded buffer; when
// it is full the stream ends with RESOURCE_EXHAUSTED naming the last
// sequence sent (also in the "oversight-resume-after" trailer), so a stalled
// client costs a bounded amount of memory and never delays anyone else.
//
// No thread is held while idle: store reads run on the WorkPool, writes are
// gRPC callbacks. The object deletes itself when gRPC is done with it, it is
// off the hub, and no pool task refers to it.

#include <cstddef>
#include <cstdint>
#include <deque>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/server_callback.h"
#include "oversight/v1/oversight.pb.h"
#include "server/alerts/alert_hub.h"
#include "server/service/call_scope.h"
#include "server/service/stream_limiter.h"
#include "server/service/work_pool.h"
#include "server/store/store.h"

namespace oversight::server {

struct AlertStreamOptions {
  std::size_t buffer_capacity = 1024;  // live alerts waiting for a slow client
  int replay_page = 500;               // alerts per store read during replay
};

// The trailer that carries the sequence to resume after.
inline constexpr char kResumeAfterTrailer[] = "oversight-resume-after";

class AlertStreamReactor final : public grpc::ServerWriteReactor<oversight::v1::Alert>,
                                 public AlertSink {
 public:
  AlertStreamReactor(Store& store, AlertHub& hub, WorkPool& pool, StreamLimiter& limiter,
                     CallScope scope, const oversight::v1::SubscribeAlertsRequest& request,
                     AlertStreamOptions options);

  // Authorises and begins the replay on the pool. Call once, right after
  // construction.
  void Start();

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

  bool Deliver(const AlertPtr& alert) override;
  void OnDetached(bool closing) override;

 private:
  enum class Phase { kReplaying, kLive };

  // Pool task: authorise on the first run, then replay pages until the
  // buffer needs draining or the store is exhausted, then join the hub.
  void Step();
  grpc::Status Admit();
  bool Wanted(const oversight::v1::Alert& alert) const;
  void WriteNextLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void FinishLocked(grpc::Status status) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void ScheduleStepLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  grpc::Status ResumableStatus(grpc::StatusCode code, absl::string_view why)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Drops one hold; deletes this when it was the last. Call without mu_.
  void Release();

  Store& store_;
  AlertHub& hub_;
  WorkPool& pool_;
  StreamLimiter& limiter_;
  CallScope scope_;
  const oversight::v1::SubscribeAlertsRequest request_;
  const AlertStreamOptions options_;
  bool admitted_ = false;  // touched only by Step, which never runs twice at once
  bool limiter_slot_ = false;

  absl::Mutex mu_;
  int holds_ ABSL_GUARDED_BY(mu_) = 1;  // gRPC's, until OnDone
  Phase phase_ ABSL_GUARDED_BY(mu_) = Phase::kReplaying;
  bool stepping_ ABSL_GUARDED_BY(mu_) = false;  // a Step is queued or running
  bool attached_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  grpc::Status final_status_ ABSL_GUARDED_BY(mu_);
  std::int64_t cursor_ ABSL_GUARDED_BY(mu_);     // every alert up to here has been considered
  std::int64_t last_sent_ ABSL_GUARDED_BY(mu_);  // sequence of the last alert handed to gRPC
  std::deque<AlertPtr> buffer_ ABSL_GUARDED_BY(mu_);
  AlertPtr writing_ ABSL_GUARDED_BY(mu_);        // the alert gRPC is sending
};

}  // namespace oversight::server
