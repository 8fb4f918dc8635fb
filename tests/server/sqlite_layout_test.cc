// The SQLite store's write-path layout (issue #9): schema version 3 keeps
// record_heads and idempotency WITHOUT ROWID, version 4 records too (with
// record_counter for ChangeStamp), and version 5 drops record_heads (a
// record's current version is its highest in records); databases written at
// versions 2 to 4 keep every record, current version and idempotency key
// through the rebuilds; the WAL checkpoint runs on its own connection and
// thread (SqliteCheckpointer), off the writer's commits.
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/store/sqlite/sqlite_checkpointer.h"
#include "server/store/sqlite/sqlite_connection.h"
#include "server/store/sqlite/sqlite_migrations.h"
#include "server/store/sqlite/sqlite_store.h"
#include "server/store/store_support.h"
#include "tests/support/test_support.h"

namespace oversight::server {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

std::string PathOf(const std::string& url) { return url.substr(std::string("sqlite:").size()); }

// Runs `sql` on a connection of its own (no store open).
void ExecOn(const std::string& path, const std::string& sql) {
  auto connection = SqliteConnection::Open(path, /*query_only=*/false);
  ASSERT_TRUE(connection.ok()) << connection.status();
  absl::Status status = (*connection)->Exec(sql);
  ASSERT_TRUE(status.ok()) << status << "\nSQL: " << sql;
}

// The CREATE statement SQLite keeps for `table`, if there is such a table.
std::optional<std::string> TableSqlIfAny(const std::string& path, const std::string& table) {
  auto connection = SqliteConnection::Open(path, /*query_only=*/true);
  EXPECT_TRUE(connection.ok()) << connection.status();
  if (!connection.ok()) return std::nullopt;
  auto stmt = (*connection)->Prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1");
  EXPECT_TRUE(stmt.ok()) << stmt.status();
  if (!stmt.ok()) return std::nullopt;
  (*stmt)->Text(1, table);
  auto row = (*stmt)->Step();
  EXPECT_TRUE(row.ok()) << row.status();
  if (!row.ok() || !*row) return std::nullopt;
  return (*stmt)->ColumnText(0);
}

// The CREATE statement of `table`, which must exist.
std::string TableSql(const std::string& path, const std::string& table) {
  std::optional<std::string> sql = TableSqlIfAny(path, table);
  EXPECT_TRUE(sql.has_value()) << "no table " << table;
  return sql.value_or("");
}

bool HasTable(const std::string& path, const std::string& table) {
  return TableSqlIfAny(path, table).has_value();
}

RecordWrite AccountsWrite(const std::string& payload, const std::string& key) {
  RecordWrite write;
  write.kind = RecordKind::kAccounts;
  write.provider_id = "P1";
  write.record_key = "2025-03-31";
  write.payload = payload;
  write.idempotency_key = key;
  write.request_hash = absl::StrCat("hash of ", key, ": ", payload);
  return write;
}

TEST(SqliteLayoutTest, NewDatabaseKeepsRecordsAndIdempotencyKeysWithoutRowidAndNoHeads) {
  const std::string url = test_support::FreshSqliteUrl();
  {
    auto store = OpenStore(url);
    ASSERT_TRUE(store.ok()) << store.status();
  }
  const std::string path = PathOf(url);
  EXPECT_THAT(TableSql(path, "idempotency"), HasSubstr("WITHOUT ROWID"));
  EXPECT_THAT(TableSql(path, "records"), HasSubstr("WITHOUT ROWID"));
  EXPECT_FALSE(HasTable(path, "record_heads")) << "schema 5 reads current versions from records";
}

// A file written by a version-2 binary: migration 3 rebuilds the two tables
// and every row survives, so a replayed key still answers with its first
// result and the next payload becomes version 2 of the same record.
TEST(SqliteLayoutTest, VersionTwoDatabaseMigratesWithItsRows) {
  const std::string url = test_support::FreshSqliteUrl();
  const std::string path = PathOf(url);
  const auto migrations = SqliteMigrations();
  ASSERT_GE(migrations.size(), 3u);
  ASSERT_EQ(migrations[2].version, 3);
  // Schema exactly as versions 1 and 2 left it, plus one record written the
  // way the version-2 store wrote it (record, head, idempotency key).
  const RecordWrite first = AccountsWrite("accounts v1", "key-1");
  const std::string hash = store_internal::ContentHash(first.payload);
  const std::string result = store_internal::EncodeWriteResult(
      WriteResult{.outcome = WriteOutcome::kStored, .version = 1, .replayed = false});
  std::string sql =
      "CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at TEXT NOT NULL);";
  for (int m = 0; m < 2; ++m) {
    absl::StrAppend(&sql, migrations[m].sql, "; INSERT INTO schema_migrations VALUES (",
                    migrations[m].version, ", '", migrations[m].name, "', '2026-01-01T00:00:00Z');");
  }
  absl::StrAppend(&sql,
                  "INSERT INTO records VALUES ('P1', 'accounts', '2025-03-31', 1, CAST('accounts v1' AS BLOB), '",
                  hash, "', '2026-01-01T00:00:00Z');",
                  "INSERT INTO record_heads VALUES ('P1', 'accounts', '2025-03-31', 1, '", hash, "');",
                  "INSERT INTO idempotency VALUES ('key-1', '", first.request_hash, "', '", result,
                  "', '2026-01-01T00:00:00Z');");
  ExecOn(path, sql);

  auto store = OpenStore(url);
  ASSERT_TRUE(store.ok()) << store.status();
  auto version = (*store)->SchemaVersion();
  ASSERT_TRUE(version.ok()) << version.status();
  EXPECT_EQ(*version, 5);
  EXPECT_FALSE(HasTable(path, "record_heads"));
  EXPECT_THAT(TableSql(path, "idempotency"), HasSubstr("WITHOUT ROWID"));

  auto current = (*store)->CurrentRecords("P1");
  ASSERT_TRUE(current.ok()) << current.status();
  ASSERT_THAT(*current, SizeIs(1));
  EXPECT_EQ((*current)[0].payload, "accounts v1");
  EXPECT_EQ((*current)[0].version, 1);

  auto replay = (*store)->PutRecord(first);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_TRUE(replay->replayed) << "the idempotency key must survive the rebuild";
  EXPECT_EQ(replay->version, 1);

  auto reused = (*store)->PutRecord(AccountsWrite("something else", "key-1"));
  EXPECT_EQ(reused.status().code(), absl::StatusCode::kAlreadyExists) << reused.status();

  auto unchanged = (*store)->PutRecord(AccountsWrite("accounts v1", "key-2"));
  ASSERT_TRUE(unchanged.ok()) << unchanged.status();
  EXPECT_EQ(unchanged->outcome, WriteOutcome::kUnchanged) << "the content hash must survive";
  EXPECT_EQ(unchanged->version, 1);

  auto second = (*store)->PutRecord(AccountsWrite("accounts v2", "key-3"));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->outcome, WriteOutcome::kStored);
  EXPECT_EQ(second->version, 2);
  auto history = (*store)->RecordHistory(RecordKind::kAccounts, "P1", "2025-03-31");
  ASSERT_TRUE(history.ok()) << history.status();
  ASSERT_THAT(*history, SizeIs(2));
  EXPECT_EQ((*history)[0].payload, "accounts v1");
  EXPECT_EQ((*history)[1].payload, "accounts v2");
}

