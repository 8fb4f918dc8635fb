#include "server/store/sqlite/sqlite_owner_tables.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/store/owner_table_rows.h"
#include "server/store/store_support.h"

namespace oversight::server::sqlite_owner_tables {
namespace {

using store_internal::CheckNotEmpty;
using store_internal::DecodeTextList;
using store_internal::EncodeTextList;

constexpr char kAliasColumns[] = "normalised_name, owner_name, provider_id, created_by, created_at";
constexpr char kUnmatchedColumns[] =
    "source, normalised_name, owner_name, ambiguous, candidates, settings, urns, seen_at";

OwnerAliasRow ReadAlias(const SqliteStatement& s) {
  OwnerAliasRow a;
  a.normalised_name = s.ColumnText(0);
  a.owner_name = s.ColumnText(1);
  a.provider_id = s.ColumnText(2);
  a.created_by = s.ColumnText(3);
  a.created_at = s.ColumnText(4);
  return a;
}

absl::StatusOr<UnmatchedOwnerRow> ReadUnmatched(const SqliteStatement& s) {
  UnmatchedOwnerRow u;
  u.source = s.ColumnText(0);
  u.normalised_name = s.ColumnText(1);
  u.owner_name = s.ColumnText(2);
  u.ambiguous = s.ColumnInt(3) != 0;
  STORE_ASSIGN_OR_RETURN(candidates, DecodeTextList("unmatched_owners.candidates", s.ColumnText(4)));
  u.candidates = std::move(candidates);
  u.settings = static_cast<int>(s.ColumnInt(5));
  STORE_ASSIGN_OR_RETURN(urns, DecodeTextList("unmatched_owners.urns", s.ColumnText(6)));
  u.urns = std::move(urns);
  u.seen_at = s.ColumnText(7);
  return u;
}

}  // namespace

absl::StatusOr<OwnerAliasRow> PutOwnerAlias(SqliteConnection& c, const OwnerAliasRow& alias) {
  STORE_ASSIGN_OR_RETURN(row, store_internal::PrepareOwnerAlias(alias));
  {
    // Provider records are never deleted, but the check is in the same
    // transaction anyway so that the table never names an unknown provider.
    STORE_ASSIGN_OR_RETURN(known, c.Prepare("SELECT 1 FROM records "
                                            "WHERE provider_id = ?1 AND kind = 'provider' LIMIT 1"));
    known->Text(1, row.provider_id);
    STORE_ASSIGN_OR_RETURN(found, known->Step());
    if (!found) {
      return absl::NotFoundError(
          absl::StrCat("alias.provider_id: no provider '", row.provider_id, "'"));
    }
  }
  STORE_ASSIGN_OR_RETURN(
      upsert, c.Prepare(absl::StrCat(
                  "INSERT INTO owner_aliases (", kAliasColumns, ") VALUES (?1, ?2, ?3, ?4, ?5) "
                  "ON CONFLICT (normalised_name) DO UPDATE SET owner_name = excluded.owner_name, "
                  "provider_id = excluded.provider_id, created_by = excluded.created_by, "
                  "created_at = excluded.created_at")));
  upsert->Text(1, row.normalised_name)
      .Text(2, row.owner_name)
      .Text(3, row.provider_id)
      .Text(4, row.created_by)
      .Text(5, row.created_at);
  STORE_RETURN_IF_ERROR(upsert->Run());
  return row;
}

absl::StatusOr<bool> DeleteOwnerAlias(SqliteConnection& c, absl::string_view normalised_name) {
  STORE_RETURN_IF_ERROR(CheckNotEmpty("normalised_name", normalised_name));
  STORE_ASSIGN_OR_RETURN(remove,
                         c.Prepare("DELETE FROM owner_aliases WHERE normalised_name = ?1"));
  remove->Text(1, normalised_name);
  STORE_RETURN_IF_ERROR(remove->Run());
  return c.changes() > 0;
}

absl::StatusOr<std::vector<OwnerAliasRow>> ListOwnerAliases(SqliteConnection& c) {
  STORE_ASSIGN_OR_RETURN(
      list, c.Prepare(absl::StrCat("SELECT ", kAliasColumns,
                                   " FROM owner_aliases ORDER BY normalised_name")));
  std::vector<OwnerAliasRow> aliases;
  while (true) {
    STORE_ASSIGN_OR_RETURN(row, list->Step());
    if (!row) return aliases;
    aliases.push_back(ReadAlias(*list));
  }
}

absl::StatusOr<int> ReplaceUnmatchedOwners(SqliteConnection& c, absl::string_view source,
                                           absl::Span<const UnmatchedOwnerRow> owners) {
  STORE_ASSIGN_OR_RETURN(rows, store_internal::PrepareUnmatchedOwners(source, owners));
  {
    STORE_ASSIGN_OR_RETURN(clear, c.Prepare("DELETE FROM unmatched_owners WHERE source = ?1"));
    clear->Text(1, source);
    STORE_RETURN_IF_ERROR(clear->Run());
  }
  const std::string insert_sql = absl::StrCat("INSERT INTO unmatched_owners (", kUnmatchedColumns,
                                              ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  for (const UnmatchedOwnerRow& row : rows) {
    // Borrowed per row: giving it back resets the statement for the next.
    STORE_ASSIGN_OR_RETURN(insert, c.Prepare(insert_sql));
    insert->Text(1, row.source)
        .Text(2, row.normalised_name)
        .Text(3, row.owner_name)
        .Int(4, row.ambiguous ? 1 : 0)
        .Text(5, EncodeTextList(row.candidates))
        .Int(6, row.settings)
        .Text(7, EncodeTextList(row.urns))
        .Text(8, row.seen_at);
    STORE_RETURN_IF_ERROR(insert->Run());
  }
  return static_cast<int>(rows.size());
}

absl::StatusOr<std::vector<UnmatchedOwnerRow>> ListUnmatchedOwners(SqliteConnection& c,
                                                                   absl::string_view source) {
  const std::string sql =
      absl::StrCat("SELECT ", kUnmatchedColumns, " FROM unmatched_owners",
                   source.empty() ? "" : " WHERE source = ?1", " ORDER BY ",
                   store_internal::kUnmatchedOwnersOrder);
  STORE_ASSIGN_OR_RETURN(list, c.Prepare(sql));
  if (!source.empty()) list->Text(1, source);
  std::vector<UnmatchedOwnerRow> owners;
  while (true) {
    STORE_ASSIGN_OR_RETURN(row, list->Step());
    if (!row) return owners;
    STORE_ASSIGN_OR_RETURN(owner, ReadUnmatched(*list));
    owners.push_back(std::move(owner));
  }
}

}  // namespace oversight::server::sqlite_owner_tables
