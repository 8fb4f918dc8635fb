// --sqlite_synchronous (docs/storage.md, "Durability"): with `normal`, a
// write that returned survives kill -9 of the process that made it, as with
// `full`; the flag's values are parsed strictly.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/store/sqlite/sqlite_store.h"
#include "tests/support/test_support.h"

namespace oversight::server {
namespace {

RecordWrite ProviderWrite(int i) {
  RecordWrite write;
  write.kind = RecordKind::kProvider;
  write.provider_id = absl::StrCat("P", i);
  write.record_key = "provider";
  write.payload = absl::StrCat("payload of provider ", i);
  write.idempotency_key = absl::StrCat("key-", i);
  write.request_hash = absl::StrCat("hash-", i);
  return write;
}

std::string PathOf(const std::string& url) { return url.substr(std::string("sqlite:").size()); }

// A child process opens the store, writes `count` records one commit each,
// then SIGKILLs itself right after the last write returned.
void WriteThenDieInChild(const std::string& path, SqliteSynchronous synchronous, int count) {
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    auto store = OpenSqliteStore(path, SqliteOptions{.synchronous = synchronous});
    if (!store.ok()) _exit(2);
    for (int i = 0; i < count; ++i) {
      if (!(*store)->PutRecord(ProviderWrite(i)).ok()) _exit(3);
    }
    raise(SIGKILL);
    _exit(4);  // unreachable
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
      << "the child must die by SIGKILL after its writes, status " << status;
}

class SqliteSynchronousTest : public ::testing::TestWithParam<SqliteSynchronous> {};

TEST_P(SqliteSynchronousTest, AcceptedWritesSurviveKillNine) {
  const std::string path = PathOf(test_support::FreshSqliteUrl());
  constexpr int kWrites = 25;
  WriteThenDieInChild(path, GetParam(), kWrites);
  auto reopened = OpenSqliteStore(path, SqliteOptions{.synchronous = GetParam()});
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  for (int i = 0; i < kWrites; ++i) {
    auto records = (*reopened)->CurrentRecords(absl::StrCat("P", i));
    ASSERT_TRUE(records.ok()) << records.status();
    ASSERT_EQ(records->size(), 1u) << "record P" << i << " was accepted, then lost by kill -9";
    EXPECT_EQ(records->front().payload, ProviderWrite(i).payload);
  }
  // The idempotency record survived too: a replay is answered, not re-stored.
  auto replay = (*reopened)->PutRecord(ProviderWrite(0));
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_TRUE(replay->replayed);
  EXPECT_EQ(replay->version, 1);
}

INSTANTIATE_TEST_SUITE_P(Settings, SqliteSynchronousTest,
                         ::testing::Values(SqliteSynchronous::kFull, SqliteSynchronous::kNormal),
                         [](const ::testing::TestParamInfo<SqliteSynchronous>& info) {
                           return info.param == SqliteSynchronous::kFull ? "full" : "normal";
                         });

TEST(SqliteSynchronousFlag, ParsesOnlyFullAndNormal) {
  EXPECT_EQ(*ParseSqliteSynchronous("full", "--sqlite_synchronous"), SqliteSynchronous::kFull);
  EXPECT_EQ(*ParseSqliteSynchronous("normal", "--sqlite_synchronous"), SqliteSynchronous::kNormal);
  for (const char* bad : {"", "FULL", "off", "extra"}) {
    auto parsed = ParseSqliteSynchronous(bad, "--sqlite_synchronous");
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(parsed.status().message().find("--sqlite_synchronous"), absl::string_view::npos)
        << parsed.status();
  }
}

TEST(SqliteSynchronousFlag, OpenStoreAppliesItToSqliteUrlsOnly) {
  const std::string url = test_support::FreshSqliteUrl();
  auto store = OpenStore(url, SqliteOptions{.synchronous = SqliteSynchronous::kNormal});
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE((*store)->PutRecord(ProviderWrite(1)).ok());
  auto bad = OpenStore("mysql://nowhere", SqliteOptions{});
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument) << bad.status();
}

}  // namespace
}  // namespace oversight::server
