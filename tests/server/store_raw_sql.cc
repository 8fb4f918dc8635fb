#include "tests/server/store_raw_sql.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include "absl/strings/str_cat.h"

namespace oversight::server {

absl::Status ExecRawSql(test_support::Backend backend, const std::string& url,
                        absl::string_view sql) {
  const std::string text(sql);
  if (backend == test_support::Backend::kSqlite) {
    const std::string path = url.substr(std::string("sqlite:").size());
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      absl::Status s = absl::UnavailableError(absl::StrCat("open ", path, ": ", sqlite3_errmsg(db)));
      sqlite3_close(db);
      return s;
    }
    sqlite3_busy_timeout(db, 10000);
    char* error = nullptr;
    absl::Status s = absl::OkStatus();
    if (sqlite3_exec(db, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      s = absl::InternalError(error != nullptr ? error : "sqlite error");
    }
    sqlite3_free(error);
    sqlite3_close(db);
    return s;
  }
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    absl::Status s = absl::UnavailableError(PQerrorMessage(conn));
    PQfinish(conn);
    return s;
  }
  PGresult* result = PQexec(conn, text.c_str());
  absl::Status s = absl::OkStatus();
  if (PQresultStatus(result) != PGRES_COMMAND_OK && PQresultStatus(result) != PGRES_TUPLES_OK) {
    s = absl::InternalError(PQresultErrorMessage(result));
  }
  PQclear(result);
  PQfinish(conn);
  return s;
}

}  // namespace oversight::server
