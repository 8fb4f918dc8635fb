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
#include "tests/risk/stress_test_providers.h"

namespace oversight::risk {
namespace {

using testing::kAsOf;
using testing::CashUnknown;
using testing::Renamed;
using testing::SeveralFacilities;
using testing::ThinLiquidity;

constexpr double kTolerance = 1e-9;

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
    for (const CovenantHeadroom& c : stressed->covenants) limits.push_back({c.facility_id, c.covenant.str(), false});
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
          const std::string which = where + " " + e.facility_id + " " + e.covenant.str();
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
