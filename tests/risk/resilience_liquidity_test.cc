// Liquidity headroom, refinancing wall, solvency and filing flags, the
// assembled resilience assessment, and two monotonicity properties: a larger
// SONIA shift never raises interest cover; more debt never raises liquidity
// headroom.
#include <limits>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "risk/resilience/liquidity.h"
#include "risk/resilience/resilience.h"
#include "risk/resilience/solvency_flags.h"

namespace oversight::risk {
namespace {

Date D(int day, QuantLib::Month month, int year) { return Date(day, month, year); }

const Date kAsOf = D(31, QuantLib::March, 2026);

DebtFacility Facility(const char* id, Pounds committed, Pounds drawn, Date maturity,
                      RateType type = RateType::kFloating) {
  DebtFacility f;
  f.provider_id = "P001";
  f.facility_id = id;
  f.committed = committed;
  f.drawn = drawn;
  f.start_date = D(15, QuantLib::January, 2023);
  f.maturity_date = maturity;
  f.rate_type = type;
  f.margin = 0.05;
  f.fixed_rate = 0.07;
  return f;
}

Accounts LatestAccountsFixture() {
  Accounts a;
  a.provider_id = "P001";
  a.period = {D(1, QuantLib::January, 2025), D(31, QuantLib::December, 2025)};
  a.revenue = 60e6;
  a.ebitda = 9e6;
  a.operating_profit = 7e6;
  a.depreciation_amortisation = 2e6;
  a.interest_payable = 2.5e6;
  a.rent_costs = 1.5e6;
  a.cash = 4e6;
  a.borrowings = 30e6;
  a.total_assets = 70e6;
  a.total_liabilities = 55e6;
  a.net_assets = 15e6;
  a.intangible_assets = 25e6;  // goodwill from acquisitions
  return a;
}

ProviderData Provider() {
  ProviderData data;
  data.provider.provider_id = "P001";
  data.accounts.push_back(LatestAccountsFixture());
  data.facilities = {
      Facility("RCF", 10e6, 4e6, D(15, QuantLib::January, 2030)),   // 6m undrawn, available
      Facility("TL", 20e6, 20e6, D(15, QuantLib::January, 2030)),
      Facility("BRIDGE", 8e6, 6e6, D(30, QuantLib::September, 2026), RateType::kFixed),
  };
  data.facilities[0].covenant.max_net_leverage = 4.0;
  data.facilities[0].covenant.first_test_date = D(31, QuantLib::March, 2023);
  data.facilities[1].covenant.min_interest_cover = 3.0;
  data.facilities[1].covenant.first_test_date = D(31, QuantLib::March, 2023);
  return data;
}

TEST(Liquidity, HeadroomIsCashPlusAvailableUndrawnLessTwelveMonthsDebtService) {
  const ProviderData data = Provider();
  auto projection = ProjectDebtService(data.facilities, kAsOf, FlatSoniaCurve(kAsOf, 0.0475));
  ASSERT_TRUE(projection.ok()) << projection.status();
  // The bridge matures within 12 months, so its 2m undrawn does not count.
  EXPECT_DOUBLE_EQ(AvailableUndrawn(data.facilities, kAsOf), 6e6);
  const RefinancingWall wall = RefinancingWallOf(*projection);
  EXPECT_DOUBLE_EQ(wall.maturing_12m, 6e6);
  EXPECT_DOUBLE_EQ(wall.maturing_24m, 6e6);
  const Accounts accounts = LatestAccountsFixture();
  const Measured headroom = LiquidityHeadroom(&accounts, data.facilities, *projection, kAsOf);
  ASSERT_TRUE(headroom.has_value()) << headroom.missing_reason;
  const double expected = 4e6 + 6e6 - projection->next_12m.interest - 6e6;
  EXPECT_NEAR(*headroom.value, expected, 1e-6);
  // Bridge interest (fixed 7% on 6m) is paid quarterly to 30 Sep 2026: at
  // most about half a year's worth plus the accrued part of the quarter.
  EXPECT_GT(projection->next_12m.interest, 24e6 * 0.09);

  Accounts no_cash = accounts;
  no_cash.cash.reset();
  EXPECT_FALSE(LiquidityHeadroom(&no_cash, data.facilities, *projection, kAsOf).has_value());
  EXPECT_FALSE(LiquidityHeadroom(nullptr, data.facilities, *projection, kAsOf).has_value());
}

TEST(SolvencyFlags, NegativeNetTangibleAssets) {
  Accounts a = LatestAccountsFixture();  // net assets 15m, intangibles 25m
  EXPECT_DOUBLE_EQ(*NetTangibleAssets(a).value, -10e6);
  EXPECT_TRUE(NegativeNetTangibleAssets(a));
  a.intangible_assets = 5e6;
  EXPECT_FALSE(NegativeNetTangibleAssets(a));
  a.intangible_assets.reset();
  EXPECT_FALSE(NetTangibleAssets(a).has_value()) << "unknown intangibles: cannot tell";
  EXPECT_FALSE(NegativeNetTangibleAssets(a));
  a.net_assets = -1e6;  // negative net assets settle it whatever the intangibles
  EXPECT_TRUE(NegativeNetTangibleAssets(a));
  a.net_assets.reset();  // derived from TA - TL = 70 - 55
  a.intangible_assets = 16e6;
  EXPECT_DOUBLE_EQ(*NetTangibleAssets(a).value, -1e6);
}

TEST(SolvencyFlags, AccountsOverdueAfterNineMonthsOfTheNextPeriod) {
  std::vector<Accounts> accounts(1);
  accounts[0].period = {D(1, QuantLib::April, 2022), D(31, QuantLib::March, 2023)};
  const ResilienceConfig config;  // 9 months, Companies Act 2006 s.442
  // Next period ends 2024-03-31; its accounts are due by 2024-12-31.
  AccountsOverdue on_time = AccountsOverdueAt(accounts, config, D(31, QuantLib::December, 2024));
  EXPECT_FALSE(on_time.overdue) << on_time.Reason();
  EXPECT_EQ(on_time.next_due_date, D(31, QuantLib::December, 2024));
  AccountsOverdue late = AccountsOverdueAt(accounts, config, D(1, QuantLib::January, 2025));
  EXPECT_TRUE(late.overdue) << late.Reason();
  EXPECT_EQ(late.latest_period_end, D(31, QuantLib::March, 2023));
  EXPECT_NE(late.Reason().find("s.442"), std::string::npos) << late.Reason();
  EXPECT_EQ(late.Reason(),
            "accounts for the period ending 2024-03-31 were due by 2024-12-31 (latest accounts held end "
            "2023-03-31; 9 months after the period end, Companies Act 2006 s.442)");
  EXPECT_EQ(on_time.Reason(),
            "accounts for the period ending 2024-03-31 are due by 2024-12-31 (latest accounts held end "
            "2023-03-31; 9 months after the period end, Companies Act 2006 s.442)");

  // Filing the next accounts cures it - but only once they are filed.
  Accounts next;
  next.period = {D(1, QuantLib::April, 2023), D(31, QuantLib::March, 2024)};
  next.filing_date = D(15, QuantLib::January, 2025);
  accounts.push_back(next);
  EXPECT_TRUE(AccountsOverdueAt(accounts, config, D(10, QuantLib::January, 2025)).overdue);
  EXPECT_FALSE(AccountsOverdueAt(accounts, config, D(20, QuantLib::January, 2025)).overdue);

  // Companies Act 2006 s.443: a 28 February 2023 year end is followed by a
  // 29 February 2024 one, due by 30 November 2024 (not the 28th).
  std::vector<Accounts> february(1);
  february[0].period = {D(1, QuantLib::March, 2022), D(28, QuantLib::February, 2023)};
  const AccountsOverdue feb = AccountsOverdueAt(february, config, D(29, QuantLib::November, 2024));
  EXPECT_EQ(feb.next_due_date, D(30, QuantLib::November, 2024)) << feb.Reason();
  EXPECT_FALSE(feb.overdue);
  EXPECT_NE(feb.Reason().find("2024-02-29"), std::string::npos) << feb.Reason();
  EXPECT_TRUE(AccountsOverdueAt(february, config, D(1, QuantLib::December, 2024)).overdue);

  const AccountsOverdue none = AccountsOverdueAt({}, config, kAsOf);
  EXPECT_FALSE(none.overdue);
  EXPECT_EQ(none.Reason(), "no accounts held: the filing deadline cannot be told");
}

TEST(Resilience, AssemblesEveryFigure) {
  const ProviderData data = Provider();
  auto r = AssessResilience(data, ResilienceConfig{}, SoniaCurves::Flat(kAsOf, 0.0475), kAsOf);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_NE(r->accounts, nullptr);
  EXPECT_DOUBLE_EQ(*r->net_debt.value, 26e6);  // 30m borrowings - 4m cash
  EXPECT_NEAR(*r->net_debt_to_ebitda.value, 26.0 / 9.0, 1e-12);
  EXPECT_DOUBLE_EQ(*r->interest_for_cover.value, 2.5e6) << "unstressed: reported interest";
  EXPECT_NEAR(*r->interest_cover.value, 9.0 / 2.5, 1e-12);
  EXPECT_NEAR(*r->fixed_charge_cover.value, 10.5 / 4.0, 1e-12);
  EXPECT_DOUBLE_EQ(r->refinancing.maturing_12m, 6e6);
  EXPECT_DOUBLE_EQ(r->available_undrawn, 6e6);
  EXPECT_TRUE(r->liquidity_headroom.has_value());
  EXPECT_TRUE(r->negative_net_tangible_assets);
  EXPECT_FALSE(r->going_concern_uncertainty);
  EXPECT_FALSE(r->accounts_overdue.overdue);
  ASSERT_EQ(r->covenants.size(), 2u);
  EXPECT_EQ(r->covenants[0].facility_id, "RCF");
  EXPECT_NEAR(*r->covenants[0].actual, 26.0 / 9.0, 1e-12);
  EXPECT_EQ(r->covenants[1].facility_id, "TL");
  EXPECT_NEAR(*r->covenants[1].actual, 3.6, 1e-12);
  EXPECT_EQ(r->covenants[0].next_test_date, D(31, QuantLib::March, 2026));
}

TEST(Resilience, StressedCurveMovesInterestByTheProjectedFloatingChange) {
  const ProviderData data = Provider();
  const SoniaCurves base = SoniaCurves::Flat(kAsOf, 0.0475);
  SoniaCurves stressed = base;
  stressed.scenario = ShiftedSoniaCurve(base.baseline, 200);
  auto b = AssessResilience(data, ResilienceConfig{}, base, kAsOf);
  auto s = AssessResilience(data, ResilienceConfig{}, stressed, kAsOf);
  ASSERT_TRUE(b.ok() && s.ok());
  const double delta = s->debt_service.next_12m.interest - b->debt_service.next_12m.interest;
  // 24m of floating debt for about a year at +200bp: about £480k.
  EXPECT_NEAR(delta, 480e3, 30e3) << "computed " << delta;
  EXPECT_NEAR(*s->interest_for_cover.value, 2.5e6 + delta, 1e-6);
  EXPECT_LT(*s->interest_cover.value, *b->interest_cover.value);
  EXPECT_LT(*s->liquidity_headroom.value, *b->liquidity_headroom.value);
}

// AssessResilienceLimits is the stress search's short cut: with and
// without accounts, on the baseline and a shifted curve, its liquidity and
// covenant figures are the full assessment's, bit for bit.
TEST(Resilience, LimitsAloneEqualTheFullAssessmentsLimits) {
  const SoniaCurves base = SoniaCurves::Flat(kAsOf, 0.0475);
  SoniaCurves stressed = base;
  stressed.scenario = ShiftedSoniaCurve(base.baseline, 250);
  ProviderData without_accounts = Provider();
  without_accounts.accounts.clear();
  for (const ProviderData& data : {Provider(), without_accounts}) {
    auto unshifted = AssessResilience(data, ResilienceConfig{}, base, kAsOf);
    ASSERT_TRUE(unshifted.ok()) << unshifted.status();
    for (const SoniaCurves& curves : {base, stressed}) {
      auto full = AssessResilience(data, ResilienceConfig{}, curves, kAsOf);
      ASSERT_TRUE(full.ok()) << full.status();
      // As AssessResilience derives it: the change in projected 12-month interest.
      const double shift = full->debt_service.next_12m.interest - unshifted->debt_service.next_12m.interest;
      const ResilienceLimits limits =
          AssessResilienceLimits(data, ResilienceConfig{}, full->debt_service, shift, kAsOf);
      EXPECT_EQ(limits.liquidity_headroom.value, full->liquidity_headroom.value);
      EXPECT_EQ(limits.liquidity_headroom.missing_reason, full->liquidity_headroom.missing_reason);
      ASSERT_EQ(limits.covenants.size(), full->covenants.size());
      ASSERT_FALSE(limits.covenants.empty());
      for (std::size_t i = 0; i < limits.covenants.size(); ++i) {
        const CovenantHeadroom& x = limits.covenants[i];
        const CovenantHeadroom& y = full->covenants[i];
        EXPECT_EQ(x.facility_id, y.facility_id);
        EXPECT_EQ(x.covenant, y.covenant);
        EXPECT_EQ(x.actual, y.actual) << x.facility_id << " " << x.covenant;
        EXPECT_EQ(x.headroom_ratio, y.headroom_ratio) << x.facility_id << " " << x.covenant;
        EXPECT_EQ(x.headroom_ebitda, y.headroom_ebitda) << x.facility_id << " " << x.covenant;
        EXPECT_EQ(x.breached, y.breached) << x.facility_id << " " << x.covenant;
        EXPECT_EQ(x.next_test_date, y.next_test_date);
      }
    }
  }
}

TEST(Resilience, NoAccountsGivesReasonsNotZeros) {
  ProviderData data = Provider();
  data.accounts.clear();
  auto r = AssessResilience(data, ResilienceConfig{}, SoniaCurves::Flat(kAsOf, 0.05), kAsOf);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->net_debt.has_value());
  EXPECT_FALSE(r->interest_cover.has_value());
  EXPECT_FALSE(r->liquidity_headroom.has_value());
  EXPECT_FALSE(r->interest_cover.missing_reason.empty());
  EXPECT_DOUBLE_EQ(r->refinancing.maturing_12m, 6e6) << "the facilities are still known";
  for (const CovenantHeadroom& h : r->covenants) EXPECT_FALSE(h.breached);

