// Stress scenarios: the standard set, hand-computed operating shocks, what
// breaks first (against a closed-form breaking point), and the monotonicity
// properties a stress must have (a larger rate shock never raises interest
// cover nor lowers the PD; a deeper occupancy fall never improves the rating).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "risk/stress/stress_test.h"
#include "tests/risk/assessor_test_market.h"
#include "tests/risk/stress_test_providers.h"

namespace oversight::risk {
namespace {

using ::testing::HasSubstr;
using testing::kAsOf;
using testing::Renamed;

class StressTest : public ::testing::Test {
 protected:
  void SetUp() override {
    market_ = testing::SmallMarket();
    market_.push_back(Renamed(testing::ModeratelyLeveraged(), "MOD1"));
    snapshot_ = MarketSnapshot::Build(market_, kAsOf);
  }
  const ProviderData& Provider(const std::string& id) const {
    for (const ProviderData& d : market_) {
      if (d.provider.provider_id == id) return d;
    }
    throw std::runtime_error(id);
  }
  StressResult Run(const std::string& id, const StressScenario& scenario) const {
    absl::StatusOr<StressResult> r = RunStress(Provider(id), snapshot_, RiskConfig{}, scenario, kAsOf);
    if (!r.ok()) throw std::runtime_error(std::string(r.status().message()));
    return *std::move(r);
  }
  std::vector<ProviderData> market_;
  MarketSnapshot snapshot_;
};

TEST(StandardScenarios, NamesAndLookup) {
  std::vector<std::string> names;
  for (const StressScenario& s : StandardScenarios()) names.push_back(s.name);
  EXPECT_THAT(names, ::testing::ElementsAre("sonia_plus_200", "occupancy_minus_10", "fee_freeze_wage_5", "combined"));
  absl::StatusOr<StressScenario> combined = FindScenario("combined");
  ASSERT_TRUE(combined.ok());
  EXPECT_EQ(combined->sonia_shift_bp, 200);
  EXPECT_EQ(combined->occupancy_fall, 0.10);
  EXPECT_EQ(combined->wage_inflation, 0.05);
  EXPECT_EQ(combined->fee_growth, 0.0);
  absl::StatusOr<StressScenario> missing = FindScenario("sonia_plus_500");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("sonia_plus_500"));
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("fee_freeze_wage_5"));
}

TEST_F(StressTest, OccupancyFallWithDocumentedCostElasticities) {
  // VOL1: revenue 10m falls 10% (-1.0m); staff 6.5m x 0.3 x 10% = 0.195m and
  // other costs 2.0m x 0.5 x 10% = 0.100m are saved: EBITDA -0.705m.
  const StressResult r = Run("VOL1", *FindScenario("occupancy_minus_10"));
  EXPECT_NEAR(r.revenue_change, -1.0e6, 1e-3);
  EXPECT_NEAR(r.ebitda_change, -0.705e6, 1e-3) << "computed " << r.ebitda_change;
  // The loss is drawn from cash: headroom 2.0m -> 1.295m (no debt service).
  ASSERT_TRUE(r.stressed.liquidity_headroom.has_value());
  EXPECT_NEAR(*r.stressed.liquidity_headroom, 1.295e6, 1e-3);
  // Margin: (1.0 - 0.705) / 9.0 = 3.28%.
  ASSERT_TRUE(r.stressed.operating_margin.has_value());
  EXPECT_NEAR(*r.stressed.operating_margin, 0.295 / 9.0, 1e-12);
  EXPECT_GE(r.stressed.pd_one_year, r.baseline->pd_one_year);
}

TEST_F(StressTest, FeeFreezeWithWageInflation) {
  // VOL1: fees flat, staff 6.5m x 5% = 0.325m more cost.
  const StressResult r = Run("VOL1", *FindScenario("fee_freeze_wage_5"));
  EXPECT_NEAR(r.revenue_change, 0, 1e-9);
  EXPECT_NEAR(r.ebitda_change, -0.325e6, 1e-3) << "computed " << r.ebitda_change;
}

TEST_F(StressTest, SoniaShiftRepricesFloatingDebt) {
  // MOD1: £150m drawn at SONIA + 5.25%. +200bp of zero rate raises the
  // simple forward by about 2.0%: about 150m x 2% = £3.0m a year (within 3%
  // for compounding and the Actual/365 accrual of the quarterly schedule).
  const StressResult r = Run("MOD1", *FindScenario("sonia_plus_200"));
  EXPECT_NEAR(r.interest_change, 3.0e6, 0.03 * 3.0e6) << "computed " << r.interest_change;
  ASSERT_TRUE(r.baseline->interest_cover && r.stressed.interest_cover);
  // Interest cover: 25 / 11 = 2.27x before; 25 / (11 + dI) after.
  EXPECT_NEAR(*r.baseline->interest_cover, 25.0 / 11.0, 1e-9);
  EXPECT_NEAR(*r.stressed.interest_cover, 25e6 / (11e6 + r.interest_change), 1e-6);
  EXPECT_FALSE(r.covenant_breached);
  EXPECT_TRUE(r.first_break.empty());
}

