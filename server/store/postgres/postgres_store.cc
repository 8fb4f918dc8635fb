#include "server/store/postgres/postgres_store.h"

#include <poll.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "server/store/postgres/pg_connection.h"
#include "server/store/postgres/pg_pool.h"
#include "server/store/postgres/postgres_migrations.h"
#include "server/store/postgres/postgres_owner_tables.h"
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

// Pool size per store. The service's handlers are short transactions; eight
// keeps a replica well inside PostgreSQL's default max_connections (100)
// even with several replicas.
constexpr int kPoolSize = 8;
// Advisory lock keys (arbitrary constants, per database): one for schema
// migrations (session lock at start-up), one for alert inserts
// (transaction lock). The values spell "ovmigrat" and "ovalerts" in ASCII.
constexpr char kMigrationLock[] = "7958647085103903604";
constexpr char kAlertLock[] = "8031446436451103347";
constexpr char kAlertChannel[] = "oversight_alerts";
// A concurrent writer of the same record or idempotency key makes a unique
// insert fail; the record is retried from its savepoint this many times.
constexpr int kRecordAttempts = 4;
// Whole transactions are retried on deadlock/serialisation failure.
constexpr int kTransactionAttempts = 3;

constexpr char kRecordColumns[] =
    "r.kind, r.provider_id, r.record_key, r.version, r.payload, r.recorded_at";
constexpr char kCurrentRecordsSql[] =
    "SELECT r.kind, r.provider_id, r.record_key, r.version, r.payload, r.recorded_at "
    "FROM record_heads h JOIN records r ON r.provider_id = h.provider_id AND r.kind = h.kind "
    "AND r.record_key = h.record_key AND r.version = h.version";
constexpr char kAssessmentColumns[] =
    "provider_id, as_of, rating, score, inputs_fingerprint, payload, computed_at";
constexpr char kAlertColumns[] =
    "sequence, alert_key, provider_id, severity, as_of, payload, created_at, acknowledged_by, "
    "acknowledged_at";
constexpr char kTokenColumns[] =
    "token_id, salt, hash, role, subject, provider_id, local_authority, created_at, expires_at, "
    "revoked_at";
constexpr char kAuditColumns[] = "id, at, principal, role, method, object, outcome";

absl::StatusOr<std::vector<StoredRecord>> ReadRecords(const PgResult& r) {
  std::vector<StoredRecord> out;
  out.reserve(static_cast<size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    StoredRecord s;
    absl::StatusOr<RecordKind> kind = ParseRecordKind(r.Text(i, 0));
    if (!kind.ok()) {
      return absl::DataLossError(absl::StrCat("records.kind: ", kind.status().message()));
    }
    s.kind = *kind;
    s.provider_id = r.Text(i, 1);
    s.record_key = r.Text(i, 2);
    s.version = r.Int(i, 3);
    s.payload = r.Bytes(i, 4);
    s.recorded_at = r.Text(i, 5);
    out.push_back(std::move(s));
  }
  return out;
}

AssessmentRow ReadAssessment(const PgResult& r, int i) {
  AssessmentRow a;
  a.provider_id = r.Text(i, 0);
  a.as_of = r.Text(i, 1);
  a.rating = static_cast<int>(r.Int(i, 2));
  a.score = r.Real(i, 3);
  a.inputs_fingerprint = r.Text(i, 4);
  a.payload = r.Bytes(i, 5);
  a.computed_at = r.Text(i, 6);
  return a;
}

std::vector<AssessmentRow> ReadAssessments(const PgResult& r) {
  std::vector<AssessmentRow> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(ReadAssessment(r, i));
  return out;
}

AlertRow ReadAlert(const PgResult& r, int i) {
  AlertRow a;
  a.sequence = r.Int(i, 0);
  a.alert_key = r.Text(i, 1);
  a.provider_id = r.Text(i, 2);
  a.severity = static_cast<int>(r.Int(i, 3));
  a.as_of = r.Text(i, 4);
  a.payload = r.Bytes(i, 5);
  a.created_at = r.Text(i, 6);
  a.acknowledged_by = r.Text(i, 7);
  a.acknowledged_at = r.Text(i, 8);
  return a;
}

TokenRow ReadToken(const PgResult& r, int i) {
  TokenRow t;
  t.token_id = r.Text(i, 0);
  t.salt = r.Bytes(i, 1);
  t.hash = r.Bytes(i, 2);
  t.role = static_cast<int>(r.Int(i, 3));
  t.subject = r.Text(i, 4);
  t.provider_id = r.Text(i, 5);
  t.local_authority = r.Text(i, 6);
  t.created_at = r.Text(i, 7);
  t.expires_at = r.Text(i, 8);
  t.revoked_at = r.Text(i, 9);
  return t;
}

