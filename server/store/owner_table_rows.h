#pragma once
// Checks and column encodings of the owner_aliases and unmatched_owners
// tables, shared by the SQLite and PostgreSQL stores so that both refuse and
// answer identically (see store.h, "Owner aliases and unmatched owners").

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/store/store.h"

namespace oversight::server::store_internal {

// The alias as it is stored: checked, created_at filled (now when empty).
absl::StatusOr<OwnerAliasRow> PrepareOwnerAlias(const OwnerAliasRow& alias);

// The rows to insert for ReplaceUnmatchedOwners(source, owners): each with
// source and seen_at set (one timestamp for the whole list), or
// INVALID_ARGUMENT naming the first bad field ("owners[2].owner_name").
absl::StatusOr<std::vector<UnmatchedOwnerRow>> PrepareUnmatchedOwners(
    absl::string_view source, absl::Span<const UnmatchedOwnerRow> owners);

// A list of ids in one text column: a JSON array of strings, so any id
// round-trips (no separator can clash) and the column reads well in psql.
std::string EncodeTextList(const std::vector<std::string>& values);
// DATA_LOSS naming `column` when the text is not such an array.
absl::StatusOr<std::vector<std::string>> DecodeTextList(absl::string_view column,
                                                        absl::string_view text);

// The order of ListUnmatchedOwners: most settings first, then owner name,
// then source (ORDER BY settings DESC, owner_name, source in both backends).
inline constexpr char kUnmatchedOwnersOrder[] = "settings DESC, owner_name, source, normalised_name";

}  // namespace oversight::server::store_internal
