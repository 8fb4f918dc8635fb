#include "server/store/sqlite/sqlite_migrations.h"

namespace oversight::server {
namespace {

// Version 1: the initial schema. Timestamps are RFC 3339 UTC text and dates
// YYYY-MM-DD text, so text order is time order on both backends.
constexpr char kInitialSchema[] = R"sql(
CREATE TABLE records (
  provider_id  TEXT    NOT NULL,
  kind         TEXT    NOT NULL,
  record_key   TEXT    NOT NULL,
  version      INTEGER NOT NULL CHECK (version >= 1),
  payload      BLOB    NOT NULL,
  content_hash TEXT    NOT NULL,
  recorded_at  TEXT    NOT NULL,
  PRIMARY KEY (provider_id, kind, record_key, version)
);

-- The current version of each record: one row per record, so "current"
-- is a primary-key lookup rather than a MAX over the history.
CREATE TABLE record_heads (
  provider_id  TEXT    NOT NULL,
  kind         TEXT    NOT NULL,
  record_key   TEXT    NOT NULL,
  version      INTEGER NOT NULL,
  content_hash TEXT    NOT NULL,
  PRIMARY KEY (provider_id, kind, record_key),
  FOREIGN KEY (provider_id, kind, record_key, version)
    REFERENCES records (provider_id, kind, record_key, version)
);

CREATE TABLE idempotency (
  idempotency_key TEXT NOT NULL PRIMARY KEY,
  request_hash    TEXT NOT NULL,
  result          TEXT NOT NULL,
  created_at      TEXT NOT NULL
);

CREATE TABLE assessments (
  provider_id        TEXT    NOT NULL,
  as_of              TEXT    NOT NULL,
  rating             INTEGER NOT NULL,
  score              REAL    NOT NULL,
  inputs_fingerprint TEXT    NOT NULL,
  payload            BLOB    NOT NULL,
  computed_at        TEXT    NOT NULL,
  PRIMARY KEY (provider_id, as_of)
);

-- AUTOINCREMENT: a sequence is never reused. A single writer connection
-- commits in sequence order (see docs/storage.md).
CREATE TABLE alerts (
  sequence        INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_key       TEXT    NOT NULL UNIQUE,
  provider_id     TEXT    NOT NULL,
  severity        INTEGER NOT NULL,
  as_of           TEXT    NOT NULL,
  payload         BLOB    NOT NULL,
  created_at      TEXT    NOT NULL,
  acknowledged_by TEXT    NOT NULL DEFAULT '',
  acknowledged_at TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX alerts_by_provider ON alerts (provider_id, sequence);

CREATE TABLE tokens (
  token_id        TEXT    NOT NULL PRIMARY KEY,
  salt            BLOB    NOT NULL,
  hash            BLOB    NOT NULL,
  role            INTEGER NOT NULL,
  subject         TEXT    NOT NULL,
  provider_id     TEXT    NOT NULL,
  local_authority TEXT    NOT NULL,
  created_at      TEXT    NOT NULL,
  expires_at      TEXT    NOT NULL,
  revoked_at      TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE audit (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  at        TEXT    NOT NULL,
  principal TEXT    NOT NULL,
  role      INTEGER NOT NULL,
  method    TEXT    NOT NULL,
  object    TEXT    NOT NULL,
  outcome   TEXT    NOT NULL
);
CREATE INDEX audit_by_principal ON audit (principal, id);
CREATE INDEX audit_by_object ON audit (object, id);

-- The audit trail is append-only: the store has no update or delete path,
-- and the database refuses one from anywhere else.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only: UPDATE is not allowed'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only: DELETE is not allowed'); END;
)sql";

// Version 2: Ofsted import support (issue #12 item 5). owner_aliases links
// an owner name (keyed by risk::NormaliseOwnerName) to a provider;
// unmatched_owners lists, per Ofsted file, the owners nothing matched.
// candidates and urns are JSON arrays of strings.
constexpr char kOwnerTables[] = R"sql(
CREATE TABLE owner_aliases (
  normalised_name TEXT NOT NULL PRIMARY KEY,
  owner_name      TEXT NOT NULL,
  provider_id     TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL
);

CREATE TABLE unmatched_owners (
  source          TEXT    NOT NULL,
  normalised_name TEXT    NOT NULL,
  owner_name      TEXT    NOT NULL,
  ambiguous       INTEGER NOT NULL CHECK (ambiguous IN (0, 1)),
  candidates      TEXT    NOT NULL,
  settings        INTEGER NOT NULL CHECK (settings >= 0),
  urns            TEXT    NOT NULL,
  seen_at         TEXT    NOT NULL,
  PRIMARY KEY (source, normalised_name)
);
)sql";

// Version 3: record_heads and idempotency stored in their primary key
// (WITHOUT ROWID, https://sqlite.org/withoutrowid.html). As rowid tables each
// was two B-trees, the rows and the automatic index of the text primary key,
// so every record a bulk load writes paid for two extra B-tree inserts and
// each head or idempotency lookup for a second probe (index, then row).
// Both tables have small rows and are only ever reached by their key, the
// case WITHOUT ROWID is for. records keeps its rowid: its rows carry the
// payloads, and ChangeStamp reads MAX(rowid). The tables are rebuilt
// (https://sqlite.org/lang_altertable.html#otheralter): nothing references
// them, and record_heads keeps its foreign key to records.
constexpr char kWithoutRowid[] = R"sql(
CREATE TABLE record_heads_v3 (
  provider_id  TEXT    NOT NULL,
  kind         TEXT    NOT NULL,
  record_key   TEXT    NOT NULL,
  version      INTEGER NOT NULL,
  content_hash TEXT    NOT NULL,
  PRIMARY KEY (provider_id, kind, record_key),
  FOREIGN KEY (provider_id, kind, record_key, version)
    REFERENCES records (provider_id, kind, record_key, version)
) WITHOUT ROWID;
INSERT INTO record_heads_v3 (provider_id, kind, record_key, version, content_hash)
  SELECT provider_id, kind, record_key, version, content_hash FROM record_heads;
DROP TABLE record_heads;
ALTER TABLE record_heads_v3 RENAME TO record_heads;

CREATE TABLE idempotency_v3 (
  idempotency_key TEXT NOT NULL PRIMARY KEY,
  request_hash    TEXT NOT NULL,
  result          TEXT NOT NULL,
  created_at      TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO idempotency_v3 (idempotency_key, request_hash, result, created_at)
  SELECT idempotency_key, request_hash, result, created_at FROM idempotency;
DROP TABLE idempotency;
ALTER TABLE idempotency_v3 RENAME TO idempotency;
)sql";

// Version 4: records stored in its primary key too (WITHOUT ROWID). As a
// rowid table it was two B-trees, the rows (payloads included) and the
// automatic index of (provider_id, kind, record_key, version), so every
// record a bulk load writes paid for two B-tree inserts, and every head's
// foreign key check and every current-record read for a probe of the index
// and then of the rows. Rows are small (a payload is ~150 bytes in the
// synthetic market) and always reached by their key or a prefix of it.
// ChangeStamp read MAX(rowid) of records; the number of rows ever appended
// is now kept in record_counter (one row), which the writer adds to once
// per commit, starting from the old MAX(rowid) so a stamp never goes back.
// Rebuilt as in migration 3: record_heads is rebuilt with it (its foreign key
// must name the new table), the old tables dropped children first, then the
// new ones renamed (https://sqlite.org/lang_altertable.html#otheralter;
// RENAME rewrites record_heads' reference to the final name).
constexpr char kRecordsWithoutRowid[] = R"sql(
CREATE TABLE records_v4 (
  provider_id  TEXT    NOT NULL,
  kind         TEXT    NOT NULL,
  record_key   TEXT    NOT NULL,
  version      INTEGER NOT NULL CHECK (version >= 1),
  payload      BLOB    NOT NULL,
  content_hash TEXT    NOT NULL,
  recorded_at  TEXT    NOT NULL,
  PRIMARY KEY (provider_id, kind, record_key, version)
) WITHOUT ROWID;
INSERT INTO records_v4 (provider_id, kind, record_key, version, payload, content_hash, recorded_at)
  SELECT provider_id, kind, record_key, version, payload, content_hash, recorded_at FROM records;

CREATE TABLE record_heads_v4 (
  provider_id  TEXT    NOT NULL,
  kind         TEXT    NOT NULL,
  record_key   TEXT    NOT NULL,
  version      INTEGER NOT NULL,
  content_hash TEXT    NOT NULL,
  PRIMARY KEY (provider_id, kind, record_key),
  FOREIGN KEY (provider_id, kind, record_key, version)
    REFERENCES records_v4 (provider_id, kind, record_key, version)
) WITHOUT ROWID;
INSERT INTO record_heads_v4 (provider_id, kind, record_key, version, content_hash)
  SELECT provider_id, kind, record_key, version, content_hash FROM record_heads;

CREATE TABLE record_counter (
  only_row INTEGER NOT NULL PRIMARY KEY CHECK (only_row = 1),
  appended INTEGER NOT NULL CHECK (appended >= 0)
);
INSERT INTO record_counter (only_row, appended) SELECT 1, IFNULL(MAX(rowid), 0) FROM records;

DROP TABLE record_heads;
DROP TABLE records;
ALTER TABLE records_v4 RENAME TO records;
ALTER TABLE record_heads_v4 RENAME TO record_heads;
)sql";

// Version 5: record_heads dropped. Since version 4 the records' primary key
// (provider_id, kind, record_key, version) finds a record's highest version,
// its current one, with one probe, so the heads table only repeated it: every
// record a bulk load wrote paid for a second B-tree insert, and for the
// foreign-key probe back into records that kept the copy honest. With the
// copy gone there is nothing to keep honest. In a 20,000-provider ingest the
// server's CPU per record fell from 11.3 to 9.5 us. Reads of current records
// now group the records by key (sqlite_store.cc). Nothing is lost: every
// head named a version in records (its foreign key), and the highest version
// of each record is that head (versions only grow).
constexpr char kDropRecordHeads[] = R"sql(
DROP TABLE record_heads;
)sql";

constexpr Migration kMigrations[] = {
    {1, "initial schema", kInitialSchema},
    {2, "owner aliases and unmatched owners", kOwnerTables},
    {3, "record heads and idempotency keys without rowid", kWithoutRowid},
    {4, "records without rowid and the appended-records counter", kRecordsWithoutRowid},
    {5, "record heads read from the records' primary key", kDropRecordHeads},
};

}  // namespace

absl::Span<const Migration> SqliteMigrations() { return kMigrations; }

}  // namespace oversight::server
