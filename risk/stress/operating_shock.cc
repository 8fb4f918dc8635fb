#include "risk/stress/operating_shock.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "risk/profitability/profitability.h"
#include "risk/resilience/debt_service.h"

namespace oversight::risk {
namespace {

void Shift(std::optional<Pounds>& figure, double change) {
  if (figure) *figure += change;
}

}  // namespace

absl::Status ValidateScenario(const StressScenario& s) {
  auto bad = [](absl::string_view field, absl::string_view why, double value) {
    return absl::InvalidArgumentError(absl::StrCat("scenario.", field, ": ", why, " (got ", value, ")"));
  };
  if (!std::isfinite(s.sonia_shift_bp)) return bad("sonia_shift_bp", "must be a number", s.sonia_shift_bp);
  if (!std::isfinite(s.occupancy_fall) || s.occupancy_fall < 0 || s.occupancy_fall > 1) {
    return bad("occupancy_fall", "must be a fraction in [0, 1], e.g. 0.10", s.occupancy_fall);
  }
  if (!std::isfinite(s.fee_growth) || s.fee_growth <= -1) {
    return bad("fee_growth", "must be a number above -1, e.g. 0.02", s.fee_growth);
  }
  if (!std::isfinite(s.wage_inflation) || s.wage_inflation <= -1) {
    return bad("wage_inflation", "must be a number above -1, e.g. 0.05", s.wage_inflation);
  }
  return absl::OkStatus();
}

absl::StatusOr<ProviderData> ApplyOperatingShock(const ProviderData& data, const StressScenario& scenario,
                                                 double intensity, const StressConfig& config, Date as_of,
                                                 const YieldCurveHandle& baseline,
                                                 const YieldCurveHandle& scenario_curve, OperatingShock* out) {
  double interest_change = 0;
  if (scenario.sonia_shift_bp != 0 && !data.facilities.empty()) {
    absl::StatusOr<DebtServiceProjection> base =
        ProjectDebtService(data.facilities, as_of, baseline, DebtServiceDetail::kTotalsOnly);
    if (!base.ok()) return base.status();
    absl::StatusOr<DebtServiceProjection> stressed =
        ProjectDebtService(data.facilities, as_of, scenario_curve, DebtServiceDetail::kTotalsOnly);
    if (!stressed.ok()) return stressed.status();
    interest_change = stressed->next_12m.interest - base->next_12m.interest;
  }
  return ApplyOperatingShock(data, scenario, intensity, config, as_of, interest_change, out);
}

ProviderData ApplyOperatingShock(const ProviderData& data, const StressScenario& scenario, double intensity,
                                 const StressConfig& config, Date as_of, double interest_change,
                                 OperatingShock* out) {
  ProviderData shocked = data;
  const Accounts* latest = LatestAccounts(data.accounts, as_of);
  if (latest == nullptr) {
    if (out != nullptr) {
      *out = OperatingShock{};
      out->interest_change = interest_change;
      out->note = "no accounts on or before the assessment date: operating figures not stressed";
    }
    return shocked;
  }
  Accounts& a = shocked.accounts[static_cast<std::size_t>(latest - data.accounts.data())];
  OperatingShock shock = ShockAccounts(a, scenario, intensity, config, interest_change);
  if (out != nullptr) *out = std::move(shock);
  return shocked;
}

OperatingShock ShockAccounts(Accounts& a, const StressScenario& scenario, double intensity,
                             const StressConfig& config, double interest_change) {
  OperatingShock shock;
  shock.interest_change = interest_change;

  const double f = intensity * scenario.occupancy_fall;
  const double g = intensity * scenario.fee_growth;
  const double w = intensity * scenario.wage_inflation;
  if (a.revenue) {
    const double revenue = *a.revenue * (1 - f) * (1 + g);
    shock.revenue_change = revenue - *a.revenue;
    a.revenue = revenue;
  } else if (f != 0 || g != 0) {
    shock.note = "revenue missing: the fall in fees cannot be stressed";
  }
  double cost_change = 0;
  if (a.staff_costs) {
    const double staff = *a.staff_costs * (1 - config.staff_cost_elasticity * f) * (1 + w);
    cost_change += staff - *a.staff_costs;
    a.staff_costs = staff;
  } else if (w != 0 || f != 0) {
    absl::StrAppend(&shock.note, shock.note.empty() ? "" : "; ",
                    "staff_costs missing: wage inflation and staff savings not stressed");
  }
  if (a.other_operating_costs) {
    const double other = *a.other_operating_costs * (1 - config.other_cost_elasticity * f);
    cost_change += other - *a.other_operating_costs;
    a.other_operating_costs = other;
  }
  shock.ebitda_change = shock.revenue_change - cost_change;

  Shift(a.ebitda, shock.ebitda_change);
  Shift(a.operating_profit, shock.ebitda_change);
  const double pre_tax_change = shock.ebitda_change - shock.interest_change;
  // Reported interest payable stays as filed: the resilience module adds the
  // curve's change to the interest its cover ratios use.
  Shift(a.profit_before_tax, pre_tax_change);
  Shift(a.net_income, pre_tax_change);
  Shift(a.funds_from_operations, pre_tax_change);

  // The year's change in cash flow moves cash and equity together; a loss
  // beyond the cash held becomes an overdraft.
  if (pre_tax_change != 0 && a.cash) {
    const double cash_after = *a.cash + pre_tax_change;
    const double cash_used = std::min(*a.cash, -pre_tax_change);
    if (cash_after >= 0) {
      Shift(a.current_assets, pre_tax_change);
      Shift(a.total_assets, pre_tax_change);
      a.cash = cash_after;
    } else {
      const double overdraft = -cash_after;
      Shift(a.current_assets, -cash_used);
      Shift(a.total_assets, -cash_used);
      Shift(a.current_liabilities, overdraft);
      Shift(a.total_liabilities, overdraft);
      Shift(a.borrowings, overdraft);
      a.cash = 0.0;
    }
    Shift(a.net_assets, pre_tax_change);
    Shift(a.retained_earnings, pre_tax_change);
  }
  return shock;
}

}  // namespace oversight::risk
