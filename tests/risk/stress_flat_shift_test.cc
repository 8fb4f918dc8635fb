// The stress module shifts the flat baseline SONIA curve by building another
// flat curve (ParallelShiftedSoniaCurve, risk/resilience/sonia_curve.h)
// instead of QuantLib's ZeroSpreadedTermStructure over the baseline
// (ShiftedSoniaCurve). Reference: the spreaded curve, whose definition is
// the shift (QuantLib adds the spread to the continuously compounded zero
// rate). Independent check: a flat daily-compounded rate r has the
// continuous zero rate 365 ln(1 + r/365) at every tenor (Hull, Options,
// Futures and Other Derivatives, 4.2: R_c = m ln(1 + R_m/m)), so the shifted
// discount factor is exp(-(365 ln(1 + r/365) + s) t). Discount factors,
// debt-service projections and the stressed assessment must agree to a
// relative 1e-12.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <ql/quotes/simplequote.hpp>
#include <ql/termstructures/yield/flatforward.hpp>
#include <ql/termstructures/yield/zerospreadedtermstructure.hpp>
#include <ql/time/daycounters/actual365fixed.hpp>
#include <ql/time/daycounters/actual360.hpp>

#include "risk/assessment/assess_on_curves.h"
#include "risk/resilience/debt_service.h"
#include "risk/resilience/sonia_curve.h"
#include "risk/stress/operating_shock.h"
#include "risk/stress/stress_test.h"
#include "risk/stress/stressed_limits.h"
#include "tests/risk/assessor_test_market.h"

