#pragma once
// Submission of input records: validate, canonicalise, check that the
// provider is registered, then write. Nothing reaches the store unless valid.

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "oversight/v1/oversight.pb.h"
#include "server/store/store.h"

namespace oversight::server {

// One record. INVALID_ARGUMENT with field violations for a bad record;
// FAILED_PRECONDITION ("provider P009 is not registered: submit the provider
// first") for a record whose provider has no provider record; the store's
// ALREADY_EXISTS for an idempotency key reused with a different record.
absl::StatusOr<oversight::v1::SubmitResponse> SubmitRecord(
    Store& store, const oversight::v1::SubmitRequest& request);

// Many records, each accepted or rejected on its own. A provider record
// earlier in the same batch registers its provider for the records after it
// (provider records are written first, so a record never lands without its
// provider). Errors of the store as a whole (UNAVAILABLE, ...) fail the call.
absl::StatusOr<oversight::v1::BulkSubmitResponse> SubmitRecords(
    Store& store, absl::Span<const oversight::v1::SubmitRequest> requests);
// The same for requests held by pointer (the BulkSubmit reactor's batch,
// which lives on its protobuf arena).
absl::StatusOr<oversight::v1::BulkSubmitResponse> SubmitRecords(
    Store& store, absl::Span<const oversight::v1::SubmitRequest* const> requests);

}  // namespace oversight::server
