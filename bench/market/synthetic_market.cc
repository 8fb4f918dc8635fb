#include "bench/market/synthetic_market.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "risk/domain/region.h"

namespace oversight::bench {
namespace {

using risk::Date;
using QuantLib::Months;

// SplitMix64 (Steele, Lea and Flood, 2014): a counter-based generator whose
// output depends only on the seed and the draw number, the same on every
// platform and standard library (std::uniform_real_distribution is not).
class Draws {
 public:
  Draws(std::uint64_t seed, std::uint64_t stream) : state_(seed ^ (stream * 0x9E3779B97F4A7C15ULL)) {
    Next();
  }
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi), from the top 53 bits.
  double Uniform(double lo, double hi) {
    return lo + (hi - lo) * static_cast<double>(Next() >> 11) * 0x1.0p-53;
  }
  int Int(int lo, int hi_inclusive) {
    return lo + static_cast<int>(Next() % static_cast<std::uint64_t>(hi_inclusive - lo + 1));
  }
  bool Chance(double p) { return Uniform(0, 1) < p; }

 private:
  std::uint64_t state_;
};

double Round(double pounds) { return std::round(pounds); }

std::string AuthorityName(int authority) { return absl::StrFormat("Synthetic Authority %03d", authority); }
risk::Region AuthorityRegion(int authority) {
  return risk::kAllRegions[static_cast<std::size_t>(authority) % risk::kAllRegions.size()];
}

}  // namespace

Date SyntheticAsOf() { return Date(31, QuantLib::March, 2026); }

