#pragma once
// The persistence interface of oversightd. Two real implementations:
// SQLite (embedded default, one file in WAL mode) and PostgreSQL (production,
// libpq). The same test suite runs against both.
//
// The store is deliberately untyped about the domain: input records,
// assessments and alerts are stored as canonical payload bytes (serialized
// oversight.v1 messages) beside the few columns that queries and uniqueness
// need. The typed mapping lives once, above the store (server/repository),
// so the two backends cannot drift apart in what they understand.
//
// Every mutating call is one transaction: it either commits completely or
// leaves the store as it was. Accepted writes are durable on return.

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"

namespace oversight::server {

// The kinds of input record. The names are stored, so never renumber/rename.
enum class RecordKind {
  kProvider,
  kAccounts,
  kRelatedPartyFlows,
  kFacility,
  kSetting,
  kPlacement,
  kEquityObservation,
};
absl::string_view RecordKindName(RecordKind kind);  // provider, accounts, related_party_flows, facility, setting, placement, equity_observation
absl::StatusOr<RecordKind> ParseRecordKind(absl::string_view name);

// One input record to write. `record_key` identifies the record within its
// kind and provider (e.g. the period end for accounts, the facility id);
// a new payload under an existing key becomes a new version of that record.
struct RecordWrite {
  RecordKind kind = RecordKind::kProvider;
  std::string provider_id;
  std::string record_key;
  std::string payload;          // canonical bytes; equal payloads = equal records
  std::string idempotency_key;  // required
  std::string request_hash;     // hash of the whole request, to detect key reuse
  // Refuse the write (FAILED_PRECONDITION, store_internal::ProviderNotRegistered)
  // unless a provider record of provider_id exists, checked inside the
  // writing transaction: in a PutRecords batch an earlier write of the same
  // batch counts, so a bulk load registers providers and writes their
  // records in one commit. A replay of a key seen before answers first.
  bool requires_provider = false;
};

enum class WriteOutcome { kStored, kUnchanged };

struct WriteResult {
  WriteOutcome outcome = WriteOutcome::kStored;
  std::int64_t version = 0;   // the record's current version after the write (1, 2, ...)
  bool replayed = false;      // true when answered from the idempotency table
};

struct StoredRecord {
  RecordKind kind = RecordKind::kProvider;
  std::string provider_id;
  std::string record_key;
  std::int64_t version = 0;
  std::string payload;
  std::string recorded_at;     // RFC 3339 UTC
};

// One assessment of one provider as of a date. At most one per
// (provider_id, as_of): re-scoring the same date with the same inputs
// (same fingerprint) writes nothing; with different inputs it replaces.
struct AssessmentRow {
  std::string provider_id;
  std::string as_of;               // YYYY-MM-DD
  int rating = 0;                  // oversight.v1.Rating value
  double score = 0;
  std::string inputs_fingerprint;  // identifies the input versions scored
  std::string payload;             // serialized oversight.v1.Assessment
  std::string computed_at;         // RFC 3339 UTC
};

// An alert. `sequence` is assigned by the store on insert: strictly
// increasing, and in commit order, so a reader that has seen sequence N and
// later reads "> N" can never miss one that commits late (PostgreSQL
// serialises alert inserts with a transaction-scoped advisory lock).
struct AlertRow {
  std::int64_t sequence = 0;
  std::string alert_key;           // unique: a second insert with the same key is ignored
  std::string provider_id;
  int severity = 0;                // oversight.v1.AlertSeverity value
  std::string as_of;               // YYYY-MM-DD
  std::string payload;             // serialized oversight.v1.Alert (sequence not set)
  std::string created_at;          // RFC 3339 UTC
  std::string acknowledged_by;     // empty until acknowledged
  std::string acknowledged_at;
};

struct AssessmentWriteResult {
  bool assessment_written = false;      // false = same fingerprint already stored
  std::vector<AlertRow> new_alerts;     // the alerts actually inserted, with sequences
};

// A bearer token's stored form: never the token itself, only a salted hash.
struct TokenRow {
  std::string token_id;
  std::string salt;
  std::string hash;
  int role = 0;                    // oversight.v1.Role value
  std::string subject;
  std::string provider_id;
  std::string local_authority;
  std::string created_at;
  std::string expires_at;
  std::string revoked_at;          // empty while valid
};

struct AuditRow {
  std::int64_t id = 0;             // assigned by the store
  std::string at;                  // RFC 3339 UTC
  std::string principal;
  int role = 0;
  std::string method;
  std::string object;
  std::string outcome;
};

struct AuditQuery {
  std::int64_t after_id = 0;
  std::string principal;           // empty = any
  std::string object;              // empty = any
  int limit = 100;
};

// An owner alias (issue #12 item 5): an owner name as Ofsted writes it,
// linked by an analyst to a provider. One per normalised name
// (risk::NormaliseOwnerName, computed above the store, which does not
// interpret names).
struct OwnerAliasRow {
  std::string normalised_name;  // the key
  std::string owner_name;       // the spelling the analyst recorded
  std::string provider_id;      // must have a provider record
  std::string created_by;       // the principal that recorded it
  std::string created_at;       // RFC 3339 UTC; empty = now
};

// An owner from an Ofsted file that no alias or name matched, or that
// matched several providers, kept for the analyst until the next import of
// the same file (source) replaces the list.
struct UnmatchedOwnerRow {
  std::string source;           // the Ofsted file name
  std::string normalised_name;  // unique within a source
  std::string owner_name;
  bool ambiguous = false;
  std::vector<std::string> candidates;  // provider ids, when ambiguous
  int settings = 0;                     // settings in the file with this owner
  std::vector<std::string> urns;
  std::string seen_at;          // RFC 3339 UTC; empty = now
};

class Store {
 public:
  virtual ~Store() = default;

