#include "server/service/bulk_submit_reactor.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "proto/codec/status_codec.h"
#include "server/repository/submission.h"
#include "server/service/record_provider.h"

namespace oversight::server {

BulkSubmitReactor::BulkSubmitReactor(Store& store, WorkPool& pool, CallScope scope,
                                     oversight::v1::BulkSubmitResponse* response, int batch_size,
                                     std::int64_t max_records)
    : store_(store),
      pool_(pool),
      scope_(std::move(scope)),
      response_(response),
      batch_size_(batch_size > 0 ? batch_size : 1),
      max_records_(max_records) {}

void BulkSubmitReactor::Start() {
  pool_.Submit([this] {
    grpc::Status status = scope_.CheckStillWanted();
    if (status.ok()) status = scope_.Authorize();
    Actions actions;
    {
      absl::MutexLock lock(&mu_);
      for (Batch& batch : batches_) batch.requests.reserve(batch_size_);
      if (!status.ok()) stop_ = std::move(status);
      actions = Advance();
    }
    Perform(std::move(actions));
  });
}

void BulkSubmitReactor::OnReadDone(bool ok) {
  Actions actions;
  {
    absl::MutexLock lock(&mu_);
    reading_ = false;
    if (!ok) {
      input_closed_ = true;  // the client half-closed (or went away): write what is left, answer
    } else if (++received_ > max_records_) {
      over_limit_ = true;
      stop_ = grpc::Status::OK;  // the message needs processed_, known once the running write ends
    } else {
      batches_[filling_].requests.push_back(incoming_);
    }
    incoming_ = nullptr;
    actions = Advance();
  }
  Perform(std::move(actions));
}

BulkSubmitReactor::Actions BulkSubmitReactor::Advance() {
  Actions actions;
  if (finished_) return actions;
  if (stop_.has_value()) {
    // A read still in flight may stay: gRPC ends it with the call, and calls
    // OnDone only after OnReadDone.
    if (writing_) return actions;
    finished_ = true;
    if (over_limit_) {
      actions.finish = grpc::Status(
          grpc::StatusCode::RESOURCE_EXHAUSTED,
          absl::StrCat("a BulkSubmit stream takes at most ", max_records_, " records; the first ",
                       processed_, " were processed: send the rest in another stream"));
    } else {
      actions.finish = *std::move(stop_);
    }
    return actions;
  }
  Batch& filling = batches_[filling_];
  const bool full = static_cast<int>(filling.requests.size()) >= batch_size_;
  if (!writing_ && (full || (input_closed_ && !filling.requests.empty()))) {
    writing_ = true;
    actions.write = filling_;
    filling_ = 1 - filling_;
    batches_[filling_].first_index = received_;
  }
  if (!input_closed_ && !reading_ &&
      static_cast<int>(batches_[filling_].requests.size()) < batch_size_) {
    reading_ = true;
    incoming_ = google::protobuf::Arena::CreateMessage<oversight::v1::SubmitRequest>(
        &batches_[filling_].arena);
    actions.read_into = incoming_;
  }
  if (input_closed_ && !reading_ && !writing_ && batches_[filling_].requests.empty()) {
    finished_ = true;
    actions.finish = scope_.context()->IsCancelled()
                         ? grpc::Status(grpc::StatusCode::CANCELLED, "the client cancelled the stream")
                         : grpc::Status::OK;
  }
  return actions;
}

void BulkSubmitReactor::Perform(Actions actions) {
  if (actions.write >= 0) {
    const int index = actions.write;
    pool_.Submit([this, index] { WriteBatch(index); });
  }
  if (actions.read_into != nullptr) StartRead(actions.read_into);
  if (actions.finish.has_value()) Finish(scope_.End(*std::move(actions.finish)));
}

void BulkSubmitReactor::WriteBatch(int index) {
  Batch& batch = batches_[index];
  grpc::Status status = WriteRequests(batch);
  const std::int64_t written = static_cast<std::int64_t>(batch.requests.size());
  // The batch's requests are done with (the results hold copies).
  batch.requests.clear();
  batch.arena.Reset();
  Actions actions;
  {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    processed_ += written;
    if (!status.ok() && !stop_.has_value()) stop_ = std::move(status);
    actions = Advance();
  }
  Perform(std::move(actions));
}

grpc::Status BulkSubmitReactor::WriteRequests(const Batch& batch) {
  // A caller may only submit records of providers it acts for (the filter
  // hook decides); the others are rejected here, one by one.
  std::vector<const oversight::v1::SubmitRequest*> allowed;
  std::vector<std::int64_t> allowed_index;  // position in the stream of allowed[i]
  std::vector<oversight::v1::BulkSubmitResponse::RecordResult> results;
  std::int64_t denied = 0;
  allowed.reserve(batch.requests.size());
  allowed_index.reserve(batch.requests.size());
  for (std::size_t i = 0; i < batch.requests.size(); ++i) {
    const oversight::v1::SubmitRequest& request = *batch.requests[i];
    const std::int64_t index = batch.first_index + static_cast<std::int64_t>(i);
    const std::string& provider_id = RecordProviderId(request.record());
    if (!provider_id.empty() && !scope_.MaySee(RecordResource(request.record()))) {
      oversight::v1::BulkSubmitResponse::RecordResult& result = results.emplace_back();
      result.set_index(index);
      *result.mutable_error() = codec::ToRpcStatus(absl::PermissionDeniedError(
          absl::StrCat("caller ", scope_.principal().id, " may not submit records of provider ",
                       provider_id)));
      ++denied;
      continue;
    }
    allowed_index.push_back(index);
    allowed.push_back(&request);
  }
  if (!allowed.empty()) {
    absl::StatusOr<oversight::v1::BulkSubmitResponse> written =
        SubmitRecords(store_, absl::MakeConstSpan(allowed));
    if (!written.ok()) return codec::ToGrpcStatus(written.status());
    for (oversight::v1::BulkSubmitResponse::RecordResult& result : *written->mutable_results()) {
      const std::int64_t local = result.index();
      if (local < 0 || local >= static_cast<std::int64_t>(allowed_index.size())) {
        return grpc::Status(grpc::StatusCode::INTERNAL,
                            absl::StrCat("repository answered for record ", local, " of a batch of ",
                                         allowed_index.size()));
      }
      result.set_index(allowed_index[local]);
      results.push_back(std::move(result));
    }
    response_->set_stored(response_->stored() + written->stored());
    response_->set_unchanged(response_->unchanged() + written->unchanged());
    response_->set_rejected(response_->rejected() + written->rejected());
  }
  response_->set_rejected(response_->rejected() + denied);
  std::sort(results.begin(), results.end(),
            [](const auto& a, const auto& b) { return a.index() < b.index(); });
  for (auto& result : results) *response_->add_results() = std::move(result);
  return grpc::Status::OK;
}

void BulkSubmitReactor::OnDone() { delete this; }

}  // namespace oversight::server
