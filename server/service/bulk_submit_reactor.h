#pragma once
// One BulkSubmit stream: records are read in batches and each batch is
// written in one store call (one transaction; each record all-or-nothing on
// its own, see Store::PutRecords), so throughput does not depend on one
// commit per record. A record that fails validation is rejected on its own
// with a google.rpc.Status; the others are stored.
//
// The stream reads the next batch while the previous one is written (with
// synchronous=FULL a write waits for the fsync of its commit), so reading,
// validating and writing overlap; batches are still written one at a time,
// in stream order. Reading pauses when a full batch waits behind the one
// being written, which bounds memory to two batches whatever the client
// sends.

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/server_callback.h"
#include "oversight/v1/oversight.pb.h"
#include "server/service/call_scope.h"
#include "server/service/work_pool.h"
#include "server/store/store.h"

namespace oversight::server {

class BulkSubmitReactor final : public grpc::ServerReadReactor<oversight::v1::SubmitRequest> {
 public:
  BulkSubmitReactor(Store& store, WorkPool& pool, CallScope scope,
                    oversight::v1::BulkSubmitResponse* response, int batch_size,
                    std::int64_t max_records);

  // Authorises on the pool, then starts reading. Call once.
  void Start();

  void OnReadDone(bool ok) override;
  void OnDone() override;

 private:
  // Records read, in stream order from `first_index`.
  struct Batch {
    std::vector<oversight::v1::SubmitRequest> requests;
    std::int64_t first_index = 0;
  };

  // Queues `batch` for writing and starts the writer if it is idle.
  // Returns true when reading may go on at once (fewer than two batches
  // held).
  bool Enqueue(Batch batch) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Pool task: writes the queued batches in order until none is left;
  // resumes reading if it had paused, and finishes the call once reading
  // has ended and nothing is left to write.
  void WriteLoop();
  // Writes one batch into the response; a failure of the store as a whole
  // is returned, to finish the call with.
  grpc::Status WriteBatch(Batch batch);
  // When the call may end now (nothing written or queued, reading over or a
  // failure), marks it finished and returns the status to Finish with. The
  // caller then calls Finish after releasing mu_ and touches nothing after
  // it: OnDone may delete this at once.
  std::optional<grpc::Status> TakeFinish() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void FinishWith(grpc::Status status);
  std::size_t HeldBatches() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return queue_.size() + (in_flight_ ? 1 : 0);
  }

  Store& store_;
  WorkPool& pool_;
  CallScope scope_;
  oversight::v1::BulkSubmitResponse* response_;  // written only by the WriteLoop
  const std::size_t batch_size_;
  const std::int64_t max_records_;

  // Only one read is ever outstanding, so the reading side (incoming_,
  // filling_, received_) needs no lock: each read happens-after the
  // previous one's OnReadDone through gRPC, or after the writer resumed it.
  oversight::v1::SubmitRequest incoming_;
  std::vector<oversight::v1::SubmitRequest> filling_;
  std::int64_t received_ = 0;

  // Between the reading side and the writer.
  absl::Mutex mu_;
  std::deque<Batch> queue_ ABSL_GUARDED_BY(mu_);      // full batches waiting to be written
  bool writing_ ABSL_GUARDED_BY(mu_) = false;         // a WriteLoop is submitted or running
  bool in_flight_ ABSL_GUARDED_BY(mu_) = false;       // it holds a batch it is writing
  bool read_paused_ ABSL_GUARDED_BY(mu_) = false;     // two batches held: no read outstanding
  bool reads_ended_ ABSL_GUARDED_BY(mu_) = false;     // half-close, cancellation or the record limit
  std::optional<grpc::Status> failure_ ABSL_GUARDED_BY(mu_);  // ends the call instead of OK
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace oversight::server
