// The QuantLib debt-service projection: payment dates agree with
// QuantLib::Schedule, floating interest agrees with an independent
// calculation from the SONIA compounding formula, amortisation reduces the
// balance, and maturities land in the right window.
#include "risk/resilience/debt_service.h"
#include "risk/resilience/discount_factor_memo.h"

#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <ql/termstructures/yield/flatforward.hpp>
#include <ql/time/calendars/unitedkingdom.hpp>
#include <ql/time/daycounters/actual360.hpp>
#include <ql/time/schedule.hpp>

namespace oversight::risk {
namespace {

Date D(int day, QuantLib::Month month, int year) { return Date(day, month, year); }

DebtFacility Floating(Date start, Date maturity, Pounds drawn, double margin) {
  DebtFacility f;
  f.provider_id = "P001";
  f.facility_id = "F1";
  f.committed = drawn > 0 ? drawn : 1'000'000;
  f.drawn = drawn;
  f.start_date = start;
  f.maturity_date = maturity;
  f.rate_type = RateType::kFloating;
  f.margin = margin;
  return f;
}

// Simple forward of a flat overnight rate r compounded daily over n days:
// ((1 + r/365)^n - 1) / (n/365). Written out here rather than read from
// QuantLib, as the independent check of the projection.
double SoniaSimpleForward(double r, int days) {
  return (std::pow(1.0 + r / 365.0, days) - 1.0) / (days / 365.0);
}

TEST(DebtService, PaymentDatesMatchQuantLibSchedule) {
  const QuantLib::Calendar uk = QuantLib::UnitedKingdom(QuantLib::UnitedKingdom::Settlement);
  const Date as_of = D(31, QuantLib::March, 2026);
  // Month ends, the 29th-31st, a leap day and weekend starts.
  const std::vector<std::pair<Date, Date>> cases = {
      {D(31, QuantLib::January, 2023), D(31, QuantLib::January, 2029)},
      {D(30, QuantLib::May, 2022), D(30, QuantLib::November, 2027)},
      {D(29, QuantLib::February, 2024), D(15, QuantLib::August, 2027)},  // back stub
      {D(31, QuantLib::August, 2021), D(31, QuantLib::August, 2026)},   // matures in window
      {D(26, QuantLib::December, 2020), D(26, QuantLib::December, 2030)},
      {D(1, QuantLib::June, 2026), D(1, QuantLib::June, 2031)},          // starts after as_of
  };
  const YieldCurveHandle sonia = FlatSoniaCurve(as_of, 0.0475);
  for (const auto& [start, maturity] : cases) {
    const QuantLib::Schedule schedule(start, maturity, QuantLib::Period(3, QuantLib::Months), uk,
                                      QuantLib::ModifiedFollowing, QuantLib::ModifiedFollowing,
                                      QuantLib::DateGeneration::Forward, false);
    const Date horizon = as_of + QuantLib::Period(24, QuantLib::Months);
    std::vector<std::pair<Date, Date>> expected;  // accrual start, payment date
    for (std::size_t i = 1; i < schedule.size(); ++i) {
      if (schedule[i] > as_of && schedule[i] <= horizon) expected.emplace_back(schedule[i - 1], schedule[i]);
    }
    auto projected = ProjectDebtService(Floating(start, maturity, 5e6, 0.05), as_of, sonia);
    ASSERT_TRUE(projected.ok()) << projected.status();
    ASSERT_EQ(projected->payments.size(), expected.size())
        << "start " << start << " maturity " << maturity;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(projected->payments[i].accrual_start, expected[i].first)
          << "start " << start << " payment " << i;
      EXPECT_EQ(projected->payments[i].accrual_end, expected[i].second)
          << "start " << start << " payment " << i;
    }
  }
}

// A projection's accrual dates are kept per thread and reused (a market
// stress projects each facility on a dozen curves; debt_service.cc). More
// facility/date combinations than the memo holds, each projected on two
// curves in turn, three rounds: the dates must match QuantLib::Schedule on
// every call, cache hit or not, and every figure must equal the first
// round's (nothing of one curve may leak into another's projection).
TEST(DebtService, ReusedSchedulesGiveTheSameProjectionOnEveryCurve) {
  const QuantLib::Calendar uk = QuantLib::UnitedKingdom(QuantLib::UnitedKingdom::Settlement);
  const std::vector<std::pair<Date, Date>> facilities = {
      {D(31, QuantLib::January, 2023), D(31, QuantLib::January, 2029)},
      {D(30, QuantLib::May, 2022), D(30, QuantLib::November, 2027)},
      {D(29, QuantLib::February, 2024), D(15, QuantLib::August, 2027)},
      {D(31, QuantLib::August, 2021), D(31, QuantLib::August, 2026)},
      {D(26, QuantLib::December, 2020), D(26, QuantLib::December, 2030)},
      {D(1, QuantLib::June, 2026), D(1, QuantLib::June, 2031)},
  };
  const std::vector<Date> dates = {D(31, QuantLib::March, 2026), D(30, QuantLib::September, 2026)};
  struct Seen {
    double interest_low = 0, interest_high = 0, maturities = 0;
  };
  std::vector<Seen> first_round;
  for (int round = 0; round < 3; ++round) {
    std::size_t k = 0;
    for (const Date& as_of : dates) {
      const YieldCurveHandle low = FlatSoniaCurve(as_of, 0.03);
      const YieldCurveHandle high = FlatSoniaCurve(as_of, 0.07);
      const Date horizon = as_of + QuantLib::Period(24, QuantLib::Months);
      for (const auto& [start, maturity] : facilities) {
        const QuantLib::Schedule schedule(start, maturity, QuantLib::Period(3, QuantLib::Months), uk,
                                          QuantLib::ModifiedFollowing, QuantLib::ModifiedFollowing,
                                          QuantLib::DateGeneration::Forward, false);
        std::vector<Date> ends;
        for (std::size_t i = 1; i < schedule.size(); ++i) {
          if (schedule[i] > as_of && schedule[i] <= horizon) ends.push_back(schedule[i]);
        }
        Seen seen;
        for (const YieldCurveHandle* curve : {&low, &high}) {
          auto projected = ProjectDebtService(Floating(start, maturity, 5e6, 0.05), as_of, *curve);
          ASSERT_TRUE(projected.ok()) << projected.status();
          if (uk.adjust(maturity, QuantLib::ModifiedFollowing) <= as_of) {
            // Matured and still drawn: one payment, the balance, due now.
            ASSERT_EQ(projected->payments.size(), 1u) << "round " << round << " start " << start;
            EXPECT_EQ(projected->payments[0].maturity_repayment, 5e6);
          } else {
            ASSERT_EQ(projected->payments.size(), ends.size()) << "round " << round << " start " << start;
            for (std::size_t i = 0; i < ends.size(); ++i) {
              EXPECT_EQ(projected->payments[i].accrual_end, ends[i]) << "round " << round << " start " << start;
            }
          }
          (curve == &low ? seen.interest_low : seen.interest_high) = projected->next_24m.interest;
          seen.maturities = projected->next_24m.maturities;
        }
        EXPECT_LT(seen.interest_low, seen.interest_high + 1e-9) << "start " << start;
        if (round == 0) {
          first_round.push_back(seen);
        } else {
          EXPECT_EQ(seen.interest_low, first_round[k].interest_low) << "round " << round << " start " << start;
          EXPECT_EQ(seen.interest_high, first_round[k].interest_high) << "round " << round << " start " << start;
          EXPECT_EQ(seen.maturities, first_round[k].maturities) << "round " << round << " start " << start;
        }
        ++k;
      }
    }
  }
}

// £10m drawn at SONIA + 5.00%, flat SONIA 4.75%, no amortisation. Quarterly
// payments in the 12 months after 2024-06-30 fall on 2024-07-15, 2024-10-15,
// 2025-01-15 and 2025-04-15 (all UK business days), accruing 91, 92, 92 and
// 90 days. The first period began before the curve's reference date, so its
// SONIA is the forward over the 15 days left.
TEST(DebtService, FloatingTwelveMonthInterestMatchesIndependentCalculation) {
  const Date as_of = D(30, QuantLib::June, 2024);
  const double sonia_rate = 0.0475, margin = 0.05, balance = 10'000'000;
  const DebtFacility f =
      Floating(D(15, QuantLib::January, 2024), D(15, QuantLib::January, 2029), balance, margin);
  auto projected = ProjectDebtService(f, as_of, FlatSoniaCurve(as_of, sonia_rate));
  ASSERT_TRUE(projected.ok()) << projected.status();

  const int accrual_days[] = {91, 92, 92, 90};
  const int forward_days[] = {15, 92, 92, 90};
  double expected = 0;
  for (int i = 0; i < 4; ++i) {
    expected += balance * (SoniaSimpleForward(sonia_rate, forward_days[i]) + margin) *
                accrual_days[i] / 365.0;
  }
  EXPECT_NEAR(projected->next_12m.interest, expected, 0.01)
      << "computed " << projected->next_12m.interest << " expected " << expected;
  // About 9.89% all-in on £10m for a year.
  EXPECT_NEAR(projected->next_12m.interest / balance, 0.0987, 0.001);
  EXPECT_DOUBLE_EQ(projected->next_12m.amortisation, 0);
  EXPECT_DOUBLE_EQ(projected->next_12m.maturities, 0);
  EXPECT_FALSE(projected->matures_within_24m);
  ASSERT_GE(projected->payments.size(), 4u);
  EXPECT_EQ(projected->payments[0].accrual_end, D(15, QuantLib::July, 2024));
  EXPECT_EQ(projected->payments[3].accrual_end, D(15, QuantLib::April, 2025));
}

// A curve that counts time another way is read through its own day
// counter, not as days / 365: an Actual/360 curve compounded daily has
// P(n days) = (1 + r/365)^(-365 n / 360). The projection keeps, per thread,
// whether a curve counts Actual/365 (debt_service.cc); asked in turn about
// both kinds of curve, each answer must be its own curve's.
TEST(DebtService, CurvesOfOtherDayCountersAreReadThroughTheirOwn) {
  const Date as_of = D(30, QuantLib::June, 2024);
  const double sonia_rate = 0.0475, margin = 0.05, balance = 10'000'000;
  const DebtFacility f =
      Floating(D(15, QuantLib::January, 2024), D(15, QuantLib::January, 2029), balance, margin);
  const YieldCurveHandle act365 = FlatSoniaCurve(as_of, sonia_rate);
  const YieldCurveHandle act360(QuantLib::ext::make_shared<QuantLib::FlatForward>(
      as_of, sonia_rate, QuantLib::Actual360(), QuantLib::Compounded, QuantLib::Daily));
  const int accrual_days[] = {91, 92, 92, 90};
  const int forward_days[] = {15, 92, 92, 90};
  double expected_365 = 0, expected_360 = 0;
  for (int i = 0; i < 4; ++i) {
    const double n = forward_days[i];
    const double forward_360 = (std::pow(1.0 + sonia_rate / 365.0, 365.0 * n / 360.0) - 1.0) / (n / 365.0);
    expected_365 += balance * (SoniaSimpleForward(sonia_rate, forward_days[i]) + margin) * accrual_days[i] / 365.0;
    expected_360 += balance * (forward_360 + margin) * accrual_days[i] / 365.0;
  }
  for (int round = 0; round < 2; ++round) {
    for (const YieldCurveHandle* curve : {&act365, &act360}) {
      auto projected = ProjectDebtService(f, as_of, *curve);
      ASSERT_TRUE(projected.ok()) << projected.status();
      const double expected = curve == &act365 ? expected_365 : expected_360;
      EXPECT_NEAR(projected->next_12m.interest, expected, 0.01)
          << (curve == &act365 ? "Actual/365" : "Actual/360") << " round " << round << ": computed "
          << projected->next_12m.interest << " expected " << expected;
    }
  }
  EXPECT_GT(expected_360 - expected_365, 1000.0) << "the two day counts must differ measurably";
}

// Fixed 6.5% on £8m, amortising £2m a year (£500k a quarter), bullet at
// maturity on 2025-03-31: every payment in the window computed by hand.
TEST(DebtService, AmortisationReducesTheBalanceAndMaturityRepaysTheRest) {
  const Date as_of = D(30, QuantLib::April, 2024);
  DebtFacility f;
  f.provider_id = "P001";
  f.facility_id = "TL";
  f.committed = f.drawn = 8'000'000;
  f.start_date = D(31, QuantLib::March, 2022);
  f.maturity_date = D(31, QuantLib::March, 2025);
  f.rate_type = RateType::kFixed;
  f.fixed_rate = 0.065;
  f.amortisation_per_year = 2'000'000;
  auto projected = ProjectDebtService(f, as_of, FlatSoniaCurve(as_of, 0.05));
  ASSERT_TRUE(projected.ok()) << projected.status();

  // Periods, Modified Following on the UK calendar: 31 Mar 2024 is Easter
  // Sunday and 1 Apr Easter Monday, so the roll goes back to Thu 28 Mar
  // (Good Friday 29 Mar); 30 Jun 2024 is a Sunday, back to Fri 28 Jun. Then
  // 2024-09-30, 2024-12-31 and 2025-03-31: 92, 94, 92 and 90 days.
  const std::vector<Date> ends = {D(28, QuantLib::June, 2024), D(30, QuantLib::September, 2024),
                                  D(31, QuantLib::December, 2024), D(31, QuantLib::March, 2025)};
  const std::vector<int> days = {92, 94, 92, 90};
  ASSERT_EQ(projected->payments.size(), 4u);
  double balance = 8'000'000, interest = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const DebtServicePayment& p = projected->payments[i];
    EXPECT_EQ(p.accrual_end, ends[i]) << "payment " << i;
    EXPECT_NEAR(p.opening_balance, balance, 1e-6) << "payment " << i;
    EXPECT_NEAR(p.interest, balance * 0.065 * days[i] / 365.0, 1e-6) << "payment " << i;
    interest += balance * 0.065 * days[i] / 365.0;
    if (i < 3) {
      EXPECT_NEAR(p.amortisation, 500'000, 1e-9);
      balance -= 500'000;
    } else {
      EXPECT_NEAR(p.maturity_repayment, 6'500'000, 1e-6) << "bullet of what remains";
    }
  }
  EXPECT_EQ(projected->payments[0].accrual_start, D(28, QuantLib::March, 2024));
  EXPECT_NEAR(projected->next_12m.interest, interest, 1e-6);
  EXPECT_NEAR(projected->next_12m.amortisation, 1'500'000, 1e-6);
  EXPECT_NEAR(projected->next_12m.maturities, 6'500'000, 1e-6);
  EXPECT_TRUE(projected->matures_within_12m);
  EXPECT_NEAR(projected->next_12m.total(), interest + 8'000'000, 1e-6)
      << "everything drawn is repaid within the window";
}

TEST(DebtService, PastMaturityStillDrawnIsDueNow) {
  const Date as_of = D(30, QuantLib::June, 2024);
  const DebtFacility f =
      Floating(D(1, QuantLib::June, 2019), D(3, QuantLib::June, 2024), 3'000'000, 0.04);
  auto projected = ProjectDebtService(f, as_of, FlatSoniaCurve(as_of, 0.05));
  ASSERT_TRUE(projected.ok()) << projected.status();
  EXPECT_TRUE(projected->matures_within_12m);
  EXPECT_DOUBLE_EQ(projected->next_12m.maturities, 3'000'000);
  EXPECT_DOUBLE_EQ(projected->next_24m.maturities, 3'000'000);
  EXPECT_DOUBLE_EQ(projected->next_12m.interest, 0);
}

TEST(DebtService, AggregatesFacilitiesAndTheTwentyFourMonthWindowIncludesTwelve) {
  const Date as_of = D(31, QuantLib::March, 2025);
  std::vector<DebtFacility> facilities = {
      Floating(D(1, QuantLib::April, 2022), D(1, QuantLib::October, 2025), 4e6, 0.045),
      Floating(D(1, QuantLib::April, 2022), D(1, QuantLib::October, 2026), 6e6, 0.055),
      Floating(D(1, QuantLib::April, 2022), D(1, QuantLib::April, 2029), 9e6, 0.06),
  };
  facilities[1].facility_id = "F2";
  facilities[2].facility_id = "F3";
  auto total = ProjectDebtService(facilities, as_of, FlatSoniaCurve(as_of, 0.045));
  ASSERT_TRUE(total.ok()) << total.status();
  ASSERT_EQ(total->facilities.size(), 3u);
  EXPECT_DOUBLE_EQ(total->next_12m.maturities, 4e6);
  EXPECT_DOUBLE_EQ(total->next_24m.maturities, 10e6);
  double interest_12m = 0;
  for (const FacilityDebtService& f : total->facilities) {
    interest_12m += f.next_12m.interest;
    EXPECT_GE(f.next_24m.interest, f.next_12m.interest) << f.facility_id;
  }
  EXPECT_NEAR(total->next_12m.interest, interest_12m, 1e-6);
}

TEST(DebtService, ErrorsNameTheFacility) {
  const Date as_of = D(30, QuantLib::June, 2024);
  DebtFacility bad = Floating(D(1, QuantLib::June, 2022), D(1, QuantLib::June, 2027), 1e6, 0.05);
  bad.drawn = 2e6;  // > committed
  auto invalid = ProjectDebtService(bad, as_of, FlatSoniaCurve(as_of, 0.05));
  EXPECT_EQ(invalid.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(invalid.status().message().find("facility.drawn"), std::string::npos);

  const DebtFacility good =
      Floating(D(1, QuantLib::June, 2022), D(1, QuantLib::June, 2027), 1e6, 0.05);
  auto no_curve = ProjectDebtService(good, as_of, YieldCurveHandle());
  EXPECT_EQ(no_curve.status().code(), absl::StatusCode::kInvalidArgument);

  // A spread over an empty curve: QuantLib throws; the boundary converts it.
  auto broken = ProjectDebtService(good, as_of, ShiftedSoniaCurve(YieldCurveHandle(), 100));
  EXPECT_EQ(broken.status().code(), absl::StatusCode::kInternal);
  EXPECT_NE(broken.status().message().find("facility F1"), std::string::npos)
      << broken.status();
}

// FacilityChecks::kAlreadyValidated drops only the check: on valid
// facilities every figure equals the checked projection's, and only the
// checked call refuses an invalid facility.
TEST(DebtService, TrustedFacilitiesProjectAsCheckedOnes) {
  const Date as_of = D(31, QuantLib::March, 2025);
  std::vector<DebtFacility> facilities = {
      Floating(D(1, QuantLib::April, 2022), D(1, QuantLib::October, 2025), 4e6, 0.045),
      Floating(D(15, QuantLib::May, 2023), D(1, QuantLib::April, 2029), 9e6, 0.06),
  };
  facilities[1].facility_id = "F2";
  facilities[1].amortisation_per_year = 1e6;
  const YieldCurveHandle curve = FlatSoniaCurve(as_of, 0.045);
  auto checked = ProjectDebtService(facilities, as_of, curve, DebtServiceDetail::kTotalsOnly);
  auto trusted = ProjectDebtService(facilities, as_of, curve, DebtServiceDetail::kTotalsOnly,
                                    FacilityChecks::kAlreadyValidated);
  ASSERT_TRUE(checked.ok()) << checked.status();
  ASSERT_TRUE(trusted.ok()) << trusted.status();
  EXPECT_EQ(trusted->next_12m.interest, checked->next_12m.interest);
  EXPECT_EQ(trusted->next_24m.interest, checked->next_24m.interest);
  EXPECT_EQ(trusted->next_24m.amortisation, checked->next_24m.amortisation);
  EXPECT_EQ(trusted->next_24m.maturities, checked->next_24m.maturities);
  ASSERT_EQ(trusted->facilities.size(), checked->facilities.size());

  facilities[0].drawn = facilities[0].committed * 2;  // invalid: drawn > committed
  auto refused = ProjectDebtService(facilities, as_of, curve, DebtServiceDetail::kTotalsOnly);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("facility.drawn"), std::string::npos) << refused.status();
}

// A discount-factor memo changes nothing but the work: projections with it
// (first filling it, then read from it) equal those without, to the last
// bit, for facilities starting and maturing on every kind of date and on
// two curves; a memo bound to another curve is not read.
TEST(DebtService, DiscountFactorMemoGivesTheSameProjectionsAsTheCurve) {
  const Date as_of = D(31, QuantLib::March, 2026);
  std::vector<DebtFacility> facilities;
  for (int i = 0; i < 40; ++i) {
    DebtFacility f = Floating(D(1, QuantLib::January, 2020) + 37 * i, D(1, QuantLib::July, 2026) + 53 * i,
                              1e6 + 1e5 * i, 0.03 + 0.001 * i);
    f.facility_id = "F" + std::to_string(i);
    f.amortisation_per_year = i % 3 == 0 ? 2e5 : 0;
    facilities.push_back(f);
  }
  const YieldCurveHandle curve = FlatSoniaCurve(as_of, 0.0475);
  const YieldCurveHandle other = FlatSoniaCurve(as_of, 0.06);
  DiscountFactorMemo memo(curve.currentLink().get());
  EXPECT_TRUE(memo.Holds(curve.currentLink().get()));
  EXPECT_FALSE(memo.Holds(other.currentLink().get()));
  auto expect_same = [](const DebtServiceProjection& a, const DebtServiceProjection& b, const std::string& what) {
    ASSERT_EQ(a.facilities.size(), b.facilities.size()) << what;
    EXPECT_EQ(a.next_12m.interest, b.next_12m.interest) << what;
    EXPECT_EQ(a.next_24m.interest, b.next_24m.interest) << what;
    EXPECT_EQ(a.next_24m.total(), b.next_24m.total()) << what;
    for (std::size_t i = 0; i < a.facilities.size(); ++i) {
      ASSERT_EQ(a.facilities[i].payments.size(), b.facilities[i].payments.size()) << what;
      for (std::size_t j = 0; j < a.facilities[i].payments.size(); ++j) {
        EXPECT_EQ(a.facilities[i].payments[j].rate, b.facilities[i].payments[j].rate) << what << " " << i << "/" << j;
        EXPECT_EQ(a.facilities[i].payments[j].interest, b.facilities[i].payments[j].interest) << what;
      }
    }
  };
  auto plain = ProjectDebtService(facilities, as_of, curve);
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_GT(plain->next_24m.interest, 0);
  for (const char* pass : {"filling the memo", "reading the memo"}) {
    auto memoised = ProjectDebtService(facilities, as_of, curve, DebtServiceDetail::kWithPayments,
                                       FacilityChecks::kValidate, &memo);
    ASSERT_TRUE(memoised.ok()) << memoised.status();
    expect_same(*plain, *memoised, pass);
  }
  // Bound to `curve`: on `other` the memo is not read, so the factors are other's.
  auto on_other = ProjectDebtService(facilities, as_of, other, DebtServiceDetail::kWithPayments,
                                     FacilityChecks::kValidate, &memo);
  auto other_plain = ProjectDebtService(facilities, as_of, other);
  ASSERT_TRUE(on_other.ok() && other_plain.ok());
  expect_same(*other_plain, *on_other, "other curve");
  EXPECT_GT(on_other->next_24m.interest, plain->next_24m.interest);
}

TEST(DiscountFactorMemo, EachDayIsComputedOnceWithinItsWindow) {
  const YieldCurveHandle curve = FlatSoniaCurve(D(31, QuantLib::March, 2026), 0.05);
  DiscountFactorMemo memo(curve.currentLink().get());
  int computed = 0;
  auto factor = [&computed](double value) {
    return [&computed, value] {
      ++computed;
      return value;
    };
  };
  const internal::Serial reference = 46112;
  EXPECT_EQ(memo.Get(reference, reference + 10, factor(0.99)), 0.99);
  EXPECT_EQ(memo.Get(reference, reference + 10, factor(0.5)), 0.99) << "kept, not computed again";
  EXPECT_EQ(memo.Get(reference, reference + 700, factor(0.9)), 0.9);
  EXPECT_EQ(memo.Get(reference, reference + 700, factor(0.1)), 0.9);
  EXPECT_EQ(computed, 2);
  // Before the reference date and past the window: computed every time.
  EXPECT_EQ(memo.Get(reference, reference - 1, factor(1.01)), 1.01);
  EXPECT_EQ(memo.Get(reference, reference - 1, factor(1.02)), 1.02);
  EXPECT_EQ(memo.Get(reference, reference + 5000, factor(0.4)), 0.4);
  EXPECT_EQ(memo.Get(reference, reference + 5000, factor(0.3)), 0.3);
  EXPECT_EQ(computed, 6);
}

// kTwelveMonthTotals stops at the 12-month horizon: its next_12m equals the
// full projection's for facilities maturing inside, across and beyond the
// two windows, amortising or not, fixed or floating, and already matured;
// next_24m is left zero.
TEST(DebtService, TwelveMonthTotalsEqualTheFullProjectionsFirstYear) {
  const Date as_of = D(31, QuantLib::March, 2025);
  std::vector<DebtFacility> facilities = {
      Floating(D(1, QuantLib::April, 2022), D(1, QuantLib::October, 2025), 4e6, 0.045),
      Floating(D(15, QuantLib::May, 2023), D(1, QuantLib::June, 2026), 9e6, 0.06),
      Floating(D(31, QuantLib::January, 2024), D(31, QuantLib::January, 2030), 7e6, 0.035),
      Floating(D(1, QuantLib::April, 2020), D(1, QuantLib::January, 2025), 2e6, 0.05),  // matured, still drawn
  };
  for (std::size_t i = 0; i < facilities.size(); ++i) facilities[i].facility_id = "F" + std::to_string(i + 1);
  facilities[1].amortisation_per_year = 1.5e6;
  facilities[2].rate_type = RateType::kFixed;
  facilities[2].fixed_rate = 0.071;
  for (double rate : {0.0, 0.045, 0.09}) {
    const YieldCurveHandle curve = FlatSoniaCurve(as_of, rate);
    auto full = ProjectDebtService(facilities, as_of, curve, DebtServiceDetail::kTotalsOnly);
    auto first_year = ProjectDebtService(facilities, as_of, curve, DebtServiceDetail::kTwelveMonthTotals);
    ASSERT_TRUE(full.ok()) << full.status();
    ASSERT_TRUE(first_year.ok()) << first_year.status();
    EXPECT_EQ(first_year->next_12m.interest, full->next_12m.interest) << "SONIA " << rate;
    EXPECT_EQ(first_year->next_12m.amortisation, full->next_12m.amortisation) << "SONIA " << rate;
    EXPECT_EQ(first_year->next_12m.maturities, full->next_12m.maturities) << "SONIA " << rate;
    EXPECT_EQ(first_year->next_24m.total(), 0.0);
    EXPECT_GT(full->next_24m.interest, full->next_12m.interest) << "the second year was left out, not absent";
    ASSERT_EQ(first_year->facilities.size(), full->facilities.size());
    for (std::size_t i = 0; i < full->facilities.size(); ++i) {
      EXPECT_EQ(first_year->facilities[i].next_12m.interest, full->facilities[i].next_12m.interest)
          << full->facilities[i].facility_id;
    }
  }
}

TEST(DebtService, ShiftedCurveRaisesFloatingButNotFixedInterest) {
  const Date as_of = D(30, QuantLib::June, 2024);
  const YieldCurveHandle base = FlatSoniaCurve(as_of, 0.0475);
  const YieldCurveHandle up = ShiftedSoniaCurve(base, 200);
  DebtFacility floating =
      Floating(D(1, QuantLib::June, 2022), D(1, QuantLib::June, 2029), 10e6, 0.05);
  DebtFacility fixed = floating;
  fixed.rate_type = RateType::kFixed;
  fixed.fixed_rate = 0.08;
  const double floating_base = ProjectDebtService(floating, as_of, base)->next_12m.interest;
  const double floating_up = ProjectDebtService(floating, as_of, up)->next_12m.interest;
  // +200bp on £10m for about a year is about £200k more (compounding adds a little).
  EXPECT_NEAR(floating_up - floating_base, 200'000, 10'000)
      << "computed " << floating_up - floating_base;
  EXPECT_DOUBLE_EQ(ProjectDebtService(fixed, as_of, base)->next_12m.interest,
                   ProjectDebtService(fixed, as_of, up)->next_12m.interest);
}

}  // namespace
}  // namespace oversight::risk
