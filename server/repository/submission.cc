#include "server/repository/submission.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "risk/domain/accounts.h"
#include "proto/codec/status_codec.h"
#include "server/repository/record_identity.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;

// When the stored version must be kept whatever was submitted: the request
// asked to fill only a missing record (an importer's prior-year
// comparatives), or it carries accounts filed before the stored version's
// filing (an older filing arriving after a newer one for the same period).
bool MayKeepStoredVersion(const v1::SubmitRequest& request, const PreparedRecord& prepared) {
  if (request.only_if_absent()) return true;
  const auto* accounts = std::get_if<risk::Accounts>(&prepared.record);
  return accounts != nullptr && accounts->filing_date != risk::Date();
}

// `current`: the record's current stored version, if any. nullopt: write as
// usual.
absl::StatusOr<std::optional<v1::SubmitResponse>> KeepDecision(const v1::SubmitRequest& request,
                                                              const PreparedRecord& prepared,
                                                              const StoredRecord* current) {
  if (current == nullptr) return std::nullopt;
  v1::SubmitResponse kept;
  kept.set_record_key(prepared.display_key);
  kept.set_version(current->version);
  if (request.only_if_absent()) {
    kept.set_outcome(v1::SUBMIT_OUTCOME_UNCHANGED);
    return kept;
  }
  const auto* accounts = std::get_if<risk::Accounts>(&prepared.record);
  if (accounts == nullptr) return std::nullopt;
  absl::StatusOr<codec::DomainRecord> stored = DecodeStoredRecord(*current);
  if (!stored.ok()) return stored.status();
  const risk::Date stored_filing = std::get<risk::Accounts>(*stored).filing_date;
  if (stored_filing != risk::Date() && accounts->filing_date < stored_filing) {
    kept.set_outcome(v1::SUBMIT_OUTCOME_SUPERSEDED);
    return kept;
  }
  return std::nullopt;
}

// One record: reads its history (a primary-key range read) only when it may
// be kept.
absl::StatusOr<std::optional<v1::SubmitResponse>> KeptStoredVersion(Store& store, const v1::SubmitRequest& request,
                                                                   const PreparedRecord& prepared) {
  if (!MayKeepStoredVersion(request, prepared)) return std::nullopt;
  const RecordWrite& write = prepared.write;
  absl::StatusOr<std::vector<StoredRecord>> history =
      store.RecordHistory(write.kind, write.provider_id, write.record_key);
  if (!history.ok()) return history.status();
  return KeepDecision(request, prepared, history->empty() ? nullptr : &history->back());
}

// The current records of each provider named, read once per provider, for
// the records of a batch that may be kept: bulk loads of dated accounts cost
// one read per provider, not one per record.
class CurrentVersions {
 public:
  explicit CurrentVersions(Store& store) : store_(store) {}
  absl::StatusOr<const StoredRecord*> Find(const RecordWrite& write) {
    auto it = by_provider_.find(write.provider_id);
    if (it == by_provider_.end()) {
      absl::StatusOr<std::vector<StoredRecord>> records = store_.CurrentRecords(write.provider_id);
      if (!records.ok()) return records.status();
      it = by_provider_.emplace(write.provider_id, *std::move(records)).first;
    }
    for (const StoredRecord& r : it->second) {
      if (r.kind == write.kind && r.record_key == write.record_key) return &r;
    }
    return nullptr;
  }

 private:
  Store& store_;
  absl::flat_hash_map<std::string, std::vector<StoredRecord>> by_provider_;
};

v1::SubmitResponse ToResponse(const WriteResult& result, std::string display_key) {
  v1::SubmitResponse response;
  response.set_outcome(result.outcome == WriteOutcome::kStored ? v1::SUBMIT_OUTCOME_STORED
                                                               : v1::SUBMIT_OUTCOME_UNCHANGED);
  response.set_record_key(std::move(display_key));
  response.set_version(result.version);
  return response;
}

// Tracks the bulk response as records are settled.
class BulkResults {
 public:
  explicit BulkResults(std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) response_.add_results()->set_index(static_cast<std::int64_t>(i));
  }
  void Reject(std::size_t i, const absl::Status& status) {
    *response_.mutable_results(static_cast<int>(i))->mutable_error() = codec::ToRpcStatus(status);
    response_.set_rejected(response_.rejected() + 1);
  }
  // Nothing written: the stored version was kept (see KeptStoredVersion).
  void Keep(std::size_t i, v1::SubmitResponse kept) {
    *response_.mutable_results(static_cast<int>(i))->mutable_result() = std::move(kept);
    response_.set_unchanged(response_.unchanged() + 1);
  }
  void Accept(std::size_t i, const WriteResult& result, std::string display_key) {
    *response_.mutable_results(static_cast<int>(i))->mutable_result() =
        ToResponse(result, std::move(display_key));
    if (result.outcome == WriteOutcome::kStored) {
      response_.set_stored(response_.stored() + 1);
    } else {
      response_.set_unchanged(response_.unchanged() + 1);
    }
  }
  v1::BulkSubmitResponse Take() { return std::move(response_); }

 private:
  v1::BulkSubmitResponse response_;
};

