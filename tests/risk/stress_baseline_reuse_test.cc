// A market stress assesses each provider's baseline once and shares it,
// with one copy of the provider's point-in-time records, across scenarios
// (RunStress with a precomputed baseline and ShockedRecords, risk/stress/
// stress_test.h). The stressed assessment is also checked against the
// shock applied to a copy of the whole provider and assessed in full. The reference is independent of that sharing: the
// one-scenario RunStress, which assesses the baseline itself, as every
// caller did before. Every field of StressResult must agree (doubles
// bit-for-bit: both paths run the same arithmetic on the same inputs).
// Providers: the small market of tests/risk/assessor_test_market.h and
// synthetic-like providers (several facilities with both covenants, a
// facility not yet started, unpublished later accounts, missing cash, thin
// liquidity, no facilities), under the standard scenarios and two severe
// custom ones, two of them reused in turn on one baseline as a market
// stress does.
#include <gtest/gtest.h>

#include <cstddef>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "risk/assessment/assess_on_curves.h"
#include "risk/domain/point_in_time.h"
#include "risk/resilience/debt_service.h"
#include "risk/resilience/sonia_curve.h"
#include "risk/stress/operating_shock.h"
#include "risk/stress/shocked_records.h"
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

ProviderData NoDebt() {
  ProviderData d = testing::ModeratelyLeveraged();
  d.facilities.clear();
  return Renamed(d, "SYN4");
}

std::vector<StressScenario> Scenarios() {
  std::vector<StressScenario> scenarios = StandardScenarios();
  scenarios.push_back({"severe", "SONIA +300bp, 20% fewer children placed, staff costs +8%", 300, 0.20, 0, 0.08});
  scenarios.push_back({"collapse", "SONIA +500bp, 45% fewer children placed, staff costs +12%", 500, 0.45, -0.05,
                       0.12});
  scenarios.push_back({"rates_down", "SONIA -150bp", -150, 0, 0, 0});
  return scenarios;
}

std::string Text(const std::optional<double>& v) { return v ? std::to_string(*v) : "absent"; }

// Field by field, so that a failure names the field and both values.
void ExpectSameCovenants(const std::vector<CovenantHeadroom>& computed, const std::vector<CovenantHeadroom>& expected,
                         const std::string& where) {
  ASSERT_EQ(computed.size(), expected.size()) << where << " covenants";
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const CovenantHeadroom& c = computed[i];
    const CovenantHeadroom& e = expected[i];
    const std::string which = where + " covenant " + e.facility_id + " " + e.covenant.str();
    EXPECT_EQ(c.facility_id, e.facility_id) << which;
    EXPECT_EQ(c.covenant, e.covenant) << which;
    EXPECT_EQ(c.limit, e.limit) << which;
    EXPECT_EQ(c.actual, e.actual) << which << " actual: computed " << Text(c.actual) << " vs " << Text(e.actual);
    EXPECT_EQ(c.headroom_ratio, e.headroom_ratio)
        << which << " headroom_ratio: computed " << Text(c.headroom_ratio) << " vs " << Text(e.headroom_ratio);
    EXPECT_EQ(c.headroom_ebitda, e.headroom_ebitda)
        << which << " headroom_ebitda: computed " << Text(c.headroom_ebitda) << " vs " << Text(e.headroom_ebitda);
    EXPECT_EQ(c.next_test_date, e.next_test_date) << which;
    EXPECT_EQ(c.breached, e.breached) << which;
  }
}

#define EXPECT_SAME_FIELD(field) EXPECT_EQ(c.field, e.field) << where << " " #field
#define EXPECT_SAME_OPTIONAL(field) \
  EXPECT_EQ(c.field, e.field) << where << " " #field ": computed " << Text(c.field) << " vs " << Text(e.field)