namespace oversight::risk {
namespace {

using testing::kAsOf;

constexpr double kRelative = 1e-12;
constexpr double kSoniaRate = 0.0475;
const std::vector<double> kShiftsBp = {-150, 25, 200, 300, 500};

// |computed - expected| <= 1e-12 x max(1, |expected|): relative for pounds,
// absolute for ratios and discount factors below 1.
void ExpectClose(double computed, double expected, const std::string& what) {
  const double tolerance = kRelative * std::max(1.0, std::abs(expected));
  EXPECT_NEAR(computed, expected, tolerance) << what << ": computed " << computed << " vs expected " << expected;
}

void ExpectClose(const std::optional<double>& computed, const std::optional<double>& expected,
                 const std::string& what) {
  ASSERT_EQ(computed.has_value(), expected.has_value()) << what;
  if (computed) ExpectClose(*computed, *expected, what);
}

TEST(StressFlatShiftTest, DiscountFactorsEqualTheSpreadedCurveAndTheClosedForm) {
  const YieldCurveHandle base = FlatSoniaCurve(kAsOf, kSoniaRate);
  const double continuous = 365 * std::log1p(kSoniaRate / 365);
  int compared = 0;
  for (double shift : kShiftsBp) {
    const YieldCurveHandle flat = ParallelShiftedSoniaCurve(base, shift);
    const YieldCurveHandle spreaded = ShiftedSoniaCurve(base, shift);
    ASSERT_NE(QuantLib::ext::dynamic_pointer_cast<QuantLib::FlatForward>(flat.currentLink()), nullptr)
        << "a flat base must give a flat shifted curve";
    EXPECT_EQ(flat->referenceDate(), base->referenceDate());
    EXPECT_EQ(flat->dayCounter(), base->dayCounter());
    // Every 7 days over ten years, and a fraction of a day.
    for (int days = 0; days <= 3650; days += 7) {
      const Date d = kAsOf + days;
      const std::string where = "shift " + std::to_string(shift) + "bp at +" + std::to_string(days) + " days";
      ExpectClose(flat->discount(d), spreaded->discount(d), where + " vs spreaded");
      const double t = days / 365.0;
      ExpectClose(flat->discount(d), std::exp(-(continuous + shift * 1e-4) * t), where + " vs closed form");
      ++compared;
    }
    ExpectClose(flat->discount(0.25 / 365), spreaded->discount(0.25 / 365), "six hours");
  }
  EXPECT_EQ(compared, static_cast<int>(kShiftsBp.size()) * 522);
}

TEST(StressFlatShiftTest, NonFlatOrUnsuitableBasesKeepTheSpreadedCurve) {
  // A simple-compounded flat forward is not flat in continuous zero rate.
  const YieldCurveHandle simple(QuantLib::ext::make_shared<QuantLib::FlatForward>(
      kAsOf, kSoniaRate, QuantLib::Actual365Fixed(), QuantLib::Simple));
  const YieldCurveHandle spreaded_base = ShiftedSoniaCurve(FlatSoniaCurve(kAsOf, kSoniaRate), 50);
  for (const YieldCurveHandle& base : {simple, spreaded_base}) {
    const YieldCurveHandle shifted = ParallelShiftedSoniaCurve(base, 200);
    EXPECT_NE(QuantLib::ext::dynamic_pointer_cast<QuantLib::ZeroSpreadedTermStructure>(shifted.currentLink()),
              nullptr);
    const YieldCurveHandle reference = ShiftedSoniaCurve(base, 200);
    for (int days : {1, 91, 365, 730, 1825}) {
      EXPECT_EQ(shifted->discount(kAsOf + days), reference->discount(kAsOf + days)) << days << " days";
    }
  }
  // Another day counter and annual compounding: still flat, kept on its day counter.
  const YieldCurveHandle act360(QuantLib::ext::make_shared<QuantLib::FlatForward>(
      kAsOf, kSoniaRate, QuantLib::Actual360(), QuantLib::Compounded, QuantLib::Annual));
  const YieldCurveHandle flat = ParallelShiftedSoniaCurve(act360, 200);
  const YieldCurveHandle reference = ShiftedSoniaCurve(act360, 200);
  EXPECT_EQ(flat->dayCounter(), QuantLib::Actual360());
  for (int days : {1, 91, 365, 730, 1825, 3650}) {
    ExpectClose(flat->discount(kAsOf + days), reference->discount(kAsOf + days),
                "Actual/360 annual at +" + std::to_string(days) + " days");
  }
}

// The search moves one curve between severities (ShiftableSoniaCurve);
// at each shift, in any order and back again, it must be the curve
// ParallelShiftedSoniaCurve builds, discount factor for discount factor.
TEST(StressFlatShiftTest, TheMovedCurveEqualsTheCurveBuiltAtEachShift) {
  const YieldCurveHandle base = FlatSoniaCurve(kAsOf, kSoniaRate);
  std::optional<ShiftableSoniaCurve> shiftable = ShiftableSoniaCurve::Over(base);
  ASSERT_TRUE(shiftable.has_value());
  int compared = 0;
  for (double shift : {200.0, 0.0, 37.5, -150.0, 500.0, 37.5, 200.0, 1e-3}) {
    const YieldCurveHandle moved = shiftable->At(shift);
    const YieldCurveHandle built = ParallelShiftedSoniaCurve(base, shift);
    for (int days : {0, 1, 45, 91, 365, 400, 730, 1827, 3650}) {
      EXPECT_EQ(moved->discount(kAsOf + days), built->discount(kAsOf + days))
          << "shift " << shift << "bp at +" << days << " days";
      ++compared;
    }
    EXPECT_EQ(moved->discount(0.3), built->discount(0.3)) << "shift " << shift << "bp at t = 0.3";
  }
  EXPECT_EQ(compared, 8 * 9);
  // Not flat in the continuous zero rate: no moved curve.
  const YieldCurveHandle simple(QuantLib::ext::make_shared<QuantLib::FlatForward>(
      kAsOf, kSoniaRate, QuantLib::Actual365Fixed(), QuantLib::Simple));
  EXPECT_FALSE(ShiftableSoniaCurve::Over(simple).has_value());
  EXPECT_FALSE(ShiftableSoniaCurve::Over(ShiftedSoniaCurve(base, 50)).has_value());
  EXPECT_FALSE(ShiftableSoniaCurve::Over(YieldCurveHandle()).has_value());
}

// The thread keeps one moved curve per base (ShiftableSoniaCurve::ForThread):
// asked again for the same base it gives the same curve; asked for another
// base, a curve over that one (at its own rate); back on the first, a curve
// over the first again. Each equals ParallelShiftedSoniaCurve at each shift.
TEST(StressFlatShiftTest, TheThreadsMovedCurveFollowsItsBase) {
  const YieldCurveHandle base = FlatSoniaCurve(kAsOf, kSoniaRate);
  const YieldCurveHandle other = FlatSoniaCurve(kAsOf, 0.021);
  ShiftableSoniaCurve* first = ShiftableSoniaCurve::ForThread(base);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(ShiftableSoniaCurve::ForThread(base), first) << "the same base keeps its curve";
  int compared = 0;
  for (const YieldCurveHandle& b : {base, other, base}) {
    ShiftableSoniaCurve* shiftable = ShiftableSoniaCurve::ForThread(b);
    ASSERT_NE(shiftable, nullptr);
    for (double shift : {125.0, -40.0}) {
      const YieldCurveHandle moved = shiftable->At(shift);
      const YieldCurveHandle built = ParallelShiftedSoniaCurve(b, shift);
      for (int days : {1, 91, 365, 730}) {
        EXPECT_EQ(moved->discount(kAsOf + days), built->discount(kAsOf + days))
            << "shift " << shift << "bp at +" << days << " days";
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, 3 * 2 * 4);
  EXPECT_EQ(ShiftableSoniaCurve::ForThread(ShiftedSoniaCurve(base, 50)), nullptr);
  EXPECT_EQ(ShiftableSoniaCurve::ForThread(YieldCurveHandle()), nullptr);
}

TEST(StressFlatShiftTest, StressCurvesAreFlatAtTheScaledShift) {
  const SoniaCurves baseline = SoniaCurves::Flat(kAsOf, kSoniaRate);
  const StressScenario scenario{"up", "", 300, 0, 0, 0};
  for (double intensity : {0.1, 0.37, 0.5, 1.0}) {
    const SoniaCurves curves = StressCurves(baseline, scenario, intensity);
    ASSERT_TRUE(curves.stressed());
    const YieldCurveHandle reference = ShiftedSoniaCurve(baseline.baseline, intensity * 300);
    for (int days : {30, 365, 1000}) {
      ExpectClose(curves.projection()->discount(kAsOf + days), reference->discount(kAsOf + days),
                  "intensity " + std::to_string(intensity) + " at +" + std::to_string(days) + " days");
    }
  }
  EXPECT_FALSE(StressCurves(baseline, scenario, 0.0).stressed());
  EXPECT_FALSE(StressCurves(baseline, StressScenario{"ops", "", 0, 0.1, 0, 0}, 1.0).stressed());
}

DebtFacility Floating(const std::string& id, double drawn, Date start, Date maturity, double amortisation) {
  DebtFacility f;
  f.provider_id = "LEV1";
  f.facility_id = id;
  f.lender = "Lender " + id;
  f.committed = drawn * 1.1;
  f.drawn = drawn;
  f.start_date = start;
  f.maturity_date = maturity;
  f.rate_type = RateType::kFloating;
  f.margin = 0.045;
  f.amortisation_per_year = amortisation;
  f.covenant.max_net_leverage = 6.5;
  f.covenant.test_frequency_months = 3;
  f.covenant.first_test_date = Date(31, QuantLib::March, 2023);
  f.provenance = {"test/facilities.csv", 2};
  return f;
}

TEST(StressFlatShiftTest, DebtServiceOnTheFlatShiftEqualsTheSpreadedCurve) {
  const std::vector<DebtFacility> facilities = {
      Floating("F1", 150e6, Date(1, QuantLib::January, 2023), Date(30, QuantLib::June, 2029), 0),
      Floating("F2", 30e6, Date(17, QuantLib::February, 2024), Date(31, QuantLib::August, 2026), 4e6),
      Floating("F3", 5e6, Date(29, QuantLib::February, 2024), Date(15, QuantLib::March, 2027), 1e6)};
  const YieldCurveHandle base = FlatSoniaCurve(kAsOf, kSoniaRate);
  for (double shift : kShiftsBp) {
    absl::StatusOr<DebtServiceProjection> flat =
        ProjectDebtService(facilities, kAsOf, ParallelShiftedSoniaCurve(base, shift));
    absl::StatusOr<DebtServiceProjection> spreaded =
        ProjectDebtService(facilities, kAsOf, ShiftedSoniaCurve(base, shift));
    ASSERT_TRUE(flat.ok()) << flat.status();
    ASSERT_TRUE(spreaded.ok()) << spreaded.status();
    const std::string where = "shift " + std::to_string(shift) + "bp";
    ExpectClose(flat->next_12m.interest, spreaded->next_12m.interest, where + " next_12m.interest");
    ExpectClose(flat->next_24m.interest, spreaded->next_24m.interest, where + " next_24m.interest");
    ASSERT_EQ(flat->facilities.size(), spreaded->facilities.size());
    for (std::size_t i = 0; i < facilities.size(); ++i) {
      const auto& f = flat->facilities[i];
      const auto& e = spreaded->facilities[i];
      ASSERT_EQ(f.payments.size(), e.payments.size()) << where << " " << e.facility_id;
      for (std::size_t p = 0; p < e.payments.size(); ++p) {
        ExpectClose(f.payments[p].rate, e.payments[p].rate, where + " " + e.facility_id + " payment rate");
        ExpectClose(f.payments[p].interest, e.payments[p].interest, where + " " + e.facility_id + " interest");
      }
    }
    // Sanity: the shift moves the interest the right way.
    absl::StatusOr<DebtServiceProjection> unshifted = ProjectDebtService(facilities, kAsOf, base);
    ASSERT_TRUE(unshifted.ok());
    EXPECT_EQ(flat->next_12m.interest > unshifted->next_12m.interest, shift > 0) << where;
  }
}

// The stressed assessment RunStress reports, against the same shock
// assessed on curves shifted with the spreaded reference.
TEST(StressFlatShiftTest, StressedAssessmentEqualsTheOneOnTheSpreadedCurve) {
  std::vector<ProviderData> market = testing::SmallMarket();
  ProviderData moderate = testing::ModeratelyLeveraged();
  moderate.facilities[0].covenant.min_interest_cover = 1.6;
  market.push_back(moderate);
  const RiskConfig config;
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, kAsOf);
  absl::StatusOr<SoniaCurves> baseline = BaselineSoniaCurves(config, kAsOf);
  ASSERT_TRUE(baseline.ok()) << baseline.status();
  int floating = 0;
  for (const ProviderData& data : market) {
    for (const StressScenario& scenario :
         {StandardScenarios()[0], StandardScenarios()[3], StressScenario{"severe", "", 300, 0.2, 0, 0.08}}) {
      const std::string where = data.provider.provider_id + " " + scenario.name;
      absl::StatusOr<StressResult> result = RunStress(data, snapshot, config, scenario, kAsOf);
      ASSERT_TRUE(result.ok()) << where << ": " << result.status();

      SoniaCurves reference_curves;
      reference_curves.baseline = baseline->baseline;
      reference_curves.scenario = ShiftedSoniaCurve(baseline->baseline, scenario.sonia_shift_bp);
      OperatingShock shock;
      absl::StatusOr<ProviderData> shocked =
          ApplyOperatingShock(data, scenario, 1.0, config.stress, kAsOf, reference_curves.baseline,
                              reference_curves.projection(), &shock);
      ASSERT_TRUE(shocked.ok()) << where << ": " << shocked.status();
      absl::StatusOr<Assessment> reference = AssessProviderOnCurves(*shocked, snapshot, config, kAsOf,
                                                                    reference_curves, AssessOptions{.explain = false});
      ASSERT_TRUE(reference.ok()) << where << ": " << reference.status();

      ExpectClose(result->interest_change, shock.interest_change, where + " interest_change");
      ExpectClose(result->ebitda_change, shock.ebitda_change, where + " ebitda_change");
      const Assessment& s = result->stressed;
      const Assessment& e = *reference;
      ExpectClose(s.interest_cover, e.interest_cover, where + " interest_cover");
      ExpectClose(s.fixed_charge_cover, e.fixed_charge_cover, where + " fixed_charge_cover");
      ExpectClose(s.liquidity_headroom, e.liquidity_headroom, where + " liquidity_headroom");
      ExpectClose(s.net_debt_to_ebitda, e.net_debt_to_ebitda, where + " net_debt_to_ebitda");
      ExpectClose(s.pd_one_year, e.pd_one_year, where + " pd_one_year");
      ExpectClose(s.score, e.score, where + " score");
      EXPECT_EQ(s.rating, e.rating) << where;
      ASSERT_EQ(s.covenants.size(), e.covenants.size()) << where;
      for (std::size_t i = 0; i < e.covenants.size(); ++i) {
        const std::string which = where + " " + e.covenants[i].facility_id + " " + e.covenants[i].covenant.str();
        EXPECT_EQ(s.covenants[i].breached, e.covenants[i].breached) << which;
        ExpectClose(s.covenants[i].actual, e.covenants[i].actual, which + " actual");
        ExpectClose(s.covenants[i].headroom_ebitda, e.covenants[i].headroom_ebitda, which + " headroom_ebitda");
      }
      if (shock.interest_change != 0) ++floating;
    }
  }
  // The shift must have moved someone's interest for the comparison to mean anything.
  EXPECT_GE(floating, 3) << "computed " << floating;
}

}  // namespace
}  // namespace oversight::risk