  data.facilities[0].drawn = 1e9;  // invalid: the failing facility is named
  auto bad = AssessResilience(data, ResilienceConfig{}, SoniaCurves::Flat(kAsOf, 0.05), kAsOf);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("facility.drawn"), std::string::npos);
}

// Deterministic pseudo-random providers for the properties.
std::vector<ProviderData> RandomProviders(int count) {
  std::mt19937 rng(20261124);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<ProviderData> out;
  for (int i = 0; i < count; ++i) {
    ProviderData data = Provider();
    Accounts& a = data.accounts[0];
    a.ebitda = 1e6 + 20e6 * unit(rng);
    a.interest_payable = 0.2e6 + 4e6 * unit(rng);
    a.cash = 10e6 * unit(rng);
    data.facilities.clear();
    const int facilities = 1 + i % 3;
    for (int k = 0; k < facilities; ++k) {
      const double committed = 1e6 + 40e6 * unit(rng);
      DebtFacility f = Facility(k == 0 ? "A" : k == 1 ? "B" : "C", committed,
                                committed * unit(rng),
                                kAsOf + QuantLib::Period(3 + static_cast<int>(60 * unit(rng)),
                                                         QuantLib::Months),
                                unit(rng) < 0.7 ? RateType::kFloating : RateType::kFixed);
      f.margin = 0.03 + 0.04 * unit(rng);
      f.amortisation_per_year = unit(rng) < 0.5 ? 0 : committed * 0.05;
      f.covenant.min_interest_cover = 2.0;
      f.covenant.first_test_date = D(31, QuantLib::March, 2024);
      data.facilities.push_back(f);
    }
    out.push_back(std::move(data));
  }
  return out;
}

