#include "server/store/postgres/pg_connection.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace oversight::server {

absl::Status PgError(PGconn* conn, const PGresult* result, absl::string_view context) {
  std::string message(absl::StripTrailingAsciiWhitespace(
      result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn)));
  if (message.empty()) message = PQerrorMessage(conn);
  std::string text = absl::StrCat("postgres: ", context, ": ", message);
  if (PQstatus(conn) != CONNECTION_OK) return absl::UnavailableError(text);
  const char* state_ptr = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  absl::string_view state = state_ptr != nullptr ? state_ptr : "";
  if (state == "23505") return absl::AlreadyExistsError(text);
  if (absl::StartsWith(state, "23")) return absl::FailedPreconditionError(text);
  if (state == "40001" || state == "40P01") return absl::AbortedError(text);
  if (absl::StartsWith(state, "08") || absl::StartsWith(state, "57P")) {
    return absl::UnavailableError(text);
  }
  if (absl::StartsWith(state, "53")) return absl::ResourceExhaustedError(text);
  if (absl::StartsWith(state, "22")) return absl::InvalidArgumentError(text);
  if (state == "42501") return absl::PermissionDeniedError(text);
  if (state == "57014") return absl::DeadlineExceededError(text);
  return absl::InternalError(text);
}

void PgParams::Add(std::string value, int format) {
  values_.push_back(std::move(value));
  formats_.push_back(format);
  lengths_.push_back(static_cast<int>(values_.back().size()));
  // The strings may move as the vector grows: rebuild the pointers.
  pointers_.clear();
  for (const std::string& v : values_) pointers_.push_back(v.c_str());
}

PgParams& PgParams::Text(absl::string_view value) {
  Add(std::string(value), 0);
  return *this;
}

PgParams& PgParams::Bytes(absl::string_view value) {
  Add(std::string(value), 1);
  return *this;
}

PgParams& PgParams::Int(std::int64_t value) {
  Add(absl::StrCat(value), 0);
  return *this;
}

PgParams& PgParams::Real(double value) {
  Add(absl::StrFormat("%.17g", value), 0);
  return *this;
}

std::int64_t PgResult::affected() const {
  std::int64_t n = 0;
  if (!absl::SimpleAtoi(PQcmdTuples(result_.get()), &n)) return 0;
  return n;
}

std::string PgResult::Text(int row, int column) const {
  return std::string(PQgetvalue(result_.get(), row, column),
                     static_cast<size_t>(PQgetlength(result_.get(), row, column)));
}

std::string PgResult::Bytes(int row, int column) const {
  size_t length = 0;
  unsigned char* bytes = PQunescapeBytea(
      reinterpret_cast<const unsigned char*>(PQgetvalue(result_.get(), row, column)), &length);
  if (bytes == nullptr) return "";
  std::string out(reinterpret_cast<const char*>(bytes), length);
  PQfreemem(bytes);
  return out;
}

std::int64_t PgResult::Int(int row, int column) const {
  std::int64_t n = 0;
  (void)absl::SimpleAtoi(PQgetvalue(result_.get(), row, column), &n);
  return n;
}

double PgResult::Real(int row, int column) const {
  double d = 0;
  (void)absl::SimpleAtod(PQgetvalue(result_.get(), row, column), &d);
  return d;
}

absl::StatusOr<std::unique_ptr<PgConnection>> PgConnection::Connect(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr) return absl::ResourceExhaustedError("postgres: out of memory connecting");
  if (PQstatus(conn) != CONNECTION_OK) {
    absl::Status status = absl::UnavailableError(absl::StrCat(
        "postgres: cannot connect: ", absl::StripTrailingAsciiWhitespace(PQerrorMessage(conn))));
    PQfinish(conn);
    return status;
  }
  std::unique_ptr<PgConnection> connection(new PgConnection(conn));
  // Text order of our RFC 3339 / YYYY-MM-DD columns must not depend on the
  // server's settings; the schema pins collation "C" and this pins UTC for
  // any server-side time function.
  if (absl::Status s = connection->ExecScript("SET TIME ZONE 'UTC'"); !s.ok()) return s;
  return connection;
}

absl::StatusOr<PgResult> PgConnection::Exec(absl::string_view sql, const PgParams& params) {
  PGresult* raw = PQexecParams(conn_, std::string(sql).c_str(), params.size(), nullptr,
                               params.values(), params.lengths(), params.formats(), 0);
  ExecStatusType status = PQresultStatus(raw);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    absl::Status error = PgError(conn_, raw, sql.substr(0, 80));
    PQclear(raw);
    return error;
  }
  return PgResult(raw);
}

absl::Status PgConnection::ExecScript(absl::string_view sql) {
  PGresult* raw = PQexec(conn_, std::string(sql).c_str());
  ExecStatusType status = PQresultStatus(raw);
  absl::Status out = absl::OkStatus();
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    out = PgError(conn_, raw, sql.substr(0, 80));
  }
  PQclear(raw);
  return out;
}

}  // namespace oversight::server
