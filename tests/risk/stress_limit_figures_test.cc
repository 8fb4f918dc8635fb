// The stress module's fast path for the breaking-point search
// (risk/stress/stressed_limits.h) against an independent reference: the same
// shock assessed through the full AssessProviderOnCurves. The covenants and
// liquidity headroom must agree figure for figure at every severity, and
// RunStress's first_break_severity must equal a Brent search (QuantLib, same
// tolerance and bracket) run on full assessments, as RunStress searched
// before the fast path. Providers: the small market of
// tests/risk/assessor_test_market.h and synthetic providers with several
// facilities, unpublished accounts, a facility not yet started, missing cash
// and a facility maturing within the year.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <ql/math/solvers1d/brent.hpp>

#include "risk/assessment/assess_on_curves.h"
#include "risk/stress/operating_shock.h"
#include "risk/stress/stress_test.h"
#include "risk/stress/stressed_limits.h"
#include "tests/risk/assessor_test_market.h"

namespace oversight::risk {
namespace {

using testing::kAsOf;

constexpr double kTolerance = 1e-9;

ProviderData Renamed(ProviderData d, const std::string& id) {
  d.provider.provider_id = id;
  for (auto& a : d.accounts) a.provider_id = id;
  for (auto& f : d.facilities) f.provider_id = id;
  for (auto& p : d.placements) p.provider_id = id;
  return d;
}

DebtFacility Facility(const std::string& id, double drawn, Date maturity, RateType rate_type) {
  DebtFacility f;
  f.facility_id = id;
  f.lender = "Lender " + id;
  f.committed = drawn * 1.1;
  f.drawn = drawn;
  f.start_date = Date(1, QuantLib::January, 2023);
  f.maturity_date = maturity;
  f.rate_type = rate_type;
  if (rate_type == RateType::kFloating) {
    f.margin = 0.045;
  } else {
    f.fixed_rate = 0.07;
  }
  f.covenant.test_frequency_months = 3;
  f.covenant.first_test_date = Date(31, QuantLib::March, 2023);
  f.provenance = {"test/facilities.csv", 2};
  return f;
}

// Two live facilities with both covenants each, a third not yet started, and
// later accounts filed after the assessment date (so not yet public).
ProviderData SeveralFacilities() {
  ProviderData d = testing::ModeratelyLeveraged();
  d.facilities[0].covenant.min_interest_cover = 1.6;
  DebtFacility f2 = Facility("F2", 30e6, Date(30, QuantLib::June, 2028), RateType::kFloating);
  f2.covenant.max_net_leverage = 6.5;
  f2.covenant.min_interest_cover = 1.9;
  f2.amortisation_per_year = 4e6;
  d.facilities.push_back(f2);
  DebtFacility f3 = Facility("F3", 10e6, Date(1, QuantLib::June, 2030), RateType::kFixed);
  f3.start_date = Date(1, QuantLib::January, 2026);
  f3.covenant.max_net_leverage = 3.0;
  d.facilities.push_back(f3);
  Accounts later = d.accounts[0];
  later.period = {Date(1, QuantLib::April, 2025), Date(30, QuantLib::September, 2025)};
  later.filing_date = Date(15, QuantLib::December, 2025);
  later.staff_costs = 65e6;  // a weaker half-year the assessment must not see yet
  later.ebitda = 15e6;
  later.operating_profit = 10e6;
  later.profit_before_tax = -1e6;
  later.net_income = -3e6;
  later.funds_from_operations = 2e6;
  d.accounts.push_back(later);
  d.accounts[0].filing_date = Date(20, QuantLib::June, 2025);
  return Renamed(d, "SYN1");
}

// Cash unknown (no liquidity headroom) on a floating facility with a cover
// covenant.
ProviderData CashUnknown() {
  ProviderData d = testing::ModeratelyLeveraged();
  d.accounts[0].cash.reset();
  d.facilities[0].covenant.min_interest_cover = 1.5;
  return Renamed(d, "SYN2");
}

// Thin cash and a fixed-rate facility maturing within the year: liquidity is
// the first limit under some scenarios.
ProviderData ThinLiquidity() {
  ProviderData d = testing::ModeratelyLeveraged();
  d.accounts[0].cash = 4e6;
  d.accounts[0].current_assets = 19e6;
  d.accounts[0].total_assets = 199e6;
  d.accounts[0].net_assets = 9e6;
  d.accounts[0].retained_earnings = -21e6;
  d.facilities[0].committed = 152e6;
  DebtFacility f2 = Facility("F2", 2e6, Date(31, QuantLib::October, 2026), RateType::kFixed);
  f2.covenant.min_interest_cover = 1.2;
  d.facilities.push_back(f2);
  return Renamed(d, "SYN3");
}

std::vector<StressScenario> Scenarios() {
  std::vector<StressScenario> scenarios = StandardScenarios();
  scenarios.push_back({"severe", "SONIA +300bp, 20% fewer children placed, staff costs +8%", 300, 0.20, 0, 0.08});
  scenarios.push_back({"collapse", "SONIA +500bp, 45% fewer children placed, staff costs +12%", 500, 0.45, -0.05,
                       0.12});
  return scenarios;
}

std::string OptionalText(const std::optional<double>& v) { return v ? std::to_string(*v) : "absent"; }

void ExpectNear(const std::optional<double>& computed, const std::optional<double>& expected,
                const std::string& what) {
  ASSERT_EQ(computed.has_value(), expected.has_value())
      << what << ": computed " << OptionalText(computed) << " vs expected " << OptionalText(expected);
  if (computed) {
    EXPECT_NEAR(*computed, *expected, kTolerance) << what << ": computed " << *computed << " vs expected " << *expected;
  }
}

class StressLimitFiguresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    market_ = testing::SmallMarket();
    market_.push_back(Renamed(testing::ModeratelyLeveraged(), "MOD1"));
    market_.push_back(SeveralFacilities());
    market_.push_back(CashUnknown());
    market_.push_back(ThinLiquidity());
    snapshot_ = MarketSnapshot::Build(market_, kAsOf);
    absl::StatusOr<SoniaCurves> curves = BaselineSoniaCurves(config_, kAsOf);
    ASSERT_TRUE(curves.ok()) << curves.status();
    curves_ = *curves;
  }

