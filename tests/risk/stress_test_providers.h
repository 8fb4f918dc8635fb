#pragma once
// Providers shaped to exercise the stress module (tests/risk/stress_*_test.cc):
// several facilities with both covenants, a facility not yet started,
// accounts filed after the assessment date, unknown cash, thin liquidity.
#include <string>

#include "tests/risk/assessor_test_market.h"

namespace oversight::risk::testing {

// The same provider under another id, on every record.
inline ProviderData Renamed(ProviderData d, const std::string& id) {
  d.provider.provider_id = id;
  for (auto& a : d.accounts) a.provider_id = id;
  for (auto& f : d.facilities) f.provider_id = id;
  for (auto& p : d.placements) p.provider_id = id;
  return d;
}

inline DebtFacility Facility(const std::string& id, double drawn, Date maturity, RateType rate_type) {
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

// Three facilities (one not yet started), both covenants on two of them,
// and later accounts filed after the assessment date (so not yet public).
inline ProviderData SeveralFacilities() {
  ProviderData d = ModeratelyLeveraged();
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
inline ProviderData CashUnknown() {
  ProviderData d = ModeratelyLeveraged();
  d.accounts[0].cash.reset();
  d.facilities[0].covenant.min_interest_cover = 1.5;
  return Renamed(d, "SYN2");
}

// Thin cash and a fixed-rate facility maturing within the year: liquidity is
// the first limit under some scenarios.
inline ProviderData ThinLiquidity() {
  ProviderData d = ModeratelyLeveraged();
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

}  // namespace oversight::risk::testing
