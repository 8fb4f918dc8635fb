#include "server/store/store_support.h"

#include <openssl/evp.h>

#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/store/sha256.h"

namespace oversight::server::store_internal {
namespace {

constexpr char kTimestampFormat[] = "%Y-%m-%dT%H:%M:%E6SZ";

}  // namespace

std::string FormatTimestamp(absl::Time t) {
  return absl::FormatTime(kTimestampFormat, t, absl::UTCTimeZone());
}

std::string NowTimestamp() { return FormatTimestamp(absl::Now()); }

absl::Status CheckDate(absl::string_view field, absl::string_view value) {
  absl::Time t;
  std::string error;
  // Parse then format back: rejects "2026-2-3" and "2026-02-30", which a
  // lenient parse would accept or normalise.
  if (value.size() != 10 || !absl::ParseTime("%Y-%m-%d", value, absl::UTCTimeZone(), &t, &error) ||
      absl::FormatTime("%Y-%m-%d", t, absl::UTCTimeZone()) != value) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": '", value, "' is not a date in the form YYYY-MM-DD"));
  }
  return absl::OkStatus();
}

absl::Status CheckTimestamp(absl::string_view field, absl::string_view value) {
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, value, &t, &error)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": '", value, "' is not an RFC 3339 timestamp (", error, ")"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> TimestampOrNow(absl::string_view field, absl::string_view value) {
  if (value.empty()) return NowTimestamp();
  if (absl::Status s = CheckTimestamp(field, value); !s.ok()) return s;
  return std::string(value);
}

absl::Status CheckNotEmpty(absl::string_view field, absl::string_view value) {
  if (value.empty()) return absl::InvalidArgumentError(absl::StrCat(field, ": must not be empty"));
  return absl::OkStatus();
}

absl::Status CheckLimit(absl::string_view field, int limit) {
  if (limit <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": must be positive, got ", limit));
  }
  return absl::OkStatus();
}

absl::Status CheckRecordWrite(const RecordWrite& write) {
  if (absl::Status s = CheckNotEmpty("idempotency_key", write.idempotency_key); !s.ok()) return s;
  if (absl::Status s = CheckNotEmpty("provider_id", write.provider_id); !s.ok()) return s;
  // Kind must be one of the named kinds (a cast from a bad int is rejected).
  if (RecordKindName(write.kind).empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("kind: unknown record kind ", static_cast<int>(write.kind)));
  }
  return absl::OkStatus();
}

absl::Status ProviderNotRegistered(absl::string_view provider_id) {
  return absl::FailedPreconditionError(absl::StrCat(
      "provider ", provider_id, " is not registered: submit the provider first"));
}

absl::Status CheckAssessment(const AssessmentRow& row) {
  if (absl::Status s = CheckNotEmpty("assessment.provider_id", row.provider_id); !s.ok()) return s;
  if (absl::Status s = CheckDate("assessment.as_of", row.as_of); !s.ok()) return s;
  if (absl::Status s = CheckNotEmpty("assessment.inputs_fingerprint", row.inputs_fingerprint);
      !s.ok()) {
    return s;
  }
  return absl::OkStatus();
}

absl::Status CheckAlert(const AlertRow& row) {
  if (absl::Status s = CheckNotEmpty("alert.alert_key", row.alert_key); !s.ok()) return s;
  if (absl::Status s = CheckNotEmpty("alert.provider_id", row.provider_id); !s.ok()) return s;
  if (absl::Status s = CheckDate("alert.as_of", row.as_of); !s.ok()) return s;
  if (!row.created_at.empty()) {
    if (absl::Status s = CheckTimestamp("alert.created_at", row.created_at); !s.ok()) return s;
  }
  return absl::OkStatus();
}

std::string ContentHash(absl::string_view payload) {
  Sha256Digest sha;
  sha.Add(payload);
  return sha.FinishHex();
}

std::string EncodeWriteResult(const WriteResult& result) {
  return absl::StrCat(result.outcome == WriteOutcome::kStored ? "stored " : "unchanged ",
                      result.version);
}

absl::StatusOr<WriteResult> DecodeWriteResult(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, ' ');
  WriteResult result;
  if (parts.size() == 2 && absl::SimpleAtoi(parts[1], &result.version)) {
    if (parts[0] == "stored") {
      result.outcome = WriteOutcome::kStored;
      return result;
    }
    if (parts[0] == "unchanged") {
      result.outcome = WriteOutcome::kUnchanged;
      return result;
    }
  }
  return absl::DataLossError(absl::StrCat("idempotency.result: cannot decode '", text, "'"));
}

absl::StatusOr<WriteResult> ReplayIdempotent(const RecordWrite& write,
                                            absl::string_view stored_request_hash,
                                            absl::string_view stored_result) {
  if (stored_request_hash != write.request_hash) {
    return absl::AlreadyExistsError(
        absl::StrCat("idempotency_key: '", write.idempotency_key,
                     "' was already used for a different request; nothing was written"));
  }
  absl::StatusOr<WriteResult> result = DecodeWriteResult(stored_result);
  if (result.ok()) result->replayed = true;
  return result;
}

}  // namespace oversight::server::store_internal
