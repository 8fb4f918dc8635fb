#include "tests/support/test_support.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace oversight::test_support {
namespace {

// Temp directories made by FreshSqliteUrl, removed at exit.
std::mutex& TempDirsMutex() {
  static std::mutex* mu = new std::mutex;
  return *mu;
}
std::vector<std::string>& TempDirs() {
  static std::vector<std::string>* dirs = new std::vector<std::string>;
  return *dirs;
}
void RemoveTempDirs() {
  std::lock_guard<std::mutex> lock(TempDirsMutex());
  for (const std::string& dir : TempDirs()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  TempDirs().clear();
}

std::string TempRoot() {
  const char* tmp = std::getenv("TMPDIR");
  return tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
}

// Runs one parameterless command on `url`; CREATE DATABASE cannot take a
// bound parameter, and the names here are generated, never user input.
absl::Status RunOn(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    absl::Status status = absl::UnavailableError(
        absl::StrCat("test cluster at ", url, " does not answer: ",
                     absl::StripTrailingAsciiWhitespace(PQerrorMessage(conn))));
    PQfinish(conn);
    return status;
  }
  PGresult* result = PQexec(conn, sql.c_str());
  absl::Status status = absl::OkStatus();
  if (PQresultStatus(result) != PGRES_COMMAND_OK) {
    status = absl::InternalError(absl::StrCat(sql, ": ",
                                              absl::StripTrailingAsciiWhitespace(
                                                  PQresultErrorMessage(result))));
  }
  PQclear(result);
  PQfinish(conn);
  return status;
}

}  // namespace

std::vector<Backend> AllBackends() { return {Backend::kSqlite, Backend::kPostgres}; }

std::string BackendName(Backend backend) {
  return backend == Backend::kSqlite ? "sqlite" : "postgres";
}

void PrintTo(Backend backend, std::ostream* os) { *os << BackendName(backend); }

std::string BackendTestName(const ::testing::TestParamInfo<Backend>& info) {
  return BackendName(info.param);
}

std::string FreshSqliteUrl() {
  std::string pattern = absl::StrCat(TempRoot(), "/oversight-test-XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) {
    // Nothing sensible to return: fail the test loudly where it started.
    ADD_FAILURE() << "FreshSqliteUrl: mkdtemp in " << TempRoot() << " failed";
    return "sqlite:/nonexistent-directory/store.db";
  }
  {
    std::lock_guard<std::mutex> lock(TempDirsMutex());
    if (TempDirs().empty()) std::atexit(RemoveTempDirs);
    TempDirs().push_back(pattern);
  }
  return absl::StrCat("sqlite:", pattern, "/store.db");
}

absl::StatusOr<std::string> PostgresBaseUrl() {
  if (const char* env = std::getenv("OVERSIGHT_TEST_POSTGRES_URL"); env != nullptr && *env != '\0') {
    return std::string(env);
  }
  const std::string path = absl::StrCat(OVERSIGHT_POSTGRES_FIXTURE_DIR, "/url");
  std::ifstream in(path);
  std::string url;
  if (!in || !std::getline(in, url) || url.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "no PostgreSQL test cluster: ", path,
        " is missing. Run the tests through ctest (the fixture test postgres_fixture_start starts "
        "the cluster; the test binary must call oversight_requires_postgres() in CMake), or start "
        "one by hand with tests/support/postgres_fixture.sh start ",
        OVERSIGHT_POSTGRES_FIXTURE_DIR, ", or set OVERSIGHT_TEST_POSTGRES_URL"));
  }
  return std::string(absl::StripAsciiWhitespace(url));
}

absl::StatusOr<std::string> FreshPostgresUrl() {
  absl::StatusOr<std::string> base = PostgresBaseUrl();
  if (!base.ok()) return base.status();
  static std::atomic<int> counter{0};
  // Unique across processes (pid), within one (counter) and across runs
  // on a reused cluster (time).
  const std::string name =
      absl::StrCat("t_", getpid(), "_", counter.fetch_add(1), "_",
                   absl::ToUnixMicros(absl::Now()) % 1000000000000);
  absl::Status created;
  // Concurrent CREATE DATABASE from several test processes can collide on
  // the template database ("source database is being accessed"): retry.
  for (int attempt = 0; attempt < 20; ++attempt) {
    created = RunOn(absl::StrCat(*base, "/postgres"), absl::StrCat("CREATE DATABASE ", name));
    if (created.ok() || absl::IsUnavailable(created)) break;
    absl::SleepFor(absl::Milliseconds(100 * (attempt + 1)));
  }
  if (!created.ok()) return created;
  return absl::StrCat(*base, "/", name);
}

absl::StatusOr<std::string> FreshStoreUrl(Backend backend) {
  if (backend == Backend::kSqlite) return FreshSqliteUrl();
  return FreshPostgresUrl();
}

absl::StatusOr<std::unique_ptr<server::Store>> OpenFreshStore(Backend backend) {
  absl::StatusOr<std::string> url = FreshStoreUrl(backend);
  if (!url.ok()) return url.status();
  return server::OpenStore(*url);
}

}  // namespace oversight::test_support
