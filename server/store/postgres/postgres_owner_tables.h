#pragma once
// The owner_aliases and unmatched_owners tables on PostgreSQL (store.h,
// "Owner aliases and unmatched owners"). The writes run inside the caller's
// transaction; PostgresStore's overrides supply the pooled connection, the
// transaction and its retry.

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/store/postgres/pg_connection.h"
#include "server/store/store.h"

namespace oversight::server::postgres_owner_tables {

absl::StatusOr<OwnerAliasRow> PutOwnerAlias(PgConnection& c, const OwnerAliasRow& alias);
absl::StatusOr<bool> DeleteOwnerAlias(PgConnection& c, absl::string_view normalised_name);
absl::StatusOr<std::vector<OwnerAliasRow>> ListOwnerAliases(PgConnection& c);
absl::StatusOr<int> ReplaceUnmatchedOwners(PgConnection& c, absl::string_view source,
                                           absl::Span<const UnmatchedOwnerRow> owners);
absl::StatusOr<std::vector<UnmatchedOwnerRow>> ListUnmatchedOwners(PgConnection& c,
                                                                   absl::string_view source);

}  // namespace oversight::server::postgres_owner_tables