void ExpectSameAssessment(const Assessment& c, const Assessment& e, const std::string& where) {
  EXPECT_SAME_FIELD(provider_id);
  EXPECT_SAME_FIELD(as_of);
  EXPECT_SAME_FIELD(accounts_period_end);
  EXPECT_SAME_FIELD(rating);
  EXPECT_SAME_FIELD(likelihood);
  EXPECT_SAME_FIELD(impact);
  EXPECT_SAME_FIELD(score);
  EXPECT_SAME_OPTIONAL(ebitda_margin);
  EXPECT_SAME_OPTIONAL(operating_margin);
  EXPECT_SAME_OPTIONAL(roce);
  EXPECT_SAME_OPTIONAL(excess_profit);
  EXPECT_SAME_OPTIONAL(adjusted_operating_margin);
  EXPECT_SAME_OPTIONAL(profit_above_cap);
  EXPECT_SAME_OPTIONAL(net_debt);
  EXPECT_SAME_OPTIONAL(net_debt_to_ebitda);
  EXPECT_SAME_OPTIONAL(interest_cover);
  EXPECT_SAME_OPTIONAL(fixed_charge_cover);
  EXPECT_SAME_OPTIONAL(liquidity_headroom);
  EXPECT_SAME_FIELD(debt_maturing_12m);
  EXPECT_SAME_FIELD(debt_maturing_24m);
  ExpectSameCovenants(c.covenants, e.covenants, where);
  EXPECT_SAME_FIELD(going_concern_uncertainty);
  EXPECT_SAME_FIELD(negative_net_tangible_assets);
  EXPECT_SAME_FIELD(accounts_overdue);
  EXPECT_SAME_FIELD(business_failure);
  EXPECT_SAME_OPTIONAL(altman_z2);
  EXPECT_SAME_FIELD(altman_zone);
  EXPECT_SAME_OPTIONAL(ohlson_pd);
  EXPECT_SAME_OPTIONAL(merton_pd);
  EXPECT_SAME_OPTIONAL(merton_distance_to_default);
  EXPECT_SAME_FIELD(pd_one_year);
  EXPECT_SAME_FIELD(survival);
  EXPECT_SAME_FIELD(children_placed);
  EXPECT_SAME_FIELD(registered_places);
  EXPECT_SAME_FIELD(settings);
  EXPECT_SAME_FIELD(local_authorities_served);
  EXPECT_SAME_FIELD(local_authorities_dependent);
  EXPECT_SAME_FIELD(max_local_authority_share);
  EXPECT_SAME_FIELD(local_authorities);
  EXPECT_SAME_FIELD(regions);
  EXPECT_SAME_FIELD(in_oversight_scope);
  EXPECT_SAME_FIELD(insufficient_data);
  EXPECT_SAME_FIELD(insufficient_data_reasons);
  // Headline assessments carry no explained figures; reasons and
  // contributions must agree.
  EXPECT_SAME_FIELD(explanation.figures.size());
  EXPECT_SAME_FIELD(explanation.reasons);
  ASSERT_EQ(c.explanation.contributions.size(), e.explanation.contributions.size()) << where;
  for (std::size_t i = 0; i < e.explanation.contributions.size(); ++i) {
    EXPECT_SAME_FIELD(explanation.contributions[i].factor);
    EXPECT_SAME_FIELD(explanation.contributions[i].value);
    EXPECT_SAME_FIELD(explanation.contributions[i].contribution);
    EXPECT_SAME_FIELD(explanation.contributions[i].scale);
  }
}

void ExpectSameResult(const StressResult& c, const StressResult& e, const std::string& where) {
  EXPECT_SAME_FIELD(scenario);
  ASSERT_NE(c.baseline, nullptr) << where;
  ASSERT_NE(e.baseline, nullptr) << where;
  ExpectSameAssessment(*c.baseline, *e.baseline, where + " baseline");
  ExpectSameAssessment(c.stressed, e.stressed, where + " stressed");
  EXPECT_SAME_FIELD(covenant_breached);
  EXPECT_SAME_FIELD(liquidity_exhausted);
  EXPECT_SAME_FIELD(first_break);
  EXPECT_SAME_OPTIONAL(first_break_severity);
  EXPECT_SAME_FIELD(revenue_change);
  EXPECT_SAME_FIELD(ebitda_change);
  EXPECT_SAME_FIELD(interest_change);
  EXPECT_SAME_FIELD(note);
}

