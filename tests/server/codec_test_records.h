#pragma once
// Valid oversight.v1 records for the codec, repository and scoring tests:
// one small private-equity-owned children's-home provider with a leveraged
// facility and a going-concern doubt, so that scoring it raises alerts.

#include <string>

#include "oversight/v1/oversight.pb.h"

namespace oversight::testing_records {

namespace v1 = ::oversight::v1;

inline v1::Provider Provider(const std::string& id, const std::string& name = "Acorn Care Ltd") {
  v1::Provider p;
  p.set_provider_id(id);
  p.set_name(name);
  p.set_companies_house_number("09707484");
  p.set_kind(v1::PROVIDER_KIND_CHILDRENS_HOMES);
  p.set_ownership(v1::OWNERSHIP_PRIVATE_EQUITY);
  p.set_parent_group("");
  p.set_company_status(v1::COMPANY_STATUS_ACTIVE);
  p.mutable_provenance()->set_source("test/providers.csv:2");
  return p;
}

// FY to 2025-03-31. Balance sheet balances (TA 120m - TL 95m = NA 25m) and
// EBITDA = operating profit + D&A (15m = 11m + 4m).
inline v1::Accounts Accounts(const std::string& id, bool going_concern_doubt = true) {
  v1::Accounts a;
  a.set_provider_id(id);
  a.mutable_period()->set_start("2024-04-01");
  a.mutable_period()->set_end("2025-03-31");
  a.set_revenue(100e6);
  a.set_staff_costs(60e6);
  a.set_other_operating_costs(20e6);
  a.set_rent_costs(5e6);
  a.set_ebitda(15e6);
  a.set_depreciation_amortisation(4e6);
  a.set_operating_profit(11e6);
  a.set_interest_payable(8e6);
  a.set_profit_before_tax(3e6);
  a.set_net_income(2e6);
  a.set_cash(4e6);
  a.set_current_assets(18e6);
  a.set_current_liabilities(20e6);
  a.set_total_assets(120e6);
  a.set_total_liabilities(95e6);
  a.set_borrowings(80e6);
  a.set_net_assets(25e6);
  a.set_retained_earnings(-5e6);
  a.set_tangible_fixed_assets(40e6);
  a.set_intangible_assets(60e6);
  a.set_going_concern_uncertainty(going_concern_doubt);
  a.set_filing_date("2025-12-20");
  a.mutable_provenance()->set_source("test/accounts.csv:2");
  return a;
}

inline v1::RelatedPartyFlows Flows(const std::string& id) {
  v1::RelatedPartyFlows f;
  f.set_provider_id(id);
  f.mutable_period()->set_start("2024-04-01");
  f.mutable_period()->set_end("2025-03-31");
  f.set_management_charges(1.5e6);
  f.set_connected_rent(2e6);
  f.set_shareholder_loan_interest(3e6);
  f.set_dividends(0);
  f.mutable_provenance()->set_source("test/related_party_flows.csv:2");
  return f;
}

inline v1::DebtFacility Facility(const std::string& id) {
  v1::DebtFacility f;
  f.set_provider_id(id);
  f.set_facility_id("TLB");
  f.set_lender("Example Bank plc");
  f.set_committed(90e6);
  f.set_drawn(80e6);
  f.set_start_date("2022-06-30");
  f.set_maturity_date("2027-06-30");
  f.set_rate_type(v1::RATE_TYPE_FLOATING);
  f.set_margin(0.0525);
  f.set_amortisation_per_year(2e6);
  f.mutable_covenant()->set_max_net_leverage(7.4);
  f.mutable_covenant()->set_test_frequency_months(3);
  f.mutable_covenant()->set_first_test_date("2022-09-30");
  f.mutable_provenance()->set_source("test/facilities.csv:2");
  return f;
}

inline v1::Setting Setting(const std::string& id, const std::string& urn = "SC123456") {
  v1::Setting s;
  s.set_provider_id(id);
  s.set_urn(urn);
  s.set_type(v1::SETTING_TYPE_CHILDRENS_HOME);
  s.set_name("REDACTED");
  s.set_local_authority("Leeds");
  s.set_region(v1::REGION_YORKSHIRE_AND_THE_HUMBER);
  s.set_registered_places(4);
  s.set_latest_judgement(v1::INSPECTION_JUDGEMENT_GOOD);
  s.mutable_provenance()->set_source("test/settings.csv:2");
  return s;
}

inline v1::PlacementReturn Placement(const std::string& id, int children = 30,
                                     const std::string& authority = "Leeds",
                                     v1::Region region = v1::REGION_YORKSHIRE_AND_THE_HUMBER) {
  v1::PlacementReturn p;
  p.set_provider_id(id);
  p.set_as_of("2025-12-31");
  p.set_placing_local_authority(authority);
  p.set_region(region);
  p.set_setting_type(v1::SETTING_TYPE_CHILDRENS_HOME);
  p.set_children_placed(children);
  p.set_registered_places(children + 4);
  p.set_average_weekly_fee(5200);
  p.mutable_provenance()->set_source("test/placements.csv:2");
  return p;
}

inline v1::EquityObservation Equity(const std::string& id) {
  v1::EquityObservation e;
  e.set_provider_id(id);
  e.set_as_of("2025-03-31");
  e.set_equity_value(70e6);
  e.set_equity_volatility(0.45);
  e.set_basis("10x EBITDA less net debt");
  e.mutable_provenance()->set_source("test/equity_observations.csv:2");
  return e;
}

template <typename Message>
v1::SubmitRequest Submit(const Message& message, const std::string& key);

#define OVERSIGHT_SUBMIT(Type, setter)                                         \
  template <>                                                                  \
  inline v1::SubmitRequest Submit(const v1::Type& message, const std::string& key) { \
    v1::SubmitRequest r;                                                       \
    r.set_idempotency_key(key);                                                \
    *r.mutable_record()->mutable_##setter() = message;                         \
    return r;                                                                  \
  }
OVERSIGHT_SUBMIT(Provider, provider)
OVERSIGHT_SUBMIT(Accounts, accounts)
OVERSIGHT_SUBMIT(RelatedPartyFlows, related_party_flows)
OVERSIGHT_SUBMIT(DebtFacility, facility)
OVERSIGHT_SUBMIT(Setting, setting)
OVERSIGHT_SUBMIT(PlacementReturn, placement)
OVERSIGHT_SUBMIT(EquityObservation, equity_observation)
#undef OVERSIGHT_SUBMIT

}  // namespace oversight::testing_records
