// The alert hub on a real store (SQLite and PostgreSQL): the join between
// replay and live delivery has no gap and no duplicate, a full sink is
// detached without affecting the others, and alerts committed through
// another connection (another replica) reach the hub.

#include "server/alerts/alert_hub.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "oversight/v1/oversight.pb.h"
#include "server/alerts/alert_filter.h"
#include "server/store/store.h"
#include "tests/support/test_support.h"

namespace oversight::server {
namespace {

using test_support::Backend;

// Commits `count` alerts for `provider_id` (keys prefix-0..count-1) in one
// assessment, as scoring does.
std::vector<AlertRow> CommitAlerts(Store& store, const std::string& provider_id,
                                   const std::string& prefix, int count,
                                   const std::string& as_of = "2026-03-31") {
  AssessmentRow assessment{.provider_id = provider_id,
                           .as_of = as_of,
                           .rating = 2,
                           .score = 1.0,
                           .inputs_fingerprint = absl::StrCat("fp-", prefix),
                           .payload = ""};
  std::vector<AlertRow> alerts;
  for (int i = 0; i < count; ++i) {
    oversight::v1::Alert alert;
    alert.set_key(absl::StrCat(prefix, "-", i));
    alert.set_provider_id(provider_id);
    alert.set_kind(oversight::v1::ALERT_KIND_LEVERAGE_HIGH);
    alert.set_severity(oversight::v1::ALERT_SEVERITY_WARNING);
    alert.set_as_of(as_of);
    alert.set_title(absl::StrCat("alert ", prefix, " ", i));
    alerts.push_back(AlertRow{.alert_key = alert.key(),
                              .provider_id = provider_id,
                              .severity = alert.severity(),
                              .as_of = as_of,
                              .payload = alert.SerializeAsString()});
  }
  absl::StatusOr<AssessmentWriteResult> written = store.PutAssessment(assessment, alerts);
  EXPECT_TRUE(written.ok()) << written.status();
  return written.ok() ? written->new_alerts : std::vector<AlertRow>{};
}

// Records what it is given; refuses more than `capacity` (0 = unbounded).
class RecordingSink : public AlertSink {
 public:
  explicit RecordingSink(std::int64_t cursor, std::size_t capacity = 0)
      : cursor_(cursor), capacity_(capacity) {}

  bool Deliver(const AlertPtr& alert) override {
    absl::MutexLock lock(&mu_);
    if (alert->sequence() <= cursor_) return true;
    if (capacity_ != 0 && sequences_.size() >= capacity_) return false;
    cursor_ = alert->sequence();
    sequences_.push_back(alert->sequence());
    return true;
  }
  void OnDetached(bool closing) override {
    absl::MutexLock lock(&mu_);
    detached_ = true;
    closing_ = closing;
  }
  // Blocks until `count` alerts arrived or the sink was detached.
  std::vector<std::int64_t> AwaitCount(std::size_t count) {
    absl::MutexLock lock(&mu_);
    auto ready = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return sequences_.size() >= count || detached_;
    };
    // A generous bound only so a bug fails instead of hanging.
    mu_.AwaitWithTimeout(absl::Condition(&ready), absl::Seconds(60));
    return sequences_;
  }
  bool AwaitDetached() {
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(&detached_), absl::Seconds(60));
    return detached_;
  }
  bool closing() {
    absl::MutexLock lock(&mu_);
    return closing_;
  }

 private:
  absl::Mutex mu_;
  std::int64_t cursor_ ABSL_GUARDED_BY(mu_);
  const std::size_t capacity_;
  std::vector<std::int64_t> sequences_ ABSL_GUARDED_BY(mu_);
  bool detached_ ABSL_GUARDED_BY(mu_) = false;
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
};

std::vector<std::int64_t> SequencesOf(const std::vector<AlertRow>& rows) {
  std::vector<std::int64_t> out;
  for (const AlertRow& row : rows) out.push_back(row.sequence);
  return out;
}

class AlertHubTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    absl::StatusOr<std::string> url = test_support::FreshStoreUrl(GetParam());
    ASSERT_TRUE(url.ok()) << url.status();
    url_ = *url;
    absl::StatusOr<std::unique_ptr<Store>> store = OpenStore(url_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }

  AlertHubOptions Options(std::size_t ring = 64) {
    AlertHubOptions options;
    options.ring_capacity = ring;
    options.page_size = 7;  // small pages exercise the paging loop
    options.notification_wait = absl::Milliseconds(200);
    return options;
  }

  std::string url_;
  std::unique_ptr<Store> store_;
};

TEST_P(AlertHubTest, AttachedSinkReceivesEveryNewAlertOnceInOrder) {
  AlertHub hub(*store_, Options());
  ASSERT_TRUE(hub.Start().ok());
  RecordingSink sink(hub.head());
  ASSERT_EQ(hub.Attach(&sink, hub.head()), AlertHub::AttachResult::kAttached);

  std::vector<AlertRow> first = CommitAlerts(*store_, "P001", "a", 10);
  hub.Kick();
  std::vector<AlertRow> second = CommitAlerts(*store_, "P002", "b", 5);
  hub.Kick();
  std::vector<std::int64_t> expected = SequencesOf(first);
  for (std::int64_t s : SequencesOf(second)) expected.push_back(s);

  EXPECT_EQ(sink.AwaitCount(expected.size()), expected);
  EXPECT_TRUE(hub.Detach(&sink));
  EXPECT_FALSE(hub.Detach(&sink)) << "a second Detach must report the sink was not attached";
  hub.Stop();  // before the sinks on this stack go away
}

TEST_P(AlertHubTest, LateJoinerIsBridgedFromTheRingWithoutGapOrDuplicate) {
  AlertHub hub(*store_, Options());
  ASSERT_TRUE(hub.Start().ok());
  const std::int64_t start = hub.head();
  std::vector<AlertRow> committed = CommitAlerts(*store_, "P001", "a", 12);
  ASSERT_EQ(committed.size(), 12u);
  // Let the hub read them all before the sink joins.
  RecordingSink observer(start);
  ASSERT_EQ(hub.Attach(&observer, start), AlertHub::AttachResult::kAttached);
  hub.Kick();
  ASSERT_EQ(observer.AwaitCount(12).size(), 12u);

  // The joiner says it has seen up to the 5th alert (as if it replayed that
  // far from the store): it must get exactly the 6th..12th from the ring.
  const std::int64_t seen = committed[4].sequence;
  RecordingSink joiner(seen);
  ASSERT_EQ(hub.Attach(&joiner, seen), AlertHub::AttachResult::kAttached);
  std::vector<std::int64_t> expected;
  for (std::size_t i = 5; i < committed.size(); ++i) expected.push_back(committed[i].sequence);
  EXPECT_EQ(joiner.AwaitCount(expected.size()), expected);
  hub.Stop();  // before the sinks on this stack go away
}

TEST_P(AlertHubTest, JoinerOlderThanTheRingIsToldToReplay) {
  AlertHub hub(*store_, Options(/*ring=*/4));
  ASSERT_TRUE(hub.Start().ok());
  const std::int64_t start = hub.head();
  RecordingSink observer(start);
  ASSERT_EQ(hub.Attach(&observer, start), AlertHub::AttachResult::kAttached);
  std::vector<AlertRow> committed = CommitAlerts(*store_, "P001", "a", 10);
  hub.Kick();
  ASSERT_EQ(observer.AwaitCount(10).size(), 10u);

  RecordingSink old(start);
  EXPECT_EQ(hub.Attach(&old, start), AlertHub::AttachResult::kBehind)
      << "the ring keeps 4 alerts; a sink at the start would miss 6";
  RecordingSink recent(committed[6].sequence);
  EXPECT_EQ(hub.Attach(&recent, committed[6].sequence), AlertHub::AttachResult::kAttached);
  EXPECT_EQ(recent.AwaitCount(3),
            (std::vector<std::int64_t>{committed[7].sequence, committed[8].sequence,
                                       committed[9].sequence}));
  hub.Stop();  // before the sinks on this stack go away
}

