#pragma once
// One BulkSubmit stream: records are read in batches and each batch is
// written in one store transaction (each record on its own savepoint, by the
// repository), so throughput does not depend on one commit per record. A
// record that fails validation is rejected on its own with a
// google.rpc.Status; the others are stored.
//
// Two batches take turns: while one is written on the work pool, the next
// is read from the stream. Reading pauses only when the next batch is full
// before the write has finished, which bounds memory to two batches whatever
// the client sends, and keeps the writes in stream order (one write at a
// time). Overlapping the two matters on a small machine: with reading paused
// for every write, a core sat idle for a tenth of a bulk ingest.
//
// A batch's requests are read into its own protobuf arena, emptied once the
// batch is written: decoding a record then costs no allocation per field,
// and freeing the batch one reset instead of a free per field (the requests'
// mallocs and frees were several per cent of the server's CPU in an ingest).

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "google/protobuf/arena.h"
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
  struct Batch {
    google::protobuf::Arena arena;
    std::vector<oversight::v1::SubmitRequest*> requests;  // on `arena`
    std::int64_t first_index = 0;                         // stream position of requests[0]
  };

  // What Advance decided, to be done once the lock is released (a Finish may
  // end in OnDone, which deletes this).
  struct Actions {
    oversight::v1::SubmitRequest* read_into = nullptr;
    int write = -1;  // index into batches_
    std::optional<grpc::Status> finish;
  };

  // Decides the next steps from the state: start the write of a full (or
  // last) batch when none is running, read on while the batch being filled
  // has room, finish once nothing is in flight.
  Actions Advance() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Perform(Actions actions) ABSL_LOCKS_EXCLUDED(mu_);

  // Pool task: writes batches_[index] into the response.
  void WriteBatch(int index) ABSL_LOCKS_EXCLUDED(mu_);
  // Adds the batch's results to the response; a failure of the store as a
  // whole is the status to finish with.
  grpc::Status WriteRequests(const Batch& batch);

  Store& store_;
  WorkPool& pool_;
  CallScope scope_;
  oversight::v1::BulkSubmitResponse* response_;  // written only by the one running write
  const int batch_size_;
  const std::int64_t max_records_;

  absl::Mutex mu_;
  // batches_[filling_] is read into under mu_; while writing_, the other one
  // belongs to the running write, which reads it without the lock.
  Batch batches_[2];
  int filling_ ABSL_GUARDED_BY(mu_) = 0;  // the batch reads go into; the other may be written
  oversight::v1::SubmitRequest* incoming_ ABSL_GUARDED_BY(mu_) = nullptr;
  bool reading_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool input_closed_ ABSL_GUARDED_BY(mu_) = false;  // the client half-closed or went away
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  // Set when the stream must end early (record limit, store failure): no
  // more reads or writes; finish once the running ones are done.
  std::optional<grpc::Status> stop_ ABSL_GUARDED_BY(mu_);
  bool over_limit_ ABSL_GUARDED_BY(mu_) = false;
  std::int64_t received_ ABSL_GUARDED_BY(mu_) = 0;
  std::int64_t processed_ ABSL_GUARDED_BY(mu_) = 0;  // records of finished writes
};

}  // namespace oversight::server
