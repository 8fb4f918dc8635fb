#include "server/service/bulk_submit_reactor.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "proto/codec/status_codec.h"
#include "server/repository/submission.h"
#include "server/service/record_provider.h"

namespace oversight::server {

// Two: one batch written while the next is read. More would only hold more
// memory; the store writes one batch of a stream at a time anyway.
constexpr std::size_t kMaxHeldBatches = 2;

BulkSubmitReactor::BulkSubmitReactor(Store& store, WorkPool& pool, CallScope scope,
                                     oversight::v1::BulkSubmitResponse* response, int batch_size,
                                     std::int64_t max_records)
    : store_(store),
      pool_(pool),
      scope_(std::move(scope)),
      response_(response),
      batch_size_(batch_size > 0 ? static_cast<std::size_t>(batch_size) : 1),
      max_records_(max_records) {}

void BulkSubmitReactor::Start() {
  pool_.Submit([this] {
    grpc::Status status = scope_.CheckStillWanted();
    if (status.ok()) status = scope_.Authorize();
    if (!status.ok()) {
      {
        absl::MutexLock lock(&mu_);
        finished_ = true;
      }
      FinishWith(std::move(status));
      return;
    }
    filling_.reserve(batch_size_);
    StartRead(&incoming_);
  });
}

void BulkSubmitReactor::OnReadDone(bool ok) {
  std::optional<grpc::Status> finish;
  bool read_on = false;
  {
    absl::MutexLock lock(&mu_);
    // A store failure ended the call, or is about to, during this read:
    // nothing more is read or written.
    if (finished_ || failure_.has_value()) return;
    if (!ok) {
      // The client half-closed (or went away): write what is left, answer.
      reads_ended_ = true;
      if (!filling_.empty()) {
        const std::int64_t first_index = received_ - static_cast<std::int64_t>(filling_.size());
        Enqueue(Batch{std::move(filling_), first_index});
        filling_.clear();
      }
    } else if (++received_ > max_records_) {
      // The records before this batch are written (or queued, and written
      // before the call ends); this batch is not.
      reads_ended_ = true;
      failure_ = grpc::Status(
          grpc::StatusCode::RESOURCE_EXHAUSTED,
          absl::StrCat("a BulkSubmit stream takes at most ", max_records_, " records; the first ",
                       received_ - 1 - static_cast<std::int64_t>(filling_.size()),
                       " were processed: send the rest in another stream"));
      filling_.clear();
    } else {
      filling_.push_back(std::move(incoming_));
      incoming_.Clear();
      read_on = true;
      if (filling_.size() >= batch_size_) {
        const std::int64_t first_index = received_ - static_cast<std::int64_t>(filling_.size());
        read_on = Enqueue(Batch{std::move(filling_), first_index});
        filling_.clear();
        filling_.reserve(batch_size_);
        if (!read_on) read_paused_ = true;
      }
    }
    finish = TakeFinish();
  }
  if (finish.has_value()) {
    FinishWith(*std::move(finish));
    return;
  }
  if (read_on) StartRead(&incoming_);
}

bool BulkSubmitReactor::Enqueue(Batch batch) {
  queue_.push_back(std::move(batch));
  if (!writing_) {
    writing_ = true;
    pool_.Submit([this] { WriteLoop(); });
  }
  return HeldBatches() < kMaxHeldBatches;
}

void BulkSubmitReactor::WriteLoop() {
  while (true) {
    Batch batch;
    std::optional<grpc::Status> finish;
    bool have_batch = false;
    {
      absl::MutexLock lock(&mu_);
      if (queue_.empty()) {
        // Nothing more to write for now: the call ends here if reading has.
        writing_ = false;
        finish = TakeFinish();
      } else {
        batch = std::move(queue_.front());
        queue_.pop_front();
        in_flight_ = true;
        have_batch = true;
      }
    }
    if (!have_batch) {
      if (finish.has_value()) FinishWith(*std::move(finish));
      return;
    }
    grpc::Status written = WriteBatch(std::move(batch));
    bool resume_reading = false;
    {
      absl::MutexLock lock(&mu_);
      in_flight_ = false;
      if (!written.ok()) {
        // The store failed as a whole: nothing more is written.
        failure_ = std::move(written);
        queue_.clear();
      } else if (read_paused_ && !reads_ended_ && HeldBatches() < kMaxHeldBatches) {
        read_paused_ = false;
        resume_reading = true;
      }
    }
    if (resume_reading) StartRead(&incoming_);
  }
}

std::optional<grpc::Status> BulkSubmitReactor::TakeFinish() {
  if (finished_ || writing_ || in_flight_ || !queue_.empty()) return std::nullopt;
  if (!failure_.has_value() && !reads_ended_) return std::nullopt;
  finished_ = true;
  if (failure_.has_value()) return *failure_;
  if (scope_.context()->IsCancelled()) {
    return grpc::Status(grpc::StatusCode::CANCELLED, "the client cancelled the stream");
  }
  return grpc::Status::OK;
}

grpc::Status BulkSubmitReactor::WriteBatch(Batch batch) {
  std::vector<oversight::v1::SubmitRequest>& pending = batch.requests;
  const std::int64_t first_index = batch.first_index;
  // A caller may only submit records of providers it acts for (the filter
  // hook decides); the others are rejected here, one by one.
  std::vector<oversight::v1::SubmitRequest> admitted;
  admitted.reserve(pending.size());
  std::vector<std::int64_t> admitted_index;  // position in the stream of admitted[i]
  admitted_index.reserve(pending.size());
  std::vector<oversight::v1::BulkSubmitResponse::RecordResult> results;
  std::int64_t denied = 0;
  for (std::size_t i = 0; i < pending.size(); ++i) {
    const std::string& provider_id = RecordProviderId(pending[i].record());
    if (!provider_id.empty() && !scope_.MaySee(RecordResource(pending[i].record()))) {
      oversight::v1::BulkSubmitResponse::RecordResult& result = results.emplace_back();
      result.set_index(first_index + static_cast<std::int64_t>(i));
      *result.mutable_error() = codec::ToRpcStatus(absl::PermissionDeniedError(
          absl::StrCat("caller ", scope_.principal().id, " may not submit records of provider ",
                       provider_id)));
      ++denied;
      continue;
    }
    admitted_index.push_back(first_index + static_cast<std::int64_t>(i));
    admitted.push_back(std::move(pending[i]));
  }
  if (!admitted.empty()) {
    absl::StatusOr<oversight::v1::BulkSubmitResponse> written = SubmitRecords(store_, admitted);
    if (!written.ok()) return codec::ToGrpcStatus(written.status());
    for (oversight::v1::BulkSubmitResponse::RecordResult& result : *written->mutable_results()) {
      const std::int64_t local = result.index();
      if (local < 0 || local >= static_cast<std::int64_t>(admitted_index.size())) {
        return grpc::Status(grpc::StatusCode::INTERNAL,
                            absl::StrCat("repository answered for record ", local, " of a batch of ",
                                         admitted_index.size()));
      }
      result.set_index(admitted_index[local]);
      results.push_back(std::move(result));
    }
    response_->set_stored(response_->stored() + written->stored());
    response_->set_unchanged(response_->unchanged() + written->unchanged());
    response_->set_rejected(response_->rejected() + written->rejected());
  }
  response_->set_rejected(response_->rejected() + denied);
  // Only when some were denied are the two lists interleaved.
  if (denied > 0) {
    std::sort(results.begin(), results.end(),
              [](const auto& a, const auto& b) { return a.index() < b.index(); });
  }
  for (auto& result : results) *response_->add_results() = std::move(result);
  return grpc::Status::OK;
}

void BulkSubmitReactor::FinishWith(grpc::Status status) { Finish(scope_.End(std::move(status))); }

void BulkSubmitReactor::OnDone() { delete this; }

}  // namespace oversight::server
