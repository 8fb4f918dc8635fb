// The CMA's profitability measures (shared/domain.md s.4 and s.6), checked
// against hand computations and the published reference figures.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "risk/profitability/capital_employed.h"
#include "risk/profitability/ebitda.h"
#include "risk/profitability/margins.h"
#include "risk/profitability/placement_week.h"
#include "risk/profitability/profitability.h"

namespace oversight::risk {
namespace {

Date D(int day, QuantLib::Month month, int year) { return Date(day, month, year); }

// A mid-sized children's-homes group, figures chosen to be computed by hand.
// EBITDA is deliberately not reported so that it is derived as EBIT + D&A.
ProviderData HandExample() {
  ProviderData data;
  data.provider.provider_id = "P100";
  Accounts a;
  a.provider_id = "P100";
  a.period = {D(1, QuantLib::January, 2023), D(31, QuantLib::December, 2023)};
  a.revenue = 40'000'000;
  a.operating_profit = 6'000'000;
  a.depreciation_amortisation = 2'000'000;
  a.profit_before_tax = 3'000'000;
  a.total_assets = 60'000'000;
  a.current_liabilities = 10'000'000;
  data.accounts.push_back(a);

  RelatedPartyFlows flows;
  flows.provider_id = "P100";
  flows.period = a.period;
  flows.management_charges = 1'000'000;
  flows.connected_rent = 500'000;
  flows.shareholder_loan_interest = 2'000'000;
  flows.dividends = 750'000;  // a distribution, not a cost: never added back
  data.related_party_flows.push_back(flows);

  auto placement = [](Date as_of, const char* la, int children, double fee) {
    PlacementReturn p;
    p.provider_id = "P100";
    p.as_of = as_of;
    p.placing_local_authority = la;
    p.children_placed = children;
    p.average_weekly_fee = fee;
    return p;
  };
  data.placements = {
      placement(D(31, QuantLib::March, 2024), "Leeds", 10, 4000),
      placement(D(31, QuantLib::March, 2024), "Kent", 5, 3400),
      placement(D(31, QuantLib::March, 2023), "Leeds", 30, 2000),  // older census: ignored
      placement(D(31, QuantLib::March, 2025), "Leeds", 99, 9999),  // after as_of: ignored
  };
  return data;
}

const Date kAsOf = D(30, QuantLib::June, 2024);

TEST(Profitability, HandComputedExample) {
  const ProviderData data = HandExample();
  const ProfitabilityConfig config;  // cost of capital 9%, cap 10%
  const Profitability p = AssessProfitability(data, config, kAsOf);
  ASSERT_NE(p.accounts, nullptr);

  // EBITDA = EBIT + D&A = 6m + 2m.
  ASSERT_TRUE(p.ebitda.has_value()) << p.ebitda.missing_reason;
  EXPECT_DOUBLE_EQ(*p.ebitda.value, 8'000'000);
  EXPECT_NEAR(*p.ebitda_margin.value, 0.20, 1e-12) << "EBITDA margin 8m / 40m";
  EXPECT_NEAR(*p.operating_margin.value, 0.15, 1e-12) << "operating margin 6m / 40m";
  // Capital employed = TA - CL = 60m - 10m; ROCE = 6m / 50m = 12%.
  EXPECT_DOUBLE_EQ(*p.capital_employed.value, 50'000'000);
  EXPECT_NEAR(*p.roce.value, 0.12, 1e-12);
  // Excess profit = (12% - 9%) x 50m = 1.5m.
  EXPECT_NEAR(*p.excess_profit.value, 1'500'000, 1e-6);

  // Related parties: adjusted EBIT = 6m + 1m + 0.5m = 7.5m (18.75%);
  // adjusted PBT = 3m + 1m + 0.5m + 2m = 6.5m (16.25%). Dividends excluded.
  EXPECT_NEAR(*p.adjusted.adjusted_operating_profit.value, 7'500'000, 1e-6);
  EXPECT_NEAR(*p.adjusted.adjusted_operating_margin.value, 0.1875, 1e-12);
  EXPECT_NEAR(*p.adjusted.adjusted_profit_before_tax.value, 6'500'000, 1e-6);
  EXPECT_NEAR(*p.adjusted.adjusted_pre_tax_margin.value, 0.1625, 1e-12);
  EXPECT_NEAR(p.adjusted.related_party_add_back, 3'500'000, 1e-6);

  // Cap = 10% x 40m = 4m; adjusted EBIT 7.5m is 3.5m above it.
  EXPECT_NEAR(*p.profit_cap.cap.value, 4'000'000, 1e-6);
  EXPECT_NEAR(*p.profit_cap.profit_above_cap.value, 3'500'000, 1e-6);
  EXPECT_NEAR(*p.profit_cap.excess_over_cap.value, 3'500'000, 1e-6);

  // Price: census of 2024-03-31 only: (10 x 4000 + 5 x 3400) / 15 = 3800.
  EXPECT_NEAR(*p.price_per_placement_week.value, 3800, 1e-9);
  // Cost: (revenue - EBIT) = 34m over a 365-day year (365/365.25 years),
  // 15 children x 52 weeks.
  const double expected_cost = 34'000'000 / (365.0 / 365.25) / (15 * 52.0);
  EXPECT_NEAR(*p.cost_per_placement_week.value, expected_cost, 1e-6)
      << "computed " << *p.cost_per_placement_week.value << " expected " << expected_cost;
}

TEST(Profitability, BelowTheCapAndBelowTheCostOfCapital) {
  ProviderData data = HandExample();
  data.accounts[0].operating_profit = 1'000'000;  // EBIT 2.5%
  const Profitability p = AssessProfitability(data, ProfitabilityConfig{}, kAsOf);
  // Adjusted EBIT = 2.5m against a 4m cap: 1.5m under, nothing above.
  EXPECT_NEAR(*p.profit_cap.excess_over_cap.value, -1'500'000, 1e-6);
  EXPECT_DOUBLE_EQ(*p.profit_cap.profit_above_cap.value, 0.0);
  // ROCE 2% against 9%: excess profit (2% - 9%) x 50m = -3.5m.
  EXPECT_NEAR(*p.excess_profit.value, -3'500'000, 1e-6);
}

TEST(Profitability, FilletedAccountsGiveAbsentMeasuresWithReasonsNotZeros) {
  ProviderData data;
  Accounts a;  // filleted: balance sheet only
  a.provider_id = "P200";
  a.period = {D(1, QuantLib::April, 2023), D(31, QuantLib::March, 2024)};
  a.total_assets = 5'000'000;
  a.current_liabilities = 1'000'000;
  data.accounts.push_back(a);
  const Profitability p = AssessProfitability(data, ProfitabilityConfig{}, kAsOf);
  for (const Measured* m : {&p.revenue, &p.ebitda, &p.operating_profit, &p.ebitda_margin,
                            &p.operating_margin, &p.roce, &p.excess_profit,
                            &p.price_per_placement_week, &p.cost_per_placement_week,
                            &p.adjusted.adjusted_operating_profit,
                            &p.profit_cap.profit_above_cap}) {
    EXPECT_FALSE(m->has_value());
    EXPECT_FALSE(m->missing_reason.empty());
  }
  EXPECT_TRUE(p.capital_employed.has_value()) << "the balance sheet alone gives capital employed";
  EXPECT_NE(p.ebitda.missing_reason.find("operating_profit"), std::string::npos)
      << p.ebitda.missing_reason;
  EXPECT_NE(p.adjusted.adjusted_operating_profit.missing_reason.find("related-party"),
            std::string::npos)
      << "unknown flows are not zero flows";

  const Profitability none = AssessProfitability(ProviderData{}, ProfitabilityConfig{}, kAsOf);
  EXPECT_EQ(none.accounts, nullptr);
  EXPECT_FALSE(none.operating_margin.has_value());
  EXPECT_NE(none.operating_margin.missing_reason.find("no accounts"), std::string::npos);
}

TEST(Profitability, NonPositiveDenominatorsAreNotMeaningful) {
  Accounts a;
  a.revenue = 0;
  a.operating_profit = -1'000;
  a.total_assets = 1'000'000;
  a.current_liabilities = 1'200'000;  // net current liabilities exceed assets
  EXPECT_FALSE(OperatingMargin(a).has_value());
  EXPECT_NE(OperatingMargin(a).missing_reason.find("revenue is not positive"), std::string::npos);
  EXPECT_FALSE(CapitalEmployed(a).has_value());
  EXPECT_FALSE(ReturnOnCapitalEmployed(a).has_value());
}

TEST(Profitability, LatestAccountsRespectsPeriodEndAndFilingDate) {
  std::vector<Accounts> accounts(3);
  accounts[0].period = {D(1, QuantLib::January, 2022), D(31, QuantLib::December, 2022)};
  accounts[1].period = {D(1, QuantLib::January, 2023), D(31, QuantLib::December, 2023)};
  accounts[1].filing_date = D(30, QuantLib::September, 2024);  // not yet filed at kAsOf
  accounts[2].period = {D(1, QuantLib::January, 2024), D(31, QuantLib::December, 2024)};
  EXPECT_EQ(LatestAccounts(accounts, kAsOf), &accounts[0]);
  EXPECT_EQ(LatestAccounts(accounts, D(1, QuantLib::October, 2024)), &accounts[1]);
  EXPECT_EQ(LatestAccounts(accounts, D(1, QuantLib::January, 2022)), nullptr);
}

// LGA / Revolution Consulting, "Profit making and risk in independent
// children's social care placement providers", December 2020 update
// (shared/domain.md s.3, s.6): the 20 largest providers had EBITDA of £265m
// on income of £1.54bn, an EBITDA margin of 17.2%. One provider (2019) had
// EBITDA of £80-90m on £265m turnover.
TEST(ProfitabilityCalibration, LgaTopTwentyEbitdaMargin) {
  Accounts top20;
  top20.revenue = 1'540'000'000;
  top20.ebitda = 265'000'000;
  const Measured margin = EbitdaMargin(top20);
  ASSERT_TRUE(margin.has_value());
  EXPECT_NEAR(*margin.value, 0.172, 0.0005)
      << "computed " << *margin.value << " expected 0.172 (LGA, Dec 2020)";

  // The single provider: its EBITDA margin lies between 80/265 and 90/265,
  // i.e. 30.2%-34.0%, nearly double the top-20 aggregate.
  for (double ebitda : {80e6, 85e6, 90e6}) {
    Accounts one;
    one.revenue = 265'000'000;
    one.ebitda = ebitda;
    const double m = *EbitdaMargin(one).value;
    EXPECT_GE(m, 0.3018) << "EBITDA " << ebitda;
    EXPECT_LE(m, 0.3397) << "EBITDA " << ebitda;
    EXPECT_GT(m / *margin.value, 1.75);
  }
}

// CMA final report (10 March 2022): average OPERATING margins of the 15
// largest providers, 2016-2020: children's homes 22.6%, IFAs 19.4%. The
// operating margin must reproduce them from EBIT, and the EBITDA margin must
// differ from it by exactly D&A / revenue (the two are never interchangeable).
TEST(ProfitabilityCalibration, CmaOperatingMarginsAreEbitMargins) {
  Accounts homes;
  homes.revenue = 100'000'000;
  homes.operating_profit = 22'600'000;
  homes.depreciation_amortisation = 4'000'000;
  EXPECT_NEAR(*OperatingMargin(homes).value, 0.226, 1e-12);
  EXPECT_NEAR(*EbitdaMargin(homes).value - *OperatingMargin(homes).value, 0.04, 1e-12);

  Accounts ifa;
  ifa.revenue = 50'000'000;
  ifa.ebitda = 10'500'000;
  ifa.depreciation_amortisation = 800'000;  // EBIT derived as EBITDA - D&A = 9.7m
  EXPECT_NEAR(*OperatingMargin(ifa).value, 0.194, 1e-12);
}

}  // namespace
}  // namespace oversight::risk