// One integer from `sql` on a connection of its own.
std::int64_t IntOn(const std::string& path, const std::string& sql) {
  auto connection = SqliteConnection::Open(path, /*query_only=*/true);
  EXPECT_TRUE(connection.ok()) << connection.status();
  if (!connection.ok()) return -1;
  auto stmt = (*connection)->Prepare(sql);
  EXPECT_TRUE(stmt.ok()) << stmt.status();
  if (!stmt.ok()) return -1;
  auto row = (*stmt)->Step();
  EXPECT_TRUE(row.ok() && *row) << "no row from " << sql;
  return row.ok() && *row ? (*stmt)->ColumnInt(0) : -1;
}

// A file written by a version-3 binary: migration 4 rebuilds records (and
// record_heads, whose foreign key names it) and every row survives;
// migration 5 drops the heads, and the current version is still the one
// they named; the appended-records counter starts at the old MAX(rowid), so
// ChangeStamp never goes back; it moves when another handle on the file
// appends.
TEST(SqliteLayoutTest, VersionThreeDatabaseMigratesWithItsRowsAndCounter) {
  const std::string url = test_support::FreshSqliteUrl();
  const std::string path = PathOf(url);
  const auto migrations = SqliteMigrations();
  ASSERT_GE(migrations.size(), 4u);
  ASSERT_EQ(migrations[3].version, 4);
  // Schema exactly as versions 1 to 3 left it, plus two versions of one
  // record and a provider, written the way the version-3 store wrote them.
  const RecordWrite v1 = AccountsWrite("accounts v1", "key-1");
  const RecordWrite v2 = AccountsWrite("accounts v2", "key-2");
  const std::string hash1 = store_internal::ContentHash(v1.payload);
  const std::string hash2 = store_internal::ContentHash(v2.payload);
  const auto result = [](int version) {
    return store_internal::EncodeWriteResult(
        WriteResult{.outcome = WriteOutcome::kStored, .version = version, .replayed = false});
  };
  std::string sql =
      "CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at TEXT NOT NULL);";
  for (int m = 0; m < 3; ++m) {
    absl::StrAppend(&sql, migrations[m].sql, "; INSERT INTO schema_migrations VALUES (",
                    migrations[m].version, ", '", migrations[m].name, "', '2026-01-01T00:00:00Z');");
  }
  absl::StrAppend(
      &sql,
      "INSERT INTO records VALUES ('P1', 'provider', 'P1', 1, CAST('provider' AS BLOB), 'h', "
      "'2026-01-01T00:00:00Z');",
      "INSERT INTO records VALUES ('P1', 'accounts', '2025-03-31', 1, CAST('accounts v1' AS BLOB), '",
      hash1, "', '2026-01-01T00:00:00Z');",
      "INSERT INTO records VALUES ('P1', 'accounts', '2025-03-31', 2, CAST('accounts v2' AS BLOB), '",
      hash2, "', '2026-01-02T00:00:00Z');",
      "INSERT INTO record_heads VALUES ('P1', 'provider', 'P1', 1, 'h');",
      "INSERT INTO record_heads VALUES ('P1', 'accounts', '2025-03-31', 2, '", hash2, "');",
      "INSERT INTO idempotency VALUES ('key-1', '", v1.request_hash, "', '", result(1),
      "', '2026-01-01T00:00:00Z');",
      "INSERT INTO idempotency VALUES ('key-2', '", v2.request_hash, "', '", result(2),
      "', '2026-01-02T00:00:00Z');");
  ExecOn(path, sql);
  ASSERT_EQ(IntOn(path, "SELECT MAX(rowid) FROM records"), 3);

  auto store = OpenStore(url);
  ASSERT_TRUE(store.ok()) << store.status();
  auto version = (*store)->SchemaVersion();
  ASSERT_TRUE(version.ok()) << version.status();
  EXPECT_EQ(*version, 5);
  EXPECT_THAT(TableSql(path, "records"), HasSubstr("WITHOUT ROWID"));
  EXPECT_FALSE(HasTable(path, "record_heads"));
  EXPECT_EQ(IntOn(path, "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE '%_v4'"), 0)
      << "the rebuild must leave no temporary table behind";
  EXPECT_EQ(IntOn(path, "SELECT appended FROM record_counter"), 3)
      << "the counter must start at the version-3 MAX(rowid) of records";
  EXPECT_EQ(IntOn(path, "SELECT COUNT(*) FROM pragma_foreign_key_check"), 0);

  auto history = (*store)->RecordHistory(RecordKind::kAccounts, "P1", "2025-03-31");
  ASSERT_TRUE(history.ok()) << history.status();
  ASSERT_THAT(*history, SizeIs(2));
  EXPECT_EQ((*history)[0].payload, "accounts v1");
  EXPECT_EQ((*history)[1].payload, "accounts v2");
  EXPECT_EQ((*history)[1].recorded_at, "2026-01-02T00:00:00Z");
  auto current = (*store)->CurrentRecords("P1");
  ASSERT_TRUE(current.ok()) << current.status();
  ASSERT_THAT(*current, SizeIs(2));
  EXPECT_EQ((*current)[0].version, 2) << "accounts: the version the head named";
  EXPECT_EQ((*current)[0].payload, "accounts v2");
  EXPECT_EQ((*current)[1].kind, RecordKind::kProvider);

  auto replay = (*store)->PutRecord(v1);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_TRUE(replay->replayed) << "the idempotency key must survive the rebuild";
  EXPECT_EQ(replay->version, 1);
  auto unchanged = (*store)->PutRecord(AccountsWrite("accounts v2", "key-3"));
  ASSERT_TRUE(unchanged.ok()) << unchanged.status();
  EXPECT_EQ(unchanged->outcome, WriteOutcome::kUnchanged) << "the head must survive";
  EXPECT_EQ(unchanged->version, 2);
  EXPECT_EQ(IntOn(path, "SELECT appended FROM record_counter"), 3) << "nothing was appended";

  // Another handle on the same file appends: the counter and the first
  // handle's change stamp move.
  auto stamp_before = (*store)->ChangeStamp();
  ASSERT_TRUE(stamp_before.ok()) << stamp_before.status();
  {
    auto other = OpenStore(url);
    ASSERT_TRUE(other.ok()) << other.status();
    auto third = (*other)->PutRecord(AccountsWrite("accounts v3", "key-4"));
    ASSERT_TRUE(third.ok()) << third.status();
    EXPECT_EQ(third->outcome, WriteOutcome::kStored);
    EXPECT_EQ(third->version, 3);
  }
  EXPECT_EQ(IntOn(path, "SELECT appended FROM record_counter"), 4);
  const absl::Time give_up = absl::Now() + 20 * Store::kChangeStampRefresh;
  std::string stamp_after = *stamp_before;
  while (stamp_after == *stamp_before && absl::Now() < give_up) {
    absl::SleepFor(Store::kChangeStampRefresh / 4);
    auto stamp = (*store)->ChangeStamp();
    ASSERT_TRUE(stamp.ok()) << stamp.status();
    stamp_after = *stamp;
  }
  EXPECT_NE(stamp_after, *stamp_before) << "another handle's append must move the change stamp";
}

