#pragma once
// A small hand-built market for the assessor and stress tests: one provider
// of each kind the regime must tell apart. Figures are illustrative, sized
// from domain.md s.3 (margins, leverage of private-equity groups).
#include <string>
#include <vector>

#include "risk/domain/provider_data.h"

namespace oversight::risk::testing {

inline const Date kAsOf(24, QuantLib::November, 2025);
inline const Date kYearStart(1, QuantLib::April, 2024);
inline const Date kYearEnd(31, QuantLib::March, 2025);

inline PlacementReturn Placement(const std::string& provider, const std::string& authority, Region region,
                                 int children, int places, double fee = 5200) {
  PlacementReturn p;
  p.provider_id = provider;
  p.as_of = Date(30, QuantLib::September, 2025);
  p.placing_local_authority = authority;
  p.region = region;
  p.setting_type = SettingType::kChildrensHome;
  p.children_placed = children;
  p.registered_places = places;
  p.average_weekly_fee = fee;
  p.provenance = {"test/placements.csv", 1};
  return p;
}

inline Accounts BaseAccounts(const std::string& provider) {
  Accounts a;
  a.provider_id = provider;
  a.period = {kYearStart, kYearEnd};
  a.provenance = {"test/accounts.csv:" + provider, 1};
  return a;
}

inline ProviderData NewProvider(const std::string& id, Ownership ownership) {
  ProviderData d;
  d.provider.provider_id = id;
  d.provider.name = "Provider " + id;
  d.provider.kind = ProviderKind::kChildrensHomes;
  d.provider.ownership = ownership;
  d.provider.provenance = {"test/providers.csv", 1};
  return d;
}

// A healthy voluntary provider: 12% operating margin, no debt, net cash.
inline ProviderData HealthyVoluntary() {
  ProviderData d = NewProvider("VOL1", Ownership::kVoluntary);
  Accounts a = BaseAccounts("VOL1");
  a.revenue = 10e6;
  a.staff_costs = 6.5e6;
  a.other_operating_costs = 2.0e6;
  a.rent_costs = 0.3e6;
  a.ebitda = 1.2e6;
  a.depreciation_amortisation = 0.2e6;
  a.operating_profit = 1.0e6;
  a.interest_payable = 0;
  a.profit_before_tax = 1.0e6;
  a.net_income = 0.8e6;
  a.funds_from_operations = 1.0e6;
  a.cash = 2.0e6;
  a.current_assets = 3.0e6;
  a.current_liabilities = 1.5e6;
  a.total_assets = 8.0e6;
  a.total_liabilities = 2.0e6;
  a.net_assets = 6.0e6;
  a.retained_earnings = 5.0e6;
  a.borrowings = 0;
  a.tangible_fixed_assets = 5.0e6;
  a.intangible_assets = 0;
  d.accounts.push_back(a);
  Accounts prior = a;
  prior.period = {Date(1, QuantLib::April, 2023), Date(31, QuantLib::March, 2024)};
  prior.net_income = 0.7e6;
  d.accounts.push_back(prior);
  d.placements = {Placement("VOL1", "Leeds", Region::kYorkshireAndTheHumber, 20, 24),
                  Placement("VOL1", "York", Region::kYorkshireAndTheHumber, 10, 12)};
  return d;
}

// A highly leveraged private-equity group (domain.md s.3: a group with £165m
// of loans under a 7.4x leverage covenant). Here EBITDA has fallen to £15m
// on £150m drawn and £5m cash: net debt / EBITDA = 145 / 15 = 9.67x > 7.4x.
inline ProviderData LeveragedPrivateEquity() {
  ProviderData d = NewProvider("PEG1", Ownership::kPrivateEquity);
  d.provider.parent_group = "PEGROUP";
  Accounts a = BaseAccounts("PEG1");
  a.revenue = 100e6;
  a.staff_costs = 62e6;
  a.other_operating_costs = 15e6;
  a.rent_costs = 8e6;
  a.ebitda = 15e6;
  a.depreciation_amortisation = 5e6;
  a.operating_profit = 10e6;
  a.interest_payable = 14e6;
  a.profit_before_tax = -4e6;
  a.net_income = -5e6;
  a.funds_from_operations = 0;
  a.cash = 5e6;
  a.current_assets = 20e6;
  a.current_liabilities = 25e6;
  a.total_assets = 200e6;
  a.total_liabilities = 190e6;
  a.net_assets = 10e6;
  a.retained_earnings = -20e6;
  a.borrowings = 150e6;
  a.tangible_fixed_assets = 90e6;
  a.intangible_assets = 80e6;
  d.accounts.push_back(a);
  DebtFacility f;
  f.provider_id = "PEG1";
  f.facility_id = "F1";
  f.lender = "Unitranche lender";
  f.committed = 160e6;
  f.drawn = 150e6;
  f.start_date = Date(1, QuantLib::July, 2022);
  f.maturity_date = Date(1, QuantLib::July, 2029);
  f.rate_type = RateType::kFloating;
  f.margin = 0.0525;
  f.covenant.max_net_leverage = 7.4;
  f.covenant.test_frequency_months = 3;
  f.covenant.first_test_date = Date(30, QuantLib::September, 2022);
  f.provenance = {"test/facilities.csv", 1};
  d.facilities.push_back(f);
  d.placements = {Placement("PEG1", "Leeds", Region::kYorkshireAndTheHumber, 40, 44),
                  Placement("PEG1", "Kent", Region::kSouthEast, 90, 100),
                  Placement("PEG1", "Bolton", Region::kNorthWest, 120, 130)};
  return d;
}

// A provider in administration (a business-failure event, SI 2015/301).
inline ProviderData InAdministration() {
  ProviderData d = NewProvider("ADM1", Ownership::kOtherPrivate);
  d.provider.company_status = CompanyStatus::kAdministration;
  Accounts a = BaseAccounts("ADM1");
  a.revenue = 6e6;
  a.ebitda = 0.2e6;
  a.depreciation_amortisation = 0.1e6;
  a.operating_profit = 0.1e6;
  a.net_income = -0.3e6;
  a.cash = 0.1e6;
  a.current_assets = 0.8e6;
  a.current_liabilities = 2.0e6;
  a.total_assets = 3.0e6;
  a.total_liabilities = 3.5e6;
  a.net_assets = -0.5e6;
  a.retained_earnings = -1.0e6;
  d.accounts.push_back(a);
  d.placements = {Placement("ADM1", "Kent", Region::kSouthEast, 15, 18)};
  return d;
}

// High returns: operating profit £15m on capital employed of £25m (ROCE
// 60%), so profit above a 9% cost of capital is 15 - 0.09 x 25 = £12.75m.
inline ProviderData ExcessProfit() {
  ProviderData d = NewProvider("XSP1", Ownership::kOtherPrivate);
  Accounts a = BaseAccounts("XSP1");
  a.revenue = 50e6;
  a.staff_costs = 28e6;
  a.other_operating_costs = 5e6;
  a.rent_costs = 1e6;
  a.ebitda = 17e6;
  a.depreciation_amortisation = 2e6;
  a.operating_profit = 15e6;
  a.interest_payable = 0.2e6;
  a.profit_before_tax = 14.8e6;
  a.net_income = 11.5e6;
  a.funds_from_operations = 13.5e6;
  a.cash = 8e6;
  a.current_assets = 12e6;
  a.current_liabilities = 5e6;
  a.total_assets = 30e6;
  a.total_liabilities = 9e6;
  a.net_assets = 21e6;
  a.retained_earnings = 18e6;
  a.borrowings = 2e6;
  a.tangible_fixed_assets = 18e6;
  a.intangible_assets = 0;
  d.accounts.push_back(a);
  d.placements = {Placement("XSP1", "Bolton", Region::kNorthWest, 30, 32),
                  Placement("XSP1", "Wigan", Region::kNorthWest, 25, 26)};
  return d;
}

// Filleted small-company accounts: a balance sheet and no profit and loss
// account (Companies Act 2006 s.444).
inline ProviderData Filleted() {
  ProviderData d = NewProvider("FIL1", Ownership::kOtherPrivate);
  Accounts a = BaseAccounts("FIL1");
  a.cash = 0.2e6;
  a.current_assets = 0.4e6;
  a.current_liabilities = 0.3e6;
  a.total_assets = 1.0e6;
  a.total_liabilities = 0.5e6;
  a.net_assets = 0.5e6;
  d.accounts.push_back(a);
  d.placements = {Placement("FIL1", "York", Region::kYorkshireAndTheHumber, 6, 8)};
  return d;
}

inline std::vector<ProviderData> SmallMarket() {
  return {HealthyVoluntary(), LeveragedPrivateEquity(), InAdministration(), ExcessProfit(), Filleted()};
}

}  // namespace oversight::risk::testing

namespace oversight::risk::testing {

// The private-equity group before its trading fell: EBITDA £25m and £15m
// cash on the same £150m facility, so net debt / EBITDA = 135 / 25 = 5.4x
// inside the 7.4x covenant (EBITDA headroom 25 - 135 / 7.4 = £6.76m).
inline ProviderData ModeratelyLeveraged() {
  ProviderData d = LeveragedPrivateEquity();
  Accounts& a = d.accounts[0];
  a.staff_costs = 55e6;
  a.other_operating_costs = 12e6;
  a.ebitda = 25e6;
  a.operating_profit = 20e6;
  a.interest_payable = 11e6;
  a.profit_before_tax = 9e6;
  a.net_income = 7e6;
  a.funds_from_operations = 12e6;
  a.cash = 15e6;
  a.current_assets = 30e6;
  a.total_assets = 210e6;
  a.net_assets = 20e6;
  a.retained_earnings = -10e6;
  return d;
}

}  // namespace oversight::risk::testing
