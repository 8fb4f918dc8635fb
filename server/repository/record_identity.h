#pragma once
// What identifies a submitted record in the store, and its canonical bytes.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "oversight/v1/oversight.pb.h"
#include "proto/codec/record_codec.h"
#include "server/store/store.h"

namespace oversight::server {

// A validated submission, ready for Store::PutRecord.
struct PreparedRecord {
  codec::DomainRecord record;  // the decoded, validated record
  RecordWrite write;           // kind, provider, key, canonical payload, idempotency key, hash
  std::string display_key;     // "accounts/P001/2025-03-31": SubmitResponse.record_key
};

RecordKind KindOf(const codec::DomainRecord& record);

// The record's key within its kind and provider:
//   provider: provider_id; accounts and related-party flows: period end;
//   facility: facility_id; setting: URN;
//   placement: as_of/placing_local_authority/setting_type;
//   equity observation: as_of.
std::string RecordKeyOf(const codec::DomainRecord& record);

// Deterministic serialization of the record's oversight.v1 message (the
// specific message, e.g. oversight.v1.Accounts, not the Record wrapper),
// encoded from the domain value so that equal records give equal bytes, with
// provenance.version cleared (the store assigns versions).
std::string CanonicalPayload(const codec::DomainRecord& record);

// Decodes a stored payload of `kind`: DATA_LOSS naming the record when the
// bytes do not parse or no longer validate.
absl::StatusOr<codec::DomainRecord> DecodeStoredRecord(const StoredRecord& stored);

// Validates the request through the codec (INVALID_ARGUMENT with every field
// violation; "idempotency_key" is required) and derives the store write.
// The request hash covers kind, provider, key and canonical payload.
absl::StatusOr<PreparedRecord> PrepareSubmission(const oversight::v1::SubmitRequest& request);

}  // namespace oversight::server
