#include "server/store/postgres/postgres_migrations.h"

namespace oversight::server {
namespace {

// Version 1: the initial schema. Key and ordering columns use collation
// "C" so that text order (dates, RFC 3339 timestamps, ids) is byte order,
// as in SQLite, whatever the database's default collation.
constexpr char kInitialSchema[] = R"sql(
CREATE TABLE records (
  provider_id  text COLLATE "C" NOT NULL,
  kind         text COLLATE "C" NOT NULL,
  record_key   text COLLATE "C" NOT NULL,
  version      bigint NOT NULL CHECK (version >= 1),
  payload      bytea  NOT NULL,
  content_hash text   NOT NULL,
  recorded_at  text COLLATE "C" NOT NULL,
  PRIMARY KEY (provider_id, kind, record_key, version)
);

-- The current version of each record: one row per record, so "current" is
-- a primary-key lookup, and the row lock serialises writers of one record.
CREATE TABLE record_heads (
  provider_id  text COLLATE "C" NOT NULL,
  kind         text COLLATE "C" NOT NULL,
  record_key   text COLLATE "C" NOT NULL,
  version      bigint NOT NULL,
  content_hash text   NOT NULL,
  PRIMARY KEY (provider_id, kind, record_key),
  FOREIGN KEY (provider_id, kind, record_key, version)
    REFERENCES records (provider_id, kind, record_key, version)
);

CREATE TABLE idempotency (
  idempotency_key text COLLATE "C" NOT NULL PRIMARY KEY,
  request_hash    text NOT NULL,
  result          text NOT NULL,
  created_at      text COLLATE "C" NOT NULL
);

CREATE TABLE assessments (
  provider_id        text COLLATE "C" NOT NULL,
  as_of              text COLLATE "C" NOT NULL,
  rating             integer NOT NULL,
  score              double precision NOT NULL,
  inputs_fingerprint text NOT NULL,
  payload            bytea NOT NULL,
  computed_at        text COLLATE "C" NOT NULL,
  PRIMARY KEY (provider_id, as_of)
);

-- Inserts take pg_advisory_xact_lock first, so sequence order is commit
-- order (docs/storage.md, "Alert sequence order").
CREATE TABLE alerts (
  sequence        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_key       text COLLATE "C" NOT NULL UNIQUE,
  provider_id     text COLLATE "C" NOT NULL,
  severity        integer NOT NULL,
  as_of           text COLLATE "C" NOT NULL,
  payload         bytea NOT NULL,
  created_at      text COLLATE "C" NOT NULL,
  acknowledged_by text NOT NULL DEFAULT '',
  acknowledged_at text NOT NULL DEFAULT ''
);
CREATE INDEX alerts_by_provider ON alerts (provider_id, sequence);

CREATE TABLE tokens (
  token_id        text COLLATE "C" NOT NULL PRIMARY KEY,
  salt            bytea   NOT NULL,
  hash            bytea   NOT NULL,
  role            integer NOT NULL,
  subject         text    NOT NULL,
  provider_id     text    NOT NULL,
  local_authority text    NOT NULL,
  created_at      text    NOT NULL,
  expires_at      text    NOT NULL,
  revoked_at      text    NOT NULL DEFAULT ''
);

CREATE TABLE audit (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at        text    NOT NULL,
  principal text COLLATE "C" NOT NULL,
  role      integer NOT NULL,
  method    text    NOT NULL,
  object    text COLLATE "C" NOT NULL,
  outcome   text    NOT NULL
);
CREATE INDEX audit_by_principal ON audit (principal, id);
CREATE INDEX audit_by_object ON audit (object, id);

-- The audit trail is append-only: the store has no update or delete path,
-- and the database refuses one from anywhere else (psql included).
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_no_update_delete BEFORE UPDATE OR DELETE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
)sql";

// Version 2: Ofsted import support (issue #12 item 5). owner_aliases links
// an owner name (keyed by risk::NormaliseOwnerName) to a provider;
// unmatched_owners lists, per Ofsted file, the owners nothing matched.
// candidates and urns are JSON arrays of strings (text, as in SQLite).
constexpr char kOwnerTables[] = R"sql(
CREATE TABLE owner_aliases (
  normalised_name text COLLATE "C" NOT NULL PRIMARY KEY,
  owner_name      text COLLATE "C" NOT NULL,
  provider_id     text COLLATE "C" NOT NULL,
  created_by      text NOT NULL,
  created_at      text COLLATE "C" NOT NULL
);

CREATE TABLE unmatched_owners (
  source          text COLLATE "C" NOT NULL,
  normalised_name text COLLATE "C" NOT NULL,
  owner_name      text COLLATE "C" NOT NULL,
  ambiguous       boolean NOT NULL,
  candidates      text    NOT NULL,
  settings        integer NOT NULL CHECK (settings >= 0),
  urns            text    NOT NULL,
  seen_at         text COLLATE "C" NOT NULL,
  PRIMARY KEY (source, normalised_name)
);
)sql";

// Versions 3 to 5 changed how SQLite lays out record_heads, idempotency and
// records (WITHOUT ROWID, a counter of appended records for its change stamp,
// which PostgreSQL counts in its own query, and, in 5, no heads table: its
// current versions come from the records' key; sqlite_migrations.cc). Here
// record_heads stays: PostgreSQL's store reads and writes it, and its cost
// was never measured as a limit. The logical schema is unchanged and
// PostgreSQL has no such layout, so nothing changes here. The version is
// recorded all the same, so both backends report the same schema version.
constexpr char kSqliteLayoutOnly[] = "SELECT 1";

constexpr Migration kMigrations[] = {
    {1, "initial schema", kInitialSchema},
    {2, "owner aliases and unmatched owners", kOwnerTables},
    {3, "record heads and idempotency keys without rowid (SQLite layout only)", kSqliteLayoutOnly},
    {4, "records without rowid and the appended-records counter (SQLite layout only)",
     kSqliteLayoutOnly},
    {5, "record heads read from the records' primary key (SQLite layout only)", kSqliteLayoutOnly},
};

}  // namespace

absl::Span<const Migration> PostgresMigrations() { return kMigrations; }

}  // namespace oversight::server
