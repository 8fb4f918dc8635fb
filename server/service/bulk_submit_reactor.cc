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
    if (!status.ok()) {
      FinishWith(std::move(status));
      return;
    }
    pending_.reserve(batch_size_);
    ReadNext();
  });
}

void BulkSubmitReactor::ReadNext() {
  incoming_ = google::protobuf::Arena::CreateMessage<oversight::v1::SubmitRequest>(&arena_);
  StartRead(incoming_);
}

void BulkSubmitReactor::OnReadDone(bool ok) {
  if (!ok) {
    // The client half-closed (or went away): write what is left, answer.
    pool_.Submit([this] { WriteBatch(/*then_finish=*/true); });
    return;
  }
  if (++received_ > max_records_) {
    FinishWith(grpc::Status(
        grpc::StatusCode::RESOURCE_EXHAUSTED,
        absl::StrCat("a BulkSubmit stream takes at most ", max_records_,
                     " records; the first ", received_ - 1 - static_cast<std::int64_t>(pending_.size()),
                     " were processed: send the rest in another stream")));
    return;
  }
  pending_.push_back(incoming_);
  incoming_ = nullptr;
  if (static_cast<int>(pending_.size()) >= batch_size_) {
    pool_.Submit([this] { WriteBatch(/*then_finish=*/false); });
    return;
  }
  ReadNext();
}

void BulkSubmitReactor::WriteBatch(bool then_finish) {
  if (!WritePending()) return;
  if (!then_finish) {
    ReadNext();
    return;
  }
  if (scope_.context()->IsCancelled()) {
    FinishWith(grpc::Status(grpc::StatusCode::CANCELLED, "the client cancelled the stream"));
    return;
  }
  FinishWith(grpc::Status::OK);
}

bool BulkSubmitReactor::WritePending() {
  if (pending_.empty()) return true;
  const std::int64_t first_index = received_ - static_cast<std::int64_t>(pending_.size());
  // A caller may only submit records of providers it acts for (the filter
  // hook decides); the others are rejected here, one by one.
  std::vector<const oversight::v1::SubmitRequest*> batch;
  std::vector<std::int64_t> batch_index;  // position in the stream of batch[i]
  std::vector<oversight::v1::BulkSubmitResponse::RecordResult> results;
  std::int64_t denied = 0;
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    const std::string& provider_id = RecordProviderId(pending_[i]->record());
    if (!provider_id.empty() && !scope_.MaySee(RecordResource(pending_[i]->record()))) {
      oversight::v1::BulkSubmitResponse::RecordResult& result = results.emplace_back();
      result.set_index(first_index + static_cast<std::int64_t>(i));
      *result.mutable_error() = codec::ToRpcStatus(absl::PermissionDeniedError(
          absl::StrCat("caller ", scope_.principal().id, " may not submit records of provider ",
                       provider_id)));
      ++denied;
      continue;
    }
    batch_index.push_back(first_index + static_cast<std::int64_t>(i));
    batch.push_back(pending_[i]);
  }
  if (!batch.empty()) {
    absl::StatusOr<oversight::v1::BulkSubmitResponse> written =
        SubmitRecords(store_, absl::MakeConstSpan(batch));
    if (!written.ok()) {
      FinishWith(codec::ToGrpcStatus(written.status()));
      return false;
    }
    for (oversight::v1::BulkSubmitResponse::RecordResult& result : *written->mutable_results()) {
      const std::int64_t local = result.index();
      if (local < 0 || local >= static_cast<std::int64_t>(batch_index.size())) {
        FinishWith(grpc::Status(grpc::StatusCode::INTERNAL,
                                absl::StrCat("repository answered for record ", local, " of a batch of ",
                                             batch_index.size())));
        return false;
      }
      result.set_index(batch_index[local]);
      results.push_back(std::move(result));
    }
    response_->set_stored(response_->stored() + written->stored());
    response_->set_unchanged(response_->unchanged() + written->unchanged());
    response_->set_rejected(response_->rejected() + written->rejected());
  }
  // The batch's requests are done with (the results hold copies).
  batch.clear();
  pending_.clear();
  arena_.Reset();
  response_->set_rejected(response_->rejected() + denied);
  std::sort(results.begin(), results.end(),
            [](const auto& a, const auto& b) { return a.index() < b.index(); });
  for (auto& result : results) *response_->add_results() = std::move(result);
  return true;
}

void BulkSubmitReactor::FinishWith(grpc::Status status) { Finish(scope_.End(std::move(status))); }

void BulkSubmitReactor::OnDone() { delete this; }

}  // namespace oversight::server
