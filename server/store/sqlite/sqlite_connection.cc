#include "server/store/sqlite/sqlite_connection.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace oversight::server {
namespace {

// How long a writer waits for another process's write lock before giving
// up with UNAVAILABLE. Long enough to ride out a checkpoint.
constexpr int kBusyTimeoutMs = 10000;

}  // namespace

absl::Status SqliteError(sqlite3* db, int code, absl::string_view context) {
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  std::string text = absl::StrCat("sqlite: ", context, ": ", message);
  switch (code & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PROTOCOL:
      return absl::UnavailableError(text);
    case SQLITE_CONSTRAINT:
      if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return absl::AlreadyExistsError(text);
      }
      return absl::FailedPreconditionError(text);
    case SQLITE_FULL:
      return absl::ResourceExhaustedError(text);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(text);
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return absl::PermissionDeniedError(text);
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
    case SQLITE_MISMATCH:
      return absl::InvalidArgumentError(text);
    default:
      return absl::InternalError(text);
  }
}

SqliteStatement::~SqliteStatement() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

namespace {

// SQLITE_TRANSIENT copies the bytes into the statement; SQLITE_STATIC binds
// the caller's buffer.
int BindText(sqlite3_stmt* stmt, int index, absl::string_view value, sqlite3_destructor_type how) {
  // A null pointer would bind SQL NULL; an empty value must stay ''.
  const char* data = value.data() != nullptr ? value.data() : "";
  return sqlite3_bind_text(stmt, index, data, static_cast<int>(value.size()), how);
}

int BindBlob(sqlite3_stmt* stmt, int index, absl::string_view value, sqlite3_destructor_type how) {
  return value.empty() ? sqlite3_bind_zeroblob(stmt, index, 0)
                       : sqlite3_bind_blob(stmt, index, value.data(), static_cast<int>(value.size()), how);
}

}  // namespace

SqliteStatement& SqliteStatement::Text(int index, absl::string_view value) {
  int rc = BindText(stmt_, index, value, SQLITE_TRANSIENT);
  if (rc != SQLITE_OK && bind_error_.ok()) bind_error_ = SqliteError(db_, rc, "bind text");
  return *this;
}

SqliteStatement& SqliteStatement::Blob(int index, absl::string_view value) {
  int rc = BindBlob(stmt_, index, value, SQLITE_TRANSIENT);
  if (rc != SQLITE_OK && bind_error_.ok()) bind_error_ = SqliteError(db_, rc, "bind blob");
  return *this;
}

SqliteStatement& SqliteStatement::TextRef(int index, absl::string_view value) {
  int rc = BindText(stmt_, index, value, SQLITE_STATIC);
  if (rc != SQLITE_OK && bind_error_.ok()) bind_error_ = SqliteError(db_, rc, "bind text");
  return *this;
}

SqliteStatement& SqliteStatement::BlobRef(int index, absl::string_view value) {
  int rc = BindBlob(stmt_, index, value, SQLITE_STATIC);
  if (rc != SQLITE_OK && bind_error_.ok()) bind_error_ = SqliteError(db_, rc, "bind blob");
  return *this;
}

SqliteStatement& SqliteStatement::Int(int index, std::int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK && bind_error_.ok()) bind_error_ = SqliteError(db_, rc, "bind integer");
  return *this;
}

SqliteStatement& SqliteStatement::Real(int index, double value) {
  int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK && bind_error_.ok()) bind_error_ = SqliteError(db_, rc, "bind real");
  return *this;
}

absl::StatusOr<bool> SqliteStatement::Step() {
  if (!bind_error_.ok()) return bind_error_;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(db_, sqlite3_extended_errcode(db_), sqlite3_sql(stmt_));
}

absl::Status SqliteStatement::Run() {
  while (true) {
    absl::StatusOr<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
  }
}

std::string SqliteStatement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return "";
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string SqliteStatement::ColumnBlob(int column) const {
  const void* blob = sqlite3_column_blob(stmt_, column);
  if (blob == nullptr) return "";
  return std::string(static_cast<const char*>(blob),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::int64_t SqliteStatement::ColumnInt(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

double SqliteStatement::ColumnReal(int column) const {
  return sqlite3_column_double(stmt_, column);
}

absl::StatusOr<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(absl::string_view path,
                                                                         bool query_only) {
  // SQLite keeps allocation statistics by default (SQLITE_CONFIG_MEMSTATUS)
  // under one process-wide mutex taken on every sqlite3_malloc and free:
  // ~4 % of oversightd's CPU during a bulk ingest (perf), for figures
  // nothing here reads. It can only be changed before SQLite initialises,
  // so the first Open does it; should something else in the process have
  // initialised SQLite already, the call is refused (SQLITE_MISUSE) and
  // the statistics simply stay on.
  static const bool configured = [] {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  }();
  (void)configured;
  sqlite3* db = nullptr;
  // NOMUTEX: each connection is used by one thread at a time (the store's
  // mutexes guarantee it), so SQLite's own per-connection mutex is waste.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(std::string(path).c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    absl::Status status = SqliteError(db, rc, absl::StrCat("open '", path, "'"));
    sqlite3_close_v2(db);
    return status;
  }
  sqlite3_extended_result_codes(db, 1);
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db));
  // WAL: readers never block the writer nor the writer readers.
  // synchronous=FULL: in WAL mode the log is fsynced at every commit, so an
  // accepted write survives power loss, not only a process crash (NORMAL).
  // foreign_keys: off by default in SQLite for compatibility; we want them.
  const std::string pragmas = absl::StrCat(
      "PRAGMA busy_timeout = ", kBusyTimeoutMs, ";"
      "PRAGMA journal_mode = WAL;"
      "PRAGMA synchronous = FULL;"
      "PRAGMA foreign_keys = ON;",
      query_only ? "PRAGMA query_only = ON;" : "");
  if (absl::Status s = connection->Exec(pragmas); !s.ok()) return s;
  return connection;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

absl::Status SqliteConnection::Exec(absl::string_view sql) {
  char* error = nullptr;
  int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    absl::Status status = SqliteError(db_, sqlite3_extended_errcode(db_), sql.substr(0, 80));
    sqlite3_free(error);
    return status;
  }
  return absl::OkStatus();
}

absl::StatusOr<sqlite3_stmt*> SqliteConnection::PrepareHandle(absl::string_view sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc, absl::StrCat("prepare ", sql));
    it = statements_.emplace(std::string(sql), stmt).first;
  }
  return it->second;
}

absl::StatusOr<std::unique_ptr<SqliteStatement>> SqliteConnection::Prepare(absl::string_view sql) {
  absl::StatusOr<sqlite3_stmt*> stmt = PrepareHandle(sql);
  if (!stmt.ok()) return stmt.status();
  return std::make_unique<SqliteStatement>(db_, *stmt);
}

}  // namespace oversight::server
