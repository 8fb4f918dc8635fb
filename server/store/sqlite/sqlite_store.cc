#include "server/store/sqlite/sqlite_store.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "server/store/sqlite/sqlite_checkpointer.h"
#include "server/store/sqlite/sqlite_connection.h"
#include "server/store/sqlite/sqlite_migrations.h"
#include "server/store/sqlite/sqlite_owner_tables.h"
#include "server/store/sqlite/sqlite_wal_sync.h"
#include "server/store/change_stamp_cache.h"
#include "server/store/store_support.h"

namespace oversight::server {
namespace {

using store_internal::CheckAlert;
using store_internal::CheckAssessment;
using store_internal::CheckDate;
using store_internal::CheckLimit;
using store_internal::CheckNotEmpty;
using store_internal::CheckRecordWrite;
using store_internal::ContentHash;
using store_internal::EncodeWriteResult;
using store_internal::kMaxPageSize;
using store_internal::NowTimestamp;
using store_internal::ReplayIdempotent;
using store_internal::TimestampOrNow;

// Readers beyond the writer. Reads are short; four cover the service's
// concurrent RPCs on a small machine without holding many file handles.
constexpr int kReaderConnections = 4;

constexpr char kRecordColumns[] =
    "r.kind, r.provider_id, r.record_key, r.version, r.payload, r.recorded_at";
constexpr char kAssessmentColumns[] =
    "provider_id, as_of, rating, score, inputs_fingerprint, payload, computed_at";
constexpr char kAlertColumns[] =
    "sequence, alert_key, provider_id, severity, as_of, payload, created_at, acknowledged_by, "
    "acknowledged_at";
constexpr char kTokenColumns[] =
    "token_id, salt, hash, role, subject, provider_id, local_authority, created_at, expires_at, "
    "revoked_at";
constexpr char kAuditColumns[] = "id, at, principal, role, method, object, outcome";

absl::StatusOr<StoredRecord> ReadRecord(const SqliteStatement& s) {
  StoredRecord r;
  absl::StatusOr<RecordKind> kind = ParseRecordKind(s.ColumnText(0));
  if (!kind.ok()) return absl::DataLossError(absl::StrCat("records.kind: ", kind.status().message()));
  r.kind = *kind;
  r.provider_id = s.ColumnText(1);
  r.record_key = s.ColumnText(2);
  r.version = s.ColumnInt(3);
  r.payload = s.ColumnBlob(4);
  r.recorded_at = s.ColumnText(5);
  return r;
}

AssessmentRow ReadAssessment(const SqliteStatement& s) {
  AssessmentRow a;
  a.provider_id = s.ColumnText(0);
  a.as_of = s.ColumnText(1);
  a.rating = static_cast<int>(s.ColumnInt(2));
  a.score = s.ColumnReal(3);
  a.inputs_fingerprint = s.ColumnText(4);
  a.payload = s.ColumnBlob(5);
  a.computed_at = s.ColumnText(6);
  return a;
}

AlertRow ReadAlert(const SqliteStatement& s) {
  AlertRow a;
  a.sequence = s.ColumnInt(0);
  a.alert_key = s.ColumnText(1);
  a.provider_id = s.ColumnText(2);
  a.severity = static_cast<int>(s.ColumnInt(3));
  a.as_of = s.ColumnText(4);
  a.payload = s.ColumnBlob(5);
  a.created_at = s.ColumnText(6);
  a.acknowledged_by = s.ColumnText(7);
  a.acknowledged_at = s.ColumnText(8);
  return a;
}

TokenRow ReadToken(const SqliteStatement& s) {
  TokenRow t;
  t.token_id = s.ColumnText(0);
  t.salt = s.ColumnBlob(1);
  t.hash = s.ColumnBlob(2);
  t.role = static_cast<int>(s.ColumnInt(3));
  t.subject = s.ColumnText(4);
  t.provider_id = s.ColumnText(5);
  t.local_authority = s.ColumnText(6);
  t.created_at = s.ColumnText(7);
  t.expires_at = s.ColumnText(8);
  t.revoked_at = s.ColumnText(9);
  return t;
}

AuditRow ReadAudit(const SqliteStatement& s) {
  AuditRow a;
  a.id = s.ColumnInt(0);
  a.at = s.ColumnText(1);
  a.principal = s.ColumnText(2);
  a.role = static_cast<int>(s.ColumnInt(3));
  a.method = s.ColumnText(4);
  a.object = s.ColumnText(5);
  a.outcome = s.ColumnText(6);
  return a;
}

// Runs a parameterless statement through the statement cache.
absl::Status Run(SqliteConnection& c, absl::string_view sql) {
  STORE_ASSIGN_OR_RETURN(stmt, c.Prepare(sql));
  return stmt->Run();
}

// BEGIN IMMEDIATE takes the write lock up front, so a transaction never
// fails half-way for want of it (a deferred one can, with SQLITE_BUSY).
template <typename T>
absl::StatusOr<T> InTransaction(SqliteConnection& c,
                                absl::FunctionRef<absl::StatusOr<T>(SqliteConnection&)> body) {
  STORE_RETURN_IF_ERROR(Run(c, "BEGIN IMMEDIATE"));
  absl::StatusOr<T> result = body(c);
  if (result.ok()) {
    absl::Status commit = Run(c, "COMMIT");
    if (commit.ok()) return result;
    result = commit;
  }
  if (!sqlite3_get_autocommit(c.handle())) Run(c, "ROLLBACK").IgnoreError();
  return result;
}

absl::Status ApplyMigrations(SqliteConnection& c) {
  STORE_RETURN_IF_ERROR(c.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
  const int latest_known = SqliteMigrations().back().version;
  for (const Migration& migration : SqliteMigrations()) {
    // The check is inside the write transaction, so two processes opening
    // the same file apply each migration once.
    absl::StatusOr<bool> applied = InTransaction<bool>(c, [&](SqliteConnection& conn)
                                                           -> absl::StatusOr<bool> {
      STORE_ASSIGN_OR_RETURN(
          current, conn.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
      STORE_ASSIGN_OR_RETURN(row, current->Step());
      const std::int64_t version = row ? current->ColumnInt(0) : 0;
      current.reset();
      if (version > latest_known) {
        return absl::FailedPreconditionError(absl::StrCat(
            "schema_migrations: database schema version ", version,
            " is newer than this binary's ", latest_known, "; upgrade oversightd"));
      }
      if (version >= migration.version) return false;
      STORE_RETURN_IF_ERROR(conn.Exec(migration.sql));
      STORE_ASSIGN_OR_RETURN(
          insert, conn.Prepare("INSERT INTO schema_migrations (version, name, applied_at) "
                               "VALUES (?1, ?2, ?3)"));
      insert->Int(1, migration.version).Text(2, migration.name).Text(3, NowTimestamp());
      STORE_RETURN_IF_ERROR(insert->Run());
      return true;
    });
    if (!applied.ok()) return applied.status();
  }
  return absl::OkStatus();
}

// The statements of the record write path (PutOneRecord), looked up once
// per group commit rather than once per statement use: Prepare's cache
// lookup hashes the SQL text and allocates, ~6 % of the writer's time
// during a bulk ingest.
struct RecordStatements {
  sqlite3_stmt* seen = nullptr;      // idempotency key lookup (replays)
  sqlite3_stmt* provider = nullptr;  // is the provider registered
  sqlite3_stmt* provider_rows = nullptr;  // has the provider any record at all
  sqlite3_stmt* head = nullptr;      // current version and content hash
  sqlite3_stmt* previous = nullptr;  // current payload, to confirm equal hashes
  sqlite3_stmt* insert = nullptr;    // the new version
  sqlite3_stmt* remember = nullptr;  // the idempotency key and its result, if new
  sqlite3_stmt* count = nullptr;     // records appended, for ChangeStamp
  // kRowsPerInsert rows at a time, for a group's deferred writes.
  sqlite3_stmt* insert_many = nullptr;
  sqlite3_stmt* remember_many = nullptr;

  // Rows per multi-row INSERT: 32 x 7 parameters is far below SQLite's
  // limit (32,766), and a statement that size already spreads the
  // per-statement cost (cursor opens, halt, reset) over many rows.
  static constexpr int kRowsPerInsert = 32;

  static std::string ValuesList(int rows, int columns) {
    std::string sql;
    for (int r = 0; r < rows; ++r) {
      absl::StrAppend(&sql, r == 0 ? "(" : ", (");
      for (int k = 1; k <= columns; ++k) {
        absl::StrAppend(&sql, k == 1 ? "?" : ", ?", r * columns + k);
      }
      absl::StrAppend(&sql, ")");
    }
    return sql;
  }

  static absl::StatusOr<RecordStatements> Prepare(SqliteConnection& c) {
    RecordStatements s;
    const std::pair<sqlite3_stmt**, absl::string_view> sql[] = {
        {&s.seen, "SELECT request_hash, result FROM idempotency WHERE idempotency_key = ?1"},
        // Prefixes of the records' primary key: each is one B-tree probe.
        {&s.provider, "SELECT 1 FROM records WHERE provider_id = ?1 AND kind = ?2 LIMIT 1"},
        {&s.provider_rows, "SELECT 1 FROM records WHERE provider_id = ?1 LIMIT 1"},
        // The current version is the highest: the last entry of the key's
        // range, read backwards in one probe.
        {&s.head, "SELECT version, content_hash FROM records "
                  "WHERE provider_id = ?1 AND kind = ?2 AND record_key = ?3 "
                  "ORDER BY version DESC LIMIT 1"},
        {&s.previous, "SELECT payload FROM records WHERE provider_id = ?1 AND kind = ?2 "
                      "AND record_key = ?3 AND version = ?4"},
        {&s.insert, "INSERT INTO records (provider_id, kind, record_key, version, payload, "
                    "content_hash, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
        {&s.remember, "INSERT INTO idempotency (idempotency_key, request_hash, result, "
                      "created_at) VALUES (?1, ?2, ?3, ?4) "
                      "ON CONFLICT (idempotency_key) DO NOTHING"},
        {&s.count, "UPDATE record_counter SET appended = appended + ?1"},
    };
    for (const auto& [handle, text] : sql) {
      STORE_ASSIGN_OR_RETURN(prepared, c.PrepareHandle(text));
      *handle = prepared;
    }
    // Built once per process; the connection caches the prepared statement.
    static const std::string* const kInsertMany = new std::string(absl::StrCat(
        "INSERT INTO records (provider_id, kind, record_key, version, payload, content_hash, "
        "recorded_at) VALUES ",
        ValuesList(kRowsPerInsert, 7)));
    STORE_ASSIGN_OR_RETURN(insert_many, c.PrepareHandle(*kInsertMany));
    s.insert_many = insert_many;
    static const std::string* const kRememberMany = new std::string(absl::StrCat(
        "INSERT INTO idempotency (idempotency_key, request_hash, result, created_at) VALUES ",
        ValuesList(kRowsPerInsert, 4), " ON CONFLICT (idempotency_key) DO NOTHING"));
    STORE_ASSIGN_OR_RETURN(remember_many, c.PrepareHandle(*kRememberMany));
    s.remember_many = remember_many;
    return s;
  }
};

// The versions a group commit writes, held until the group's last record and
// then written a few rows per statement (kRowsPerInsert) instead of one
// statement per row: per-statement work (cursor opens, halt, reset) was a
// large part of the writer's time in a bulk ingest. Later records of the
// group find a record's latest held version (its head) here first, exactly
// as they would find the row. Pointers are into the group's writes and
// hashes, which outlive it.
class DeferredWrites {
 public:
  struct Version {
    const RecordWrite* write;
    const std::string* hash;
    std::int64_t version;
  };
  struct Head {
    std::int64_t version;
    const std::string* hash;
    const std::string* payload;
  };

  const Head* FindHead(absl::string_view provider_id, absl::string_view kind,
                       absl::string_view record_key) const {
    auto it = heads_.find(Key{provider_id, kind, record_key});
    return it == heads_.end() ? nullptr : &it->second;
  }

  void Add(const RecordWrite& write, absl::string_view kind, const std::string& hash,
           std::int64_t version) {
    versions_.push_back(Version{&write, &hash, version});
    heads_.insert_or_assign(Key{write.provider_id, kind, write.record_key},
                            Head{version, &hash, &write.payload});
  }

  const std::vector<Version>& versions() const { return versions_; }

  // Idempotency keys held to the group's end (the batched attempt): a key
  // and the result it will answer with. The key is taken to be new; the
  // flush finds out (see FlushDeferred), and the group is written again
  // with a lookup per key if any was not.
  struct IdempotencyRow {
    const RecordWrite* write;
    std::string result;  // EncodeWriteResult
  };
  // False when the key is already held in this group: a second use of a key
  // inside one group answers from the first, which only the attempt with a
  // lookup per key does (see WriteGroup).
  bool HoldKey(const RecordWrite& write, const WriteResult& result) {
    if (!held_keys_.insert(write.idempotency_key).second) return false;
    keys_.push_back(IdempotencyRow{&write, store_internal::EncodeWriteResult(result)});
    return true;
  }
  bool KeyHeld(absl::string_view key) const { return held_keys_.contains(key); }
  const std::vector<IdempotencyRow>& keys() const { return keys_; }

  // Whether the provider had any record before the group began: asked of
  // the database once per provider and group. A provider without one has
  // no head to look up for any of its records; only those held here.
  template <typename Probe>
  absl::StatusOr<bool> ProviderHadRecords(absl::string_view provider_id, Probe probe) {
    auto it = provider_had_records_.find(provider_id);
    if (it != provider_had_records_.end()) return it->second;
    absl::StatusOr<bool> found = probe();
    if (!found.ok()) return found.status();
    provider_had_records_.emplace(provider_id, *found);
    return *found;
  }

 private:
  using Key = std::tuple<absl::string_view, absl::string_view, absl::string_view>;
  std::vector<Version> versions_;
  absl::flat_hash_map<Key, Head> heads_;
  std::vector<IdempotencyRow> keys_;
  absl::flat_hash_set<absl::string_view> held_keys_;
  absl::flat_hash_map<absl::string_view, bool> provider_had_records_;
};

class SqliteStore final : public Store {
 public:
  // `checkpointer` is null for an in-memory database (no WAL); `wal_sync`
  // is null unless the writer is at synchronous=FULL on a file (see
  // WalSync: then record groups commit at NORMAL and wait for it).
  SqliteStore(std::unique_ptr<SqliteConnection> writer,
              std::vector<std::unique_ptr<SqliteConnection>> readers,
              std::unique_ptr<SqliteCheckpointer> checkpointer, std::unique_ptr<WalSync> wal_sync)
      : checkpointer_(std::move(checkpointer)),
        wal_sync_(std::move(wal_sync)),
        writer_(std::move(writer)),
        idle_readers_(std::move(readers)) {
    in_memory_ = idle_readers_.empty();
    absl::MutexLock lock(&writer_mu_);
    if (checkpointer_ != nullptr) checkpointer_->Attach(*writer_);
  }

  ~SqliteStore() override {
    absl::MutexLock lock(&writer_mu_);
    if (checkpointer_ != nullptr) SqliteCheckpointer::Detach(*writer_);
  }

  // See InspectSqliteDurability.
  SqliteDurability Durability() {
    SqliteDurability out;
    if (wal_sync_ != nullptr) out.wal_syncs = wal_sync_->syncs();
    absl::MutexLock lock(&writer_mu_);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(writer_->handle(), "PRAGMA synchronous", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      out.writer_synchronous = sqlite3_column_int(stmt, 0);
    }
    sqlite3_finalize(stmt);
    return out;
  }

  absl::StatusOr<WriteResult> PutRecord(const RecordWrite& write) override {
    STORE_ASSIGN_OR_RETURN(results, PutRecords(absl::MakeConstSpan(&write, 1)));
    return std::move(results.front());
  }

  // Group commit: concurrent callers' batches share one transaction. The
  // first caller to find no commit under way leads: it takes every batch
  // queued so far (its own and those of callers that arrived while the
  // previous group was committing), writes them in arrival order and commits
  // once, then hands each caller its results. With synchronous=FULL a commit
  // is an fsync of the WAL (1-4 ms on the reference machine), so N
  // concurrent BulkSubmit streams pay for about one fsync per round instead
  // of N; and that fsync is made after the group lets the next leader in
  // (WalSync), so the next group is written while this one's is under way.
  // Each record is still all-or-nothing on its own (see WriteGroup), and
  // a caller returns only once the commit holding its batch is durable. The
  // outcome equals writing the batches one after another in that order. If
  // the group cannot commit, every caller in it gets that error and nothing
  // of the group is stored.
  absl::StatusOr<std::vector<absl::StatusOr<WriteResult>>> PutRecords(
      absl::Span<const RecordWrite> writes) override {
    // Hashed before queueing: the single writer is the ingest's bottleneck,
    // and the hash needs nothing from the database.
    std::vector<std::string> hashes;
    hashes.reserve(writes.size());
    for (const RecordWrite& write : writes) hashes.push_back(ContentHash(write.payload));
    QueuedBatch mine{writes, hashes, absl::UnknownError("batch not settled")};
    std::vector<QueuedBatch*> group;
    {
      absl::MutexLock lock(&commit_mu_);
      commit_queue_.push_back(&mine);
      // A batch taken into a group waits for that group's leader, even once
      // the leader has let the next one in.
      const auto settled_or_free = [&] { return mine.done || (!mine.taken && !commit_leader_); };
      commit_mu_.Await(absl::Condition(&settled_or_free));
      if (mine.done) return std::move(mine.result);
      commit_leader_ = true;
      group.swap(commit_queue_);
      for (QueuedBatch* batch : group) batch->taken = true;
    }
    std::optional<std::uint64_t> commit;
    absl::StatusOr<std::vector<std::vector<absl::StatusOr<WriteResult>>>> stored =
        WriteGroup(group, commit);
    if (commit.has_value()) {
      // Committed at synchronous=NORMAL: the next group may be written
      // while this one waits for its fsync.
      {
        absl::MutexLock lock(&commit_mu_);
        commit_leader_ = false;
      }
      if (absl::Status durable = wal_sync_->AwaitDurable(*commit); !durable.ok()) stored = durable;
    }
    bool changed = false;
    {
      absl::MutexLock lock(&commit_mu_);
      for (std::size_t b = 0; b < group.size(); ++b) {
        if (stored.ok()) {
          for (const auto& r : (*stored)[b]) {
            changed = changed || (r.ok() && r->outcome == WriteOutcome::kStored && !r->replayed);
          }
          group[b]->result = std::move((*stored)[b]);
        } else {
          group[b]->result = stored.status();
        }
        group[b]->done = true;
      }
      if (!commit.has_value()) commit_leader_ = false;
    }
    if (changed) NoteChange();
    return std::move(mine.result);
  }

  absl::StatusOr<std::vector<StoredRecord>> CurrentRecords(absl::string_view provider_id) override {
    STORE_RETURN_IF_ERROR(CheckNotEmpty("provider_id", provider_id));
    return Read<std::vector<StoredRecord>>([&](SqliteConnection& c) {
      return QueryRecords(
          c, absl::StrCat(kCurrentColumns, "FROM records r WHERE r.provider_id = ?1", kCurrentGrouping),
          {provider_id});
    });
  }

  absl::StatusOr<std::vector<StoredRecord>> AllCurrentRecords() override {
    return Read<std::vector<StoredRecord>>([&](SqliteConnection& c) {
      return QueryRecords(c, absl::StrCat(kCurrentColumns, "FROM records r", kCurrentGrouping), {});
    });
  }

  absl::StatusOr<std::vector<StoredRecord>> CurrentRecordsOfKind(RecordKind kind) override {
    return Read<std::vector<StoredRecord>>([&](SqliteConnection& c) {
      // The kind is the key's second column: the providers are walked one
      // probe each (a skip scan written out, since SQLite only skips a
      // leading column of few values), and each provider's records of the
      // kind read through the key, instead of a scan of every record.
      return QueryRecords(
          c,
          absl::StrCat("WITH RECURSIVE providers(id) AS (SELECT MIN(provider_id) FROM records "
                       "UNION ALL SELECT (SELECT MIN(provider_id) FROM records "
                       "WHERE provider_id > providers.id) FROM providers WHERE providers.id IS NOT NULL) ",
                       kCurrentColumns,
                       "FROM providers p JOIN records r ON r.provider_id = p.id AND r.kind = ?1",
                       kCurrentGrouping),
          {RecordKindName(kind)});
    });
  }

  absl::StatusOr<std::vector<StoredRecord>> RecordHistory(RecordKind kind,
                                                          absl::string_view provider_id,
                                                          absl::string_view record_key) override {
    STORE_RETURN_IF_ERROR(CheckNotEmpty("provider_id", provider_id));
    return Read<std::vector<StoredRecord>>([&](SqliteConnection& c) {
      return QueryRecords(c,
                          absl::StrCat("SELECT ", kRecordColumns, " FROM records r WHERE "
                                       "r.provider_id = ?1 AND r.kind = ?2 AND r.record_key = ?3 "
                                       "ORDER BY r.version"),
                          {provider_id, RecordKindName(kind), record_key});
    });
  }

  absl::StatusOr<AssessmentWriteResult> PutAssessment(const AssessmentRow& assessment,
                                                      absl::Span<const AlertRow> alerts) override {
    STORE_RETURN_IF_ERROR(CheckAssessment(assessment));
    STORE_ASSIGN_OR_RETURN(computed_at,
                               TimestampOrNow("assessment.computed_at", assessment.computed_at));
    for (const AlertRow& alert : alerts) STORE_RETURN_IF_ERROR(CheckAlert(alert));
    const std::string now = NowTimestamp();

    absl::StatusOr<AssessmentWriteResult> result;
    {
      absl::MutexLock lock(&writer_mu_);
      result = InTransaction<AssessmentWriteResult>(
          *writer_, [&](SqliteConnection& c) -> absl::StatusOr<AssessmentWriteResult> {
            return PutOneAssessment(c, assessment, alerts, computed_at, now);
          });
    }
    if (result.ok() && result->assessment_written) NoteChange();
    if (result.ok() && !result->new_alerts.empty()) NotifyAlerts();
    return result;
  }

  absl::StatusOr<std::vector<absl::StatusOr<AssessmentWriteResult>>> PutAssessments(
      absl::Span<const AssessmentWrite> writes) override {
    // Checked up front, as PutAssessment does: an item that fails a check is
    // refused on its own and never reaches the transaction.
    std::vector<absl::StatusOr<AssessmentWriteResult>> results(writes.size());
    std::vector<std::string> computed_at(writes.size());
    std::vector<bool> admitted(writes.size(), false);
    for (std::size_t i = 0; i < writes.size(); ++i) {
      absl::Status checked = CheckAssessment(writes[i].assessment);
      for (const AlertRow& alert : writes[i].alerts) {
        if (checked.ok()) checked = CheckAlert(alert);
      }
      absl::StatusOr<std::string> at =
          TimestampOrNow("assessment.computed_at", writes[i].assessment.computed_at);
      if (checked.ok() && !at.ok()) checked = at.status();
      if (!checked.ok()) {
        results[i] = checked;
      } else {
        computed_at[i] = *std::move(at);
        admitted[i] = true;
      }
    }
    const std::string now = NowTimestamp();
    absl::Status committed;
    {
      absl::MutexLock lock(&writer_mu_);
      committed = InTransaction<bool>(*writer_, [&](SqliteConnection& c) -> absl::StatusOr<bool> {
                    for (std::size_t i = 0; i < writes.size(); ++i) {
                      if (!admitted[i]) continue;
                      // A savepoint per item: a refused item rolls back to
                      // here and leaves nothing behind; the batch commits once.
                      STORE_RETURN_IF_ERROR(Run(c, "SAVEPOINT assessment"));
                      results[i] = PutOneAssessment(c, writes[i].assessment, writes[i].alerts,
                                                    computed_at[i], now);
                      if (!results[i].ok()) STORE_RETURN_IF_ERROR(Run(c, "ROLLBACK TO assessment"));
                      STORE_RETURN_IF_ERROR(Run(c, "RELEASE assessment"));
                    }
                    return true;
                  }).status();
    }
    if (!committed.ok()) return committed;
    bool any_alert = false;
    bool any_written = false;
    for (const auto& result : results) {
      any_alert = any_alert || (result.ok() && !result->new_alerts.empty());
      any_written = any_written || (result.ok() && result->assessment_written);
    }
    if (any_written) NoteChange();
    if (any_alert) NotifyAlerts();
    return results;
  }

  absl::StatusOr<std::optional<AssessmentRow>> LatestAssessment(absl::string_view provider_id,
                                                                absl::string_view before) override {
    STORE_RETURN_IF_ERROR(CheckNotEmpty("provider_id", provider_id));
    if (!before.empty()) STORE_RETURN_IF_ERROR(CheckDate("before", before));
    return Read<std::optional<AssessmentRow>>(
        [&](SqliteConnection& c) -> absl::StatusOr<std::optional<AssessmentRow>> {
          // '9999-99-99' sorts after every date: "no bound" without a
          // second statement.
          STORE_ASSIGN_OR_RETURN(
              stmt, c.Prepare(absl::StrCat("SELECT ", kAssessmentColumns,
                                           " FROM assessments WHERE provider_id = ?1 AND "
                                           "as_of < ?2 ORDER BY as_of DESC LIMIT 1")));
          stmt->Text(1, provider_id).Text(2, before.empty() ? absl::string_view("9999-99-99") : before);
          return OptionalAssessment(*stmt);
        });
  }

  absl::StatusOr<std::optional<AssessmentRow>> AssessmentAt(absl::string_view provider_id,
                                                            absl::string_view as_of) override {
    STORE_RETURN_IF_ERROR(CheckNotEmpty("provider_id", provider_id));
    STORE_RETURN_IF_ERROR(CheckDate("as_of", as_of));
    return Read<std::optional<AssessmentRow>>(
        [&](SqliteConnection& c) -> absl::StatusOr<std::optional<AssessmentRow>> {
          STORE_ASSIGN_OR_RETURN(
              stmt, c.Prepare(absl::StrCat("SELECT ", kAssessmentColumns,
                                           " FROM assessments WHERE provider_id = ?1 AND "
                                           "as_of = ?2")));
          stmt->Text(1, provider_id).Text(2, as_of);
          return OptionalAssessment(*stmt);
        });
  }

  absl::StatusOr<std::vector<AssessmentRow>> AssessmentHistory(absl::string_view provider_id,
                                                               int limit) override {
    STORE_RETURN_IF_ERROR(CheckNotEmpty("provider_id", provider_id));
    STORE_RETURN_IF_ERROR(CheckLimit("limit", limit));
    return Read<std::vector<AssessmentRow>>(
        [&](SqliteConnection& c) -> absl::StatusOr<std::vector<AssessmentRow>> {
          STORE_ASSIGN_OR_RETURN(
              stmt, c.Prepare(absl::StrCat("SELECT ", kAssessmentColumns,
                                           " FROM assessments WHERE provider_id = ?1 "
                                           "ORDER BY as_of DESC LIMIT ?2")));
          stmt->Text(1, provider_id).Int(2, std::min(limit, kMaxPageSize));
          return AllAssessments(*stmt);
        });
  }

  absl::StatusOr<std::vector<AssessmentRow>> LatestAssessments() override {
    return Read<std::vector<AssessmentRow>>(
        [&](SqliteConnection& c) -> absl::StatusOr<std::vector<AssessmentRow>> {
          STORE_ASSIGN_OR_RETURN(
              stmt, c.Prepare(absl::StrCat(
                        "SELECT ", kAssessmentColumns,
                        " FROM assessments a WHERE as_of = (SELECT MAX(b.as_of) FROM assessments b "
                        "WHERE b.provider_id = a.provider_id) ORDER BY provider_id")));
          return AllAssessments(*stmt);
        });
  }

  absl::StatusOr<std::vector<AssessmentRow>> LatestAssessmentHeads() override {
    return Read<std::vector<AssessmentRow>>(
        [&](SqliteConnection& c) -> absl::StatusOr<std::vector<AssessmentRow>> {
          // Empty literals for payload and computed_at: the columns before
          // the payload are read from the row's first page, and its
          // overflow pages are never touched.
          STORE_ASSIGN_OR_RETURN(
              stmt, c.Prepare("SELECT provider_id, as_of, rating, score, inputs_fingerprint, "
                              "X'', '' FROM assessments a WHERE as_of = (SELECT "
                              "MAX(b.as_of) FROM assessments b WHERE b.provider_id = "
                              "a.provider_id) ORDER BY provider_id"));
          return AllAssessments(*stmt);
        });
  }

  absl::StatusOr<std::vector<AlertRow>> AlertsAfter(std::int64_t after_sequence,
                                                    int limit) override {
    STORE_RETURN_IF_ERROR(CheckLimit("limit", limit));
    return Read<std::vector<AlertRow>>(
        [&](SqliteConnection& c) -> absl::StatusOr<std::vector<AlertRow>> {
          STORE_ASSIGN_OR_RETURN(
              stmt, c.Prepare(absl::StrCat("SELECT ", kAlertColumns,
                                           " FROM alerts WHERE sequence > ?1 "
                                           "ORDER BY sequence LIMIT ?2")));
          stmt->Int(1, after_sequence).Int(2, std::min(limit, kMaxPageSize));
          std::vector<AlertRow> rows;
          while (true) {
            STORE_ASSIGN_OR_RETURN(row, stmt->Step());
            if (!row) return rows;
            rows.push_back(ReadAlert(*stmt));
          }
        });
  }

  absl::StatusOr<std::int64_t> LastAlertSequence() override {
    return Read<std::int64_t>([&](SqliteConnection& c) -> absl::StatusOr<std::int64_t> {
      STORE_ASSIGN_OR_RETURN(stmt, c.Prepare("SELECT COALESCE(MAX(sequence), 0) FROM alerts"));
      STORE_ASSIGN_OR_RETURN(row, stmt->Step());
      return row ? stmt->ColumnInt(0) : 0;
    });
  }

  absl::StatusOr<AlertRow> AcknowledgeAlert(std::int64_t sequence, absl::string_view who,
                                            absl::string_view at) override {
    STORE_RETURN_IF_ERROR(CheckNotEmpty("who", who));
    STORE_ASSIGN_OR_RETURN(when, TimestampOrNow("at", at));
    absl::MutexLock lock(&writer_mu_);
    return InTransaction<AlertRow>(*writer_, [&](SqliteConnection& c) -> absl::StatusOr<AlertRow> {
      // Only the first acknowledgement sticks: later ones change nothing.
      STORE_ASSIGN_OR_RETURN(
          update, c.Prepare("UPDATE alerts SET acknowledged_by = ?2, acknowledged_at = ?3 "
                            "WHERE sequence = ?1 AND acknowledged_by = ''"));
      update->Int(1, sequence).Text(2, who).Text(3, when);
      STORE_RETURN_IF_ERROR(update->Run());
      STORE_ASSIGN_OR_RETURN(
          select, c.Prepare(absl::StrCat("SELECT ", kAlertColumns,
                                         " FROM alerts WHERE sequence = ?1")));
      select->Int(1, sequence);
      STORE_ASSIGN_OR_RETURN(found, select->Step());
      if (!found) {
        return absl::NotFoundError(absl::StrCat("sequence: no alert with sequence ", sequence));
      }
      return ReadAlert(*select);
    });
  }

  absl::Status WaitForAlertNotification(absl::Duration timeout) override {
    // Only this process writes a SQLite store, so "another writer" can only
    // be this store object: wake on our own inserts, else at the timeout.
    // Inserts since the previous call count, like notifications buffered
    // on a LISTEN connection.
    const absl::Time deadline = absl::Now() + timeout;
    absl::MutexLock lock(&notify_mu_);
    while (alert_generation_ == seen_generation_) {
      if (notify_cv_.WaitWithDeadline(&notify_mu_, deadline)) break;
    }
    seen_generation_ = alert_generation_;
    return absl::OkStatus();
  }

  absl::Status PutToken(const TokenRow& token) override {
    STORE_RETURN_IF_ERROR(CheckNotEmpty("token_id", token.token_id));
    STORE_ASSIGN_OR_RETURN(created_at, TimestampOrNow("created_at", token.created_at));
    if (!token.expires_at.empty()) {
      STORE_RETURN_IF_ERROR(store_internal::CheckTimestamp("expires_at", token.expires_at));
    }
    if (!token.revoked_at.empty()) {
      STORE_RETURN_IF_ERROR(store_internal::CheckTimestamp("revoked_at", token.revoked_at));
    }
    absl::MutexLock lock(&writer_mu_);
    return InTransaction<bool>(*writer_, [&](SqliteConnection& c) -> absl::StatusOr<bool> {
             STORE_ASSIGN_OR_RETURN(
                 insert, c.Prepare(absl::StrCat("INSERT INTO tokens (", kTokenColumns,
                                                ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                                                " ON CONFLICT (token_id) DO NOTHING")));
             insert->Text(1, token.token_id)
                 .Blob(2, token.salt)
                 .Blob(3, token.hash)
                 .Int(4, token.role)
                 .Text(5, token.subject)
                 .Text(6, token.provider_id)
                 .Text(7, token.local_authority)
                 .Text(8, created_at)
                 .Text(9, token.expires_at)
                 .Text(10, token.revoked_at);
             STORE_RETURN_IF_ERROR(insert->Run());
             if (c.changes() == 0) {
               return absl::AlreadyExistsError(
                   absl::StrCat("token_id: a token with id '", token.token_id, "' exists"));
             }
             return true;
           })
        .status();
  }

  absl::StatusOr<std::optional<TokenRow>> GetToken(absl::string_view token_id) override {
    STORE_RETURN_IF_ERROR(CheckNotEmpty("token_id", token_id));
    return Read<std::optional<TokenRow>>(
        [&](SqliteConnection& c) -> absl::StatusOr<std::optional<TokenRow>> {
          STORE_ASSIGN_OR_RETURN(
              stmt, c.Prepare(absl::StrCat("SELECT ", kTokenColumns,
                                           " FROM tokens WHERE token_id = ?1")));
          stmt->Text(1, token_id);
          STORE_ASSIGN_OR_RETURN(row, stmt->Step());
          if (!row) return std::optional<TokenRow>();
          return std::optional<TokenRow>(ReadToken(*stmt));
        });
  }

  absl::StatusOr<std::vector<TokenRow>> ListTokens() override {
    return Read<std::vector<TokenRow>>(
        [&](SqliteConnection& c) -> absl::StatusOr<std::vector<TokenRow>> {
          STORE_ASSIGN_OR_RETURN(
              stmt, c.Prepare(absl::StrCat("SELECT ", kTokenColumns,
                                           " FROM tokens ORDER BY token_id")));
          std::vector<TokenRow> rows;
          while (true) {
            STORE_ASSIGN_OR_RETURN(row, stmt->Step());
            if (!row) return rows;
            rows.push_back(ReadToken(*stmt));
          }
        });
  }

  absl::Status RevokeToken(absl::string_view token_id, absl::string_view at) override {
    STORE_RETURN_IF_ERROR(CheckNotEmpty("token_id", token_id));
    STORE_ASSIGN_OR_RETURN(when, TimestampOrNow("at", at));
    absl::MutexLock lock(&writer_mu_);
    return InTransaction<bool>(*writer_, [&](SqliteConnection& c) -> absl::StatusOr<bool> {
             // Revoking twice keeps the first revocation time.
             STORE_ASSIGN_OR_RETURN(
                 update, c.Prepare("UPDATE tokens SET revoked_at = ?2 "
                                   "WHERE token_id = ?1 AND revoked_at = ''"));
             update->Text(1, token_id).Text(2, when);
             STORE_RETURN_IF_ERROR(update->Run());
             if (c.changes() > 0) return true;
             STORE_ASSIGN_OR_RETURN(exists,
                                        c.Prepare("SELECT 1 FROM tokens WHERE token_id = ?1"));
             exists->Text(1, token_id);
             STORE_ASSIGN_OR_RETURN(found, exists->Step());
             if (!found) {
               return absl::NotFoundError(absl::StrCat("token_id: no token '", token_id, "'"));
             }
             return false;
           })
        .status();
  }

  // Every call is audited, reads included, so this runs once per RPC. At
  // FULL each entry was its own commit and fsync, one at a time under the
  // writer's lock: the service answered at most one call per fsync, so when
  // the disk's fsync nears 1 ms (as while the nightly job's writes are being
  // flushed) 1,000 GetProvider/s queue without bound. With a WalSync the
  // entry commits at NORMAL, as a record group does, and the caller waits,
  // after letting the writer go, for a WalSync fsync that began after its
  // commit: still durable before the call is answered, but the entries of
  // concurrent calls share one fsync.
  absl::StatusOr<std::int64_t> AppendAudit(const AuditRow& entry) override {
    STORE_ASSIGN_OR_RETURN(at, TimestampOrNow("at", entry.at));
    std::optional<std::uint64_t> commit;
    absl::StatusOr<std::int64_t> appended = AppendAuditRow(entry, at, commit);
    if (appended.ok() && commit.has_value()) {
      STORE_RETURN_IF_ERROR(wal_sync_->AwaitDurable(*commit));
    }
    return appended;
  }

  absl::StatusOr<std::vector<AuditRow>> QueryAudit(const AuditQuery& query) override {
    STORE_RETURN_IF_ERROR(CheckLimit("limit", query.limit));
    return Read<std::vector<AuditRow>>(
        [&](SqliteConnection& c) -> absl::StatusOr<std::vector<AuditRow>> {
          STORE_ASSIGN_OR_RETURN(
              stmt, c.Prepare(absl::StrCat("SELECT ", kAuditColumns,
                                           " FROM audit WHERE id > ?1 "
                                           "AND (?2 = '' OR principal = ?2) "
                                           "AND (?3 = '' OR object = ?3) ORDER BY id LIMIT ?4")));
          stmt->Int(1, query.after_id)
              .Text(2, query.principal)
              .Text(3, query.object)
              .Int(4, std::min(query.limit, kMaxPageSize));
          std::vector<AuditRow> rows;
          while (true) {
            STORE_ASSIGN_OR_RETURN(row, stmt->Step());
            if (!row) return rows;
            rows.push_back(ReadAudit(*stmt));
          }
        });
  }

  absl::StatusOr<std::string> ChangeStamp() override {
    return change_stamp_.Get([&]() -> absl::StatusOr<std::string> {
      // Another process or handle on the same file: rows appended to
      // records (record_counter, added to in the commit that appends them:
      // it only grows, nothing is deleted; one row) and the
      // number of assessments (counted on the primary-key index, never the
      // table: a column after the payload would walk every payload's
      // overflow pages). Not seen: another process replacing an
      // assessment in place (same provider and as_of, new inputs) while
      // nothing else changes. One server per SQLite file is the supported
      // deployment (docs/storage.md); PostgreSQL replicas see that too.
      return Read<std::string>(
          [&](SqliteConnection& c) -> absl::StatusOr<std::string> {
            STORE_ASSIGN_OR_RETURN(
                stmt, c.Prepare("SELECT (SELECT appended FROM record_counter), "
                                "(SELECT COUNT(*) FROM assessments)"));
            STORE_ASSIGN_OR_RETURN(row, stmt->Step());
            if (!row) return absl::InternalError("change stamp: the query returned no row");
            return absl::StrCat(stmt->ColumnInt(0), "/", stmt->ColumnInt(1));
          });
    });
  }

  // --- Owner aliases and unmatched owners: sqlite_owner_tables.cc ---------
  absl::StatusOr<OwnerAliasRow> PutOwnerAlias(const OwnerAliasRow& alias) override {
    absl::MutexLock lock(&writer_mu_);
    return InTransaction<OwnerAliasRow>(*writer_, [&](SqliteConnection& c) {
      return sqlite_owner_tables::PutOwnerAlias(c, alias);
    });
  }

  absl::StatusOr<bool> DeleteOwnerAlias(absl::string_view normalised_name) override {
    absl::MutexLock lock(&writer_mu_);
    return InTransaction<bool>(*writer_, [&](SqliteConnection& c) {
      return sqlite_owner_tables::DeleteOwnerAlias(c, normalised_name);
    });
  }

  absl::StatusOr<std::vector<OwnerAliasRow>> ListOwnerAliases() override {
    return Read<std::vector<OwnerAliasRow>>(sqlite_owner_tables::ListOwnerAliases);
  }

  absl::StatusOr<int> ReplaceUnmatchedOwners(absl::string_view source,
                                             absl::Span<const UnmatchedOwnerRow> owners) override {
    absl::MutexLock lock(&writer_mu_);
    return InTransaction<int>(*writer_, [&](SqliteConnection& c) {
      return sqlite_owner_tables::ReplaceUnmatchedOwners(c, source, owners);
    });
  }

  absl::StatusOr<std::vector<UnmatchedOwnerRow>> ListUnmatchedOwners(
      absl::string_view source) override {
    return Read<std::vector<UnmatchedOwnerRow>>(
        [&](SqliteConnection& c) { return sqlite_owner_tables::ListUnmatchedOwners(c, source); });
  }

  absl::StatusOr<int> SchemaVersion() override {
    return Read<int>([&](SqliteConnection& c) -> absl::StatusOr<int> {
      STORE_ASSIGN_OR_RETURN(
          stmt, c.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
      STORE_ASSIGN_OR_RETURN(row, stmt->Step());
      return row ? static_cast<int>(stmt->ColumnInt(0)) : 0;
    });
  }

 private:
  // One caller's batch waiting for a group commit (see PutRecords).
  struct QueuedBatch {
    absl::Span<const RecordWrite> writes;
    const std::vector<std::string>& hashes;
    absl::StatusOr<std::vector<absl::StatusOr<WriteResult>>> result;
    bool taken = false;  // in a leader's group
    bool done = false;   // result set
  };

  // How a group is written (see WriteGroup), from the cheapest attempt.
  enum class Attempt {
    kHeldKeys,    // versions, heads and idempotency keys held to the group's end
    kKeyLookups,  // versions and heads held; each key inserted as its record is
    kSavepoints,  // each record written whole, inside its own savepoint
  };

  // AppendAudit's transaction; `commit` as for WriteGroup.
  absl::StatusOr<std::int64_t> AppendAuditRow(const AuditRow& entry, const std::string& at,
                                              std::optional<std::uint64_t>& commit) {
    absl::MutexLock lock(&writer_mu_);
    return WithSyncDeferred<std::int64_t>(commit, [&] {
      return InTransaction<std::int64_t>(
          *writer_, [&](SqliteConnection& c) -> absl::StatusOr<std::int64_t> {
            STORE_ASSIGN_OR_RETURN(
                insert, c.Prepare("INSERT INTO audit (at, principal, role, method, object, outcome) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id"));
            insert->Text(1, at)
                .Text(2, entry.principal)
                .Int(3, entry.role)
                .Text(4, entry.method)
                .Text(5, entry.object)
                .Text(6, entry.outcome);
            STORE_ASSIGN_OR_RETURN(row, insert->Step());
            if (!row) return absl::InternalError("audit: insert returned no id");
            const std::int64_t id = insert->ColumnInt(0);
            STORE_RETURN_IF_ERROR(insert->Run());
            return id;
          });
    });
  }

  // Writes the batches of a group in one transaction, in order; one result
  // list per batch. Only the group's leader calls this.
  //
  // Each record must be all-or-nothing on its own. A savepoint per record
  // guarantees it but costs an eighth of the writer's time, so the group is
  // first written without them: a record is refused (invalid, key reused
  // with another request, provider not registered) only before its first
  // write, which leaves nothing to undo. Should any record fail otherwise (a
  // failure after it began writing, e.g. a trigger or constraint, or any
  // database error), that attempt is rolled back whole and the group is
  // written again with a savepoint per record, as before.
  //
  // The first attempt also takes every idempotency key to be new and writes
  // them with the versions at the group's end, a few per statement. A key
  // that was not (a replay, or a key used twice in the group) shows there,
  // or at its second use: the attempt is rolled back and the group written
  // again with each key inserted as its record is, which answers a used key
  // from its first result. Either way the results are those of the records
  // written one by one.
  //
  // With a WalSync the group commits at synchronous=NORMAL and `commit` is
  // set to its number there: the caller must AwaitDurable it. (The writer
  // is back at FULL for every other transaction.)
  absl::StatusOr<std::vector<std::vector<absl::StatusOr<WriteResult>>>> WriteGroup(
      const std::vector<QueuedBatch*>& group, std::optional<std::uint64_t>& commit) {
    absl::MutexLock lock(&writer_mu_);
    return WithSyncDeferred<std::vector<std::vector<absl::StatusOr<WriteResult>>>>(
        commit, [&] { return WriteGroupAttempts(group); });
  }

  // Runs `write` (the writer's transactions) at synchronous=NORMAL when the
  // store has a WalSync, and sets `commit` to the number the callers must
  // AwaitDurable once they have let the writer go; without one, `write`
  // runs at FULL. The writer is back at FULL afterwards either way.
  template <typename T>
  absl::StatusOr<T> WithSyncDeferred(std::optional<std::uint64_t>& commit,
                                     absl::FunctionRef<absl::StatusOr<T>()> write)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(writer_mu_) {
    if (wal_sync_ == nullptr) return write();
    // After a failed fsync nothing more is written that could not be made
    // durable.
    STORE_RETURN_IF_ERROR(wal_sync_->failure());
    // Cached statements (Run): parsing the pragma each time showed in perf.
    STORE_RETURN_IF_ERROR(Run(*writer_, "PRAGMA synchronous = NORMAL"));
    absl::StatusOr<T> written = write();
    // Noted whether or not the write committed: a failed commit may still
    // have written frames, and a later fsync covers them anyway.
    commit = wal_sync_->NoteCommit();
    // Sets a flag of the connection (no I/O): fails only without memory.
    // The callers are then told the write failed, although it may have
    // committed (replaying a record's key answers which).
    if (absl::Status full = Run(*writer_, "PRAGMA synchronous = FULL"); !full.ok()) return full;
    return written;
  }

  absl::StatusOr<std::vector<std::vector<absl::StatusOr<WriteResult>>>> WriteGroupAttempts(
      const std::vector<QueuedBatch*>& group) ABSL_EXCLUSIVE_LOCKS_REQUIRED(writer_mu_) {
    std::optional<Attempt> retry;
    auto written = WriteGroupOnce(group, Attempt::kHeldKeys, retry);
    if (written.ok() || !retry.has_value()) return written;
    if (*retry == Attempt::kKeyLookups) {
      retry.reset();
      written = WriteGroupOnce(group, Attempt::kKeyLookups, retry);
      if (written.ok() || !retry.has_value()) return written;
    }
    retry.reset();
    return WriteGroupOnce(group, Attempt::kSavepoints, retry);
  }

  // `retry`: set, with the attempt to make next, when this one failed in a
  // way a later attempt answers.
  absl::StatusOr<std::vector<std::vector<absl::StatusOr<WriteResult>>>> WriteGroupOnce(
      const std::vector<QueuedBatch*>& group, Attempt attempt, std::optional<Attempt>& retry)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(writer_mu_) {
    using Results = std::vector<std::vector<absl::StatusOr<WriteResult>>>;
    const bool savepoints = attempt == Attempt::kSavepoints;
    const bool hold_keys = attempt == Attempt::kHeldKeys;
    return InTransaction<Results>(*writer_, [&](SqliteConnection& c) -> absl::StatusOr<Results> {
      Results results(group.size());
      const std::string now = NowTimestamp();
      // Providers known to be registered in this transaction, so that a
      // bulk load asks once per provider, not once per record. Shared by
      // the group's batches as a serial run of them would see it.
      absl::flat_hash_set<std::string> registered;
      STORE_ASSIGN_OR_RETURN(statements, RecordStatements::Prepare(c));
      std::int64_t appended = 0;  // new rows of records in this group
      // The first attempts defer the versions and heads to the group's end;
      // the savepoint attempt writes each record whole before the next.
      DeferredWrites deferred;
      DeferredWrites* const defer = savepoints ? nullptr : &deferred;
      for (std::size_t b = 0; b < group.size(); ++b) {
        const QueuedBatch& batch = *group[b];
        results[b].reserve(batch.writes.size());
        for (std::size_t i = 0; i < batch.writes.size(); ++i) {
          if (savepoints) STORE_RETURN_IF_ERROR(Run(c, "SAVEPOINT record"));
          bool began_writing = false;
          bool key_held_twice = false;
          absl::StatusOr<WriteResult> result =
              PutOneRecord(c, statements, batch.writes[i], batch.hashes[i], now, registered,
                           defer, hold_keys, began_writing, key_held_twice);
          if (key_held_twice) {
            retry = Attempt::kKeyLookups;
            return result.status();
          }
          if (savepoints) {
            // A rejected record rolls back to here and leaves nothing behind.
            if (!result.ok()) STORE_RETURN_IF_ERROR(Run(c, "ROLLBACK TO record"));
            STORE_RETURN_IF_ERROR(Run(c, "RELEASE record"));
          } else if (!result.ok() && (began_writing || !IsRefusal(result.status()) ||
                                      sqlite3_get_autocommit(c.handle()))) {
            retry = Attempt::kSavepoints;
            return result.status();
          }
          if (result.ok() && result->outcome == WriteOutcome::kStored && !result->replayed) {
            ++appended;
          }
          results[b].push_back(std::move(result));
        }
      }
      if (defer != nullptr) {
        // A key found used: the attempt with a lookup per key answers it.
        // Any other failure here cannot be laid at one record's door: the
        // attempt is rolled back and the group written again record by
        // record.
        bool key_used = false;
        if (absl::Status flushed = FlushDeferred(c, statements, deferred, now, key_used);
            !flushed.ok()) {
          retry = key_used ? Attempt::kKeyLookups : Attempt::kSavepoints;
          return flushed;
        }
      }
      // One addition per commit: ChangeStamp's count of appended records.
      if (appended > 0) {
        SqliteStatement count(c.handle(), statements.count);
        count.Int(1, appended);
        STORE_RETURN_IF_ERROR(count.Run());
      }
      return results;
    });
  }

  // Binds one version as the `row`th row of a records insert.
  static void BindVersion(SqliteStatement& s, int row, const DeferredWrites::Version& v,
                          const std::string& now) {
    const int at = row * 7;
    s.TextRef(at + 1, v.write->provider_id)
        .TextRef(at + 2, RecordKindName(v.write->kind))
        .TextRef(at + 3, v.write->record_key)
        .Int(at + 4, v.version)
        .BlobRef(at + 5, v.write->payload)
        .TextRef(at + 6, *v.hash)
        .TextRef(at + 7, now);
  }

  // Writes a group's deferred versions: full statements of kRowsPerInsert
  // rows, the rest one row each.
  //
  // The held idempotency keys go first: should one of them be in the table
  // already (ON CONFLICT DO NOTHING leaves it, and the statement changes one
  // row fewer), `key_used` is set and the attempt fails before anything
  // else is written.
  static absl::Status FlushDeferred(SqliteConnection& c, const RecordStatements& statements,
                                    const DeferredWrites& deferred, const std::string& now,
                                    bool& key_used) {
    constexpr std::size_t kRows = RecordStatements::kRowsPerInsert;
    const auto& keys = deferred.keys();
    std::int64_t keys_inserted = 0;
    const auto bind_key = [&now](SqliteStatement& s, int row, const DeferredWrites::IdempotencyRow& k) {
      const int at = row * 4;
      s.TextRef(at + 1, k.write->idempotency_key)
          .TextRef(at + 2, k.write->request_hash)
          .TextRef(at + 3, k.result)
          .TextRef(at + 4, now);
    };
    std::size_t next_key = 0;
    for (; next_key + kRows <= keys.size(); next_key += kRows) {
      SqliteStatement insert(c.handle(), statements.remember_many);
      for (std::size_t r = 0; r < kRows; ++r) bind_key(insert, static_cast<int>(r), keys[next_key + r]);
      STORE_RETURN_IF_ERROR(insert.Run());
      keys_inserted += c.changes();
    }
    for (; next_key < keys.size(); ++next_key) {
      SqliteStatement insert(c.handle(), statements.remember);
      bind_key(insert, 0, keys[next_key]);
      STORE_RETURN_IF_ERROR(insert.Run());
      keys_inserted += c.changes();
    }
    if (keys_inserted != static_cast<std::int64_t>(keys.size())) {
      key_used = true;
      return absl::AbortedError(absl::StrCat("idempotency: ", keys.size() - keys_inserted,
                                             " of the group's keys were used before"));
    }
    const auto& versions = deferred.versions();
    std::size_t next = 0;
    for (; next + kRows <= versions.size(); next += kRows) {
      SqliteStatement insert(c.handle(), statements.insert_many);
      for (std::size_t r = 0; r < kRows; ++r) {
        BindVersion(insert, static_cast<int>(r), versions[next + r], now);
      }
      STORE_RETURN_IF_ERROR(insert.Run());
    }
    for (; next < versions.size(); ++next) {
      SqliteStatement insert(c.handle(), statements.insert);
      BindVersion(insert, 0, versions[next], now);
      STORE_RETURN_IF_ERROR(insert.Run());
    }
    return absl::OkStatus();
  }

  // One assessment and its alerts inside the caller's transaction.
  absl::StatusOr<AssessmentWriteResult> PutOneAssessment(SqliteConnection& c,
                                                         const AssessmentRow& assessment,
                                                         absl::Span<const AlertRow> alerts,
                                                         const std::string& computed_at,
                                                         const std::string& now) {
    AssessmentWriteResult out;
    // Same fingerprint: the WHERE makes the upsert a no-op and
    // RETURNING yields no row.
    STORE_ASSIGN_OR_RETURN(
        upsert,
        c.Prepare("INSERT INTO assessments (provider_id, as_of, rating, score, "
                  "inputs_fingerprint, payload, computed_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                  "?6, ?7) ON CONFLICT (provider_id, as_of) DO UPDATE SET "
                  "rating = excluded.rating, score = excluded.score, "
                  "inputs_fingerprint = excluded.inputs_fingerprint, "
                  "payload = excluded.payload, computed_at = excluded.computed_at "
                  "WHERE assessments.inputs_fingerprint <> excluded.inputs_fingerprint "
                  "RETURNING 1"));
    // Bound without copies: every value outlives the statement.
    upsert->TextRef(1, assessment.provider_id)
        .TextRef(2, assessment.as_of)
        .Int(3, assessment.rating)
        .Real(4, assessment.score)
        .TextRef(5, assessment.inputs_fingerprint)
        .BlobRef(6, assessment.payload)
        .TextRef(7, computed_at);
    STORE_ASSIGN_OR_RETURN(written, upsert->Step());
    // Never step a finished statement again: SQLite would re-run it.
    if (written) STORE_RETURN_IF_ERROR(upsert->Run());
    out.assessment_written = written;
    for (const AlertRow& alert : alerts) {
      AlertRow row = alert;
      if (row.created_at.empty()) row.created_at = now;
      row.acknowledged_by.clear();
      row.acknowledged_at.clear();
      STORE_ASSIGN_OR_RETURN(
          insert, c.Prepare("INSERT INTO alerts (alert_key, provider_id, severity, as_of, "
                            "payload, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                            "ON CONFLICT (alert_key) DO NOTHING RETURNING sequence"));
      insert->TextRef(1, row.alert_key)
          .TextRef(2, row.provider_id)
          .Int(3, row.severity)
          .TextRef(4, row.as_of)
          .BlobRef(5, row.payload)
          .TextRef(6, row.created_at);
      STORE_ASSIGN_OR_RETURN(inserted, insert->Step());
      if (!inserted) continue;  // the key exists: this alert was raised before
      row.sequence = insert->ColumnInt(0);
      STORE_RETURN_IF_ERROR(insert->Run());
      insert.reset();  // unbinds `row` before it moves
      out.new_alerts.push_back(std::move(row));
    }
    return out;
  }

  // A write that a derived view may read has committed: see ChangeStamp.
  void NoteChange() { change_stamp_.NoteLocalChange(); }

  // Wakes WaitForAlertNotification: alerts were inserted through this store.
  void NotifyAlerts() {
    absl::MutexLock lock(&notify_mu_);
    ++alert_generation_;
    notify_cv_.SignalAll();
  }

  // A record's current version is its highest (schema 5 keeps no separate
  // heads; see sqlite_migrations.cc). Read in the primary key's order, a
  // record's versions come together, so one GROUP BY pass yields the current
  // rows; with a single max() aggregate SQLite takes the other (bare) columns
  // from the row holding the max
  // (https://sqlite.org/lang_select.html#bare_columns_in_an_aggregate_query).
  static constexpr char kCurrentColumns[] =
      "SELECT r.kind, r.provider_id, r.record_key, MAX(r.version), r.payload, r.recorded_at ";
  static constexpr char kCurrentGrouping[] =
      " GROUP BY r.provider_id, r.kind, r.record_key ORDER BY r.provider_id, r.kind, r.record_key";


  // The refusals PutOneRecord returns before writing anything.
  static bool IsRefusal(const absl::Status& status) {
    return absl::IsInvalidArgument(status) || absl::IsAlreadyExists(status) ||
           absl::IsFailedPrecondition(status);
  }

  // `began_writing` is set before the record's first write statement.
  // Every value bound here (the write's fields, `hash`, `now`, the kind's
  // static name) outlives the statement that binds it, so they are bound
  // without a copy (TextRef/BlobRef): the copies (and their allocations)
  // were ~3 % of oversightd's CPU during a bulk ingest in perf.
  // `deferred`: null to write the record's version and head at once (the
  // savepoint attempt), else where they wait for FlushDeferred. Then a
  // provider that had no record before the group has no head to look up
  // (one probe per provider and group instead of one per record), and with
  // `hold_keys` the idempotency key waits there too, taken to be new: if it
  // is already held in the group, `key_held_twice` is set and the record
  // fails (the group is written again with a lookup per key).
  static absl::StatusOr<WriteResult> PutOneRecord(SqliteConnection& c,
                                                  const RecordStatements& statements,
                                                  const RecordWrite& write, const std::string& hash,
                                                  const std::string& now,
                                                  absl::flat_hash_set<std::string>& registered,
                                                  DeferredWrites* deferred, bool hold_keys,
                                                  bool& began_writing, bool& key_held_twice) {
    STORE_RETURN_IF_ERROR(CheckRecordWrite(write));
    if (hold_keys && deferred->KeyHeld(write.idempotency_key)) {
      key_held_twice = true;
      return absl::AbortedError(absl::StrCat("idempotency_key '", write.idempotency_key,
                                             "' used twice in one group"));
    }
    // A key used before answers with its first result (or ALREADY_EXISTS for
    // another request) whatever else holds now; looked up here only on the
    // paths that would refuse or write nothing otherwise. A new key is found
    // new by its own insert below, which costs no separate lookup.
    const auto replay = [&]() -> absl::StatusOr<std::optional<WriteResult>> {
      SqliteStatement seen(c.handle(), statements.seen);
      seen.TextRef(1, write.idempotency_key);
      STORE_ASSIGN_OR_RETURN(found, seen.Step());
      if (!found) return std::optional<WriteResult>();
      STORE_ASSIGN_OR_RETURN(replayed, ReplayIdempotent(write, seen.ColumnText(0), seen.ColumnText(1)));
      return std::optional<WriteResult>(replayed);
    };
    // Deferred attempts only: whether the provider had any record before
    // the group (its heads are all in the database or all held).
    // Whether the provider may have rows in the database: always, outside a
    // group's first attempt; there, as probed once per provider and group.
    const auto provider_may_have_rows = [&]() -> absl::StatusOr<bool> {
      if (deferred == nullptr) return true;
      return deferred->ProviderHadRecords(write.provider_id, [&]() -> absl::StatusOr<bool> {
        SqliteStatement probe(c.handle(), statements.provider_rows);
        probe.TextRef(1, write.provider_id);
        return probe.Step();
      });
    };
    if (write.requires_provider && !registered.contains(write.provider_id)) {
      bool found = false;
      // A provider without any record has no provider record either.
      STORE_ASSIGN_OR_RETURN(may_exist, provider_may_have_rows());
      if (may_exist) {
        SqliteStatement provider(c.handle(), statements.provider);
        provider.TextRef(1, write.provider_id).TextRef(2, RecordKindName(RecordKind::kProvider));
        STORE_ASSIGN_OR_RETURN(provider_found, provider.Step());
        found = provider_found;
      }
      if (!found) {
        STORE_ASSIGN_OR_RETURN(replayed, replay());
        if (replayed.has_value()) return *replayed;
        return store_internal::ProviderNotRegistered(write.provider_id);
      }
      registered.insert(write.provider_id);
    }
    const absl::string_view kind = RecordKindName(write.kind);
    std::int64_t current_version = 0;
    bool unchanged = false;
    const DeferredWrites::Head* pending =
        deferred != nullptr ? deferred->FindHead(write.provider_id, kind, write.record_key) : nullptr;
    if (pending != nullptr) {
      // Written earlier in this group: its bytes are at hand.
      current_version = pending->version;
      unchanged = *pending->hash == hash && *pending->payload == write.payload;
    } else {
      STORE_ASSIGN_OR_RETURN(may_exist, provider_may_have_rows());
      if (may_exist) {
        SqliteStatement head(c.handle(), statements.head);
        head.TextRef(1, write.provider_id).TextRef(2, kind).TextRef(3, write.record_key);
        STORE_ASSIGN_OR_RETURN(found, head.Step());
        if (found) {
          current_version = head.ColumnInt(0);
          unchanged = head.ColumnText(1) == hash;
        }
      }
    }
    if (unchanged && pending == nullptr) {
      // Equal hashes are confirmed on the bytes: "unchanged" must never
      // drop a real change. Read only then: a changed record never pays
      // for reading its previous payload.
      SqliteStatement previous(c.handle(), statements.previous);
      previous.TextRef(1, write.provider_id).TextRef(2, kind).TextRef(3, write.record_key).Int(4, current_version);
      STORE_ASSIGN_OR_RETURN(found, previous.Step());
      unchanged = found && previous.ColumnBlob(0) == write.payload;
    }
    WriteResult result;
    result.outcome = unchanged ? WriteOutcome::kUnchanged : WriteOutcome::kStored;
    result.version = unchanged ? current_version : current_version + 1;
    if (hold_keys) {
      // Written by FlushDeferred with the group's other keys.
      began_writing = true;
      if (!deferred->HoldKey(write, result)) {
        key_held_twice = true;
        return absl::AbortedError(absl::StrCat("idempotency_key '", write.idempotency_key,
                                               "' used twice in one group"));
      }
    } else {
      {
        // Declared before the statement, so it outlives the no-copy binding.
        const std::string encoded_result = EncodeWriteResult(result);
        SqliteStatement remember(c.handle(), statements.remember);
        remember.TextRef(1, write.idempotency_key)
            .TextRef(2, write.request_hash)
            .TextRef(3, encoded_result)
            .TextRef(4, now);
        began_writing = true;
        STORE_RETURN_IF_ERROR(remember.Run());
      }
      if (c.changes() == 0) {
        // The key exists (ON CONFLICT DO NOTHING wrote nothing): replay it.
        began_writing = false;
        STORE_ASSIGN_OR_RETURN(replayed, replay());
        if (replayed.has_value()) return *replayed;
        return absl::InternalError(absl::StrCat("idempotency_key '", write.idempotency_key,
                                                "': neither inserted nor found"));
      }
    }
    if (!unchanged && deferred != nullptr) {
      deferred->Add(write, kind, hash, result.version);
    } else if (!unchanged) {
      SqliteStatement insert(c.handle(), statements.insert);
      insert.TextRef(1, write.provider_id)
          .TextRef(2, kind)
          .TextRef(3, write.record_key)
          .Int(4, result.version)
          .BlobRef(5, write.payload)
          .TextRef(6, hash)
          .TextRef(7, now);
      STORE_RETURN_IF_ERROR(insert.Run());
    }
    // Registered from here on for the rest of the group (a refused record
    // never reaches here).
    if (write.kind == RecordKind::kProvider) registered.insert(write.provider_id);
    return result;
  }

  static absl::StatusOr<std::vector<StoredRecord>> QueryRecords(
      SqliteConnection& c, const std::string& sql, std::vector<absl::string_view> params) {
    STORE_ASSIGN_OR_RETURN(stmt, c.Prepare(sql));
    for (size_t i = 0; i < params.size(); ++i) stmt->Text(static_cast<int>(i + 1), params[i]);
    std::vector<StoredRecord> records;
    while (true) {
      STORE_ASSIGN_OR_RETURN(row, stmt->Step());
      if (!row) return records;
      STORE_ASSIGN_OR_RETURN(record, ReadRecord(*stmt));
      records.push_back(std::move(record));
    }
  }

  static absl::StatusOr<std::optional<AssessmentRow>> OptionalAssessment(SqliteStatement& stmt) {
    STORE_ASSIGN_OR_RETURN(row, stmt.Step());
    if (!row) return std::optional<AssessmentRow>();
    return std::optional<AssessmentRow>(ReadAssessment(stmt));
  }

  static absl::StatusOr<std::vector<AssessmentRow>> AllAssessments(SqliteStatement& stmt) {
    std::vector<AssessmentRow> rows;
    while (true) {
      STORE_ASSIGN_OR_RETURN(row, stmt.Step());
      if (!row) return rows;
      rows.push_back(ReadAssessment(stmt));
    }
  }

  // Runs `body` on an idle reader connection (on the writer, under its
  // mutex, for an in-memory database, which a second connection would not
  // see).
  template <typename T>
  absl::StatusOr<T> Read(absl::FunctionRef<absl::StatusOr<T>(SqliteConnection&)> body) {
    if (in_memory_) {
      absl::MutexLock lock(&writer_mu_);
      return body(*writer_);
    }
    std::unique_ptr<SqliteConnection> reader;
    {
      absl::MutexLock lock(&readers_mu_);
      readers_mu_.Await(absl::Condition(this, &SqliteStore::HasIdleReader));
      reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
    }
    absl::StatusOr<T> result = body(*reader);
    absl::MutexLock lock(&readers_mu_);
    idle_readers_.push_back(std::move(reader));
    return result;
  }

  bool HasIdleReader() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(readers_mu_) {
    return !idle_readers_.empty();
  }

  // The group commit of PutRecords: batches waiting for the next group, and
  // whether a leader is writing one.
  absl::Mutex commit_mu_;
  std::vector<QueuedBatch*> commit_queue_ ABSL_GUARDED_BY(commit_mu_);
  bool commit_leader_ ABSL_GUARDED_BY(commit_mu_) = false;

  // Declared before the connections, so it outlives them (the writer's WAL
  // hook points at it until the destructor detaches it).
  std::unique_ptr<SqliteCheckpointer> checkpointer_;
  std::unique_ptr<WalSync> wal_sync_;
  absl::Mutex writer_mu_;
  std::unique_ptr<SqliteConnection> writer_ ABSL_GUARDED_BY(writer_mu_);
  absl::Mutex readers_mu_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_ ABSL_GUARDED_BY(readers_mu_);
  bool in_memory_ = false;

  absl::Mutex notify_mu_;
  absl::CondVar notify_cv_;
  std::int64_t alert_generation_ ABSL_GUARDED_BY(notify_mu_) = 0;
  std::int64_t seen_generation_ ABSL_GUARDED_BY(notify_mu_) = 0;

  ChangeStampCache change_stamp_{kChangeStampRefresh};
};

}  // namespace

std::optional<SqliteDurability> InspectSqliteDurability(Store& store) {
  auto* sqlite = dynamic_cast<SqliteStore*>(&store);
  if (sqlite == nullptr) return std::nullopt;
  return sqlite->Durability();
}

absl::StatusOr<SqliteSynchronous> ParseSqliteSynchronous(absl::string_view name,
                                                         absl::string_view field) {
  if (name == "full") return SqliteSynchronous::kFull;
  if (name == "normal") return SqliteSynchronous::kNormal;
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": '", name, "' is neither 'full' nor 'normal'"));
}

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(absl::string_view path) {
  return OpenSqliteStore(path, SqliteOptions());
}

absl::StatusOr<std::unique_ptr<Store>> OpenStore(absl::string_view url,
                                                 const SqliteOptions& sqlite) {
  constexpr absl::string_view kScheme = "sqlite:";
  if (url.substr(0, kScheme.size()) == kScheme && url.size() > kScheme.size()) {
    return OpenSqliteStore(url.substr(kScheme.size()), sqlite);
  }
  return OpenStore(url);  // PostgreSQL, or the error for a malformed URL
}

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(absl::string_view path,
                                                       const SqliteOptions& options) {
  STORE_ASSIGN_OR_RETURN(writer, SqliteConnection::Open(path, /*query_only=*/false));
  // The connection opens with FULL. Only the writer commits, so only its
  // setting decides when a commit is durable.
  if (options.synchronous == SqliteSynchronous::kNormal) {
    STORE_RETURN_IF_ERROR(writer->Exec("PRAGMA synchronous = NORMAL"));
  }
  // The writer probes the records, heads and idempotency keys' B-trees for
  // every record it writes; SQLite's default page cache (2 MiB) holds a
  // small part of them at 10,000 providers, and each miss is a pread.
  // 32 MiB keeps the upper levels and recent leaves resident.
  STORE_RETURN_IF_ERROR(writer->Exec("PRAGMA cache_size = -32768"));
  STORE_RETURN_IF_ERROR(ApplyMigrations(*writer));
  std::vector<std::unique_ptr<SqliteConnection>> readers;
  std::unique_ptr<SqliteCheckpointer> checkpointer;
  std::unique_ptr<WalSync> wal_sync;
  if (path != ":memory:") {
    for (int i = 0; i < kReaderConnections; ++i) {
      STORE_ASSIGN_OR_RETURN(reader, SqliteConnection::Open(path, /*query_only=*/true));
      readers.push_back(std::move(reader));
    }
    // The WAL checkpoint runs on its own thread, off the writer's commits
    // (see sqlite_checkpointer.h). Attached after the migrations, which
    // keep the automatic checkpoint.
    STORE_ASSIGN_OR_RETURN(started, SqliteCheckpointer::Start(path));
    checkpointer = std::move(started);
    if (options.synchronous == SqliteSynchronous::kFull) {
      // The WAL exists from the writer's first transaction (the migrations
      // above) while any connection is open.
      const char* wal = sqlite3_filename_wal(sqlite3_db_filename(writer->handle(), "main"));
      STORE_ASSIGN_OR_RETURN(opened, WalSync::Open(wal != nullptr ? wal : ""));
      wal_sync = std::move(opened);
    }
  }
  return std::make_unique<SqliteStore>(std::move(writer), std::move(readers),
                                       std::move(checkpointer), std::move(wal_sync));
}

}  // namespace oversight::server
