#pragma once
// A thin RAII layer over one libpq connection: parameterised statements only
// (values never go into SQL text), text results, bytea as binary parameters.

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace oversight::server {

// Maps a failed statement to a Status by SQLSTATE: a lost connection or
// class 08/57P -> UNAVAILABLE, 23505 -> ALREADY_EXISTS, other 23 ->
// FAILED_PRECONDITION, 40001/40P01 -> ABORTED, 53 -> RESOURCE_EXHAUSTED,
// 22 -> INVALID_ARGUMENT, 42501 -> PERMISSION_DENIED, otherwise INTERNAL.
absl::Status PgError(PGconn* conn, const PGresult* result, absl::string_view context);

// Statement parameters $1, $2, ... in order of the calls.
class PgParams {
 public:
  PgParams& Text(absl::string_view value);
  PgParams& Bytes(absl::string_view value);  // sent in binary: any bytes
  PgParams& Int(std::int64_t value);
  PgParams& Real(double value);               // %.17g: round-trips exactly

  int size() const { return static_cast<int>(values_.size()); }
  const char* const* values() const { return pointers_.data(); }
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  void Add(std::string value, int format);
  std::vector<std::string> values_;
  std::vector<const char*> pointers_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

class PgResult {
 public:
  explicit PgResult(PGresult* result) : result_(result, &PQclear) {}
  int rows() const { return PQntuples(result_.get()); }
  // Rows affected by INSERT/UPDATE/DELETE.
  std::int64_t affected() const;
  std::string Text(int row, int column) const;
  std::string Bytes(int row, int column) const;  // decodes bytea text output
  std::int64_t Int(int row, int column) const;
  double Real(int row, int column) const;

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> result_;
};

class PgConnection {
 public:
  // UNAVAILABLE when the server cannot be reached or refuses us.
  static absl::StatusOr<std::unique_ptr<PgConnection>> Connect(const std::string& conninfo);
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection() { PQfinish(conn_); }

  absl::StatusOr<PgResult> Exec(absl::string_view sql, const PgParams& params = PgParams());
  // Runs a parameterless script of one or more statements (migrations,
  // transaction control).
  absl::Status ExecScript(absl::string_view sql);

  bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }
  bool idle() const { return PQtransactionStatus(conn_) == PQTRANS_IDLE; }
  PGconn* handle() const { return conn_; }

 private:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  PGconn* conn_;
};

}  // namespace oversight::server
