#pragma once
// Every threshold the regime uses is configuration, not code: the Children's
// Wellbeing and Schools Act 2026 sets no numbers and leaves the financial
// oversight conditions and any profit cap to regulations. Defaults are
// documented with their basis; docs/risk-model.md lists them all.

#include <array>
#include <string>

#include "risk/default/failure_model_config.h"

namespace oversight::risk {

struct ProfitabilityConfig {
  // Cost of capital for ROCE and excess profit. The CMA's own WACC for this
  // market is not public; 9% follows the Competition Commission's private
  // healthcare market investigation (2014), which set ROCE of 18% against a
  // WACC of about 9% (shared/domain.md s.6).
  double cost_of_capital = 0.09;
  // Profit cap (CWSA 2026 s.17) expressed as a maximum operating margin after
  // related-party flows are added back. Illustrative: no cap has been set.
  double profit_cap_margin = 0.10;
};

struct ResilienceConfig {
  double covenant_headroom_warning = 0.10;  // headroom below 10% of the limit raises an alert
  int accounts_due_months = 9;              // Companies Act 2006 s.442: private companies, 9 months
  double high_leverage = 6.0;               // net debt / EBITDA above which leverage is "high"
  // Whether net debt (and so the leverage covenant test) includes lease
  // liabilities. Off by default: facility agreements usually define covenant
  // net debt on a "frozen GAAP" basis that excludes IFRS 16 / FRS 102 leases.
  bool net_debt_includes_leases = false;
};

struct DefaultModelConfig {
  // Merton inputs for unlisted providers without an equity observation:
  // equity value = multiple x EBITDA - net debt; volatility = sector proxy.
  double ebitda_multiple_for_equity = 10.0;  // below the 12.6x of the 2022 take-private (domain.md s.3)
  double sector_equity_volatility = 0.40;
  double risk_free_rate = 0.04;              // used when no SONIA curve is supplied
  // One-year PD bands for the likelihood of failure.
  double pd_medium = 0.02;
  double pd_high = 0.08;
  double pd_very_high = 0.20;
  // The failure-probability models' own settings (risk/default/).
  OhlsonConfig ohlson;
  MertonConfig merton;
  PdCombinationConfig combination;
};

struct ImpactConfig {
  double dependent_authority_share = 0.20;  // a provider placing >20% of an authority's children
  // Financial oversight conditions (CWSA 2026 s.16, new CSA 2000 s.30ZE).
  // Illustrative thresholds modelled on the CQC scheme (SI 2015/314): a
  // provider (with its group) is in scope if it meets ANY of these.
  int scope_min_settings = 20;
  int scope_min_registered_places = 400;
  int scope_min_local_authorities = 16;
  double scope_min_market_share = 0.02;     // share of children placed in England
  double high_impact_children = 200;        // children who would need new homes
  // Impact bands (risk/rating/rating_matrix.h). 50 children is about a
  // quarter of the high-impact figure: a mid-sized IFA or ten to fifteen
  // children's homes. Three dependent authorities make a failure a
  // multi-authority emergency rather than one council's problem.
  double medium_impact_children = 50;
  int very_high_impact_dependent_authorities = 3;
  int medium_impact_local_authorities = 5;  // authorities served
};

struct AlertConfig {
  double leverage_alert = 6.0;               // net debt / EBITDA
  double excess_profit_alert = 5'000'000;    // GBP above the cost of capital
  double refinancing_horizon_months = 12;
};

// How a provider's costs respond to a fall in children placed over a
// one-year stress (risk/stress/). Children's homes staff to registered
// capacity and Ofsted-approved staffing ratios, so most staff cost stays when
// a bed empties; agency cover and overtime (about a third of staff cost in
// stretched homes) flex. Food, activities, transport and education costs
// mostly follow the child. Rent and depreciation do not move.
struct StressConfig {
  double staff_cost_elasticity = 0.3;  // % fall in staff costs per % fall in children placed
  double other_cost_elasticity = 0.5;  // % fall in other operating costs per % fall in children placed
};

struct RiskConfig {
  ProfitabilityConfig profitability;
  ResilienceConfig resilience;
  DefaultModelConfig default_model;
  ImpactConfig impact;
  AlertConfig alerts;
  StressConfig stress;
  double sonia_rate = 0.0475;  // flat SONIA level used to project floating coupons
};

}  // namespace oversight::risk
