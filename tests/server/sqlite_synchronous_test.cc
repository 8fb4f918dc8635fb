// --sqlite_synchronous (docs/storage.md, "Durability"): with `normal`, a
// write that returned survives kill -9 of the process that made it, as with
// `full`; the flag's values are parsed strictly. With `full`, PutRecords'
// groups wait for an fsync of the WAL made after their commit (WalSync),
// and every other transaction still commits at FULL.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "server/store/sqlite/sqlite_store.h"
#include "server/store/sqlite/sqlite_wal_sync.h"
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

// Each PutRecords call at `full` is its own group here (one thread), so it
// waits for an fsync of its own; the writer is back at FULL between groups,
// so an assessment (not a group) commits at FULL as before. `normal` makes
// no such fsync.
TEST(SqliteDurability, FullRecordGroupsWaitForAnFsyncEachAndTheWriterStaysAtFull) {
  auto store = OpenSqliteStore(PathOf(test_support::FreshSqliteUrl()), SqliteOptions{});
  ASSERT_TRUE(store.ok()) << store.status();
  auto before = InspectSqliteDurability(**store);
  ASSERT_TRUE(before.has_value());
  EXPECT_EQ(before->writer_synchronous, 2);
  ASSERT_GE(before->wal_syncs, 0);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE((*store)->PutRecords({ProviderWrite(2 * i), ProviderWrite(2 * i + 1)}).ok());
    auto now = InspectSqliteDurability(**store);
    EXPECT_EQ(now->wal_syncs, before->wal_syncs + i + 1) << "PutRecords returned without its fsync";
    EXPECT_EQ(now->writer_synchronous, 2) << "the writer was left at NORMAL";
  }
  AssessmentRow row;
  row.provider_id = "P0";
  row.as_of = "2026-03-31";
  row.inputs_fingerprint = "f";
  ASSERT_TRUE((*store)->PutAssessment(row, {}).ok());
  EXPECT_EQ(InspectSqliteDurability(**store)->writer_synchronous, 2);

  auto normal = OpenSqliteStore(PathOf(test_support::FreshSqliteUrl()),
                                SqliteOptions{.synchronous = SqliteSynchronous::kNormal});
  ASSERT_TRUE(normal.ok()) << normal.status();
  ASSERT_TRUE((*normal)->PutRecords({ProviderWrite(1)}).ok());
  auto relaxed = InspectSqliteDurability(**normal);
  EXPECT_EQ(relaxed->writer_synchronous, 1);
  EXPECT_EQ(relaxed->wal_syncs, -1);
}

TEST(SqliteDurability, ConcurrentGroupsEachGetTheirResultsAfterAnFsync) {
  auto store = OpenSqliteStore(PathOf(test_support::FreshSqliteUrl()), SqliteOptions{});
  ASSERT_TRUE(store.ok()) << store.status();
  constexpr int kThreads = 4;
  constexpr int kBatches = 20;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int b = 0; b < kBatches; ++b) {
        const int first = (t * kBatches + b) * 3;
        const std::int64_t syncs_before = InspectSqliteDurability(**store)->wal_syncs;
        auto results = (*store)->PutRecords(
            {ProviderWrite(first), ProviderWrite(first + 1), ProviderWrite(first + 2)});
        if (!results.ok() || results->size() != 3) {
          ++failures;
          continue;
        }
        for (const auto& r : *results) {
          if (!r.ok() || r->version != 1 || r->replayed) ++failures;
        }
        // Our commit came after syncs_before was read; an fsync begun after
        // it must have completed before we returned.
        if (InspectSqliteDurability(**store)->wal_syncs <= syncs_before) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  auto all = (*store)->AllCurrentRecords();
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->size(), static_cast<std::size_t>(kThreads * kBatches * 3));
}

AuditRow ReadAudited(int i) {
  AuditRow row;
  row.principal = "development";
  row.method = "/oversight.v1.OversightService/GetProvider";
  row.object = absl::StrCat("P", i);
  row.outcome = "OK";
  return row;
}

// Every call is audited, reads included. The entry is durable before
// AppendAudit returns, through the WalSync (one thread here, so an fsync of
// its own each time), and the writer is back at FULL afterwards.
TEST(SqliteDurability, AuditEntriesWaitForAWalSyncAndTheWriterStaysAtFull) {
  auto store = OpenSqliteStore(PathOf(test_support::FreshSqliteUrl()), SqliteOptions{});
  ASSERT_TRUE(store.ok()) << store.status();
  auto before = InspectSqliteDurability(**store);
  ASSERT_TRUE(before.has_value());
  ASSERT_GE(before->wal_syncs, 0);
  for (int i = 0; i < 3; ++i) {
    auto id = (*store)->AppendAudit(ReadAudited(i));
    ASSERT_TRUE(id.ok()) << id.status();
    auto now = InspectSqliteDurability(**store);
    EXPECT_EQ(now->wal_syncs, before->wal_syncs + i + 1) << "AppendAudit returned without its fsync";
    EXPECT_EQ(now->writer_synchronous, 2) << "the writer was left at NORMAL";
  }
  auto rows = (*store)->QueryAudit(AuditQuery{});
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[2].object, "P2");
}