  // --- Input records -------------------------------------------------------
  // One record in one transaction, idempotent by key: a key seen before with
  // the same request_hash returns the first result (replayed = true); with a
  // different hash it is ALREADY_EXISTS and nothing is written.
  virtual absl::StatusOr<WriteResult> PutRecord(const RecordWrite& write) = 0;
  // Many records, each all-or-nothing on its own (savepoints), committed
  // together for throughput. The result has one entry per write, in order.
  virtual absl::StatusOr<std::vector<absl::StatusOr<WriteResult>>> PutRecords(
      absl::Span<const RecordWrite> writes) = 0;
  // The current version of every record of one provider / of every provider.
  virtual absl::StatusOr<std::vector<StoredRecord>> CurrentRecords(
      absl::string_view provider_id) = 0;
  virtual absl::StatusOr<std::vector<StoredRecord>> AllCurrentRecords() = 0;
  // The current version of every record of one kind (e.g. every provider's
  // registration), ordered by provider_id then record_key. The default
  // filters AllCurrentRecords; the backends select only that kind.
  virtual absl::StatusOr<std::vector<StoredRecord>> CurrentRecordsOfKind(RecordKind kind) {
    absl::StatusOr<std::vector<StoredRecord>> all = AllCurrentRecords();
    if (!all.ok()) return all.status();
    std::vector<StoredRecord> kept;
    for (StoredRecord& record : *all) {
      if (record.kind == kind) kept.push_back(std::move(record));
    }
    return kept;
  }
  // Every version of one record, oldest first.
  virtual absl::StatusOr<std::vector<StoredRecord>> RecordHistory(
      RecordKind kind, absl::string_view provider_id, absl::string_view record_key) = 0;