risk::ProviderData SyntheticProvider(const SyntheticMarketOptions& options, int index) {
  Draws draw(options.seed, static_cast<std::uint64_t>(index));
  risk::ProviderData data;
  const std::string id = absl::StrFormat("S%06d", index);

  risk::Provider& provider = data.provider;
  provider.provider_id = id;
  provider.name = absl::StrCat("Synthetic Care ", id, " Ltd");
  provider.companies_house_number = absl::StrFormat("SY%06d", index % 1'000'000);
  const double kind_draw = draw.Uniform(0, 1);
  provider.kind = kind_draw < 0.70   ? risk::ProviderKind::kChildrensHomes
                  : kind_draw < 0.95 ? risk::ProviderKind::kIndependentFosteringAgency
                                     : risk::ProviderKind::kBoth;
  const double owner_draw = draw.Uniform(0, 1);
  provider.ownership = owner_draw < 0.30   ? risk::Ownership::kPrivateEquity
                       : owner_draw < 0.35 ? risk::Ownership::kListed
                       : owner_draw < 0.85 ? risk::Ownership::kOtherPrivate
                                           : risk::Ownership::kVoluntary;
  // One provider in five belongs to a group of four consecutive providers.
  if (draw.Chance(0.20)) provider.parent_group = absl::StrFormat("SG%05d", index / 4);
  provider.company_status =
      draw.Chance(0.002) ? risk::CompanyStatus::kAdministration : risk::CompanyStatus::kActive;
  provider.provenance.source = "bench/market/synthetic_market.cc";

  const bool private_equity = provider.ownership == risk::Ownership::kPrivateEquity;
  // Revenue log-uniform from £1m to £100m: many small providers, a few large.
  double revenue = std::exp(draw.Uniform(std::log(1e6), std::log(1e8)));
  const double target_margin = draw.Uniform(-0.06, 0.30);  // operating margin, around CMA's ~20%
  const double leverage = private_equity ? draw.Uniform(3.0, 8.5) : draw.Uniform(0.3, 4.0);
  const double rent_share = draw.Uniform(0.02, 0.08);
  const double tangible_share = draw.Uniform(0.2, 1.0);
  const double floating_margin = draw.Uniform(0.035, 0.065);
  const double fixed_rate = draw.Uniform(0.045, 0.08);

  // Accounts: consecutive years to 31 March, the latest ending a year before as_of.
  const int years = options.years_of_accounts;
  double debt = 0;
  for (int y = 0; y < years; ++y) {
    const int end_year = SyntheticAsOf().year() - 1 - (years - 1 - y);
    risk::Accounts a;
    a.provider_id = id;
    a.period.start = Date(1, QuantLib::April, end_year - 1);
    a.period.end = Date(31, QuantLib::March, end_year);
    a.filing_date = a.period.end + 8 * Months;  // inside the 9-month deadline
    revenue *= draw.Uniform(0.95, 1.10);
    const double margin = std::clamp(target_margin + draw.Uniform(-0.03, 0.03), -0.10, 0.32);
    const double da = revenue * 0.03;
    const double rent = revenue * rent_share;
    const double ebitda = revenue * margin + da;
    const double staff = revenue * 0.55;
    const double other = revenue - staff - rent - ebitda;  // >= 4% of revenue by the bounds above
    debt = leverage * std::max(ebitda, 0.05 * revenue);
    const double interest = debt * (floating_margin + 0.03);
    const double operating_profit = ebitda - da;
    const double pbt = operating_profit - interest;
    const double net_income = pbt > 0 ? pbt * 0.75 : pbt;  // 25% corporation tax on profits
    const double cash = revenue * draw.Uniform(0.02, 0.15);
    const double current_assets = cash + revenue * 0.10;
    const double current_liabilities = revenue * draw.Uniform(0.08, 0.20);
    const double tangible = revenue * tangible_share;
    const double intangible = private_equity ? debt * 0.6 : revenue * 0.05;
    const double leases = rent * 5;
    const double total_assets = current_assets + tangible + intangible;
    const double total_liabilities = current_liabilities + debt + leases;

    a.revenue = Round(revenue);
    a.staff_costs = Round(staff);
    a.other_operating_costs = Round(other);
    a.rent_costs = Round(rent);
    a.ebitda = Round(ebitda);
    a.depreciation_amortisation = Round(da);
    a.operating_profit = Round(operating_profit);
    a.interest_payable = Round(interest);
    a.profit_before_tax = Round(pbt);
    a.net_income = Round(net_income);
    a.funds_from_operations = Round(net_income + da);
    a.cash = Round(cash);
    a.current_assets = Round(current_assets);
    a.current_liabilities = Round(current_liabilities);
    a.total_assets = Round(total_assets);
    a.total_liabilities = Round(total_liabilities);
    a.borrowings = Round(debt);
    a.lease_liabilities = Round(leases);
    a.net_assets = *a.total_assets - *a.total_liabilities;
    a.retained_earnings = *a.net_assets - Round(revenue * 0.01);
    a.tangible_fixed_assets = Round(tangible);
    a.intangible_assets = Round(intangible);
    a.going_concern_uncertainty = margin < 0 && draw.Chance(0.2);
    a.provenance.source = provider.provenance.source;

    if (options.related_party_flows) {
      risk::RelatedPartyFlows flows;
      flows.provider_id = id;
      flows.period = a.period;
      flows.management_charges = private_equity ? Round(revenue * 0.02) : 0;
      flows.connected_rent = draw.Chance(0.3) ? Round(rent * 0.5) : 0;
      flows.shareholder_loan_interest = private_equity ? Round(debt * 0.02) : 0;
      flows.dividends = net_income > 0 && !private_equity ? Round(net_income * 0.3) : 0;
      flows.provenance.source = provider.provenance.source;
      data.related_party_flows.push_back(std::move(flows));
    }
    data.accounts.push_back(std::move(a));
  }

  // Facilities: the latest year's debt split between a floating term loan
  // with a leverage covenant, a revolving credit facility, a fixed-rate loan
  // with an interest-cover covenant, and further floating tranches.
  const int facilities = options.facilities_per_provider;
  for (int f = 0; f < facilities; ++f) {
    risk::DebtFacility facility;
    facility.provider_id = id;
    facility.facility_id = absl::StrCat("F", f + 1);
    facility.lender = absl::StrCat("Synthetic Lender ", (index + f) % 40 + 1);
    const double share = facilities == 1 ? 1.0 : (f == 0 ? 0.5 : 0.5 / (facilities - 1));
    const double drawn = std::max(1.0, Round(debt * share));
    facility.start_date = Date(draw.Int(1, 28), static_cast<QuantLib::Month>(draw.Int(1, 12)),
                               draw.Int(2019, 2024));
    // Maturities from 3 months to 5.5 years after as_of: some inside the
    // 12-month refinancing horizon, none already past.
    facility.maturity_date = SyntheticAsOf() + draw.Int(3, 66) * Months;
    const int role = f % 3;
    if (role == 1) {  // revolver: partly drawn
      facility.committed = Round(drawn * draw.Uniform(1.2, 2.5));
      facility.drawn = drawn;
      facility.rate_type = risk::RateType::kFloating;
      facility.margin = floating_margin - 0.01;
    } else if (role == 2) {  // fixed-rate amortising loan with an interest-cover covenant
      facility.committed = drawn;
      facility.drawn = drawn;
      facility.rate_type = risk::RateType::kFixed;
      facility.fixed_rate = fixed_rate;
      facility.amortisation_per_year = Round(drawn * 0.05);
      facility.covenant.min_interest_cover = draw.Uniform(1.5, 3.0);
      facility.covenant.test_frequency_months = 6;
      facility.covenant.first_test_date = facility.start_date + 6 * Months;
    } else {  // floating term loan with a leverage covenant
      facility.committed = drawn;
      facility.drawn = drawn;
      facility.rate_type = risk::RateType::kFloating;
      facility.margin = floating_margin;
      facility.covenant.max_net_leverage = leverage * draw.Uniform(1.05, 1.6) + 0.5;
      facility.covenant.test_frequency_months = 3;
      facility.covenant.first_test_date = facility.start_date + 3 * Months;
    }
    facility.provenance.source = provider.provenance.source;
    data.facilities.push_back(std::move(facility));
  }

  // Settings and placement returns over a few nearby authorities.
  const int home_authority = draw.Int(0, kSyntheticLocalAuthorities - 1);
  const bool fostering = provider.kind == risk::ProviderKind::kIndependentFosteringAgency;
  const double weekly_fee = fostering ? draw.Uniform(700, 950) : draw.Uniform(3200, 4600);
  for (int s = 0; s < options.settings_per_provider; ++s) {
    const int authority = (home_authority + s * 9) % kSyntheticLocalAuthorities;  // same region
    risk::Setting setting;
    setting.provider_id = id;
    setting.urn = absl::StrFormat("SC%06d",
                                  (index * options.settings_per_provider + s) % 1'000'000);
    setting.type = fostering ? risk::SettingType::kFosteringAgency : risk::SettingType::kChildrensHome;
    setting.name = "REDACTED";
    setting.local_authority = AuthorityName(authority);
    setting.region = AuthorityRegion(authority);
    setting.registered_places = fostering ? 0 : draw.Int(2, 6);
    setting.latest_judgement = static_cast<risk::InspectionJudgement>(draw.Int(1, 4));
    setting.provenance.source = provider.provenance.source;
    data.settings.push_back(std::move(setting));
  }
  for (int p = 0; p < options.placing_authorities_per_provider; ++p) {
    const int authority = (home_authority + p * 9) % kSyntheticLocalAuthorities;
    risk::PlacementReturn placement;
    placement.provider_id = id;
    placement.as_of = SyntheticAsOf();
    placement.placing_local_authority = AuthorityName(authority);
    placement.region = AuthorityRegion(authority);
    placement.setting_type =
        fostering ? risk::SettingType::kFosteringAgency : risk::SettingType::kChildrensHome;
    placement.children_placed = draw.Int(1, fostering ? 40 : 12);
    placement.registered_places = placement.children_placed + draw.Int(0, 3);
    placement.average_weekly_fee = Round(weekly_fee);
    placement.provenance.source = provider.provenance.source;
    data.placements.push_back(std::move(placement));
  }

  if (provider.ownership == risk::Ownership::kListed && !data.accounts.empty()) {
    const risk::Accounts& latest = data.accounts.back();
    const double equity = 10.0 * std::max(*latest.ebitda, 0.05 * *latest.revenue) - debt;
    if (equity > 0) {
      risk::EquityObservation observation;
      observation.provider_id = id;
      observation.as_of = SyntheticAsOf() - 1 * Months;
      observation.equity_value = Round(equity);
      observation.equity_volatility = draw.Uniform(0.25, 0.55);
      observation.basis = "synthetic market capitalisation";
      observation.provenance.source = provider.provenance.source;
      data.equity_observations.push_back(std::move(observation));
    }
  }
  return data;
}

std::vector<risk::ProviderData> SyntheticMarket(const SyntheticMarketOptions& options) {
  std::vector<risk::ProviderData> market;
  market.reserve(static_cast<std::size_t>(std::max(0, options.providers)));
  for (int i = 0; i < options.providers; ++i) market.push_back(SyntheticProvider(options, i));
  return market;
}

}  // namespace oversight::bench