#undef EXPECT_SAME_FIELD
#undef EXPECT_SAME_OPTIONAL

class StressBaselineReuseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    market_ = testing::SmallMarket();
    market_.push_back(Renamed(testing::ModeratelyLeveraged(), "MOD1"));
    market_.push_back(SeveralFacilities());
    market_.push_back(CashUnknown());
    market_.push_back(ThinLiquidity());
    market_.push_back(NoDebt());
    snapshot_ = MarketSnapshot::Build(market_, kAsOf);
    absl::StatusOr<SoniaCurves> curves = BaselineSoniaCurves(config_, kAsOf);
    ASSERT_TRUE(curves.ok()) << curves.status();
    curves_ = *curves;
  }

  RiskConfig config_;
  std::vector<ProviderData> market_;
  MarketSnapshot snapshot_;
  SoniaCurves curves_;
};

TEST_F(StressBaselineReuseTest, SharedBaselineGivesTheSameResultAsTheOneScenarioPath) {
  int compared = 0;
  int searched = 0;  // breaking points found strictly inside (0, 1)
  int already_broken = 0;
  for (const ProviderData& data : market_) {
    // One baseline and one copy of the records per provider, shared by
    // every scenario in turn.
    absl::StatusOr<Assessment> assessed = StressBaseline(data, snapshot_, config_, kAsOf, curves_);
    ASSERT_TRUE(assessed.ok()) << data.provider.provider_id << ": " << assessed.status();
    const auto baseline = std::make_shared<const Assessment>(*assessed);
    ShockedRecords records(data, kAsOf);
    for (const StressScenario& scenario : Scenarios()) {
      const std::string where = data.provider.provider_id + " " + scenario.name;
      absl::StatusOr<StressResult> expected = RunStress(data, snapshot_, config_, scenario, kAsOf);
      absl::StatusOr<StressResult> shared =
          RunStress(data, snapshot_, config_, scenario, kAsOf, baseline, curves_, &records);
      ASSERT_TRUE(expected.ok()) << where << ": " << expected.status();
      ASSERT_TRUE(shared.ok()) << where << ": " << shared.status();
      ExpectSameResult(*shared, *expected, where);

      // The stressed assessment, against the shock applied to a copy of the
      // whole provider and assessed in full, as RunStress used to make it.
      const SoniaCurves stressed_curves = StressCurves(curves_, scenario, 1.0);
      OperatingShock shock;
      absl::StatusOr<ProviderData> shocked =
          ApplyOperatingShock(data, scenario, 1.0, config_.stress, kAsOf, stressed_curves.baseline,
                              stressed_curves.projection(), &shock);
      ASSERT_TRUE(shocked.ok()) << where << ": " << shocked.status();
      absl::StatusOr<Assessment> full = AssessProviderOnCurves(*shocked, snapshot_, config_, kAsOf, stressed_curves,
                                                               AssessOptions{.explain = false});
      ASSERT_TRUE(full.ok()) << where << ": " << full.status();
      ExpectSameAssessment(shared->stressed, *full, where + " stressed vs full copy");
      EXPECT_EQ(shared->revenue_change, shock.revenue_change) << where;
      EXPECT_EQ(shared->ebitda_change, shock.ebitda_change) << where;
      EXPECT_EQ(shared->interest_change, shock.interest_change) << where;
      EXPECT_EQ(shared->note, shock.note) << where;
      ++compared;
      if (expected->first_break_severity) {
        if (*expected->first_break_severity == 0) ++already_broken;
        if (*expected->first_break_severity > 0 && *expected->first_break_severity < 1) ++searched;
      }
    }
  }
  EXPECT_EQ(compared, static_cast<int>(market_.size() * Scenarios().size()));
  // The comparison must cover the breaking-point search and the limits
  // already broken before the stress, not only providers nothing breaks.
  EXPECT_GE(searched, 6) << "computed " << searched;
  EXPECT_GE(already_broken, 1) << "computed " << already_broken;
}