  // The reference: the shock assessed in full.
  absl::StatusOr<Assessment> FullAt(const ProviderData& data, const StressScenario& scenario,
                                    double intensity) const {
    const SoniaCurves curves = StressCurves(curves_, scenario, intensity);
    absl::StatusOr<ProviderData> shocked = ApplyOperatingShock(data, scenario, intensity, config_.stress, kAsOf,
                                                               curves.baseline, curves.projection());
    if (!shocked.ok()) return shocked.status();
    return AssessProviderOnCurves(*shocked, snapshot_, config_, kAsOf, curves, AssessOptions{.explain = false});
  }

  // RunStress's search for what breaks first as it was before the fast
  // path: every headroom evaluation a full assessment.
  struct Break {
    std::string name;
    std::optional<double> severity;
  };
  Break ReferenceFirstBreak(const ProviderData& data, const StressScenario& scenario) const {
    struct Limit {
      std::string facility, covenant;
      bool liquidity;
      std::string Name() const { return liquidity ? "liquidity" : "covenant " + covenant + " on " + facility; }
    };
    auto find = [](const Assessment& a, const Limit& l) -> const CovenantHeadroom* {
      for (const CovenantHeadroom& c : a.covenants) {
        if (c.facility_id == l.facility && c.covenant == l.covenant) return &c;
      }
      return nullptr;
    };
    auto broken = [&](const Assessment& a, const Limit& l) {
      if (l.liquidity) return a.liquidity_headroom && *a.liquidity_headroom < 0;
      const CovenantHeadroom* c = find(a, l);
      return c != nullptr && c->breached;
    };
    auto headroom = [&](const Assessment& a, const Limit& l) -> double {
      if (l.liquidity) return a.liquidity_headroom ? *a.liquidity_headroom : 1;
      const CovenantHeadroom* c = find(a, l);
      if (c == nullptr) return 1;
      if (c->headroom_ebitda && (*c->headroom_ebitda < 0) == c->breached) return *c->headroom_ebitda;
      return c->breached ? -1 : 1;
    };
    const absl::StatusOr<Assessment> baseline =
        AssessProviderOnCurves(data, snapshot_, config_, kAsOf, curves_, AssessOptions{.explain = false});
    const absl::StatusOr<Assessment> stressed = FullAt(data, scenario, 1.0);
    EXPECT_TRUE(baseline.ok() && stressed.ok());
    if (!baseline.ok() || !stressed.ok()) return {};
    std::vector<Limit> limits;
    for (const CovenantHeadroom& c : stressed->covenants) limits.push_back({c.facility_id, c.covenant, false});
    limits.push_back({"", "", true});
    for (const Limit& l : limits) {
      if (broken(*baseline, l)) return {l.Name() + " (already broken before the stress)", 0.0};
    }
    Break first;
    double earliest = std::numeric_limits<double>::infinity();
    for (const Limit& l : limits) {
      if (!broken(*stressed, l)) continue;
      QuantLib::Brent solver;
      solver.setMaxEvaluations(60);
      const double root = solver.solve(
          [&](double s) {
            absl::StatusOr<Assessment> a = FullAt(data, scenario, s);
            QL_REQUIRE(a.ok(), "reference assessment failed");
            return headroom(*a, l);
          },
          1e-4, 0.5, 0.0, 1.0);
      const double at = std::clamp(root, 0.0, 1.0);
      if (at < earliest) {
        earliest = at;
        first = {l.Name(), at};
      }
    }
    return first;
  }