AuditRow ReadAudit(const PgResult& r, int i) {
  AuditRow a;
  a.id = r.Int(i, 0);
  a.at = r.Text(i, 1);
  a.principal = r.Text(i, 2);
  a.role = static_cast<int>(r.Int(i, 3));
  a.method = r.Text(i, 4);
  a.object = r.Text(i, 5);
  a.outcome = r.Text(i, 6);
  return a;
}

// Runs pending migrations on a dedicated connection holding a session
// advisory lock, so replicas starting together apply each migration once;
// the others wait and then find nothing to do. Closing the connection
// releases the lock even on error.
absl::Status ApplyMigrations(const std::string& conninfo) {
  STORE_ASSIGN_OR_RETURN(conn, PgConnection::Connect(conninfo));
  STORE_RETURN_IF_ERROR(conn->ExecScript(absl::StrCat("SELECT pg_advisory_lock(", kMigrationLock, ")")));
  STORE_RETURN_IF_ERROR(conn->ExecScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, "
      "name text NOT NULL, applied_at text NOT NULL)"));
  STORE_ASSIGN_OR_RETURN(current, conn->Exec("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  const std::int64_t version = current.Int(0, 0);
  const int latest_known = PostgresMigrations().back().version;
  if (version > latest_known) {
    return absl::FailedPreconditionError(
        absl::StrCat("schema_migrations: database schema version ", version,
                     " is newer than this binary's ", latest_known, "; upgrade oversightd"));
  }
  for (const Migration& migration : PostgresMigrations()) {
    if (migration.version <= version) continue;
    STORE_RETURN_IF_ERROR(conn->ExecScript("BEGIN"));
    absl::Status applied = conn->ExecScript(migration.sql);
    if (applied.ok()) {
      applied = conn->Exec("INSERT INTO schema_migrations (version, name, applied_at) "
                           "VALUES ($1, $2, $3)",
                           PgParams().Int(migration.version).Text(migration.name).Text(NowTimestamp()))
                    .status();
    }
    if (applied.ok()) applied = conn->ExecScript("COMMIT");
    if (!applied.ok()) {
      conn->ExecScript("ROLLBACK").IgnoreError();
      return absl::Status(applied.code(), absl::StrCat("migration ", migration.version, " (",
                                                       migration.name, "): ", applied.message()));
    }
  }
  return conn->ExecScript(absl::StrCat("SELECT pg_advisory_unlock(", kMigrationLock, ")"));
}

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(std::string conninfo)
      : conninfo_(conninfo), pool_(std::move(conninfo), kPoolSize) {}

  absl::StatusOr<WriteResult> PutRecord(const RecordWrite& write) override {
    STORE_ASSIGN_OR_RETURN(results, PutRecords(absl::MakeConstSpan(&write, 1)));
    return std::move(results.front());
  }

  absl::StatusOr<std::vector<absl::StatusOr<WriteResult>>> PutRecords(
      absl::Span<const RecordWrite> writes) override {
    absl::StatusOr<std::vector<absl::StatusOr<WriteResult>>> stored =
        InTransaction<std::vector<absl::StatusOr<WriteResult>>>(
        [&](PgConnection& c) -> absl::StatusOr<std::vector<absl::StatusOr<WriteResult>>> {
          std::vector<absl::StatusOr<WriteResult>> results;
          results.reserve(writes.size());
          const std::string now = NowTimestamp();
          // Providers known to be registered in this transaction, so that a
          // bulk load asks once per provider, not once per record.
          absl::flat_hash_set<std::string> registered;
          for (const RecordWrite& write : writes) {
            absl::StatusOr<WriteResult> result;
            for (int attempt = 1; attempt <= kRecordAttempts; ++attempt) {
              // A savepoint per record: a rejected record rolls back to
              // here and leaves nothing behind; the batch commits once.
              STORE_RETURN_IF_ERROR(c.ExecScript("SAVEPOINT record"));
              result = PutOneRecord(c, write, now, registered);
              if (result.ok()) {
                STORE_RETURN_IF_ERROR(c.ExecScript("RELEASE SAVEPOINT record"));
                break;
              }
              if (!c.healthy()) return result.status();
              STORE_RETURN_IF_ERROR(c.ExecScript("ROLLBACK TO SAVEPOINT record"));
              STORE_RETURN_IF_ERROR(c.ExecScript("RELEASE SAVEPOINT record"));
              if (!absl::IsAborted(result.status())) break;
            }
            results.push_back(std::move(result));
          }
          return results;
        });
    if (stored.ok() && std::any_of(stored->begin(), stored->end(), [](const auto& r) {
          return r.ok() && r->outcome == WriteOutcome::kStored && !r->replayed;
        })) {
      NoteChange();
    }
    return stored;
  }

  absl::StatusOr<std::vector<StoredRecord>> CurrentRecords(absl::string_view provider_id) override {
    STORE_RETURN_IF_ERROR(CheckNotEmpty("provider_id", provider_id));
    return Read<std::vector<StoredRecord>>([&](PgConnection& c) -> absl::StatusOr<std::vector<StoredRecord>> {
      STORE_ASSIGN_OR_RETURN(
          r, c.Exec(absl::StrCat(kCurrentRecordsSql, " WHERE h.provider_id = $1 "
                                 "ORDER BY h.provider_id, h.kind, h.record_key"),
                    PgParams().Text(provider_id)));
      return ReadRecords(r);
    });
  }

  absl::StatusOr<std::vector<StoredRecord>> AllCurrentRecords() override {
    return Read<std::vector<StoredRecord>>([&](PgConnection& c) -> absl::StatusOr<std::vector<StoredRecord>> {
      STORE_ASSIGN_OR_RETURN(
          r, c.Exec(absl::StrCat(kCurrentRecordsSql, " ORDER BY h.provider_id, h.kind, h.record_key")));
      return ReadRecords(r);
    });
  }

  absl::StatusOr<std::vector<StoredRecord>> CurrentRecordsOfKind(RecordKind kind) override {
    return Read<std::vector<StoredRecord>>([&](PgConnection& c) -> absl::StatusOr<std::vector<StoredRecord>> {
      STORE_ASSIGN_OR_RETURN(
          r, c.Exec(absl::StrCat(kCurrentRecordsSql, " WHERE h.kind = $1 ORDER BY h.provider_id, h.record_key"),
                    PgParams().Text(RecordKindName(kind))));
      return ReadRecords(r);
    });
  }

  absl::StatusOr<std::vector<StoredRecord>> RecordHistory(RecordKind kind,
                                                          absl::string_view provider_id,
                                                          absl::string_view record_key) override {
    STORE_RETURN_IF_ERROR(CheckNotEmpty("provider_id", provider_id));
    return Read<std::vector<StoredRecord>>([&](PgConnection& c) -> absl::StatusOr<std::vector<StoredRecord>> {
      STORE_ASSIGN_OR_RETURN(
          r, c.Exec(absl::StrCat("SELECT ", kRecordColumns,
                                 " FROM records r WHERE r.provider_id = $1 AND r.kind = $2 "
                                 "AND r.record_key = $3 ORDER BY r.version"),
                    PgParams().Text(provider_id).Text(RecordKindName(kind)).Text(record_key)));
      return ReadRecords(r);
    });
  }

  absl::StatusOr<AssessmentWriteResult> PutAssessment(const AssessmentRow& assessment,
                                                      absl::Span<const AlertRow> alerts) override {
    STORE_RETURN_IF_ERROR(CheckAssessment(assessment));
    STORE_ASSIGN_OR_RETURN(computed_at,
                           TimestampOrNow("assessment.computed_at", assessment.computed_at));
    for (const AlertRow& alert : alerts) STORE_RETURN_IF_ERROR(CheckAlert(alert));
    const std::string now = NowTimestamp();
    absl::StatusOr<AssessmentWriteResult> written = InTransaction<AssessmentWriteResult>(
        [&](PgConnection& c) -> absl::StatusOr<AssessmentWriteResult> {
          AssessmentWriteResult out;
          // ON CONFLICT makes two replicas scoring the same date safe: the
          // second waits for the first's row lock, then re-checks the WHERE
          // against the committed row (same fingerprint: no update, no row).
          STORE_ASSIGN_OR_RETURN(
              upsert,
              c.Exec("INSERT INTO assessments (provider_id, as_of, rating, score, "
                     "inputs_fingerprint, payload, computed_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
                     "ON CONFLICT (provider_id, as_of) DO UPDATE SET rating = EXCLUDED.rating, "
                     "score = EXCLUDED.score, inputs_fingerprint = EXCLUDED.inputs_fingerprint, "
                     "payload = EXCLUDED.payload, computed_at = EXCLUDED.computed_at "
                     "WHERE assessments.inputs_fingerprint <> EXCLUDED.inputs_fingerprint "
                     "RETURNING 1",
                     PgParams()
                         .Text(assessment.provider_id)
                         .Text(assessment.as_of)
                         .Int(assessment.rating)
                         .Real(assessment.score)
                         .Text(assessment.inputs_fingerprint)
                         .Bytes(assessment.payload)
                         .Text(computed_at)));
          out.assessment_written = upsert.rows() > 0;
          if (alerts.empty()) return out;
          // Held to commit: the sequence values this transaction draws are
          // all greater than those of every transaction committed before,
          // and less than those of every one committing after.
          STORE_RETURN_IF_ERROR(
              c.ExecScript(absl::StrCat("SELECT pg_advisory_xact_lock(", kAlertLock, ")")));
          for (const AlertRow& alert : alerts) {
            AlertRow row = alert;
            if (row.created_at.empty()) row.created_at = now;
            row.acknowledged_by.clear();
            row.acknowledged_at.clear();
            STORE_ASSIGN_OR_RETURN(
                insert, c.Exec("INSERT INTO alerts (alert_key, provider_id, severity, as_of, "
                               "payload, created_at) VALUES ($1, $2, $3, $4, $5, $6) "
                               "ON CONFLICT (alert_key) DO NOTHING RETURNING sequence",
                               PgParams()
                                   .Text(row.alert_key)
                                   .Text(row.provider_id)
                                   .Int(row.severity)
                                   .Text(row.as_of)
                                   .Bytes(row.payload)
                                   .Text(row.created_at)));
            if (insert.rows() == 0) continue;  // the key exists: raised before
            row.sequence = insert.Int(0, 0);
            out.new_alerts.push_back(std::move(row));
          }
          if (!out.new_alerts.empty()) {
            // Delivered to listeners only if and when this transaction
            // commits.
            STORE_RETURN_IF_ERROR(
                c.Exec("SELECT pg_notify($1, $2)",
                       PgParams().Text(kAlertChannel).Text(absl::StrCat(out.new_alerts.back().sequence)))
                    .status());
          }
          return out;
        });
    if (written.ok() && written->assessment_written) NoteChange();
    return written;
  }

  absl::StatusOr<std::string> ChangeStamp() override {
    return change_stamp_.Get([&]() -> absl::StatusOr<std::string> {
      // Other replicas' writes: record versions are only ever added, and an
      // assessment is inserted or replaced with a new fingerprint, so the
      // count of records and the assessments' count, newest computation
      // and fingerprint checksum change with every such write. These are
      // full scans (index-only for records' count), hence read at most
      // once per refresh period rather than per call.
      return Read<std::string>(
          [&](PgConnection& c) -> absl::StatusOr<std::string> {
            STORE_ASSIGN_OR_RETURN(
                r, c.Exec("SELECT (SELECT COUNT(*) FROM records)::text || '/' || COUNT(*)::text "
                          "|| '/' || COALESCE(MAX(computed_at), '') || '/' || "
                          "COALESCE(SUM(hashtext(inputs_fingerprint)::bigint), 0)::text "
                          "FROM assessments"));
            if (r.rows() != 1) return absl::InternalError("change stamp: the query returned no row");
            return r.Text(0, 0);
          });
    });
  }

  absl::StatusOr<std::optional<AssessmentRow>> LatestAssessment(absl::string_view provider_id,
                                                                absl::string_view before) override {
    STORE_RETURN_IF_ERROR(CheckNotEmpty("provider_id", provider_id));
    if (!before.empty()) STORE_RETURN_IF_ERROR(CheckDate("before", before));
    return Read<std::optional<AssessmentRow>>(
        [&](PgConnection& c) -> absl::StatusOr<std::optional<AssessmentRow>> {
          // '9999-99-99' sorts after every date: "no bound".
          STORE_ASSIGN_OR_RETURN(
              r, c.Exec(absl::StrCat("SELECT ", kAssessmentColumns,
                                     " FROM assessments WHERE provider_id = $1 AND as_of < $2 "
                                     "ORDER BY as_of DESC LIMIT 1"),
                        PgParams().Text(provider_id).Text(before.empty() ? "9999-99-99" : before)));
          if (r.rows() == 0) return std::optional<AssessmentRow>();
          return std::optional<AssessmentRow>(ReadAssessment(r, 0));
        });
  }

  absl::StatusOr<std::optional<AssessmentRow>> AssessmentAt(absl::string_view provider_id,
                                                            absl::string_view as_of) override {
    STORE_RETURN_IF_ERROR(CheckNotEmpty("provider_id", provider_id));
    STORE_RETURN_IF_ERROR(CheckDate("as_of", as_of));
    return Read<std::optional<AssessmentRow>>(
        [&](PgConnection& c) -> absl::StatusOr<std::optional<AssessmentRow>> {
          STORE_ASSIGN_OR_RETURN(
              r, c.Exec(absl::StrCat("SELECT ", kAssessmentColumns,
                                     " FROM assessments WHERE provider_id = $1 AND as_of = $2"),
                        PgParams().Text(provider_id).Text(as_of)));
          if (r.rows() == 0) return std::optional<AssessmentRow>();
          return std::optional<AssessmentRow>(ReadAssessment(r, 0));
        });
  }

  absl::StatusOr<std::vector<AssessmentRow>> AssessmentHistory(absl::string_view provider_id,
                                                               int limit) override {
    STORE_RETURN_IF_ERROR(CheckNotEmpty("provider_id", provider_id));
    STORE_RETURN_IF_ERROR(CheckLimit("limit", limit));
    return Read<std::vector<AssessmentRow>>(
        [&](PgConnection& c) -> absl::StatusOr<std::vector<AssessmentRow>> {
          STORE_ASSIGN_OR_RETURN(
              r, c.Exec(absl::StrCat("SELECT ", kAssessmentColumns,
                                     " FROM assessments WHERE provider_id = $1 "
                                     "ORDER BY as_of DESC LIMIT $2"),
                        PgParams().Text(provider_id).Int(std::min(limit, kMaxPageSize))));
          return ReadAssessments(r);
        });
  }

  absl::StatusOr<std::vector<AssessmentRow>> LatestAssessments() override {
    return Read<std::vector<AssessmentRow>>(
        [&](PgConnection& c) -> absl::StatusOr<std::vector<AssessmentRow>> {
          STORE_ASSIGN_OR_RETURN(
              r, c.Exec(absl::StrCat("SELECT DISTINCT ON (provider_id) ", kAssessmentColumns,
                                     " FROM assessments ORDER BY provider_id, as_of DESC")));
          return ReadAssessments(r);
        });
  }

  absl::StatusOr<std::vector<AssessmentRow>> LatestAssessmentHeads() override {
    return Read<std::vector<AssessmentRow>>(
        [&](PgConnection& c) -> absl::StatusOr<std::vector<AssessmentRow>> {
          // The payload column is an empty literal: the bytea never leaves
          // the server.
          STORE_ASSIGN_OR_RETURN(
              r, c.Exec("SELECT DISTINCT ON (provider_id) provider_id, as_of, rating, score, "
                        "inputs_fingerprint, ''::bytea AS payload, '' AS computed_at "
                        "FROM assessments ORDER BY provider_id, as_of DESC"));
          return ReadAssessments(r);
        });
  }

  absl::StatusOr<std::vector<AlertRow>> AlertsAfter(std::int64_t after_sequence,
                                                    int limit) override {
    STORE_RETURN_IF_ERROR(CheckLimit("limit", limit));
    return Read<std::vector<AlertRow>>([&](PgConnection& c) -> absl::StatusOr<std::vector<AlertRow>> {
      STORE_ASSIGN_OR_RETURN(
          r, c.Exec(absl::StrCat("SELECT ", kAlertColumns,
                                 " FROM alerts WHERE sequence > $1 ORDER BY sequence LIMIT $2"),
                    PgParams().Int(after_sequence).Int(std::min(limit, kMaxPageSize))));
      std::vector<AlertRow> out;
      for (int i = 0; i < r.rows(); ++i) out.push_back(ReadAlert(r, i));
      return out;
    });
  }

  absl::StatusOr<std::int64_t> LastAlertSequence() override {
    return Read<std::int64_t>([&](PgConnection& c) -> absl::StatusOr<std::int64_t> {
      STORE_ASSIGN_OR_RETURN(r, c.Exec("SELECT COALESCE(MAX(sequence), 0) FROM alerts"));
      return r.Int(0, 0);
    });
  }

  absl::StatusOr<AlertRow> AcknowledgeAlert(std::int64_t sequence, absl::string_view who,
                                            absl::string_view at) override {
    STORE_RETURN_IF_ERROR(CheckNotEmpty("who", who));
    STORE_ASSIGN_OR_RETURN(when, TimestampOrNow("at", at));
    return InTransaction<AlertRow>([&](PgConnection& c) -> absl::StatusOr<AlertRow> {
      // Only the first acknowledgement sticks.
      STORE_RETURN_IF_ERROR(c.Exec("UPDATE alerts SET acknowledged_by = $2, acknowledged_at = $3 "
                                   "WHERE sequence = $1 AND acknowledged_by = ''",
                                   PgParams().Int(sequence).Text(who).Text(when))
                                .status());
      STORE_ASSIGN_OR_RETURN(
          r, c.Exec(absl::StrCat("SELECT ", kAlertColumns, " FROM alerts WHERE sequence = $1"),
                    PgParams().Int(sequence)));
      if (r.rows() == 0) {
        return absl::NotFoundError(absl::StrCat("sequence: no alert with sequence ", sequence));
      }
      return ReadAlert(r, 0);
    });
  }

  absl::Status WaitForAlertNotification(absl::Duration timeout) override {
    const absl::Time deadline = absl::Now() + timeout;
    absl::MutexLock lock(&listen_mu_);
    if (listener_ == nullptr || !listener_->healthy()) {
      listener_.reset();
      STORE_ASSIGN_OR_RETURN(conn, PgConnection::Connect(conninfo_));
      STORE_RETURN_IF_ERROR(conn->ExecScript(absl::StrCat("LISTEN ", kAlertChannel)));
      listener_ = std::move(conn);
    }
    PGconn* pg = listener_->handle();
    while (true) {
      if (PQconsumeInput(pg) == 0) {
        absl::Status lost = absl::UnavailableError(
            absl::StrCat("postgres: LISTEN connection lost: ", PQerrorMessage(pg)));
        listener_.reset();
        return lost;
      }
      bool notified = false;
      while (PGnotify* n = PQnotifies(pg)) {
        notified = true;
        PQfreemem(n);
      }
      if (notified) return absl::OkStatus();
      const absl::Duration left = deadline - absl::Now();
      if (left <= absl::ZeroDuration()) return absl::OkStatus();
      pollfd fd{PQsocket(pg), POLLIN, 0};
      const int ms = static_cast<int>(std::min<std::int64_t>(
          absl::ToInt64Milliseconds(absl::Ceil(left, absl::Milliseconds(1))), 60 * 60 * 1000));
      if (poll(&fd, 1, ms) < 0 && errno != EINTR) {
        return absl::UnavailableError("postgres: poll on the LISTEN connection failed");
      }
    }
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
    return InTransaction<bool>([&](PgConnection& c) -> absl::StatusOr<bool> {
             STORE_ASSIGN_OR_RETURN(
                 r, c.Exec(absl::StrCat("INSERT INTO tokens (", kTokenColumns,
                                        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
                                        "ON CONFLICT (token_id) DO NOTHING"),
                           PgParams()
                               .Text(token.token_id)
                               .Bytes(token.salt)
                               .Bytes(token.hash)
                               .Int(token.role)
                               .Text(token.subject)
                               .Text(token.provider_id)
                               .Text(token.local_authority)
                               .Text(created_at)
                               .Text(token.expires_at)
                               .Text(token.revoked_at)));
             if (r.affected() == 0) {
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
        [&](PgConnection& c) -> absl::StatusOr<std::optional<TokenRow>> {
          STORE_ASSIGN_OR_RETURN(
              r, c.Exec(absl::StrCat("SELECT ", kTokenColumns, " FROM tokens WHERE token_id = $1"),
                        PgParams().Text(token_id)));
          if (r.rows() == 0) return std::optional<TokenRow>();
          return std::optional<TokenRow>(ReadToken(r, 0));
        });
  }

  absl::StatusOr<std::vector<TokenRow>> ListTokens() override {
    return Read<std::vector<TokenRow>>([&](PgConnection& c) -> absl::StatusOr<std::vector<TokenRow>> {
      STORE_ASSIGN_OR_RETURN(
          r, c.Exec(absl::StrCat("SELECT ", kTokenColumns, " FROM tokens ORDER BY token_id")));
      std::vector<TokenRow> out;
      for (int i = 0; i < r.rows(); ++i) out.push_back(ReadToken(r, i));
      return out;
    });
  }

  absl::Status RevokeToken(absl::string_view token_id, absl::string_view at) override {
    STORE_RETURN_IF_ERROR(CheckNotEmpty("token_id", token_id));
    STORE_ASSIGN_OR_RETURN(when, TimestampOrNow("at", at));
    return InTransaction<bool>([&](PgConnection& c) -> absl::StatusOr<bool> {
             // Revoking twice keeps the first revocation time.
             STORE_ASSIGN_OR_RETURN(
                 update, c.Exec("UPDATE tokens SET revoked_at = $2 "
                                "WHERE token_id = $1 AND revoked_at = ''",
                                PgParams().Text(token_id).Text(when)));
             if (update.affected() > 0) return true;
             STORE_ASSIGN_OR_RETURN(exists, c.Exec("SELECT 1 FROM tokens WHERE token_id = $1",
                                                   PgParams().Text(token_id)));
             if (exists.rows() == 0) {
               return absl::NotFoundError(absl::StrCat("token_id: no token '", token_id, "'"));
             }
             return false;
           })
        .status();
  }

  absl::StatusOr<std::int64_t> AppendAudit(const AuditRow& entry) override {
    STORE_ASSIGN_OR_RETURN(at, TimestampOrNow("at", entry.at));
    return InTransaction<std::int64_t>([&](PgConnection& c) -> absl::StatusOr<std::int64_t> {
      STORE_ASSIGN_OR_RETURN(
          r, c.Exec("INSERT INTO audit (at, principal, role, method, object, outcome) "
                    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                    PgParams()
                        .Text(at)
                        .Text(entry.principal)
                        .Int(entry.role)
                        .Text(entry.method)
                        .Text(entry.object)
                        .Text(entry.outcome)));
      return r.Int(0, 0);
    });
  }

  absl::StatusOr<std::vector<AuditRow>> QueryAudit(const AuditQuery& query) override {
    STORE_RETURN_IF_ERROR(CheckLimit("limit", query.limit));
    return Read<std::vector<AuditRow>>([&](PgConnection& c) -> absl::StatusOr<std::vector<AuditRow>> {
      STORE_ASSIGN_OR_RETURN(
          r, c.Exec(absl::StrCat("SELECT ", kAuditColumns,
                                 " FROM audit WHERE id > $1 AND ($2 = '' OR principal = $2) "
                                 "AND ($3 = '' OR object = $3) ORDER BY id LIMIT $4"),
                    PgParams()
                        .Int(query.after_id)
                        .Text(query.principal)
                        .Text(query.object)
                        .Int(std::min(query.limit, kMaxPageSize))));
      std::vector<AuditRow> out;
      for (int i = 0; i < r.rows(); ++i) out.push_back(ReadAudit(r, i));
      return out;
    });
  }

  // --- Owner aliases and unmatched owners: postgres_owner_tables.cc -------
  absl::StatusOr<OwnerAliasRow> PutOwnerAlias(const OwnerAliasRow& alias) override {
    return InTransaction<OwnerAliasRow>(
        [&](PgConnection& c) { return postgres_owner_tables::PutOwnerAlias(c, alias); });
  }

  absl::StatusOr<bool> DeleteOwnerAlias(absl::string_view normalised_name) override {
    return InTransaction<bool>(
        [&](PgConnection& c) { return postgres_owner_tables::DeleteOwnerAlias(c, normalised_name); });
  }

  absl::StatusOr<std::vector<OwnerAliasRow>> ListOwnerAliases() override {
    return Read<std::vector<OwnerAliasRow>>(postgres_owner_tables::ListOwnerAliases);
  }

  absl::StatusOr<int> ReplaceUnmatchedOwners(absl::string_view source,
                                             absl::Span<const UnmatchedOwnerRow> owners) override {
    return InTransaction<int>([&](PgConnection& c) {
      return postgres_owner_tables::ReplaceUnmatchedOwners(c, source, owners);
    });
  }

  absl::StatusOr<std::vector<UnmatchedOwnerRow>> ListUnmatchedOwners(
      absl::string_view source) override {
    return Read<std::vector<UnmatchedOwnerRow>>(
        [&](PgConnection& c) { return postgres_owner_tables::ListUnmatchedOwners(c, source); });
  }

  absl::StatusOr<int> SchemaVersion() override {
    return Read<int>([&](PgConnection& c) -> absl::StatusOr<int> {
      STORE_ASSIGN_OR_RETURN(r, c.Exec("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
      return static_cast<int>(r.Int(0, 0));
    });
  }

 private:
  // One record inside the caller's transaction and savepoint. ABORTED when
  // a concurrent transaction wrote the same record or key first: the caller
  // rolls back to the savepoint and retries, and then sees that write.
  // `registered`: providers known to have a provider record in this
  // transaction (read or written by an earlier record of the batch).
  static absl::StatusOr<WriteResult> PutOneRecord(PgConnection& c, const RecordWrite& write,
                                                  const std::string& now,
                                                  absl::flat_hash_set<std::string>& registered) {
    STORE_RETURN_IF_ERROR(CheckRecordWrite(write));
    STORE_ASSIGN_OR_RETURN(
        seen, c.Exec("SELECT request_hash, result FROM idempotency WHERE idempotency_key = $1",
                     PgParams().Text(write.idempotency_key)));
    if (seen.rows() > 0) return ReplayIdempotent(write, seen.Text(0, 0), seen.Text(0, 1));
    if (write.requires_provider && !registered.contains(write.provider_id)) {
      STORE_ASSIGN_OR_RETURN(
          provider, c.Exec("SELECT 1 FROM record_heads WHERE provider_id = $1 AND kind = $2 LIMIT 1",
                           PgParams().Text(write.provider_id).Text(RecordKindName(RecordKind::kProvider))));
      if (provider.rows() == 0) return store_internal::ProviderNotRegistered(write.provider_id);
      registered.insert(write.provider_id);
    }

    const absl::string_view kind = RecordKindName(write.kind);
    const std::string hash = ContentHash(write.payload);
    // FOR UPDATE: concurrent writers of one record queue here.
    STORE_ASSIGN_OR_RETURN(
        head, c.Exec("SELECT version, content_hash FROM record_heads WHERE provider_id = $1 "
                     "AND kind = $2 AND record_key = $3 FOR UPDATE",
                     PgParams().Text(write.provider_id).Text(kind).Text(write.record_key)));
    std::int64_t current_version = 0;
    bool unchanged = false;
    if (head.rows() > 0) {
      current_version = head.Int(0, 0);
      if (head.Text(0, 1) == hash) {
        // Equal hashes are confirmed on the bytes.
        STORE_ASSIGN_OR_RETURN(
            previous, c.Exec("SELECT payload FROM records WHERE provider_id = $1 AND kind = $2 "
                             "AND record_key = $3 AND version = $4",
                             PgParams()
                                 .Text(write.provider_id)
                                 .Text(kind)
                                 .Text(write.record_key)
                                 .Int(current_version)));
        unchanged = previous.rows() > 0 && previous.Bytes(0, 0) == write.payload;
      }
    }
    WriteResult result;
    result.outcome = unchanged ? WriteOutcome::kUnchanged : WriteOutcome::kStored;
    result.version = unchanged ? current_version : current_version + 1;
    auto race = [](absl::Status s) {
      return absl::IsAlreadyExists(s)
                 ? absl::AbortedError(absl::StrCat("concurrent write: ", s.message()))
                 : s;
    };
    if (!unchanged) {
      absl::Status inserted =
          c.Exec("INSERT INTO records (provider_id, kind, record_key, version, payload, "
                 "content_hash, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                 PgParams()
                     .Text(write.provider_id)
                     .Text(kind)
                     .Text(write.record_key)
                     .Int(result.version)
                     .Bytes(write.payload)
                     .Text(hash)
                     .Text(now))
              .status();
      if (!inserted.ok()) return race(inserted);
      STORE_RETURN_IF_ERROR(
          c.Exec("INSERT INTO record_heads (provider_id, kind, record_key, version, content_hash) "
                 "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (provider_id, kind, record_key) "
                 "DO UPDATE SET version = EXCLUDED.version, content_hash = EXCLUDED.content_hash",
                 PgParams()
                     .Text(write.provider_id)
                     .Text(kind)
                     .Text(write.record_key)
                     .Int(result.version)
                     .Text(hash))
              .status());
    }
    absl::Status remembered =
        c.Exec("INSERT INTO idempotency (idempotency_key, request_hash, result, created_at) "
               "VALUES ($1, $2, $3, $4)",
               PgParams()
                   .Text(write.idempotency_key)
                   .Text(write.request_hash)
                   .Text(EncodeWriteResult(result))
                   .Text(now))
            .status();
    if (!remembered.ok()) return race(remembered);
    if (write.kind == RecordKind::kProvider) registered.insert(write.provider_id);
    return result;
  }

  // Runs `body` in one transaction on a pooled connection; retried whole
  // on deadlock or serialisation failure (nothing of a failed attempt
  // remains).
  template <typename T>
  absl::StatusOr<T> InTransaction(absl::FunctionRef<absl::StatusOr<T>(PgConnection&)> body) {
    absl::StatusOr<T> result;
    for (int attempt = 1; attempt <= kTransactionAttempts; ++attempt) {
      STORE_ASSIGN_OR_RETURN(conn, pool_.Acquire());
      if (absl::Status begun = conn->ExecScript("BEGIN"); !begun.ok()) {
        // A pooled connection the server dropped fails here, before this
        // call sent anything: retry on a fresh connection.
        if (conn->healthy() || attempt == kTransactionAttempts) return begun;
        pool_.DiscardIdle();
        continue;
      }
      result = body(*conn);
      if (result.ok()) {
        absl::Status commit = conn->ExecScript("COMMIT");
        if (commit.ok()) return result;
        result = commit;
      } else if (conn->healthy()) {
        conn->ExecScript("ROLLBACK").IgnoreError();
      }
      if (!absl::IsAborted(result.status())) return result;
    }
    return result;
  }

  template <typename T>
  absl::StatusOr<T> Read(absl::FunctionRef<absl::StatusOr<T>(PgConnection&)> body) {
    // Reads are idempotent: one retry on a fresh connection when the pooled
    // one turns out to be dead.
    for (int attempt = 1;; ++attempt) {
      STORE_ASSIGN_OR_RETURN(conn, pool_.Acquire());
      absl::StatusOr<T> result = body(*conn);
      if (result.ok() || conn->healthy() || attempt == 2) return result;
      pool_.DiscardIdle();
    }
  }

  // A write that a derived view may read has committed: see ChangeStamp.
  void NoteChange() { change_stamp_.NoteLocalChange(); }

  const std::string conninfo_;
  PgPool pool_;
  ChangeStampCache change_stamp_{kChangeStampRefresh};
  absl::Mutex listen_mu_;
  std::unique_ptr<PgConnection> listener_ ABSL_GUARDED_BY(listen_mu_);
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(absl::string_view url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(std::string(url).c_str(), &error);
  if (options == nullptr) {
    std::string reason = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    return absl::InvalidArgumentError(absl::StrCat("store url: not a valid PostgreSQL URI: ",
                                                   absl::StripTrailingAsciiWhitespace(reason)));
  }
  PQconninfoFree(options);
  std::string conninfo(url);
  // Never hang forever on an unreachable host: fail with UNAVAILABLE.
  if (!absl::StrContains(conninfo, "connect_timeout=")) {
    absl::StrAppend(&conninfo, absl::StrContains(conninfo, "?") ? "&" : "?", "connect_timeout=10");
  }
  STORE_RETURN_IF_ERROR(ApplyMigrations(conninfo));
  return std::make_unique<PostgresStore>(std::move(conninfo));
}

}  // namespace oversight::server
