// Survival probabilities from the one-year PD (risk/default/survival_curve.h).
// Identities as in QuantLib's test-suite/defaultprobabilitycurves.cpp
// (testDefaultProbability: survival + default probability = 1, default
// probability over [t1, t2] = S(t1) - S(t2)) and the flat-hazard closed form
// S(t) = (1 - PD)^t.
#include <cmath>

#include <gtest/gtest.h>

#include "risk/default/survival_curve.h"

namespace oversight::risk {
namespace {

const Date kAsOf(24, QuantLib::November, 2026);

TEST(SurvivalCurve, OneYearSurvivalIsOneMinusPd) {
  for (double pd : {0.0, 1e-6, 0.01, 0.127, 0.5, 0.99}) {
    auto curve = SurvivalFromOneYearPd(pd, kAsOf);
    ASSERT_TRUE(curve.ok()) << curve.status();
    EXPECT_NEAR(curve->survival[0], 1 - pd, 1e-14) << "PD " << pd;
    EXPECT_NEAR(curve->hazard_rate, -std::log(1 - pd), 1e-14);
  }
}

TEST(SurvivalCurve, SurvivalPlusDefaultIsOneAndMatchesClosedForm) {
  const double pd = 0.08;
  auto curve = SurvivalFromOneYearPd(pd, kAsOf);
  ASSERT_TRUE(curve.ok()) << curve.status();
  for (int year = 1; year <= 5; ++year) {
    const double s = curve->survival[year - 1];
    EXPECT_NEAR(s + curve->default_probability[year - 1], 1.0, 1e-14) << "year " << year;
    EXPECT_NEAR(s, std::pow(1 - pd, year), 1e-12)
        << "year " << year << ": computed " << s << " expected " << std::pow(1 - pd, year);
  }
}

TEST(SurvivalCurve, SurvivalDecreasesWithHorizon) {
  auto curve = SurvivalFromOneYearPd(0.03, kAsOf);
  ASSERT_TRUE(curve.ok()) << curve.status();
  for (int i = 1; i < 5; ++i) {
    EXPECT_LT(curve->survival[i], curve->survival[i - 1]) << "year " << i + 1;
  }
}

TEST(SurvivalCurve, QuantLibCurveIdentitiesBetweenDates) {
  auto ts = MakeFlatHazardCurve(0.05, kAsOf);
  ASSERT_TRUE(ts.ok()) << ts.status();
  const auto& curve = **ts;
  for (int months = 1; months <= 60; months += 7) {
    const Date d1 = kAsOf + QuantLib::Period(months, QuantLib::Months);
    const Date d2 = d1 + QuantLib::Period(6, QuantLib::Months);
    EXPECT_NEAR(curve.survivalProbability(d1) + curve.defaultProbability(d1), 1.0, 1e-12);
    EXPECT_NEAR(curve.defaultProbability(d1, d2),
                curve.survivalProbability(d1) - curve.survivalProbability(d2), 1e-12);
  }
}

// SurvivalFromOneYearPd moves one curve per thread and date (a quote set
// to each PD's hazard) instead of building one per call: in any order of
// PDs and dates, every figure equals that of a curve built for the call.
TEST(SurvivalCurve, ReusedCurveGivesTheFiguresOfANewOne) {
  const Date other(31, QuantLib::March, 2025);
  for (int round = 0; round < 3; ++round) {
    for (double pd : {0.2, 1e-4, 0.0, 0.97, 0.031}) {
      for (Date as_of : {kAsOf, other}) {
        auto reused = SurvivalFromOneYearPd(pd, as_of);
        auto fresh = MakeFlatHazardCurve(pd, as_of);
        ASSERT_TRUE(reused.ok()) << reused.status();
        ASSERT_TRUE(fresh.ok()) << fresh.status();
        for (int year = 1; year <= 5; ++year) {
          EXPECT_EQ(reused->survival[year - 1], (*fresh)->survivalProbability(year, true))
              << "PD " << pd << " year " << year << " round " << round;
          EXPECT_EQ(reused->default_probability[year - 1], (*fresh)->defaultProbability(year, true))
              << "PD " << pd << " year " << year << " round " << round;
        }
      }
    }
  }
}

TEST(SurvivalCurve, CertainFailureAndRejections) {
  auto certain = SurvivalFromOneYearPd(1.0, kAsOf);
  ASSERT_TRUE(certain.ok()) << certain.status();
  for (double s : certain->survival) EXPECT_EQ(s, 0.0);
  EXPECT_TRUE(std::isinf(certain->hazard_rate));

  for (double bad : {-0.1, 1.1, std::nan("")}) {
    auto r = SurvivalFromOneYearPd(bad, kAsOf);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("pd_one_year"), absl::string_view::npos) << r.status();
  }
  EXPECT_FALSE(MakeFlatHazardCurve(1.0, kAsOf).ok());
}

}  // namespace
}  // namespace oversight::risk