// Writes the prepared records at `indices` in one store call (one
// transaction, one commit) and settles them. The writes are moved out of
// `prepared`: the payloads are not copied again.
absl::Status WriteBatch(Store& store, std::vector<std::optional<PreparedRecord>>& prepared,
                        const std::vector<std::size_t>& indices, BulkResults& results) {
  if (indices.empty()) return absl::OkStatus();
  std::vector<RecordWrite> writes;
  writes.reserve(indices.size());
  for (std::size_t i : indices) writes.push_back(std::move(prepared[i]->write));
  auto outcomes = store.PutRecords(writes);
  if (!outcomes.ok()) return outcomes.status();
  if (outcomes->size() != indices.size()) {
    return absl::InternalError(absl::StrCat("store answered ", outcomes->size(), " results for ",
                                            indices.size(), " records"));
  }
  for (std::size_t k = 0; k < indices.size(); ++k) {
    const std::size_t i = indices[k];
    const absl::StatusOr<WriteResult>& outcome = (*outcomes)[k];
    if (outcome.ok()) {
      results.Accept(i, *outcome, std::move(prepared[i]->display_key));
    } else {
      results.Reject(i, outcome.status());
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::SubmitResponse> SubmitRecord(Store& store, const v1::SubmitRequest& request) {
  absl::StatusOr<PreparedRecord> prepared = PrepareSubmission(request);
  if (!prepared.ok()) return prepared.status();
  // The store refuses a record whose provider is not registered, checked in
  // the writing transaction (FAILED_PRECONDITION, "submit the provider first").
  prepared->write.requires_provider = prepared->write.kind != RecordKind::kProvider;
  absl::StatusOr<std::optional<v1::SubmitResponse>> kept = KeptStoredVersion(store, request, *prepared);
  if (!kept.ok()) return kept.status();
  if (kept->has_value()) return **kept;
  absl::StatusOr<WriteResult> result = store.PutRecord(prepared->write);
  if (!result.ok()) return result.status();
  return ToResponse(*result, std::move(prepared->display_key));
}

// The whole batch is one PutRecords call, in the order submitted, so it
// costs one commit (with synchronous=FULL, one fsync of the WAL). A record
// other than a provider's is written with requires_provider: the store
// accepts it only when its provider was registered before the batch or by
// an accepted provider record earlier in the batch, exactly as if the
// records had been submitted one by one; a record placed ahead of its
// provider record, or after a refused one, is refused.
absl::StatusOr<v1::BulkSubmitResponse> SubmitRecords(Store& store,
                                                     absl::Span<const v1::SubmitRequest> requests) {
  std::vector<const v1::SubmitRequest*> pointers;
  pointers.reserve(requests.size());
  for (const v1::SubmitRequest& request : requests) pointers.push_back(&request);
  return SubmitRecords(store, absl::MakeConstSpan(pointers));
}

absl::StatusOr<v1::BulkSubmitResponse> SubmitRecords(
    Store& store, absl::Span<const v1::SubmitRequest* const> requests) {
  const std::size_t n = requests.size();
  BulkResults results(n);
  std::vector<std::optional<PreparedRecord>> prepared(n);
  std::vector<std::size_t> writable;
  writable.reserve(n);
  CurrentVersions current_versions(store);
  for (std::size_t i = 0; i < n; ++i) {
    absl::StatusOr<PreparedRecord> p = PrepareSubmission(*requests[i]);
    if (!p.ok()) {
      results.Reject(i, p.status());
      continue;
    }
    if (p->write.kind != RecordKind::kProvider) {
      p->write.requires_provider = true;
      // Kept records write nothing. The current versions are those before
      // the batch: a provider first registered in this batch has none.
      if (MayKeepStoredVersion(*requests[i], *p)) {
        absl::StatusOr<const StoredRecord*> current = current_versions.Find(p->write);
        if (!current.ok()) return current.status();
        absl::StatusOr<std::optional<v1::SubmitResponse>> kept = KeepDecision(*requests[i], *p, *current);
        if (!kept.ok()) return kept.status();
        if (kept->has_value()) {
          results.Keep(i, **kept);
          continue;
        }
      }
    }
    prepared[i] = *std::move(p);
    writable.push_back(i);
  }
  if (absl::Status s = WriteBatch(store, prepared, writable, results); !s.ok()) return s;
  return results.Take();
}

}  // namespace oversight::server
