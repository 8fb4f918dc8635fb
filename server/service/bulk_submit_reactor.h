#pragma once
// One BulkSubmit stream: records are read in batches and each batch is
// written in one store transaction (each record on its own savepoint, by the
// repository), so throughput does not depend on one commit per record. A
// record that fails validation is rejected on its own with a
// google.rpc.Status; the others are stored. Reading pauses while a batch is
// written, which bounds memory to one batch whatever the client sends.
// A batch's requests are read into a protobuf arena that is emptied once the
// batch is written: decoding a record then costs no allocation per field, and
// freeing the batch one reset instead of a free per field (the requests'
// mallocs and frees were several per cent of the server's CPU in an ingest).

#include <cstdint>
#include <vector>

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
  // Pool task: writes the pending batch; then reads on, or finishes.
  void WriteBatch(bool then_finish);
  // Reads the next request into a new message on the arena.
  void ReadNext();
  // Writes the pending batch into the response; false (and Finish) on a
  // failure of the store as a whole.
  bool WritePending();
  void FinishWith(grpc::Status status);

  Store& store_;
  WorkPool& pool_;
  CallScope scope_;
  oversight::v1::BulkSubmitResponse* response_;
  const int batch_size_;
  const std::int64_t max_records_;

  // Only one of {a read, a batch write} is ever in flight, so these need no
  // lock: each step happens-before the next through gRPC or the pool.
  // incoming_ and pending_ point into arena_, which is reset after each
  // batch is written (nothing of a request outlives its batch: the results
  // are copied into the response).
  google::protobuf::Arena arena_;
  oversight::v1::SubmitRequest* incoming_ = nullptr;
  std::vector<oversight::v1::SubmitRequest*> pending_;
  std::int64_t received_ = 0;
};

}  // namespace oversight::server
