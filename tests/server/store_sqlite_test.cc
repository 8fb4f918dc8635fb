// SQLite-only properties: durability against SIGKILL right after a write
// returns, WAL mode on disk, and the in-memory store for unit tests.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <vector>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/store/store.h"
#include "tests/server/store_raw_sql.h"
#include "tests/support/test_support.h"

namespace oversight::server {
namespace {

using ::testing::SizeIs;

// The child opens the store, writes, tells the parent the write returned,
// and waits to be killed. Kill -9 gives SQLite no chance to flush or
// checkpoint: only what was committed (fsynced to the WAL) can be there.
TEST(SqliteStoreTest, WriteThatReturnedSurvivesSigkill) {
  const std::string url = test_support::FreshSqliteUrl();
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(ready[0]);
    auto store = OpenStore(url);
    char status = 'x';
    if (store.ok()) {
      RecordWrite w;
      w.kind = RecordKind::kAccounts;
      w.provider_id = "P1";
      w.record_key = "2025-03-31";
      w.payload = "accounts";
      w.idempotency_key = "k1";
      AssessmentRow a;
      a.provider_id = "P1";
      a.as_of = "2026-03-31";
      a.inputs_fingerprint = "f";
      AlertRow alert;
      alert.alert_key = "a1";
      alert.provider_id = "P1";
      alert.as_of = "2026-03-31";
      if ((*store)->PutRecord(w).ok() && (*store)->PutAssessment(a, {alert}).ok()) status = 'w';
    }
    if (write(ready[1], &status, 1) != 1) _exit(3);
    while (true) pause();  // killed here, store still open
  }
  close(ready[1]);
  char status = 0;
  ASSERT_EQ(read(ready[0], &status, 1), 1);
  close(ready[0]);
  ASSERT_EQ(kill(child, SIGKILL), 0);
  int wstatus = 0;
  ASSERT_EQ(waitpid(child, &wstatus, 0), child);
  ASSERT_TRUE(WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGKILL);
  ASSERT_EQ(status, 'w') << "the child's writes failed";

  auto store = OpenStore(url);
  ASSERT_TRUE(store.ok()) << store.status();
  auto current = (*store)->CurrentRecords("P1");
  ASSERT_TRUE(current.ok()) << current.status();
  ASSERT_THAT(*current, SizeIs(1));
  EXPECT_EQ((*current)[0].payload, "accounts");
  auto assessment = (*store)->AssessmentAt("P1", "2026-03-31");
  ASSERT_TRUE(assessment.ok()) << assessment.status();
  EXPECT_TRUE(assessment->has_value());
  auto alerts = (*store)->AlertsAfter(0, 10);
  ASSERT_TRUE(alerts.ok()) << alerts.status();
  EXPECT_THAT(*alerts, SizeIs(1));
}

TEST(SqliteStoreTest, DatabaseFileIsInWalMode) {
  const std::string url = test_support::FreshSqliteUrl();
  auto store = OpenStore(url);
  ASSERT_TRUE(store.ok()) << store.status();
  const std::string path = url.substr(7);
  EXPECT_EQ(access(absl::StrCat(path, "-wal").c_str(), F_OK), 0) << "no WAL file beside " << path;
  // The database header records WAL mode persistently: bytes 18 and 19
  // (file format write/read version) are 2 in WAL mode, 1 otherwise
  // (https://www.sqlite.org/fileformat2.html#database_header).
  std::ifstream file(path, std::ios::binary);
  char header[20] = {};
  ASSERT_TRUE(file.read(header, sizeof header)) << "cannot read " << path;
  EXPECT_EQ(header[18], 2);
  EXPECT_EQ(header[19], 2);
}

TEST(SqliteStoreTest, InMemoryStoreWorksOnOneConnection) {
  auto store = OpenStore("sqlite::memory:");
  ASSERT_TRUE(store.ok()) << store.status();
  RecordWrite w;
  w.kind = RecordKind::kProvider;
  w.provider_id = "P1";
  w.payload = "p";
  w.idempotency_key = "k";
  auto put = (*store)->PutRecord(w);
  ASSERT_TRUE(put.ok()) << put.status();
  EXPECT_EQ(put->version, 1);
  auto current = (*store)->CurrentRecords("P1");
  ASSERT_TRUE(current.ok()) << current.status();
  EXPECT_THAT(*current, SizeIs(1)) << "reads must see the in-memory writer's data";
  auto version = (*store)->SchemaVersion();
  ASSERT_TRUE(version.ok()) << version.status();
  EXPECT_EQ(*version, 5);  // 5: record heads read from the records' primary key
  // Two in-memory stores are two databases.
  auto other = OpenStore("sqlite::memory:");
  ASSERT_TRUE(other.ok()) << other.status();
  auto none = (*other)->CurrentRecords("P1");
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_THAT(*none, SizeIs(0));
}

}  // namespace
}  // namespace oversight::server

namespace oversight::server {
namespace {

// A bulk load as the nightly job does it: one PutRecords call of many
// records commits once. Checks the count, not the speed (the rate is
// measured in bench/, not asserted in tests).
TEST(SqliteStoreTest, BulkBatchStoresEveryRecord) {
  auto store = OpenStore(test_support::FreshSqliteUrl());
  ASSERT_TRUE(store.ok()) << store.status();
  constexpr int kRecords = 20000;
  std::vector<RecordWrite> batch(kRecords);
  for (int i = 0; i < kRecords; ++i) {
    batch[i].kind = RecordKind::kPlacement;
    batch[i].provider_id = absl::StrCat("P", i % 50);
    batch[i].record_key = absl::StrCat("placement-", i);
    batch[i].payload = absl::StrCat("payload-", i, std::string(200, 'x'));
    batch[i].idempotency_key = absl::StrCat("bulk-", i);
    batch[i].request_hash = absl::StrCat("h", i);
  }
  auto results = (*store)->PutRecords(batch);
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_EQ(results->size(), static_cast<size_t>(kRecords));
  int stored = 0;
  for (const auto& r : *results) stored += r.ok() && r->outcome == WriteOutcome::kStored;
  EXPECT_EQ(stored, kRecords);
  auto all = (*store)->AllCurrentRecords();
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->size(), static_cast<size_t>(kRecords));
}

}  // namespace
}  // namespace oversight::server
