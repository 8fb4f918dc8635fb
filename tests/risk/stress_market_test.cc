// risk::StressMarket (risk/stress/market_stress.h) against its definition:
// RunStress for every provider under every scenario, one call at a time.
// On one thread and on three, every provider must be visited exactly once,
// with each scenario's result equal to the one-call RunStress (the headline
// fields compared exactly: both run the same arithmetic on the same inputs;
// tests/risk/stress_baseline_reuse_test.cc compares every field of the
// shared-baseline step). Providers: the small market of
// tests/risk/assessor_test_market.h, enlarged with renamed copies so that
// the three threads share more than one block of providers, and one provider
// whose inputs fail validation.
#include <gtest/gtest.h>

#include <cstddef>
#include <iterator>
#include <span>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "risk/stress/market_stress.h"
#include "risk/stress/stress_test.h"
#include "tests/risk/assessor_test_market.h"
#include "tests/risk/stress_test_providers.h"

namespace oversight::risk {
namespace {

using testing::kAsOf;
using testing::Renamed;

std::vector<ProviderData> Market() {
  std::vector<ProviderData> market;
  const std::vector<ProviderData> kinds = {testing::HealthyVoluntary(), testing::LeveragedPrivateEquity(),
                                           testing::InAdministration(), testing::ExcessProfit(),
                                           testing::Filleted(), testing::ModeratelyLeveraged()};
  for (int copy = 0; copy < 8; ++copy) {
    for (const ProviderData& kind : kinds) {
      market.push_back(Renamed(kind, kind.provider.provider_id + "_" + std::to_string(copy)));
    }
  }
  ProviderData invalid = Renamed(testing::ModeratelyLeveraged(), "BAD1");
  invalid.accounts[0].filing_date = Date(1, QuantLib::January, 2025);  // before period.end
  market.push_back(invalid);
  return market;
}

std::vector<StressScenario> Scenarios() {
  std::vector<StressScenario> scenarios = StandardScenarios();
  scenarios.push_back({"severe", "SONIA +300bp, 20% fewer children placed, staff costs +8%", 300, 0.20, 0, 0.08});
  return scenarios;
}

struct Visits {
  absl::Mutex mutex;
  std::vector<int> count ABSL_GUARDED_BY(mutex);
  std::vector<std::vector<absl::StatusOr<StressResult>>> results ABSL_GUARDED_BY(mutex);
};

class StressMarketTest : public ::testing::TestWithParam<int> {};

TEST_P(StressMarketTest, EveryProviderOnceWithTheOneCallResults) {
  const int threads = GetParam();
  const std::vector<ProviderData> market = Market();
  const std::vector<StressScenario> scenarios = Scenarios();
  const RiskConfig config;
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, kAsOf);
  Visits visits;
  {
    absl::MutexLock lock(&visits.mutex);
    visits.count.assign(market.size(), 0);
    visits.results.resize(market.size());
  }
  const absl::Status run =
      StressMarket(market, snapshot, config, scenarios, kAsOf, MarketStressOptions{.threads = threads},
                   [&](std::size_t p, std::span<absl::StatusOr<StressResult>> by_scenario) {
                     absl::MutexLock lock(&visits.mutex);
                     ++visits.count[p];
                     visits.results[p].assign(std::make_move_iterator(by_scenario.begin()),
                                              std::make_move_iterator(by_scenario.end()));
                   });
  ASSERT_TRUE(run.ok()) << run;

  absl::MutexLock lock(&visits.mutex);
  int breaks_inside = 0;
  for (std::size_t p = 0; p < market.size(); ++p) {
    const std::string& id = market[p].provider.provider_id;
    ASSERT_EQ(visits.count[p], 1) << id << " visited " << visits.count[p] << " times";
    ASSERT_EQ(visits.results[p].size(), scenarios.size()) << id;
    for (std::size_t s = 0; s < scenarios.size(); ++s) {
      const std::string where = id + " " + scenarios[s].name + " on " + std::to_string(threads) + " threads";
      const absl::StatusOr<StressResult> expected = RunStress(market[p], snapshot, config, scenarios[s], kAsOf);
      const absl::StatusOr<StressResult>& computed = visits.results[p][s];
      ASSERT_EQ(computed.ok(), expected.ok()) << where << ": " << computed.status() << " vs " << expected.status();
      if (!expected.ok()) {
        EXPECT_EQ(computed.status(), expected.status()) << where;
        continue;
      }
      EXPECT_EQ(computed->scenario, expected->scenario) << where;
      // One baseline per provider, shared by its scenarios' results.
      ASSERT_NE(computed->baseline, nullptr) << where;
      if (visits.results[p][0].ok()) {
        EXPECT_EQ(computed->baseline.get(), visits.results[p][0]->baseline.get()) << where;
      }
      EXPECT_EQ(computed->baseline->rating, expected->baseline->rating) << where;
      EXPECT_EQ(computed->baseline->pd_one_year, expected->baseline->pd_one_year) << where;
      EXPECT_EQ(computed->stressed.rating, expected->stressed.rating) << where;
      EXPECT_EQ(computed->stressed.pd_one_year, expected->stressed.pd_one_year) << where;
      EXPECT_EQ(computed->stressed.score, expected->stressed.score) << where;
      EXPECT_EQ(computed->stressed.liquidity_headroom, expected->stressed.liquidity_headroom) << where;
      EXPECT_EQ(computed->first_break, expected->first_break) << where;
      EXPECT_EQ(computed->first_break_severity, expected->first_break_severity) << where;
      EXPECT_EQ(computed->interest_change, expected->interest_change) << where;
      EXPECT_EQ(computed->ebitda_change, expected->ebitda_change) << where;
      if (expected->first_break_severity && *expected->first_break_severity > 0) ++breaks_inside;
    }
  }
  EXPECT_GE(breaks_inside, 8) << "computed " << breaks_inside;  // the search ran
}

INSTANTIATE_TEST_SUITE_P(Threads, StressMarketTest, ::testing::Values(1, 3));

TEST(StressMarketArguments, RejectedBeforeAnythingIsVisited) {
  const std::vector<ProviderData> market = {testing::HealthyVoluntary()};
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, kAsOf);
  const RiskConfig config;
  int visited = 0;
  auto count = [&](std::size_t, std::span<absl::StatusOr<StressResult>>) { ++visited; };
  std::vector<StressScenario> scenarios = Scenarios();

  absl::Status status = StressMarket(market, snapshot, config, scenarios, kAsOf, {.threads = 0}, count);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("threads"), absl::string_view::npos) << status;

  status = StressMarket(market, snapshot, config, scenarios, Date(), {}, count);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("as_of"), absl::string_view::npos) << status;

  scenarios[2].occupancy_fall = -0.1;
  status = StressMarket(market, snapshot, config, scenarios, kAsOf, {}, count);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("scenarios[2]"), absl::string_view::npos) << status;
  EXPECT_NE(status.message().find("occupancy_fall"), absl::string_view::npos) << status;
  EXPECT_EQ(visited, 0);

  // No providers: nothing to visit, and no failure.
  EXPECT_TRUE(StressMarket({}, snapshot, config, Scenarios(), kAsOf, {.threads = 2}, count).ok());
  EXPECT_EQ(visited, 0);
}

}  // namespace
}  // namespace oversight::risk