TEST_F(StressTest, FirstBreakIsLocatedAtTheClosedFormSeverity) {
  // Occupancy fall at severity s: EBITDA = 25 - 7.75 s (10 - 1.65 - 0.6 per
  // full scenario, in £m) and the loss comes out of cash, so net debt =
  // 135 + 7.75 s. The 7.4x covenant breaks when 7.4 (25 - 7.75 s) = 135 + 7.75 s,
  // s = 50 / (7.75 x 8.4) = 0.76805.
  const StressResult r = Run("MOD1", *FindScenario("occupancy_minus_10"));
  EXPECT_TRUE(r.covenant_breached);
  EXPECT_FALSE(r.liquidity_exhausted);
  EXPECT_EQ(r.first_break, "covenant max_net_leverage on F1");
  ASSERT_TRUE(r.first_break_severity.has_value());
  EXPECT_NEAR(*r.first_break_severity, 50.0 / (7.75 * 8.4), 1e-3) << "computed " << *r.first_break_severity;
}

TEST_F(StressTest, CombinedScenarioReportsTheEarlierOfCovenantAndLiquidity) {
  const StressScenario combined = *FindScenario("combined");
  const StressResult r = Run("MOD1", combined);
  ASSERT_TRUE(r.covenant_breached);
  ASSERT_TRUE(r.liquidity_exhausted);
  ASSERT_TRUE(r.first_break_severity.has_value());
  const double s = *r.first_break_severity;
  ASSERT_GT(s, 0.02);
  ASSERT_LT(s, 0.98);
  // Independent check through the public API: the same scenario scaled just
  // below the reported severity breaks nothing; just above, it breaks the
  // limit reported.
  auto scaled = [&](double k) {
    StressScenario x = combined;
    x.name = "scaled";
    x.sonia_shift_bp *= k;
    x.occupancy_fall *= k;
    x.wage_inflation *= k;
    return Run("MOD1", x);
  };
  const StressResult below = scaled(s - 0.01);
  EXPECT_FALSE(below.covenant_breached);
  EXPECT_FALSE(below.liquidity_exhausted);
  const StressResult above = scaled(s + 0.01);
  EXPECT_EQ(above.first_break, r.first_break);
  EXPECT_TRUE(r.first_break == "covenant max_net_leverage on F1" ? above.covenant_breached
                                                                 : above.liquidity_exhausted);
}

TEST_F(StressTest, LimitAlreadyBrokenBreaksFirst) {
  const StressResult r = Run("PEG1", *FindScenario("sonia_plus_200"));
  EXPECT_THAT(r.first_break, HasSubstr("covenant max_net_leverage on F1"));
  EXPECT_THAT(r.first_break, HasSubstr("already broken"));
  EXPECT_EQ(r.first_break_severity, 0.0);
}

TEST_F(StressTest, LargerRateShockNeverRaisesInterestCoverNorLowersPd) {
  for (const char* id : {"MOD1", "PEG1", "XSP1"}) {
    double previous_cover = 1e300;
    double previous_pd = -1;
    for (double bp = 0; bp <= 500; bp += 50) {
      StressScenario s{"rate", "", bp, 0, 0, 0};
      const StressResult r = Run(id, s);
      ASSERT_TRUE(r.stressed.interest_cover.has_value()) << id;
      EXPECT_LE(*r.stressed.interest_cover, previous_cover + 1e-12) << id << " at +" << bp << "bp";
      EXPECT_GE(r.stressed.pd_one_year, previous_pd - 1e-12) << id << " at +" << bp << "bp";
      previous_cover = *r.stressed.interest_cover;
      previous_pd = r.stressed.pd_one_year;
    }
  }
}

// The rating, not the PD: once losses wipe out net assets, Ohlson's
// published OENEG coefficient (-1.72 when liabilities exceed assets, Ohlson
// 1980 Table 4) lowers the O-score, so the combined PD can dip as a deeper
// fall turns equity negative (PEG1 between 10% and 15%). The likelihood
// floors (covenant breach, negative liquidity) keep the rating monotone.
TEST_F(StressTest, DeeperOccupancyFallNeverImprovesTheRating) {
  for (const char* id : {"VOL1", "MOD1", "XSP1", "PEG1"}) {
    Rating previous_rating = Rating::kGreen;
    Band previous_likelihood = Band::kLow;
    for (double fall = 0; fall <= 0.6001; fall += 0.05) {
      StressScenario s{"occupancy", "", 0, fall, 0, 0};
      const StressResult r = Run(id, s);
      EXPECT_GE(r.stressed.rating, previous_rating) << id << " at " << fall;
      EXPECT_GE(r.stressed.likelihood, previous_likelihood) << id << " at " << fall;
      previous_rating = r.stressed.rating;
      previous_likelihood = r.stressed.likelihood;
    }
  }
}

TEST_F(StressTest, InvalidScenarioNamesTheField) {
  StressScenario s{"bad", "", 0, 1.5, 0, 0};
  absl::StatusOr<StressResult> r = RunStress(Provider("VOL1"), snapshot_, RiskConfig{}, s, kAsOf);
  ASSERT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("scenario.occupancy_fall"));
}

TEST_F(StressTest, FilletedAccountsSayWhatCouldNotBeStressed) {
  const StressResult r = Run("FIL1", *FindScenario("occupancy_minus_10"));
  EXPECT_THAT(r.note, HasSubstr("revenue missing"));
  EXPECT_EQ(r.ebitda_change, 0);
  EXPECT_EQ(r.stressed.rating, r.baseline->rating);
}

}  // namespace
}  // namespace oversight::risk
