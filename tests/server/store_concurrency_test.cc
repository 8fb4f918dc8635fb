// The Store under concurrent callers on several connections (several Store
// objects on one database stand for several replicas), on both backends.

#include <atomic>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/store/store.h"
#include "tests/support/test_support.h"

namespace oversight::server {
namespace {

using test_support::Backend;
using ::testing::SizeIs;

constexpr int kStores = 3;
constexpr int kThreadsPerStore = 2;
constexpr int kThreads = kStores * kThreadsPerStore;
constexpr int kDates = 8;

std::string Date(int i) { return absl::StrCat("2026-01-", i < 9 ? "0" : "", i + 1); }

class StoreConcurrencyTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    absl::StatusOr<std::string> url = test_support::FreshStoreUrl(GetParam());
    ASSERT_TRUE(url.ok()) << url.status();
    url_ = *url;
    for (int i = 0; i < kStores; ++i) {
      absl::StatusOr<std::unique_ptr<Store>> store = OpenStore(url_);
      ASSERT_TRUE(store.ok()) << store.status();
      stores_.push_back(std::move(*store));
    }
  }

  std::string url_;
  std::vector<std::unique_ptr<Store>> stores_;
};

// Every thread scores the same dates with the same inputs and raises one
// shared and one own alert per date. Meanwhile a follower reads "alerts
// after the last sequence I saw", as the alert hub does. Expected: one
// assessment per date written exactly once, every alert key inserted
// exactly once, sequences strictly increasing, and the follower misses
// nothing (sequence order = commit order).
TEST_P(StoreConcurrencyTest, ConcurrentPutAssessmentIsSafeAndFollowersMissNothing) {
  std::atomic<int> writes_done{0};
  std::vector<int> written_per_date(kDates, 0);
  absl::Mutex mu;
  int inserted_alerts = 0;
  std::vector<std::string> errors;

  std::set<std::string> followed_keys;
  std::int64_t followed_last = 0;
  bool follower_ok = true;
  auto follower_store = OpenStore(url_);
  ASSERT_TRUE(follower_store.ok()) << follower_store.status();
  std::thread follower([&] {
    Store& s = **follower_store;
    auto read_new = [&] {
      auto rows = s.AlertsAfter(followed_last, 1000);
      if (!rows.ok()) {
        follower_ok = false;
        return;
      }
      for (const AlertRow& row : *rows) {
        if (row.sequence <= followed_last) follower_ok = false;
        followed_last = row.sequence;
        followed_keys.insert(row.alert_key);
      }
    };
    while (writes_done.load() < kThreads) {
      read_new();
      // Paces the loop; also exercises LISTEN/NOTIFY on PostgreSQL.
      (void)s.WaitForAlertNotification(absl::Milliseconds(20));
    }
    read_new();
  });

  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      Store& s = *stores_[t % kStores];
      for (int d = 0; d < kDates; ++d) {
        AssessmentRow a;
        a.provider_id = "P1";
        a.as_of = Date(d);
        a.rating = 1;
        a.score = d;
        a.inputs_fingerprint = absl::StrCat("inputs-", d);
        a.payload = "payload";
        AlertRow shared;
        shared.alert_key = absl::StrCat("P1/", a.as_of, "/shared");
        shared.provider_id = "P1";
        shared.as_of = a.as_of;
        AlertRow own = shared;
        own.alert_key = absl::StrCat("P1/", a.as_of, "/thread-", t);
        auto result = s.PutAssessment(a, {shared, own});
        absl::MutexLock lock(&mu);
        if (!result.ok()) {
          errors.push_back(result.status().ToString());
          continue;
        }
        if (result->assessment_written) ++written_per_date[d];
        inserted_alerts += static_cast<int>(result->new_alerts.size());
      }
      writes_done.fetch_add(1);
    });
  }
  for (std::thread& w : writers) w.join();
  follower.join();

  EXPECT_THAT(errors, SizeIs(0)) << (errors.empty() ? "" : errors.front());
  for (int d = 0; d < kDates; ++d) {
    EXPECT_EQ(written_per_date[d], 1) << "date " << Date(d) << " written by exactly one caller";
  }
  const int expected_alerts = kDates * (1 + kThreads);
  EXPECT_EQ(inserted_alerts, expected_alerts) << "each key reported inserted exactly once";

  auto history = stores_[0]->AssessmentHistory("P1", 100);
  ASSERT_TRUE(history.ok()) << history.status();
  EXPECT_THAT(*history, SizeIs(kDates)) << "one assessment per (provider, as_of)";

  auto alerts = stores_[0]->AlertsAfter(0, 1000);
  ASSERT_TRUE(alerts.ok()) << alerts.status();
  ASSERT_THAT(*alerts, SizeIs(expected_alerts));
  std::set<std::string> keys;
  for (size_t i = 0; i < alerts->size(); ++i) {
    keys.insert((*alerts)[i].alert_key);
    if (i > 0) {
      EXPECT_GT((*alerts)[i].sequence, (*alerts)[i - 1].sequence);
    }
  }
  EXPECT_THAT(keys, SizeIs(expected_alerts)) << "alert keys are unique";
  EXPECT_TRUE(follower_ok) << "the follower saw a sequence go backwards or a read fail";
  EXPECT_EQ(followed_keys, keys) << "the follower missed " << keys.size() - followed_keys.size()
                                 << " alerts";
}

