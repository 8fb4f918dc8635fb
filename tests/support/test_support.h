#pragma once
// Fresh, isolated stores for tests, on SQLite and on the throwaway
// PostgreSQL cluster that ctest starts (fixture "oversight_postgres").
//
// A test binary that calls FreshPostgresUrl() (directly or through
// AllBackends()) must declare the fixture in its CMakeLists.txt:
//
//   oversight_add_test(NAME my_tests SOURCES ... LIBS oversight_test_support ...)
//   oversight_requires_postgres(my_tests)
//
// Typical parameterised use:
//
//   class MyTest : public ::testing::TestWithParam<test_support::Backend> {};
//   TEST_P(MyTest, Works) {
//     auto store = test_support::OpenFreshStore(GetParam());
//     ASSERT_TRUE(store.ok()) << store.status();
//     ...
//   }
//   INSTANTIATE_TEST_SUITE_P(Backends, MyTest,
//                            ::testing::ValuesIn(test_support::AllBackends()),
//                            test_support::BackendTestName);

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "server/store/store.h"

namespace oversight::test_support {

enum class Backend { kSqlite, kPostgres };

// Both backends, SQLite first. Never filtered: a missing PostgreSQL cluster
// makes the PostgreSQL cases fail, not disappear.
std::vector<Backend> AllBackends();
std::string BackendName(Backend backend);  // "sqlite", "postgres"
// Prints "sqlite"/"postgres" in test names and failure messages.
void PrintTo(Backend backend, std::ostream* os);
// For INSTANTIATE_TEST_SUITE_P's name generator.
std::string BackendTestName(const ::testing::TestParamInfo<Backend>& info);

// "sqlite:/tmp/oversight-test-XXXXXX/store.db": a new file in a new temp
// directory, removed when the test process exits normally.
std::string FreshSqliteUrl();

// Creates a new, uniquely named, empty database on the test cluster and
// returns its URL. The cluster's base URL comes from the environment
// variable OVERSIGHT_TEST_POSTGRES_URL when set, otherwise from the file
// the ctest fixture writes. FAILED_PRECONDITION, saying how to fix it, when
// neither exists; UNAVAILABLE when the cluster does not answer.
absl::StatusOr<std::string> FreshPostgresUrl();

// The base URL of the test cluster ("postgresql://user@127.0.0.1:PORT",
// no database), for tests that need to connect on their own.
absl::StatusOr<std::string> PostgresBaseUrl();

absl::StatusOr<std::string> FreshStoreUrl(Backend backend);
// OpenStore(FreshStoreUrl(backend)).
absl::StatusOr<std::unique_ptr<server::Store>> OpenFreshStore(Backend backend);

}  // namespace oversight::test_support
