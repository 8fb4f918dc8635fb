#pragma once
// Checks and encodings shared by the SQLite and PostgreSQL stores, so the two
// backends validate and answer identically.

#include <cstdint>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/store/store.h"

// Early-return helpers for the store implementations (internal only).
#define STORE_RETURN_IF_ERROR(expr)                      \
  do {                                                   \
    if (absl::Status _s = (expr); !_s.ok()) return _s;   \
  } while (false)

#define STORE_ASSIGN_OR_RETURN(lhs, expr)          \
  auto lhs##_or = (expr);                          \
  if (!lhs##_or.ok()) return lhs##_or.status();    \
  auto lhs = std::move(*lhs##_or)

namespace oversight::server::store_internal {

// The largest page a listing call returns; larger limits are clamped.
inline constexpr int kMaxPageSize = 10000;

// "2026-11-24T22:26:35.123456Z": RFC 3339 in UTC with microseconds, so that
// text order is time order.
std::string FormatTimestamp(absl::Time t);
std::string NowTimestamp();

// INVALID_ARGUMENT naming `field` unless `value` is a real calendar date
// written YYYY-MM-DD (text order must be date order).
absl::Status CheckDate(absl::string_view field, absl::string_view value);
// INVALID_ARGUMENT naming `field` unless `value` is an RFC 3339 timestamp.
absl::Status CheckTimestamp(absl::string_view field, absl::string_view value);
// `value` when set (checked), otherwise now.
absl::StatusOr<std::string> TimestampOrNow(absl::string_view field, absl::string_view value);
absl::Status CheckNotEmpty(absl::string_view field, absl::string_view value);
absl::Status CheckLimit(absl::string_view field, int limit);

absl::Status CheckRecordWrite(const RecordWrite& write);
// The refusal of a write with requires_provider whose provider has no
// provider record (the same words the repository uses for a single record).
absl::Status ProviderNotRegistered(absl::string_view provider_id);
absl::Status CheckAssessment(const AssessmentRow& row);
absl::Status CheckAlert(const AlertRow& row);

// Lower-case hex SHA-256 of the payload: stored beside every record version
// so an unchanged payload is found without reading the previous bytes.
std::string ContentHash(absl::string_view payload);

// The idempotency table keeps the first result of a key as "stored 3" or
// "unchanged 3".
std::string EncodeWriteResult(const WriteResult& result);
absl::StatusOr<WriteResult> DecodeWriteResult(absl::string_view text);

// The answer for a key seen before: the first result when the request hash
// matches, ALREADY_EXISTS otherwise.
absl::StatusOr<WriteResult> ReplayIdempotent(const RecordWrite& write,
                                            absl::string_view stored_request_hash,
                                            absl::string_view stored_result);

}  // namespace oversight::server::store_internal
