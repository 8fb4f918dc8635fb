#pragma once
// One SQLite connection with its prepared statements cached by SQL text.
// Not thread-safe: the store hands each connection to one thread at a time.

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace oversight::server {

// Maps an SQLite result code to a Status: SQLITE_BUSY/LOCKED/CANTOPEN ->
// UNAVAILABLE, CONSTRAINT -> ALREADY_EXISTS for unique keys, FULL ->
// RESOURCE_EXHAUSTED, CORRUPT/NOTADB -> DATA_LOSS, otherwise INTERNAL.
absl::Status SqliteError(sqlite3* db, int code, absl::string_view context);

// A cached statement borrowed for one use; reset (bindings cleared) when it
// goes out of scope so the next user starts clean.
class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  // Parameters are numbered from 1, as in SQLite.
  SqliteStatement& Text(int index, absl::string_view value);
  SqliteStatement& Blob(int index, absl::string_view value);
  SqliteStatement& Int(int index, std::int64_t value);
  SqliteStatement& Real(int index, double value);
  // Bind without copying (SQLITE_STATIC): `value` must stay valid and
  // unchanged until this object is destroyed, which resets the statement.
  // For the write path's keys and payloads, which outlive the statement;
  // Text and Blob copy (SQLITE_TRANSIENT), which is safe for temporaries.
  SqliteStatement& TextRef(int index, absl::string_view value);
  SqliteStatement& BlobRef(int index, absl::string_view value);

  // True when a row is available, false when the statement is done.
  absl::StatusOr<bool> Step();
  // Steps to completion, ignoring any rows.
  absl::Status Run();

  // Columns are numbered from 0. Text and blob copy the bytes.
  std::string ColumnText(int column) const;
  std::string ColumnBlob(int column) const;
  std::int64_t ColumnInt(int column) const;
  double ColumnReal(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  absl::Status bind_error_;
};

class SqliteConnection {
 public:
  // Opens `path` (":memory:" for a private in-memory database) and applies
  // the durability and safety pragmas described in docs/storage.md.
  static absl::StatusOr<std::unique_ptr<SqliteConnection>> Open(absl::string_view path,
                                                                bool query_only);
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection();

  // Runs statements without parameters (DDL, pragmas, transaction control).
  absl::Status Exec(absl::string_view sql);
  // The cached prepared statement for `sql`, prepared on first use.
  absl::StatusOr<std::unique_ptr<SqliteStatement>> Prepare(absl::string_view sql);
  // The same cached statement's handle, for a loop that runs it many times:
  // borrow it per use with a SqliteStatement(handle(), stmt) on the stack,
  // without Prepare's cache lookup (hashing the SQL text) and allocation
  // each time. Valid as long as this connection.
  absl::StatusOr<sqlite3_stmt*> PrepareHandle(absl::string_view sql);
  sqlite3* handle() const { return db_; }
  int changes() const { return sqlite3_changes(db_); }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  absl::flat_hash_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace oversight::server
