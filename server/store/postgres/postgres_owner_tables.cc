#include "server/store/postgres/postgres_owner_tables.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/store/owner_table_rows.h"
#include "server/store/store_support.h"

namespace oversight::server::postgres_owner_tables {
namespace {

using store_internal::CheckNotEmpty;
using store_internal::DecodeTextList;
using store_internal::EncodeTextList;

constexpr char kAliasColumns[] = "normalised_name, owner_name, provider_id, created_by, created_at";
constexpr char kUnmatchedColumns[] =
    "source, normalised_name, owner_name, ambiguous, candidates, settings, urns, seen_at";
// pg_advisory_xact_lock(class, key) serialises replacements of one source:
// two concurrent ones would otherwise each delete only the rows their
// snapshot saw and then collide on the other's inserts. The class ("ownr"
// in ASCII) keeps these keys apart from the store's other advisory locks.
constexpr char kUnmatchedLockClass[] = "1870097010";

OwnerAliasRow ReadAlias(const PgResult& r, int i) {
  OwnerAliasRow a;
  a.normalised_name = r.Text(i, 0);
  a.owner_name = r.Text(i, 1);
  a.provider_id = r.Text(i, 2);
  a.created_by = r.Text(i, 3);
  a.created_at = r.Text(i, 4);
  return a;
}

absl::StatusOr<UnmatchedOwnerRow> ReadUnmatched(const PgResult& r, int i) {
  UnmatchedOwnerRow u;
  u.source = r.Text(i, 0);
  u.normalised_name = r.Text(i, 1);
  u.owner_name = r.Text(i, 2);
  u.ambiguous = r.Text(i, 3) == "t";
  STORE_ASSIGN_OR_RETURN(candidates, DecodeTextList("unmatched_owners.candidates", r.Text(i, 4)));
  u.candidates = std::move(candidates);
  u.settings = static_cast<int>(r.Int(i, 5));
  STORE_ASSIGN_OR_RETURN(urns, DecodeTextList("unmatched_owners.urns", r.Text(i, 6)));
  u.urns = std::move(urns);
  u.seen_at = r.Text(i, 7);
  return u;
}

}  // namespace

absl::StatusOr<OwnerAliasRow> PutOwnerAlias(PgConnection& c, const OwnerAliasRow& alias) {
  STORE_ASSIGN_OR_RETURN(row, store_internal::PrepareOwnerAlias(alias));
  // FOR KEY SHARE: a provider's head row cannot go while the alias naming it
  // commits (none is ever deleted today; the table must not depend on that).
  STORE_ASSIGN_OR_RETURN(
      known, c.Exec("SELECT 1 FROM record_heads WHERE provider_id = $1 AND kind = 'provider' "
                    "LIMIT 1 FOR KEY SHARE",
                    PgParams().Text(row.provider_id)));
  if (known.rows() == 0) {
    return absl::NotFoundError(absl::StrCat("alias.provider_id: no provider '", row.provider_id, "'"));
  }
  STORE_RETURN_IF_ERROR(
      c.Exec(absl::StrCat(
                 "INSERT INTO owner_aliases (", kAliasColumns, ") VALUES ($1, $2, $3, $4, $5) "
                 "ON CONFLICT (normalised_name) DO UPDATE SET owner_name = excluded.owner_name, "
                 "provider_id = excluded.provider_id, created_by = excluded.created_by, "
                 "created_at = excluded.created_at"),
             PgParams()
                 .Text(row.normalised_name)
                 .Text(row.owner_name)
                 .Text(row.provider_id)
                 .Text(row.created_by)
                 .Text(row.created_at))
          .status());
  return row;
}

absl::StatusOr<bool> DeleteOwnerAlias(PgConnection& c, absl::string_view normalised_name) {
  STORE_RETURN_IF_ERROR(CheckNotEmpty("normalised_name", normalised_name));
  STORE_ASSIGN_OR_RETURN(removed, c.Exec("DELETE FROM owner_aliases WHERE normalised_name = $1",
                                         PgParams().Text(normalised_name)));
  return removed.affected() > 0;
}

absl::StatusOr<std::vector<OwnerAliasRow>> ListOwnerAliases(PgConnection& c) {
  STORE_ASSIGN_OR_RETURN(
      r, c.Exec(absl::StrCat("SELECT ", kAliasColumns, " FROM owner_aliases ORDER BY normalised_name")));
  std::vector<OwnerAliasRow> aliases;
  aliases.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) aliases.push_back(ReadAlias(r, i));
  return aliases;
}

absl::StatusOr<int> ReplaceUnmatchedOwners(PgConnection& c, absl::string_view source,
                                           absl::Span<const UnmatchedOwnerRow> owners) {
  STORE_ASSIGN_OR_RETURN(rows, store_internal::PrepareUnmatchedOwners(source, owners));
  STORE_RETURN_IF_ERROR(
      c.Exec(absl::StrCat("SELECT pg_advisory_xact_lock(", kUnmatchedLockClass, ", hashtext($1))"),
             PgParams().Text(source))
          .status());
  STORE_RETURN_IF_ERROR(
      c.Exec("DELETE FROM unmatched_owners WHERE source = $1", PgParams().Text(source)).status());
  const std::string insert_sql = absl::StrCat("INSERT INTO unmatched_owners (", kUnmatchedColumns,
                                              ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
  for (const UnmatchedOwnerRow& row : rows) {
    STORE_RETURN_IF_ERROR(c.Exec(insert_sql, PgParams()
                                                 .Text(row.source)
                                                 .Text(row.normalised_name)
                                                 .Text(row.owner_name)
                                                 .Text(row.ambiguous ? "true" : "false")
                                                 .Text(EncodeTextList(row.candidates))
                                                 .Int(row.settings)
                                                 .Text(EncodeTextList(row.urns))
                                                 .Text(row.seen_at))
                              .status());
  }
  return static_cast<int>(rows.size());
}

absl::StatusOr<std::vector<UnmatchedOwnerRow>> ListUnmatchedOwners(PgConnection& c,
                                                                   absl::string_view source) {
  const std::string sql = absl::StrCat(
      "SELECT ", kUnmatchedColumns, " FROM unmatched_owners",
      source.empty() ? "" : " WHERE source = $1", " ORDER BY ", store_internal::kUnmatchedOwnersOrder);
  STORE_ASSIGN_OR_RETURN(r, source.empty() ? c.Exec(sql) : c.Exec(sql, PgParams().Text(source)));
  std::vector<UnmatchedOwnerRow> owners;
  owners.reserve(static_cast<std::size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    STORE_ASSIGN_OR_RETURN(owner, ReadUnmatched(r, i));
    owners.push_back(std::move(owner));
  }
  return owners;
}

}  // namespace oversight::server::postgres_owner_tables