TEST_F(StressBaselineReuseTest, SharedBaselineReportsAnInvalidScenarioLikeTheOneScenarioPath) {
  StressScenario bad = StandardScenarios()[1];
  bad.occupancy_fall = 1.5;
  const ProviderData& data = market_[1];
  absl::StatusOr<Assessment> baseline = StressBaseline(data, snapshot_, config_, kAsOf, curves_);
  ASSERT_TRUE(baseline.ok()) << baseline.status();
  absl::StatusOr<StressResult> expected = RunStress(data, snapshot_, config_, bad, kAsOf);
  absl::StatusOr<StressResult> shared =
      RunStress(data, snapshot_, config_, bad, kAsOf, std::make_shared<const Assessment>(*baseline), curves_);
  ASSERT_FALSE(expected.ok());
  EXPECT_EQ(expected.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(shared.status(), expected.status());
}

TEST_F(StressBaselineReuseTest, BaselineFailureIsTheOneScenarioPathsFailure) {
  ProviderData invalid = market_[1];
  invalid.accounts[0].filing_date = Date(1, QuantLib::January, 2025);  // before period.end
  absl::StatusOr<Assessment> baseline = StressBaseline(invalid, snapshot_, config_, kAsOf, curves_);
  absl::StatusOr<StressResult> expected = RunStress(invalid, snapshot_, config_, StandardScenarios()[0], kAsOf);
  ASSERT_FALSE(baseline.ok());
  ASSERT_FALSE(expected.ok());
  EXPECT_EQ(baseline.status(), expected.status());
}

}  // namespace
}  // namespace oversight::risk

namespace oversight::risk {
namespace {

// A provider's ShockedRecords keep its point-in-time facilities' debt
// service for the scenarios without a SONIA shift: equal to projecting those
// facilities (a not-yet-started one left out) on the same curve, kept while
// the curve is the same, projected again on another, and untouched by a
// shock (which changes only the accounts).
TEST(ShockedRecordsDebtService, IsThePointInTimeFacilitiesProjection) {
  const ProviderData data = testing::SeveralFacilities();
  ProviderData storage;
  const ProviderData& point_in_time = PointInTime(data, kAsOf, storage);
  ASSERT_LT(point_in_time.facilities.size(), data.facilities.size()) << "the fixture has a facility not yet live";
  const YieldCurveHandle baseline = FlatSoniaCurve(kAsOf, 0.045);
  const YieldCurveHandle other = FlatSoniaCurve(kAsOf, 0.03);
  ShockedRecords records(data, kAsOf);
  for (const YieldCurveHandle* curve : {&baseline, &baseline, &other, &baseline}) {
    const absl::StatusOr<DebtServiceProjection>& kept = records.DebtServiceOn(*curve);
    const absl::StatusOr<DebtServiceProjection> expected =
        ProjectDebtService(point_in_time.facilities, kAsOf, *curve, DebtServiceDetail::kTotalsOnly);
    ASSERT_TRUE(kept.ok() && expected.ok()) << kept.status() << " " << expected.status();
    EXPECT_EQ(kept->next_12m.interest, expected->next_12m.interest);
    EXPECT_EQ(kept->next_24m.interest, expected->next_24m.interest);
    EXPECT_EQ(kept->next_24m.total(), expected->next_24m.total());
    ASSERT_EQ(kept->facilities.size(), expected->facilities.size());
    for (std::size_t i = 0; i < kept->facilities.size(); ++i) {
      EXPECT_EQ(kept->facilities[i].facility_id, expected->facilities[i].facility_id);
    }
    // A shock in between changes nothing the projection reads.
    records.Shock(StandardScenarios()[1], 1.0, RiskConfig{}.stress, 0.0);
  }
}

}  // namespace
}  // namespace oversight::risk
