#include "risk/resilience/resilience.h"

#include <algorithm>
#include <utility>

#include "risk/profitability/ebitda.h"
#include "risk/profitability/profitability.h"
#include "risk/resilience/covenant_headroom.h"
#include "risk/resilience/leverage.h"

namespace oversight::risk {
namespace {

Measured NoAccounts() {
  return Measured::Missing("no accounts on or before the assessment date");
}

// Reported interest moved by the scenario's change in projected interest.
Measured InterestForCover(const Accounts& a, double interest_shift) {
  return a.interest_payable ? Measured::Of(std::max(0.0, *a.interest_payable + interest_shift))
                            : Measured::Missing("interest_payable missing");
}

std::vector<CovenantHeadroom> CovenantsOf(std::span<const DebtFacility> facilities, const CovenantInputs& inputs,
                                          Date as_of) {
  std::vector<CovenantHeadroom> out;
  out.reserve(2 * facilities.size());  // at most a leverage and a cover test each
  for (const DebtFacility& f : facilities) AppendCovenantTests(f, inputs, as_of, out);
  return out;
}

}  // namespace

namespace {

absl::StatusOr<Resilience> AssessOnCurves(const ProviderData& data, const ResilienceConfig& config,
                                          const SoniaCurves& curves, Date as_of, FacilityChecks checks,
                                          std::optional<double> baseline_interest_12m,
                                          DiscountFactorMemo* discount_factors = nullptr) {
  absl::StatusOr<DebtServiceProjection> projection = ProjectDebtService(
      data.facilities, as_of, curves.projection(), DebtServiceDetail::kTotalsOnly, checks, discount_factors);
  if (!projection.ok()) return projection.status();

  // Under a scenario curve, reported (historical) interest moves by the
  // change in projected floating interest over the next 12 months.
  double interest_shift = 0;
  if (curves.stressed()) {
    if (!baseline_interest_12m) {
      absl::StatusOr<DebtServiceProjection> baseline = ProjectDebtService(
          data.facilities, as_of, curves.baseline, DebtServiceDetail::kTwelveMonthTotals, checks);
      if (!baseline.ok()) return baseline.status();
      baseline_interest_12m = baseline->next_12m.interest;
    }
    interest_shift = projection->next_12m.interest - *baseline_interest_12m;
  }
  return AssessResilienceFromProjection(data, config, *std::move(projection), interest_shift, as_of);
}

}  // namespace

absl::StatusOr<Resilience> AssessResilience(const ProviderData& data, const ResilienceConfig& config,
                                            const SoniaCurves& curves, Date as_of, FacilityChecks checks,
                                            DiscountFactorMemo* discount_factors) {
  return AssessOnCurves(data, config, curves, as_of, checks, std::nullopt, discount_factors);
}

absl::StatusOr<Resilience> AssessResilience(const ProviderData& data, const ResilienceConfig& config,
                                            const SoniaCurves& curves, Date as_of, FacilityChecks checks,
                                            double baseline_interest_12m) {
  return AssessOnCurves(data, config, curves, as_of, checks, baseline_interest_12m);
}

Resilience AssessResilienceFromProjection(const ProviderData& data, const ResilienceConfig& config,
                                          DebtServiceProjection projection, double interest_shift, Date as_of) {
  Resilience out;
  out.debt_service = std::move(projection);
  out.refinancing = RefinancingWallOf(out.debt_service);
  out.available_undrawn = AvailableUndrawn(data.facilities, as_of);
  out.accounts = LatestAccounts(data.accounts, as_of);
  out.accounts_overdue = AccountsOverdueFrom(out.accounts, config, as_of);
  if (out.accounts == nullptr) {
    out.ebitda = out.ebitdar = out.net_debt = out.net_debt_to_ebitda = out.interest_for_cover =
        out.interest_cover = out.fixed_charge_cover = out.net_tangible_assets = NoAccounts();
  } else {
    const Accounts& a = *out.accounts;
    out.ebitda = Ebitda(a);
    out.ebitdar = Ebitdar(a);
    out.net_debt = NetDebt(a, config);
    out.net_debt_to_ebitda = NetDebtToEbitda(out.net_debt, out.ebitda);
    out.interest_for_cover = InterestForCover(a, interest_shift);
    out.interest_cover = InterestCover(out.ebitda, out.interest_for_cover);
    out.fixed_charge_cover = FixedChargeCover(out.ebitdar, out.interest_for_cover, a);
    out.net_tangible_assets = NetTangibleAssets(a);
    out.negative_net_tangible_assets = out.net_tangible_assets.has_value() &&
                                       *out.net_tangible_assets.value < 0;
    out.going_concern_uncertainty = a.going_concern_uncertainty;
  }
  out.liquidity_headroom =
      LiquidityHeadroom(out.accounts, data.facilities, out.debt_service, as_of);

  out.covenants = CovenantsOf(data.facilities, {out.ebitda, out.net_debt, out.interest_for_cover}, as_of);
  return out;
}

ResilienceLimits AssessResilienceLimits(const ProviderData& data, const ResilienceConfig& config,
                                        const DebtServiceProjection& projection, double interest_shift,
                                        Date as_of) {
  const Accounts* accounts = LatestAccounts(data.accounts, as_of);
  const CovenantInputs inputs =
      accounts != nullptr
          ? CovenantInputs{Ebitda(*accounts), NetDebt(*accounts, config), InterestForCover(*accounts, interest_shift)}
          : CovenantInputs{NoAccounts(), NoAccounts(), NoAccounts()};
  ResilienceLimits out;
  out.liquidity_headroom = LiquidityHeadroom(accounts, data.facilities, projection, as_of);
  out.covenants = CovenantsOf(data.facilities, inputs, as_of);
  return out;
}

}  // namespace oversight::risk