TEST_P(AlertHubTest, FullSinkIsDetachedAndOthersKeepReceiving) {
  AlertHub hub(*store_, Options());
  ASSERT_TRUE(hub.Start().ok());
  RecordingSink full(hub.head(), /*capacity=*/3);
  RecordingSink healthy(hub.head());
  ASSERT_EQ(hub.Attach(&full, hub.head()), AlertHub::AttachResult::kAttached);
  ASSERT_EQ(hub.Attach(&healthy, hub.head()), AlertHub::AttachResult::kAttached);

  std::vector<AlertRow> committed = CommitAlerts(*store_, "P001", "a", 20);
  hub.Kick();
  EXPECT_EQ(healthy.AwaitCount(20), SequencesOf(committed));
  ASSERT_TRUE(full.AwaitDetached());
  EXPECT_FALSE(full.closing()) << "an overflow is not a shutdown";
  EXPECT_EQ(full.AwaitCount(3).size(), 3u);
  EXPECT_EQ(hub.subscriber_count(), 1u);
  hub.Stop();  // before the sinks on this stack go away
}

TEST_P(AlertHubTest, StopDetachesEverySinkAsClosingAndRefusesNewOnes) {
  AlertHub hub(*store_, Options());
  ASSERT_TRUE(hub.Start().ok());
  RecordingSink sink(hub.head());
  ASSERT_EQ(hub.Attach(&sink, hub.head()), AlertHub::AttachResult::kAttached);
  hub.Stop();
  EXPECT_TRUE(sink.AwaitDetached());
  EXPECT_TRUE(sink.closing());
  RecordingSink late(0);
  EXPECT_EQ(hub.Attach(&late, 0), AlertHub::AttachResult::kClosed);
}

TEST_P(AlertHubTest, AlertsCommittedThroughAnotherConnectionArriveWithoutAKick) {
  // Another replica: its own store connection to the same database.
  absl::StatusOr<std::unique_ptr<Store>> other = OpenStore(url_);
  ASSERT_TRUE(other.ok()) << other.status();
  AlertHub hub(*store_, Options());
  ASSERT_TRUE(hub.Start().ok());
  RecordingSink sink(hub.head());
  ASSERT_EQ(hub.Attach(&sink, hub.head()), AlertHub::AttachResult::kAttached);
  std::vector<AlertRow> committed = CommitAlerts(**other, "P009", "remote", 3);
  // No Kick: PostgreSQL's notification (or SQLite's polling interval) wakes the hub.
  EXPECT_EQ(sink.AwaitCount(3), SequencesOf(committed));
  hub.Stop();  // before the sinks on this stack go away
}

INSTANTIATE_TEST_SUITE_P(Backends, AlertHubTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendTestName);

TEST(AlertFilterTest, EveryCriterionMustHold) {
  oversight::v1::Alert alert;
  alert.set_provider_id("P001");
  alert.set_severity(oversight::v1::ALERT_SEVERITY_WARNING);
  alert.add_regions(oversight::v1::REGION_LONDON);
  alert.add_local_authorities("Camden");
  oversight::v1::AlertFilter filter;
  EXPECT_TRUE(AlertMatches(filter, alert)) << "an empty filter matches everything";
  filter.set_min_severity(oversight::v1::ALERT_SEVERITY_CRITICAL);
  EXPECT_FALSE(AlertMatches(filter, alert)) << "warning is below critical";
  filter.set_min_severity(oversight::v1::ALERT_SEVERITY_WARNING);
  EXPECT_TRUE(AlertMatches(filter, alert));
  filter.set_region(oversight::v1::REGION_NORTH_EAST);
  EXPECT_FALSE(AlertMatches(filter, alert));
  filter.set_region(oversight::v1::REGION_LONDON);
  filter.set_local_authority("Leeds");
  EXPECT_FALSE(AlertMatches(filter, alert));
  filter.set_local_authority("Camden");
  filter.set_provider_id("P002");
  EXPECT_FALSE(AlertMatches(filter, alert));
  filter.set_provider_id("P001");
  EXPECT_TRUE(AlertMatches(filter, alert));
}

TEST(AlertFilterTest, UnknownEnumValuesAreInvalidArgumentsNamingTheField) {
  oversight::v1::AlertFilter filter;
  filter.set_min_severity(static_cast<oversight::v1::AlertSeverity>(42));
  absl::Status status = ValidateAlertFilter(filter, "filter");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("filter.min_severity"), absl::string_view::npos) << status;
}

}  // namespace
}  // namespace oversight::server