// The writer's commits only request a checkpoint; the checkpointer's own
// connection copies the WAL into the database file. Before any checkpoint
// every row is in the WAL and the database file holds only the schema.
TEST(SqliteCheckpointerTest, CheckpointsOnItsOwnConnectionAfterTheWalGrows) {
  const std::string path = PathOf(test_support::FreshSqliteUrl());
  auto writer = SqliteConnection::Open(path, /*query_only=*/false);
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE((*writer)->Exec("CREATE TABLE t (x BLOB NOT NULL)").ok());
  ASSERT_TRUE((*writer)->Exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
  const auto schema_only = std::filesystem::file_size(path);

  constexpr int kWalPages = 8;
  auto checkpointer = SqliteCheckpointer::Start(path, kWalPages);
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.status();
  (*checkpointer)->Attach(**writer);
  constexpr int kRows = 20;
  const std::string row(8192, 'x');  // 3 pages each: the 2nd commit passes kWalPages
  for (int i = 0; i < kRows; ++i) {
    auto insert = (*writer)->Prepare("INSERT INTO t (x) VALUES (?1)");
    ASSERT_TRUE(insert.ok()) << insert.status();
    (*insert)->Blob(1, row);
    ASSERT_TRUE((*insert)->Run().ok());
  }
  ASSERT_TRUE((*checkpointer)->AwaitCheckpoints(1, absl::Seconds(60)))
      << "no checkpoint after " << kRows << " commits past " << kWalPages << " WAL pages";
  EXPECT_GT(std::filesystem::file_size(path), schema_only)
      << "a checkpoint must have copied committed pages into the database file";

  SqliteCheckpointer::Detach(**writer);
  writer->reset();
  checkpointer->reset();
  auto reader = SqliteConnection::Open(path, /*query_only=*/true);
  ASSERT_TRUE(reader.ok()) << reader.status();
  auto count = (*reader)->Prepare("SELECT COUNT(*), SUM(LENGTH(x)) FROM t");
  ASSERT_TRUE(count.ok()) << count.status();
  auto row_ready = (*count)->Step();
  ASSERT_TRUE(row_ready.ok() && *row_ready);
  EXPECT_EQ((*count)->ColumnInt(0), kRows);
  EXPECT_EQ((*count)->ColumnInt(1), kRows * 8192);
}

// A writer that never pauses still lets the WAL restart: past
// kRestartFactor intervals its own commit finishes the checkpoint (only the
// frames the thread has not copied yet), as SQLite's automatic checkpoint
// would. Without that the WAL file grew with everything written (211 MB over
// a 180,000-record ingest); here it reached 5 MB.
TEST(SqliteCheckpointerTest, WalStaysBoundedUnderAWriterThatNeverPauses) {
  const std::string path = PathOf(test_support::FreshSqliteUrl());
  auto writer = SqliteConnection::Open(path, /*query_only=*/false);
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE((*writer)->Exec("CREATE TABLE t (x BLOB NOT NULL)").ok());
  constexpr int kWalPages = 8;
  auto checkpointer = SqliteCheckpointer::Start(path, kWalPages);
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.status();
  (*checkpointer)->Attach(**writer);
  constexpr int kRows = 300;
  const std::string row(8192, 'x');
  std::uintmax_t largest_wal = 0;
  for (int i = 0; i < kRows; ++i) {
    auto insert = (*writer)->Prepare("INSERT INTO t (x) VALUES (?1)");
    ASSERT_TRUE(insert.ok()) << insert.status();
    (*insert)->Blob(1, row);
    ASSERT_TRUE((*insert)->Run().ok());
    largest_wal = std::max(largest_wal, std::filesystem::file_size(path + "-wal"));
  }
  // The restart point is 4 x 8 pages (128 KiB) of WAL; 1 MiB leaves room for
  // commits that find the thread mid-checkpoint and retry at the next one.
  EXPECT_LT(largest_wal, 1024u * 1024u) << "the WAL grew to " << largest_wal << " bytes";
  SqliteCheckpointer::Detach(**writer);
}

// The store runs its checkpoints off the commit path and still reads back
// every write after a reopen (the WAL is not lost when the checkpointer's
// connection closes last).
TEST(SqliteCheckpointerTest, StoreWritesPastManyCheckpointsAndReopens) {
  const std::string url = test_support::FreshSqliteUrl();
  constexpr int kRecords = 600;
  const std::string payload(16 * 1024, 'p');  // ~9.6 MB: past 1,000 WAL pages twice
  {
    auto store = OpenStore(url);
    ASSERT_TRUE(store.ok()) << store.status();
    for (int i = 0; i < kRecords; ++i) {
      RecordWrite write;
      write.kind = RecordKind::kProvider;
      write.provider_id = absl::StrCat("P", i);
      write.record_key = "provider";
      write.payload = absl::StrCat(i, payload);
      write.idempotency_key = absl::StrCat("k", i);
      write.request_hash = absl::StrCat("h", i);
      auto put = (*store)->PutRecord(write);
      ASSERT_TRUE(put.ok()) << put.status();
    }
  }
  EXPECT_GT(std::filesystem::file_size(PathOf(url)), static_cast<std::uintmax_t>(kRecords) * 16 * 1024)
      << "the records must be in the database file once the store is closed";
  auto reopened = OpenStore(url);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  auto all = (*reopened)->AllCurrentRecords();
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_THAT(*all, SizeIs(kRecords));
}

}  // namespace
}  // namespace oversight::server