// Writers of one record on several connections: every write succeeds and
// the versions are 1..N without gaps or duplicates. Writers reusing one
// idempotency key with the same request: exactly one is not a replay.
TEST_P(StoreConcurrencyTest, ConcurrentWritersOfOneRecordGetConsecutiveVersions) {
  constexpr int kWritesPerThread = 5;
  absl::Mutex mu;
  std::vector<std::string> errors;
  int stored = 0;
  int not_replayed = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Store& s = *stores_[t % kStores];
      for (int i = 0; i < kWritesPerThread; ++i) {
        RecordWrite w;
        w.kind = RecordKind::kAccounts;
        w.provider_id = "P1";
        w.record_key = "2025-03-31";
        w.payload = absl::StrCat("t", t, "-", i);
        w.idempotency_key = absl::StrCat("k-", t, "-", i);
        w.request_hash = w.payload;
        RecordWrite shared = w;
        shared.record_key = "shared";
        shared.payload = "same";
        shared.idempotency_key = "one-key";
        shared.request_hash = "one-hash";
        auto r = s.PutRecord(w);
        auto r2 = s.PutRecord(shared);
        absl::MutexLock lock(&mu);
        if (!r.ok()) errors.push_back(r.status().ToString());
        if (!r2.ok()) errors.push_back(r2.status().ToString());
        if (r.ok() && r->outcome == WriteOutcome::kStored) ++stored;
        if (r2.ok() && !r2->replayed) ++not_replayed;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_THAT(errors, SizeIs(0)) << (errors.empty() ? "" : errors.front());
  EXPECT_EQ(stored, kThreads * kWritesPerThread);
  EXPECT_EQ(not_replayed, 1);
  auto history = stores_[0]->RecordHistory(RecordKind::kAccounts, "P1", "2025-03-31");
  ASSERT_TRUE(history.ok()) << history.status();
  ASSERT_THAT(*history, SizeIs(kThreads * kWritesPerThread));
  for (size_t i = 0; i < history->size(); ++i) {
    EXPECT_EQ((*history)[i].version, static_cast<std::int64_t>(i + 1));
  }
  auto current = stores_[0]->CurrentRecords("P1");
  ASSERT_TRUE(current.ok()) << current.status();
  ASSERT_THAT(*current, SizeIs(2));
  EXPECT_EQ((*current)[0].version, kThreads * kWritesPerThread);
}

// Replicas starting together on a new database: migrations run once, and
// every opener succeeds.
TEST_P(StoreConcurrencyTest, ConcurrentOpensOfANewDatabaseMigrateOnce) {
  absl::StatusOr<std::string> url = test_support::FreshStoreUrl(GetParam());
  ASSERT_TRUE(url.ok()) << url.status();
  constexpr int kOpeners = 4;
  std::vector<absl::Status> results(kOpeners);
  std::vector<std::thread> threads;
  for (int i = 0; i < kOpeners; ++i) {
    threads.emplace_back([&, i] {
      auto store = OpenStore(*url);
      if (!store.ok()) {
        results[i] = store.status();
        return;
      }
      auto version = (*store)->SchemaVersion();
      results[i] = version.ok() ? (*version == 5 ? absl::OkStatus()
                                                 : absl::InternalError(absl::StrCat(
                                                       "schema version ", *version)))
                                : version.status();
    });
  }
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < kOpeners; ++i) {
    EXPECT_TRUE(results[i].ok()) << "opener " << i << ": " << results[i];
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConcurrencyTest,
                         ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendTestName);

}  // namespace
}  // namespace oversight::server
