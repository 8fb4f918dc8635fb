#pragma once
// Financial resilience of one provider at a date: leverage, cover, the
// QuantLib debt-service projection, liquidity, refinancing wall, covenant
// headroom and the solvency and filing flags. Entry point for the assessor
// and the stress tests.

#include <vector>

#include "absl/status/statusor.h"
#include "risk/assessment/assessment.h"
#include "risk/config/risk_config.h"
#include "risk/domain/iso_date.h"
#include "risk/domain/provider_data.h"
#include "risk/profitability/measured.h"
#include "risk/resilience/debt_service.h"
#include "risk/resilience/liquidity.h"
#include "risk/resilience/solvency_flags.h"
#include "risk/resilience/sonia_curve.h"

namespace oversight::risk {

struct Resilience {
  const Accounts* accounts = nullptr;  // latest public accounts used; nullptr when none
  Measured ebitda;
  Measured ebitdar;
  Measured net_debt;             // covenant definition, see NetDebt
  Measured net_debt_to_ebitda;
  // Interest used for cover: reported interest payable, plus the change in
  // projected 12-month floating interest when a scenario curve is applied.
  Measured interest_for_cover;
  Measured interest_cover;       // EBITDA / interest_for_cover
  Measured fixed_charge_cover;   // EBITDAR / (interest_for_cover + rent)
  // On the scenario curve when stressed. Window totals only (payments are
  // empty, for speed): call ProjectDebtService for the payment schedule.
  DebtServiceProjection debt_service;
  RefinancingWall refinancing;
  Pounds available_undrawn = 0;
  Measured liquidity_headroom;
  std::vector<CovenantHeadroom> covenants;  // per facility, per covenant
  Measured net_tangible_assets;
  bool negative_net_tangible_assets = false;
  bool going_concern_uncertainty = false;
  AccountsOverdue accounts_overdue;
};

// Fails only on facilities that fail validation or when QuantLib throws
// (status names the facility); missing figures give absent measures. The
// result points into `data`, which must outlive it.
// `checks`: see ProjectDebtService; kAlreadyValidated only when every
// facility of `data` has passed ValidateDebtFacility.
// `discount_factors`: see ProjectDebtService.
absl::StatusOr<Resilience> AssessResilience(const ProviderData& data,
                                            const ResilienceConfig& config,
                                            const SoniaCurves& curves, Date as_of,
                                            FacilityChecks checks = FacilityChecks::kValidate,
                                            DiscountFactorMemo* discount_factors = nullptr);

// The same when the caller already has `baseline_interest_12m`, the next 12
// months' interest of data.facilities on curves.baseline (the stress module
// assesses each provider under several scenarios on one baseline): under a
// scenario curve the baseline is then not projected again.
absl::StatusOr<Resilience> AssessResilience(const ProviderData& data, const ResilienceConfig& config,
                                            const SoniaCurves& curves, Date as_of, FacilityChecks checks,
                                            double baseline_interest_12m);

// The same from a debt-service projection already made: `projection` of
// data.facilities on curves.projection() (window totals), `interest_shift`
// its next-12-month interest less the same on the baseline curve (0 when not
// stressed). For callers that assess one provider on many curves and can
// reuse a projection, such as the stress module's breaking-point search.
Resilience AssessResilienceFromProjection(const ProviderData& data, const ResilienceConfig& config,
                                          DebtServiceProjection projection, double interest_shift, Date as_of);

// The two limits a stress can break, computed as AssessResilienceFromProjection
// computes them, and nothing else: the stress module's breaking-point search
// evaluates them dozens of times per provider.
struct ResilienceLimits {
  Measured liquidity_headroom;
  std::vector<CovenantHeadroom> covenants;  // per facility, per covenant, in facility order
};
ResilienceLimits AssessResilienceLimits(const ProviderData& data, const ResilienceConfig& config,
                                        const DebtServiceProjection& projection, double interest_shift,
                                        Date as_of);

}  // namespace oversight::risk