TEST(ResilienceProperty, LargerSoniaShiftNeverRaisesInterestCover) {
  const SoniaCurves base = SoniaCurves::Flat(kAsOf, 0.0475);
  for (const ProviderData& data : RandomProviders(40)) {
    double previous_cover = std::numeric_limits<double>::infinity();
    double previous_fcc = std::numeric_limits<double>::infinity();
    for (double shift_bp : {-200.0, -100.0, 0.0, 50.0, 100.0, 200.0, 300.0, 500.0}) {
      SoniaCurves curves = base;
      curves.scenario = ShiftedSoniaCurve(base.baseline, shift_bp);
      auto r = AssessResilience(data, ResilienceConfig{}, curves, kAsOf);
      ASSERT_TRUE(r.ok()) << r.status();
      ASSERT_TRUE(r->interest_cover.has_value()) << r->interest_cover.missing_reason;
      EXPECT_LE(*r->interest_cover.value, previous_cover + 1e-12)
          << "shift " << shift_bp << "bp raised interest cover";
      EXPECT_LE(*r->fixed_charge_cover.value, previous_fcc + 1e-12)
          << "shift " << shift_bp << "bp raised fixed-charge cover";
      for (const CovenantHeadroom& h : r->covenants) {
        if (h.covenant == "min_interest_cover") {
          EXPECT_NEAR(*h.actual, *r->interest_cover.value, 1e-12) << "covenant uses the same interest";
        }
      }
      previous_cover = *r->interest_cover.value;
      previous_fcc = *r->fixed_charge_cover.value;
    }
  }
}

TEST(ResilienceProperty, MoreDebtNeverRaisesLiquidityHeadroom) {
  const SoniaCurves curves = SoniaCurves::Flat(kAsOf, 0.0475);
  for (ProviderData data : RandomProviders(40)) {
    for (std::size_t k = 0; k < data.facilities.size(); ++k) {
      double previous = std::numeric_limits<double>::infinity();
      const double committed = data.facilities[k].committed;
      for (double fraction : {0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0}) {
        data.facilities[k].drawn = committed * fraction;
        auto r = AssessResilience(data, ResilienceConfig{}, curves, kAsOf);
        ASSERT_TRUE(r.ok()) << r.status();
        ASSERT_TRUE(r->liquidity_headroom.has_value());
        EXPECT_LE(*r->liquidity_headroom.value, previous + 1e-6)
            << "drawing " << fraction << " of facility " << k << " raised headroom";
        previous = *r->liquidity_headroom.value;
      }
    }
  }
}

}  // namespace
}  // namespace oversight::risk