// Concurrent calls' entries all land, and none returns before a WalSync
// fsync has completed after it began (the WalSync tests below check that the
// fsync a commit waits for began after it); the calls share fsyncs.
TEST(SqliteDurability, ConcurrentAuditEntriesEachReturnAfterAnFsync) {
  auto store = OpenSqliteStore(PathOf(test_support::FreshSqliteUrl()), SqliteOptions{});
  ASSERT_TRUE(store.ok()) << store.status();
  constexpr int kThreads = 4;
  constexpr int kEntries = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int e = 0; e < kEntries; ++e) {
        const std::int64_t syncs_before = InspectSqliteDurability(**store)->wal_syncs;
        if (!(*store)->AppendAudit(ReadAudited(t * kEntries + e)).ok()) ++failures;
        if (InspectSqliteDurability(**store)->wal_syncs <= syncs_before) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  auto rows = (*store)->QueryAudit(AuditQuery{.limit = 500});
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(rows->size(), static_cast<std::size_t>(kThreads * kEntries));
}

TEST(WalSync, OneFsyncCoversTheCommitsNotedBeforeItBegan) {
  int calls = 0;
  WalSync sync([&] {
    ++calls;
    return 0;
  });
  const std::uint64_t a = sync.NoteCommit();
  const std::uint64_t b = sync.NoteCommit();
  ASSERT_TRUE(sync.AwaitDurable(b).ok());
  EXPECT_EQ(calls, 1);
  ASSERT_TRUE(sync.AwaitDurable(a).ok());  // covered by the same fsync
  EXPECT_EQ(calls, 1);
  const std::uint64_t c = sync.NoteCommit();
  ASSERT_TRUE(sync.AwaitDurable(c).ok());
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(sync.syncs(), 2);
}

TEST(WalSync, ACommitNotedDuringAnFsyncWaitsForTheNextOne) {
  absl::Mutex mu;
  int started = 0;
  bool release_first = false;
  WalSync sync([&] {
    absl::MutexLock lock(&mu);
    const int mine = ++started;
    if (mine == 1) mu.Await(absl::Condition(&release_first));
    return 0;
  });
  const std::uint64_t first = sync.NoteCommit();
  std::thread a([&] { EXPECT_TRUE(sync.AwaitDurable(first).ok()); });
  {
    absl::MutexLock lock(&mu);
    mu.Await(absl::Condition(+[](int* n) { return *n == 1; }, &started));
  }
  // Noted while the first fsync is under way: that fsync may not cover it.
  const std::uint64_t second = sync.NoteCommit();
  absl::Notification second_durable;
  int started_when_durable = 0;
  std::thread b([&] {
    EXPECT_TRUE(sync.AwaitDurable(second).ok());
    absl::MutexLock lock(&mu);
    started_when_durable = started;
    second_durable.Notify();
  });
  EXPECT_FALSE(second_durable.WaitForNotificationWithTimeout(absl::Milliseconds(100)))
      << "durable before the fsync under way finished";
  {
    absl::MutexLock lock(&mu);
    release_first = true;
  }
  a.join();
  b.join();
  EXPECT_EQ(started_when_durable, 2) << "the second commit needed an fsync of its own";
  EXPECT_EQ(sync.syncs(), 2);
}

TEST(WalSync, AFailedFsyncFailsItsWaitersAndEveryLaterOne) {
  int calls = 0;
  WalSync sync([&] { return ++calls == 1 ? 0 : EIO; });
  const std::uint64_t durable = sync.NoteCommit();
  ASSERT_TRUE(sync.AwaitDurable(durable).ok());
  EXPECT_TRUE(sync.failure().ok());
  const std::uint64_t lost = sync.NoteCommit();
  absl::Status failed = sync.AwaitDurable(lost);
  EXPECT_EQ(failed.code(), absl::StatusCode::kUnavailable) << failed;
  EXPECT_NE(failed.message().find("fsync of the WAL failed"), absl::string_view::npos) << failed;
  const std::uint64_t later = sync.NoteCommit();
  EXPECT_EQ(sync.AwaitDurable(later).code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(calls, 2) << "no fsync is retried once one failed";
  EXPECT_EQ(sync.failure().code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(sync.AwaitDurable(durable).ok()) << "made durable before the failure";
}

}  // namespace
}  // namespace oversight::server
