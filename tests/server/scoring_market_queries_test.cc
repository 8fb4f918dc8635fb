// Concentration and stress queries over the submitted market, on SQLite and
// PostgreSQL.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "proto/codec/status_codec.h"
#include "risk/config/risk_config.h"
#include "server/scoring/market_queries.h"
#include "tests/server/scoring_test_market.h"
#include "tests/support/test_support.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;
using test_support::Backend;

class MarketQueryTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto store = test_support::OpenFreshStore(GetParam());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    scoring_test::SubmitMarket(*store_);
  }
  risk::RiskConfig config_;
  std::unique_ptr<Store> store_;
};

TEST_P(MarketQueryTest, ConcentrationInAnAuthority) {
  v1::GetConcentrationRequest request;
  request.set_local_authority("Leeds");
  request.set_as_of("2026-03-31");
  auto leeds = GetConcentration(*store_, request);
  ASSERT_TRUE(leeds.ok()) << leeds.status();
  // Independent computation: Leeds places 30 children with P001 and 10 with
  // P002: shares 75% and 25%, HHI = 75^2 + 25^2 = 6,250 (CMA convention,
  // shares in percent), CR4 = 100%.
  EXPECT_EQ(leeds->children_placed(), 40);
  EXPECT_NEAR(leeds->hhi(), 6250.0, 1e-6) << "computed " << leeds->hhi() << " vs expected 6250";
  EXPECT_NEAR(leeds->top4_share(), 1.0, 1e-12);
  ASSERT_EQ(leeds->shares_size(), 2);
  EXPECT_EQ(leeds->shares(0).provider_id(), "P001");
  EXPECT_EQ(leeds->shares(0).name(), "Acorn Care Ltd");
  EXPECT_NEAR(leeds->shares(0).share(), 0.75, 1e-12);
  EXPECT_EQ(leeds->shares(1).name(), "Birch Homes Ltd");
}

TEST_P(MarketQueryTest, ConcentrationInARegionAndErrors) {
  v1::GetConcentrationRequest north_west;
  north_west.set_region(v1::REGION_NORTH_WEST);
  north_west.set_as_of("2026-03-31");
  auto nw = GetConcentration(*store_, north_west);
  ASSERT_TRUE(nw.ok()) << nw.status();
  EXPECT_EQ(nw->children_placed(), 5);
  EXPECT_NEAR(nw->hhi(), 10000.0, 1e-6) << "a single provider is a monopoly";

  v1::GetConcentrationRequest unknown;
  unknown.set_local_authority("Atlantis");
  EXPECT_EQ(GetConcentration(*store_, unknown).status().code(), absl::StatusCode::kNotFound);

  const auto no_area = GetConcentration(*store_, v1::GetConcentrationRequest());
  ASSERT_EQ(no_area.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(codec::FieldViolationsOf(codec::ToGrpcStatus(no_area.status()))[0].field, "area");

  v1::GetConcentrationRequest bad_date;
  bad_date.set_region(v1::REGION_LONDON);
  bad_date.set_as_of("31/03/2026");
  const auto bad = GetConcentration(*store_, bad_date);
  ASSERT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(codec::FieldViolationsOf(codec::ToGrpcStatus(bad.status()))[0].field, "as_of");
}

TEST_P(MarketQueryTest, StressByNameCoversTheMarket) {
  const v1::ListScenariosResponse scenarios = ListScenarios();
  ASSERT_GT(scenarios.scenarios_size(), 0);
  v1::RunStressRequest request;
  request.set_scenario(scenarios.scenarios(0).name());
  request.set_as_of("2026-03-31");
  auto market = RunStress(*store_, config_, request);
  ASSERT_TRUE(market.ok()) << market.status();
  ASSERT_EQ(market->outcomes_size(), 2);
  for (const v1::StressOutcome& outcome : market->outcomes()) {
    EXPECT_EQ(outcome.scenario(), scenarios.scenarios(0).name());
    EXPECT_NE(outcome.stressed_rating(), v1::RATING_UNSPECIFIED);
  }
  // Worst first.
  EXPECT_GE(market->outcomes(0).stressed_rating(), market->outcomes(1).stressed_rating());

  request.set_provider_id("P001");
  auto one = RunStress(*store_, config_, request);
  ASSERT_TRUE(one.ok()) << one.status();
  ASSERT_EQ(one->outcomes_size(), 1);
  EXPECT_EQ(one->outcomes(0).provider_id(), "P001");
}

TEST_P(MarketQueryTest, CustomStressRaisesTheProbabilityOfFailure) {
  v1::RunStressRequest request;
  request.set_provider_id("P001");
  request.set_as_of("2026-03-31");
  request.mutable_custom()->set_name("severe");
  request.mutable_custom()->set_sonia_shift_bp(500);
  request.mutable_custom()->set_occupancy_fall(0.2);
  auto stressed = RunStress(*store_, config_, request);
  ASSERT_TRUE(stressed.ok()) << stressed.status();
  ASSERT_EQ(stressed->outcomes_size(), 1);
  const v1::StressOutcome& outcome = stressed->outcomes(0);
  EXPECT_EQ(outcome.scenario(), "severe");
  EXPECT_GE(outcome.stressed_pd(), outcome.baseline_pd())
      << "stressed " << outcome.stressed_pd() << " vs baseline " << outcome.baseline_pd();
  EXPECT_GE(outcome.stressed_rating(), outcome.baseline_rating());
}

TEST_P(MarketQueryTest, StressRequestErrors) {
  v1::RunStressRequest unknown;
  unknown.set_scenario("no_such_scenario");
  EXPECT_EQ(RunStress(*store_, config_, unknown).status().code(), absl::StatusCode::kNotFound);

  v1::RunStressRequest both;
  both.set_scenario(ListScenarios().scenarios(0).name());
  both.mutable_custom()->set_sonia_shift_bp(100);
  EXPECT_EQ(RunStress(*store_, config_, both).status().code(), absl::StatusCode::kInvalidArgument);

  v1::RunStressRequest neither;
  EXPECT_EQ(RunStress(*store_, config_, neither).status().code(), absl::StatusCode::kInvalidArgument);

  v1::RunStressRequest bad_custom;
  bad_custom.mutable_custom()->set_occupancy_fall(2);
  const auto bad = RunStress(*store_, config_, bad_custom);
  ASSERT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(codec::FieldViolationsOf(codec::ToGrpcStatus(bad.status()))[0].field, "custom.occupancy_fall");

  v1::RunStressRequest missing;
  missing.set_scenario(ListScenarios().scenarios(0).name());
  missing.set_provider_id("P404");
  EXPECT_EQ(RunStress(*store_, config_, missing).status().code(), absl::StatusCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, MarketQueryTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendTestName);

}  // namespace
}  // namespace oversight::server
