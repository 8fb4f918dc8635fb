// Covenant headroom and test dates, leverage and cover ratios.
#include <vector>

#include <gtest/gtest.h>
#include <ql/time/calendars/unitedkingdom.hpp>

#include "risk/resilience/covenant_headroom.h"
#include "risk/resilience/leverage.h"

namespace oversight::risk {
namespace {

Date D(int day, QuantLib::Month month, int year) { return Date(day, month, year); }

DebtFacility WithCovenant(std::optional<double> max_leverage, std::optional<double> min_cover) {
  DebtFacility f;
  f.provider_id = "P007";
  f.facility_id = "TLB";
  f.committed = f.drawn = 165'000'000;
  f.start_date = D(1, QuantLib::January, 2021);
  f.maturity_date = D(1, QuantLib::January, 2028);
  f.margin = 0.0525;
  f.covenant.max_net_leverage = max_leverage;
  f.covenant.min_interest_cover = min_cover;
  f.covenant.test_frequency_months = 3;
  f.covenant.first_test_date = D(31, QuantLib::March, 2021);
  return f;
}

// shared/domain.md s.3 (public reporting): a private-equity-owned group with
// £165m of loans and a quarterly leverage covenant of 7.4x EBITDA, tested at
// 4.9x, "headroom about £11.6m of EBITDA". The EBITDA consistent with those
// figures is 165/4.9 = £33.67m; the covenant breaks at 165/7.4 = £22.30m of
// EBITDA, so £11.38m could be lost.
TEST(CovenantHeadroom, ReproducesThePublishedLeverageExample) {
  const double net_debt = 165e6;
  const double ebitda = net_debt / 4.9;
  const CovenantInputs inputs{Measured::Of(ebitda), Measured::Of(net_debt),
                              Measured::Missing("not needed")};
  const std::vector<CovenantHeadroom> tests =
      AssessCovenants(WithCovenant(7.4, std::nullopt), inputs, D(15, QuantLib::May, 2024));
  ASSERT_EQ(tests.size(), 1u);
  const CovenantHeadroom& h = tests[0];
  EXPECT_EQ(h.covenant, "max_net_leverage");
  EXPECT_EQ(h.facility_id, "TLB");
  EXPECT_DOUBLE_EQ(h.limit, 7.4);
  ASSERT_TRUE(h.actual && h.headroom_ratio && h.headroom_ebitda);
  EXPECT_NEAR(*h.actual, 4.9, 1e-12);
  EXPECT_NEAR(*h.headroom_ratio, 2.5, 1e-12);
  const double expected = 165e6 / 4.9 - 165e6 / 7.4;  // 11,376,206
  EXPECT_NEAR(*h.headroom_ebitda, expected, 1.0)
      << "computed " << *h.headroom_ebitda << " expected " << expected;
  EXPECT_NEAR(*h.headroom_ebitda, 11.6e6, 0.3e6) << "the published 'about £11.6m'";
  EXPECT_FALSE(h.breached);

  // The published 4.9x is rounded to one decimal; across [4.85, 4.95] the
  // headroom spans £11.04m-£11.72m, which contains the published £11.6m.
  auto headroom_at = [](double tested) {
    const CovenantInputs in{Measured::Of(165e6 / tested), Measured::Of(165e6), Measured{}};
    return *AssessCovenants(WithCovenant(7.4, std::nullopt), in, D(15, QuantLib::May, 2024))[0]
                .headroom_ebitda;
  };
  EXPECT_LE(headroom_at(4.95), 11.6e6);
  EXPECT_GE(headroom_at(4.85), 11.6e6);
}

TEST(CovenantHeadroom, InterestCoverAndBreaches) {
  const CovenantInputs inputs{Measured::Of(10e6), Measured::Of(50e6), Measured::Of(3e6)};
  std::vector<CovenantHeadroom> tests =
      AssessCovenants(WithCovenant(4.0, 2.5), inputs, D(15, QuantLib::May, 2024));
  ASSERT_EQ(tests.size(), 2u);
  // Leverage 50/10 = 5.0x against 4.0x: breached by 1.0x; EBITDA would have
  // to rise by 50/4 - 10 = £2.5m.
  EXPECT_EQ(tests[0].covenant, "max_net_leverage");
  EXPECT_NEAR(*tests[0].actual, 5.0, 1e-12);
  EXPECT_NEAR(*tests[0].headroom_ratio, -1.0, 1e-12);
  EXPECT_NEAR(*tests[0].headroom_ebitda, -2.5e6, 1e-6);
  EXPECT_TRUE(tests[0].breached);
  // Cover 10/3 = 3.33x against 2.5x: £10m - 2.5 x £3m = £2.5m of EBITDA headroom.
  EXPECT_EQ(tests[1].covenant, "min_interest_cover");
  EXPECT_NEAR(*tests[1].actual, 10.0 / 3.0, 1e-12);
  EXPECT_NEAR(*tests[1].headroom_ratio, 10.0 / 3.0 - 2.5, 1e-12);
  EXPECT_NEAR(*tests[1].headroom_ebitda, 2.5e6, 1e-6);
  EXPECT_FALSE(tests[1].breached);
}

TEST(CovenantHeadroom, LossMakingProviderBreachesLeverageWithoutARatio) {
  const CovenantInputs inputs{Measured::Of(-2e6), Measured::Of(30e6), Measured::Of(3e6)};
  const std::vector<CovenantHeadroom> tests =
      AssessCovenants(WithCovenant(6.0, 1.5), inputs, D(15, QuantLib::May, 2024));
  ASSERT_EQ(tests.size(), 2u);
  EXPECT_FALSE(tests[0].actual.has_value()) << "leverage on negative EBITDA is not meaningful";
  EXPECT_TRUE(tests[0].breached);
  EXPECT_NEAR(*tests[0].headroom_ebitda, -2e6 - 5e6, 1e-6);
  EXPECT_TRUE(tests[1].breached);
}

TEST(CovenantHeadroom, MissingInputsGiveAbsentFiguresAndNoBreach) {
  const CovenantInputs inputs{Measured::Missing("EBITDA missing"), Measured::Of(30e6),
                              Measured::Missing("interest missing")};
  const std::vector<CovenantHeadroom> tests =
      AssessCovenants(WithCovenant(6.0, 1.5), inputs, D(15, QuantLib::May, 2024));
  ASSERT_EQ(tests.size(), 2u);
  for (const CovenantHeadroom& h : tests) {
    EXPECT_FALSE(h.actual.has_value()) << h.covenant;
    EXPECT_FALSE(h.headroom_ebitda.has_value()) << h.covenant;
    EXPECT_FALSE(h.breached) << h.covenant;
  }
  EXPECT_TRUE(AssessCovenants(WithCovenant(std::nullopt, std::nullopt), inputs,
                              D(15, QuantLib::May, 2024))
                  .empty());
}

// Test dates roll from the first test date by whole months and are moved to
// the next UK business day.
TEST(CovenantHeadroom, NextTestDateRollsOnTheUkCalendar) {
  Covenant c;
  c.test_frequency_months = 3;
  c.first_test_date = D(31, QuantLib::March, 2023);
  // 2023-12-31 is a Sunday and 2024-01-01 a bank holiday: next is 2024-01-02.
  EXPECT_EQ(NextCovenantTestDate(c, D(1, QuantLib::December, 2023)), D(2, QuantLib::January, 2024));
  // 2023-09-30 is a Saturday: Monday 2023-10-02.
  EXPECT_EQ(NextCovenantTestDate(c, D(1, QuantLib::August, 2023)), D(2, QuantLib::October, 2023));
  // Rolls from the first date, not from the adjusted previous one: 31 March
  // + 12 months is 2024-03-31 (Easter Sunday) -> Tuesday 2 April 2024.
  EXPECT_EQ(NextCovenantTestDate(c, D(3, QuantLib::January, 2024)), D(2, QuantLib::April, 2024));
  // Before the first test: the first test itself; on a test date: that date.
  EXPECT_EQ(NextCovenantTestDate(c, D(1, QuantLib::January, 2020)), D(31, QuantLib::March, 2023));
  EXPECT_EQ(NextCovenantTestDate(c, D(30, QuantLib::June, 2023)), D(30, QuantLib::June, 2023));
  // Many years on, annual testing.
  c.test_frequency_months = 12;
  EXPECT_EQ(NextCovenantTestDate(c, D(1, QuantLib::April, 2031)), D(31, QuantLib::March, 2032));
  EXPECT_EQ(NextCovenantTestDate(Covenant{}, D(1, QuantLib::April, 2031)), Date());

  const CovenantInputs inputs{Measured::Of(10e6), Measured::Of(20e6), Measured::Of(1e6)};
  const DebtFacility f = WithCovenant(6.0, std::nullopt);
  EXPECT_EQ(AssessCovenants(f, inputs, D(1, QuantLib::May, 2024))[0].next_test_date,
            D(1, QuantLib::July, 2024))
      << "30 June 2024 is a Sunday: Following gives Monday 1 July";
}

// NextCovenantTestDate keeps its last results per thread. More covenants
// than it keeps, asked in turn over three rounds at two dates, each against
// QuantLib: the first of first_test_date + n x frequency months, adjusted
// Following on the UnitedKingdom settlement calendar, on or after as_of.
TEST(CovenantHeadroom, RepeatedQuestionsGiveQuantLibsDates) {
  const QuantLib::UnitedKingdom calendar(QuantLib::UnitedKingdom::Settlement);
  auto expected = [&calendar](const Covenant& c, Date as_of) {
    for (int n = 0;; ++n) {
      const Date d = calendar.adjust(c.first_test_date + QuantLib::Period(n * c.test_frequency_months, QuantLib::Months),
                                     QuantLib::Following);
      if (d >= as_of) return d;
    }
  };
  std::vector<Covenant> covenants;
  for (int i = 0; i < 12; ++i) {
    Covenant c;
    c.test_frequency_months = (i % 4 == 0) ? 1 : (i % 4 == 1) ? 3 : (i % 4 == 2) ? 6 : 12;
    c.first_test_date = D(28 + i % 4, QuantLib::January, 2021) + QuantLib::Period(i, QuantLib::Months);
    covenants.push_back(c);
  }
  for (int round = 0; round < 3; ++round) {
    for (const Date as_of : {D(24, QuantLib::November, 2026), D(31, QuantLib::March, 2025)}) {
      for (const Covenant& c : covenants) {
        EXPECT_EQ(NextCovenantTestDate(c, as_of), expected(c, as_of))
            << "first " << c.first_test_date << " every " << c.test_frequency_months << " months, as of " << as_of
            << ", round " << round;
      }
    }
  }
}

TEST(Leverage, NetDebtAndRatios) {
  Accounts a;
  a.borrowings = 40e6;
  a.lease_liabilities = 15e6;
  a.cash = 5e6;
  a.rent_costs = 3e6;
  a.ebitda = 10e6;
  ResilienceConfig config;
  EXPECT_DOUBLE_EQ(*NetDebt(a, config).value, 35e6) << "leases excluded by default";
  config.net_debt_includes_leases = true;
  EXPECT_DOUBLE_EQ(*NetDebt(a, config).value, 50e6);
  a.lease_liabilities.reset();
  EXPECT_FALSE(NetDebt(a, config).has_value());
  EXPECT_NE(NetDebt(a, config).missing_reason.find("lease_liabilities"), std::string::npos);

  EXPECT_NEAR(*NetDebtToEbitda(Measured::Of(35e6), Measured::Of(10e6)).value, 3.5, 1e-12);
  EXPECT_FALSE(NetDebtToEbitda(Measured::Of(35e6), Measured::Of(-1e6)).has_value());
  EXPECT_NEAR(*InterestCover(Measured::Of(10e6), Measured::Of(4e6)).value, 2.5, 1e-12);
  EXPECT_FALSE(InterestCover(Measured::Of(10e6), Measured::Of(0)).has_value());
  // EBITDAR / (interest + rent) = (10 + 3) / (4 + 3).
  EXPECT_NEAR(*FixedChargeCover(Measured::Of(13e6), Measured::Of(4e6), a).value, 13.0 / 7.0,
              1e-12);
  a.rent_costs.reset();
  EXPECT_FALSE(FixedChargeCover(Measured::Of(13e6), Measured::Of(4e6), a).has_value());
}

}  // namespace
}  // namespace oversight::risk