  // --- Assessments and alerts ------------------------------------------------
  // Stores an assessment and inserts the alerts whose keys are new, in one
  // transaction. Safe under concurrent callers on several replicas.
  // Alerts are inserted by key novelty alone, also when the assessment is
  // not written (same fingerprint): a re-run that raises an alert with a new
  // key records it; one whose key exists is skipped. INVALID_ARGUMENT for an
  // empty provider_id/inputs_fingerprint/alert_key or a bad date; an empty
  // computed_at/created_at is filled with the current time.
  virtual absl::StatusOr<AssessmentWriteResult> PutAssessment(
      const AssessmentRow& assessment, absl::Span<const AlertRow> alerts) = 0;
  // Many PutAssessment calls committed together, for a scoring run: each
  // item is written (or refused) exactly as PutAssessment would write it,
  // all-or-nothing on its own, but the batch shares one commit, so a run of
  // N providers pays for one durable commit instead of N (on SQLite with
  // synchronous=FULL each commit is an fsync of the WAL). The result has one
  // entry per item, in order; the outer status fails only when the batch
  // could not be committed at all. The default calls PutAssessment in turn.
  struct AssessmentWrite {
    AssessmentRow assessment;
    std::vector<AlertRow> alerts;
  };
  virtual absl::StatusOr<std::vector<absl::StatusOr<AssessmentWriteResult>>> PutAssessments(
      absl::Span<const AssessmentWrite> writes);
  // The latest assessment with as_of strictly before `before` (YYYY-MM-DD),
  // or the latest of all when `before` is empty. nullopt when none.
  virtual absl::StatusOr<std::optional<AssessmentRow>> LatestAssessment(
      absl::string_view provider_id, absl::string_view before = "") = 0;
  virtual absl::StatusOr<std::optional<AssessmentRow>> AssessmentAt(
      absl::string_view provider_id, absl::string_view as_of) = 0;
  // Most recent first.
  virtual absl::StatusOr<std::vector<AssessmentRow>> AssessmentHistory(
      absl::string_view provider_id, int limit) = 0;
  // The latest assessment of every provider that has one.
  virtual absl::StatusOr<std::vector<AssessmentRow>> LatestAssessments() = 0;
  // The same rows without their payloads and computed_at (both empty):
  // which assessment is each provider's latest, for caches that decode only
  // what changed ((provider_id, as_of, inputs_fingerprint) identifies a
  // stored payload). The default strips LatestAssessments; the backends
  // never read the payloads (SQLite stores computed_at after the payload,
  // so reading it would walk every payload's overflow pages).
  virtual absl::StatusOr<std::vector<AssessmentRow>> LatestAssessmentHeads() {
    absl::StatusOr<std::vector<AssessmentRow>> rows = LatestAssessments();
    if (!rows.ok()) return rows.status();
    for (AssessmentRow& row : *rows) {
      row.payload.clear();
      row.computed_at.clear();
    }
    return rows;
  }

  // A stamp of what views derived from the input records and the
  // assessments (the ranked provider list) are built from, for caches of
  // those views: while it compares equal, nothing they read has changed.
  // A write through this Store object changes it at once (read your own
  // writes); a write by another process or handle on the same database
  // (PostgreSQL replicas) changes it when the store next re-reads the
  // database's own counters, at most kChangeStampRefresh later. Compare for
  // equality only. The default returns a stamp never seen before, which
  // disables caching rather than risk a stale view.
  static constexpr absl::Duration kChangeStampRefresh = absl::Seconds(1);
  virtual absl::StatusOr<std::string> ChangeStamp() {
    static std::atomic<std::int64_t> calls{0};
    return absl::StrCat("uncached:", calls.fetch_add(1) + 1);
  }

