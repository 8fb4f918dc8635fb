// StressedLimits keeps state between severities (the baseline projections,
// and a point-in-time copy whose latest accounts it re-shocks in place), so
// one instance asked for severities in any order must give, figure for
// figure, what a fresh instance gives for each severity alone
// (StressedLimitFigures), and its InterestChange must equal the interest
// change ApplyOperatingShock projects itself on the stress curves. The
// fresh-instance figures are checked against full assessments in
// tests/risk/stress_limit_figures_test.cc.
#include <gtest/gtest.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "risk/assessment/assess_on_curves.h"
#include "risk/stress/operating_shock.h"
#include "risk/stress/stressed_limits.h"
#include "tests/risk/assessor_test_market.h"

namespace oversight::risk {
namespace {

using testing::kAsOf;

std::string Text(const std::optional<double>& v) { return v ? std::to_string(*v) : "absent"; }

void ExpectSameFigures(const LimitFigures& c, const LimitFigures& e, const std::string& where) {
  EXPECT_EQ(c.liquidity_headroom, e.liquidity_headroom)
      << where << " liquidity_headroom: computed " << Text(c.liquidity_headroom) << " vs "
      << Text(e.liquidity_headroom);
  ASSERT_EQ(c.covenants.size(), e.covenants.size()) << where;
  for (std::size_t i = 0; i < e.covenants.size(); ++i) {
    const std::string which = where + " " + e.covenants[i].facility_id + " " + e.covenants[i].covenant.str();
    EXPECT_EQ(c.covenants[i].facility_id, e.covenants[i].facility_id) << which;
    EXPECT_EQ(c.covenants[i].breached, e.covenants[i].breached) << which;
    EXPECT_EQ(c.covenants[i].actual, e.covenants[i].actual)
        << which << " actual: computed " << Text(c.covenants[i].actual) << " vs " << Text(e.covenants[i].actual);
    EXPECT_EQ(c.covenants[i].headroom_ebitda, e.covenants[i].headroom_ebitda)
        << which << " headroom_ebitda: computed " << Text(c.covenants[i].headroom_ebitda) << " vs "
        << Text(e.covenants[i].headroom_ebitda);
    EXPECT_EQ(c.covenants[i].next_test_date, e.covenants[i].next_test_date) << which;
  }
}

std::vector<ProviderData> Providers() {
  std::vector<ProviderData> providers = testing::SmallMarket();
  ProviderData moderate = testing::ModeratelyLeveraged();
  moderate.facilities[0].covenant.min_interest_cover = 1.6;
  providers.push_back(moderate);
  // A facility not yet started (filtered at as_of) and later accounts not
  // yet public: the point-in-time copy differs from the inputs.
  ProviderData filtered = testing::ModeratelyLeveraged();
  DebtFacility later = filtered.facilities[0];
  later.facility_id = "F9";
  later.drawn = 20e6;
  later.committed = 22e6;
  later.start_date = Date(1, QuantLib::January, 2026);
  filtered.facilities.push_back(later);
  Accounts unpublished = filtered.accounts[0];
  unpublished.period = {Date(1, QuantLib::April, 2025), Date(30, QuantLib::September, 2025)};
  unpublished.filing_date = Date(15, QuantLib::December, 2025);
  filtered.accounts.push_back(unpublished);
  filtered.accounts[0].filing_date = Date(20, QuantLib::June, 2025);
  providers.push_back(filtered);
  return providers;
}

TEST(StressLimitsReuseTest, OneInstanceAskedInAnyOrderEqualsAFreshInstancePerSeverity) {
  const RiskConfig config;
  absl::StatusOr<SoniaCurves> curves = BaselineSoniaCurves(config, kAsOf);
  ASSERT_TRUE(curves.ok()) << curves.status();
  std::vector<StressScenario> scenarios = StandardScenarios();
  scenarios.push_back({"collapse", "", 500, 0.45, -0.05, 0.12});
  const std::vector<double> order = {1.0, 0.3, 0.7, 0.0, 0.5, 0.3, 0.95, 0.0001};
  int compared = 0;
  for (const ProviderData& data : Providers()) {
    for (const StressScenario& scenario : scenarios) {
      const StressedLimits limits(data, config, scenario, kAsOf, *curves);
      for (double intensity : order) {
        const std::string where =
            data.provider.provider_id + " " + scenario.name + " at " + std::to_string(intensity);
        absl::StatusOr<LimitFigures> reused = limits.At(intensity);
        absl::StatusOr<LimitFigures> fresh = StressedLimitFigures(data, config, scenario, intensity, kAsOf, *curves);
        ASSERT_EQ(reused.ok(), fresh.ok()) << where << ": " << reused.status() << " vs " << fresh.status();
        if (!fresh.ok()) {
          EXPECT_EQ(reused.status(), fresh.status()) << where;
          continue;
        }
        ExpectSameFigures(*reused, *fresh, where);

        // The interest change, against ApplyOperatingShock's own projections.
        const SoniaCurves stressed = StressCurves(*curves, scenario, intensity);
        OperatingShock shock;
        absl::StatusOr<ProviderData> shocked = ApplyOperatingShock(
            data, scenario, intensity, config.stress, kAsOf, stressed.baseline, stressed.projection(), &shock);
        ASSERT_TRUE(shocked.ok()) << where << ": " << shocked.status();
        absl::StatusOr<double> interest = limits.InterestChange(intensity);
        ASSERT_TRUE(interest.ok()) << where << ": " << interest.status();
        EXPECT_EQ(*interest, shock.interest_change)
            << where << " interest_change: computed " << *interest << " vs " << shock.interest_change;
        ++compared;
      }
    }
  }
  EXPECT_GE(compared, 100) << "computed " << compared;
}

TEST(StressLimitsReuseTest, AShockThatInvalidatesTheAccountsFailsThenRecovers) {
  // With an elasticity of 20, a 10% occupancy fall drives staff costs
  // negative beyond half the severity: the shocked accounts are invalid
  // there and valid below, and the instance must not keep the bad record.
  RiskConfig config;
  config.stress.staff_cost_elasticity = 20;
  absl::StatusOr<SoniaCurves> curves = BaselineSoniaCurves(config, kAsOf);
  ASSERT_TRUE(curves.ok()) << curves.status();
  const StressScenario scenario = StandardScenarios()[1];  // occupancy_minus_10
  const ProviderData data = testing::ModeratelyLeveraged();
  const StressedLimits limits(data, config, scenario, kAsOf, *curves);
  absl::StatusOr<LimitFigures> broken = limits.At(1.0);
  absl::StatusOr<LimitFigures> fresh_broken = StressedLimitFigures(data, config, scenario, 1.0, kAsOf, *curves);
  ASSERT_FALSE(fresh_broken.ok());
  EXPECT_EQ(broken.status(), fresh_broken.status());
  absl::StatusOr<LimitFigures> mild = limits.At(0.2);
  absl::StatusOr<LimitFigures> fresh_mild = StressedLimitFigures(data, config, scenario, 0.2, kAsOf, *curves);
  ASSERT_TRUE(mild.ok()) << mild.status();
  ASSERT_TRUE(fresh_mild.ok()) << fresh_mild.status();
  ExpectSameFigures(*mild, *fresh_mild, "0.2 after 1.0");
}

}  // namespace
}  // namespace oversight::risk
