#pragma once
// The owner_aliases and unmatched_owners tables on SQLite (store.h, "Owner
// aliases and unmatched owners"). The writes run inside the caller's
// transaction on the writer connection; the reads on any connection.
// SqliteStore's overrides supply the connection and the transaction.

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/store/sqlite/sqlite_connection.h"
#include "server/store/store.h"

namespace oversight::server::sqlite_owner_tables {

absl::StatusOr<OwnerAliasRow> PutOwnerAlias(SqliteConnection& c, const OwnerAliasRow& alias);
absl::StatusOr<bool> DeleteOwnerAlias(SqliteConnection& c, absl::string_view normalised_name);
absl::StatusOr<std::vector<OwnerAliasRow>> ListOwnerAliases(SqliteConnection& c);
absl::StatusOr<int> ReplaceUnmatchedOwners(SqliteConnection& c, absl::string_view source,
                                           absl::Span<const UnmatchedOwnerRow> owners);
absl::StatusOr<std::vector<UnmatchedOwnerRow>> ListUnmatchedOwners(SqliteConnection& c,
                                                                   absl::string_view source);

}  // namespace oversight::server::sqlite_owner_tables