  // Alerts with sequence > after_sequence, ascending, at most `limit`
  // (INVALID_ARGUMENT when limit <= 0; clamped to 10,000). The same limit
  // rule applies to AssessmentHistory and QueryAudit.
  virtual absl::StatusOr<std::vector<AlertRow>> AlertsAfter(std::int64_t after_sequence,
                                                            int limit) = 0;
  virtual absl::StatusOr<std::int64_t> LastAlertSequence() = 0;
  // NOT_FOUND for an unknown sequence; acknowledging twice keeps the first.
  virtual absl::StatusOr<AlertRow> AcknowledgeAlert(std::int64_t sequence,
                                                    absl::string_view who,
                                                    absl::string_view at) = 0;
  // Blocks until another process may have inserted alerts (PostgreSQL
  // LISTEN/NOTIFY) or the timeout passes. Returns immediately with OK on
  // stores that have no other writers to hear from (SQLite returns after
  // the timeout). Used by the alert hub to fan out across replicas.
  // Precisely: returns OK as soon as alerts were inserted since the previous
  // call returned (PostgreSQL: by any replica, once the first call has
  // opened the LISTEN connection; SQLite: through this Store object), or
  // OK at the timeout. Callers re-read AlertsAfter after every return.
  // UNAVAILABLE only when the LISTEN connection cannot be (re)opened.
  virtual absl::Status WaitForAlertNotification(absl::Duration timeout) = 0;

  // --- Tokens and audit ------------------------------------------------------
  virtual absl::Status PutToken(const TokenRow& token) = 0;            // ALREADY_EXISTS on a duplicate id
  virtual absl::StatusOr<std::optional<TokenRow>> GetToken(absl::string_view token_id) = 0;
  virtual absl::StatusOr<std::vector<TokenRow>> ListTokens() = 0;
  virtual absl::Status RevokeToken(absl::string_view token_id, absl::string_view at) = 0;  // NOT_FOUND
  // Append-only: there is no update or delete.
  virtual absl::StatusOr<std::int64_t> AppendAudit(const AuditRow& entry) = 0;
  virtual absl::StatusOr<std::vector<AuditRow>> QueryAudit(const AuditQuery& query) = 0;

  // --- Owner aliases and unmatched owners (Ofsted import, issue #12) ------
  // Inserts the alias, or replaces the one with the same normalised name, and
  // returns it as stored (created_at filled). NOT_FOUND naming provider_id
  // when no provider record of that id exists (checked in the same
  // transaction); INVALID_ARGUMENT for an empty normalised_name, owner_name
  // or provider_id.
  virtual absl::StatusOr<OwnerAliasRow> PutOwnerAlias(const OwnerAliasRow& alias) = 0;
  // True when an alias with this normalised name existed and was deleted.
  virtual absl::StatusOr<bool> DeleteOwnerAlias(absl::string_view normalised_name) = 0;
  // Every alias, by normalised name.
  virtual absl::StatusOr<std::vector<OwnerAliasRow>> ListOwnerAliases() = 0;
  // In one transaction: deletes the unmatched owners of `source` and
  // inserts `owners` (each with owner.source == source or empty); an empty
  // list clears the source. Returns the number stored. INVALID_ARGUMENT,
  // and nothing changed, for an empty source, an empty owner_name or
  // normalised_name, negative settings, another source, or a normalised
  // name twice.
  virtual absl::StatusOr<int> ReplaceUnmatchedOwners(absl::string_view source,
                                                     absl::Span<const UnmatchedOwnerRow> owners) = 0;
  // The unmatched owners of `source`, or of every source when it is empty:
  // most settings first, then by owner name, then by source.
  virtual absl::StatusOr<std::vector<UnmatchedOwnerRow>> ListUnmatchedOwners(
      absl::string_view source) = 0;

  // The schema version after migrations (for /health and operations).
  virtual absl::StatusOr<int> SchemaVersion() = 0;
};

// Opens a store from its URL and applies pending migrations:
//   "sqlite:PATH"           (PATH created if absent; ":memory:" for tests)
//   "postgresql://..." or "postgres://..." (a libpq connection URI)
// INVALID_ARGUMENT for any other form, UNAVAILABLE when the database cannot
// be reached.
absl::StatusOr<std::unique_ptr<Store>> OpenStore(absl::string_view url);

}  // namespace oversight::server
