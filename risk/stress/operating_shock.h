#pragma once
// A stress scenario's effect on a provider's latest accounts over a one-year
// horizon, at a fraction (`intensity`, 0..1) of the scenario's severity so
// that RunStress can find which limit breaks first.
//
// With f = intensity x occupancy_fall, g = intensity x fee_growth,
// w = intensity x wage_inflation and the StressConfig elasticities e_s, e_o:
//   revenue'      = revenue x (1 - f) x (1 + g)
//   staff costs'  = staff x (1 - e_s f) x (1 + w)
//   other costs'  = other x (1 - e_o f)
//   rent'         = rent (fixed)
//   dEBITDA       = (revenue' - revenue) - (staff' - staff) - (other' - other)
// plus, for a SONIA shift, dInterest = the change in projected floating
// interest over the next 12 months (the resilience module's debt-service
// projection on the shifted curve less the same on the baseline).
// EBITDA, operating profit, profit before tax, net income and funds from
// operations move by dEBITDA (and the pre-tax, net and FFO lines by
// -dInterest): no tax shield is assumed, which is conservative. The year's
// loss of cash flow is drawn from cash (cash, current and total assets, net
// assets and retained earnings fall together); beyond the cash held it is
// financed by an overdraft (current and total liabilities rise), so the
// balance sheet still balances and liquidity headroom falls by the loss.
// Placement returns are left as they are: the stress tests the provider's
// finances against the children it houses today.
#include <string>

#include "absl/status/statusor.h"
#include "risk/config/risk_config.h"
#include "risk/domain/provider_data.h"
#include "risk/resilience/sonia_curve.h"
#include "risk/stress/stress_scenario.h"

namespace oversight::risk {

struct OperatingShock {
  double revenue_change = 0;     // pounds, signed
  double ebitda_change = 0;      // pounds, signed
  double interest_change = 0;    // pounds, signed (positive = more interest)
  std::string note;              // what could not be stressed and why
};

// INVALID_ARGUMENT naming the field for a scenario outside its domain
// (occupancy_fall outside [0, 1], fee_growth or wage_inflation <= -1, a
// non-finite number).
absl::Status ValidateScenario(const StressScenario& scenario);

// Returns the shocked copy of `data`; `shock` (optional) receives the changes.
// `baseline` and `scenario_curve` are the curves the interest change is
// projected on. Fails only when the debt-service projection fails.
absl::StatusOr<ProviderData> ApplyOperatingShock(const ProviderData& data, const StressScenario& scenario,
                                                 double intensity, const StressConfig& config, Date as_of,
                                                 const YieldCurveHandle& baseline,
                                                 const YieldCurveHandle& scenario_curve,
                                                 OperatingShock* shock = nullptr);

// The same with the interest change already projected: `interest_change` is
// the next 12 months' floating interest of data.facilities on the scenario
// curve less the same on the baseline (0 without a SONIA shift or without
// facilities). For the breaking-point search, which reuses the projections.
ProviderData ApplyOperatingShock(const ProviderData& data, const StressScenario& scenario, double intensity,
                                 const StressConfig& config, Date as_of, double interest_change,
                                 OperatingShock* shock = nullptr);

// The shock itself, on one accounts record in place (the latest accounts,
// as ApplyOperatingShock finds them): the figures above move, and the
// returned OperatingShock carries the changes and the note. For the
// breaking-point search, which shocks one record of a copy it keeps.
OperatingShock ShockAccounts(Accounts& accounts, const StressScenario& scenario, double intensity,
                             const StressConfig& config, double interest_change);

}  // namespace oversight::risk