  RiskConfig config_;
  std::vector<ProviderData> market_;
  MarketSnapshot snapshot_;
  SoniaCurves curves_;
};

TEST_F(StressLimitFiguresTest, CovenantsAndLiquidityEqualTheFullAssessmentAtEverySeverity) {
  int compared = 0;
  for (const ProviderData& data : market_) {
    for (const StressScenario& scenario : Scenarios()) {
      for (double intensity : {0.0, 0.1, 0.37, 0.5, 0.83, 1.0}) {
        const std::string where = data.provider.provider_id + " " + scenario.name + " at " + std::to_string(intensity);
        absl::StatusOr<Assessment> full = FullAt(data, scenario, intensity);
        absl::StatusOr<LimitFigures> fast =
            StressedLimitFigures(data, config_, scenario, intensity, kAsOf, curves_);
        ASSERT_TRUE(full.ok()) << where << ": " << full.status();
        ASSERT_TRUE(fast.ok()) << where << ": " << fast.status();
        ExpectNear(fast->liquidity_headroom, full->liquidity_headroom, where + " liquidity_headroom");
        ASSERT_EQ(fast->covenants.size(), full->covenants.size()) << where;
        for (std::size_t i = 0; i < full->covenants.size(); ++i) {
          const CovenantHeadroom& f = fast->covenants[i];
          const CovenantHeadroom& e = full->covenants[i];
          const std::string which = where + " " + e.facility_id + " " + e.covenant;
          EXPECT_EQ(f.facility_id, e.facility_id) << which;
          EXPECT_EQ(f.covenant, e.covenant) << which;
          EXPECT_EQ(f.limit, e.limit) << which;
          EXPECT_EQ(f.breached, e.breached) << which;
          EXPECT_EQ(f.next_test_date, e.next_test_date) << which;
          ExpectNear(f.actual, e.actual, which + " actual");
          ExpectNear(f.headroom_ratio, e.headroom_ratio, which + " headroom_ratio");
          ExpectNear(f.headroom_ebitda, e.headroom_ebitda, which + " headroom_ebitda");
        }
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, static_cast<int>(market_.size() * Scenarios().size() * 6));
}

TEST_F(StressLimitFiguresTest, FirstBreakEqualsTheSearchOnFullAssessments) {
  int intermediate_breaks = 0;  // found strictly inside (0, 1): the search ran
  for (const ProviderData& data : market_) {
    for (const StressScenario& scenario : Scenarios()) {
      const std::string where = data.provider.provider_id + " " + scenario.name;
      absl::StatusOr<StressResult> result = RunStress(data, snapshot_, config_, scenario, kAsOf);
      ASSERT_TRUE(result.ok()) << where << ": " << result.status();
      const Break expected = ReferenceFirstBreak(data, scenario);
      EXPECT_EQ(result->first_break, expected.name) << where;
      ExpectNear(result->first_break_severity, expected.severity, where + " first_break_severity");
      if (expected.severity && *expected.severity > 0 && *expected.severity < 1) ++intermediate_breaks;
    }
  }
  // The comparison must exercise the search, on more than one provider kind.
  EXPECT_GE(intermediate_breaks, 6) << "computed " << intermediate_breaks;
}

TEST_F(StressLimitFiguresTest, FailsLikeTheAssessment) {
  const ProviderData& data = market_[0];
  absl::StatusOr<LimitFigures> no_date =
      StressedLimitFigures(data, config_, StandardScenarios()[0], 0.5, Date(), curves_);
  EXPECT_EQ(no_date.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(no_date.status().message().find("as_of"), absl::string_view::npos) << no_date.status();

  ProviderData invalid = data;
  invalid.accounts[0].filing_date = Date(1, QuantLib::January, 2025);  // before period.end
  absl::StatusOr<LimitFigures> fast =
      StressedLimitFigures(invalid, config_, StandardScenarios()[1], 0.5, kAsOf, curves_);
  absl::StatusOr<Assessment> full = FullAt(invalid, StandardScenarios()[1], 0.5);
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(fast.status(), full.status());

  // An invalid record the shock does not touch (the prior year's accounts).
  ProviderData invalid_prior = data;
  invalid_prior.accounts[1].filing_date = Date(1, QuantLib::January, 2024);
  fast = StressedLimitFigures(invalid_prior, config_, StandardScenarios()[1], 0.5, kAsOf, curves_);
  full = FullAt(invalid_prior, StandardScenarios()[1], 0.5);
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(fast.status(), full.status());
}

TEST_F(StressLimitFiguresTest, ValidInputsShockedIntoInvalidAccountsFailLikeTheAssessment) {
  // An elasticity above 1 / occupancy_fall drives staff costs negative: the
  // inputs are valid, the shocked accounts are not.
  RiskConfig config = config_;
  config.stress.staff_cost_elasticity = 20;
  const StressScenario scenario = StandardScenarios()[1];  // occupancy_minus_10
  const ProviderData& data = market_[0];
  ASSERT_TRUE(ValidateProviderInputs(data).ok());
  const SoniaCurves curves = StressCurves(curves_, scenario, 1.0);
  absl::StatusOr<ProviderData> shocked =
      ApplyOperatingShock(data, scenario, 1.0, config.stress, kAsOf, curves.baseline, curves.projection());
  ASSERT_TRUE(shocked.ok()) << shocked.status();
  absl::StatusOr<Assessment> full = AssessProviderOnCurves(*shocked, snapshot_, config, kAsOf, curves);
  ASSERT_FALSE(full.ok()) << "staff costs " << *shocked->accounts[0].staff_costs;
  absl::StatusOr<LimitFigures> fast = StressedLimitFigures(data, config, scenario, 1.0, kAsOf, curves_);
  EXPECT_EQ(fast.status(), full.status());
}

}  // namespace
}  // namespace oversight::risk
