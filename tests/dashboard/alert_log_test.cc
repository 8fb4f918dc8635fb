// AlertLog: the in-memory relay log behind every browser's event stream.
#include "clients/dashboard/alert_log.h"

#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace oversight::client::dashboard {
namespace {

using ::testing::ElementsAre;

std::vector<int64_t> Sequences(const AlertLog::Batch& batch) {
  std::vector<int64_t> out;
  for (const RelayedAlert& alert : batch.alerts) out.push_back(alert.sequence);
  return out;
}

TEST(AlertLogTest, ReplayOverlappingWhatWasRelayedNeverDoublesAnAlert) {
  AlertLog log(100);
  EXPECT_TRUE(log.Append(1, "{}"));
  EXPECT_TRUE(log.Append(2, "{}"));
  // An upstream reconnect that replays from an older sequence.
  EXPECT_FALSE(log.Append(2, "{}"));
  EXPECT_FALSE(log.Append(1, "{}"));
  EXPECT_TRUE(log.Append(5, "{}"));  // sequences may skip; they only increase
  EXPECT_EQ(log.last_sequence(), 5);
  const AlertLog::Batch batch = log.WaitFor(0, log.status().version, absl::ZeroDuration(), 100);
  EXPECT_THAT(Sequences(batch), ElementsAre(1, 2, 5));
}

TEST(AlertLogTest, ReadsResumeAfterTheGivenSequenceInOrderAndRespectTheLimit) {
  AlertLog log(100);
  for (int64_t s = 1; s <= 10; ++s) log.Append(s, "{}");
  const int64_t version = log.status().version;
  EXPECT_THAT(Sequences(log.WaitFor(7, version, absl::ZeroDuration(), 100)), ElementsAre(8, 9, 10));
  EXPECT_THAT(Sequences(log.WaitFor(2, version, absl::ZeroDuration(), 3)), ElementsAre(3, 4, 5));
  const AlertLog::Batch none = log.WaitFor(10, version, absl::ZeroDuration(), 100);
  EXPECT_TRUE(none.alerts.empty());
  EXPECT_FALSE(none.missing_before);
}

TEST(AlertLogTest, AReaderFromBeforeTheEvictedAlertsIsToldToFetchThem) {
  AlertLog log(3);
  for (int64_t s = 1; s <= 6; ++s) log.Append(s, "{}");  // keeps 4, 5, 6
  const int64_t version = log.status().version;
  const AlertLog::Batch behind = log.WaitFor(2, version, absl::ZeroDuration(), 100);
  EXPECT_TRUE(behind.missing_before);
  EXPECT_EQ(behind.evicted_through, 3);
  EXPECT_TRUE(behind.alerts.empty());
  const AlertLog::Batch current = log.WaitFor(3, version, absl::ZeroDuration(), 100);
  EXPECT_FALSE(current.missing_before);
  EXPECT_THAT(Sequences(current), ElementsAre(4, 5, 6));
}

TEST(AlertLogTest, ANewReaderStartsBeforeTheRecentHistory) {
  AlertLog log(100);
  EXPECT_EQ(log.StartForNewReader(2), 0) << "empty log: from the beginning";
  for (int64_t s = 11; s <= 15; ++s) log.Append(s, "{}");
  EXPECT_EQ(log.StartForNewReader(2), 13) << "the two newest are 14 and 15";
  EXPECT_EQ(log.StartForNewReader(50), 0) << "fewer held than asked: all of them";
}

TEST(AlertLogTest, AStatusChangeWakesAReaderAndCarriesItsState) {
  AlertLog log(10);
  const int64_t before = log.status().version;
  EXPECT_EQ(log.status().state, UpstreamState::kConnecting);
  log.SetStatus(UpstreamState::kDown, "oversightd unreachable");
  const AlertLog::Batch batch = log.WaitFor(0, before, absl::InfiniteDuration(), 10);
  EXPECT_NE(batch.status.version, before);
  EXPECT_EQ(batch.status.state, UpstreamState::kDown);
  EXPECT_EQ(batch.status.detail, "oversightd unreachable");
  EXPECT_EQ(UpstreamStateName(batch.status.state), "down");
}

TEST(AlertLogTest, AppendAndCloseWakeAWaitingReaderInAnotherThread) {
  AlertLog log(10);
  const int64_t version = log.status().version;
  AlertLog::Batch got;
  std::thread reader([&] { got = log.WaitFor(0, version, absl::InfiniteDuration(), 10); });
  log.Append(1, R"({"sequence":"1"})");
  reader.join();  // returns whether it started waiting before or after the append
  ASSERT_THAT(Sequences(got), ElementsAre(1));
  EXPECT_EQ(got.alerts[0].json, R"({"sequence":"1"})");

  AlertLog::Batch closed;
  std::thread waiter([&] { closed = log.WaitFor(1, version, absl::InfiniteDuration(), 10); });
  log.Close();
  waiter.join();
  EXPECT_TRUE(closed.closed);
}

}  // namespace
}  // namespace oversight::client::dashboard
