#pragma once
// The figures a stress limit (a covenant on a facility, or liquidity) is
// judged on, at a fraction of a scenario's severity, computed through the
// resilience module alone. RunStress's search for the severity at which a
// limit breaks evaluates these dozens of times per provider; a full
// assessment (profitability, Altman, Ohlson, Merton, impact, rating) would
// give the same covenants and liquidity headroom at several times the cost.
#include <cstddef>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "risk/assessment/assessment.h"
#include "risk/config/risk_config.h"
#include "risk/domain/iso_date.h"
#include "risk/domain/provider_data.h"
#include "risk/resilience/debt_service.h"
#include "risk/resilience/sonia_curve.h"
#include "risk/stress/operating_shock.h"
#include "risk/stress/stress_scenario.h"

namespace oversight::risk {

// The curves a stress at `intensity` projects on: `baseline`'s baseline, and
// for a SONIA shift at a non-zero intensity the baseline shifted by
// intensity x sonia_shift_bp (ParallelShiftedSoniaCurve: flat when the
// baseline is, as BaselineSoniaCurves' is).
SoniaCurves StressCurves(const SoniaCurves& baseline, const StressScenario& scenario, double intensity);

// Equal, figure for figure, to Assessment::liquidity_headroom and
// Assessment::covenants of AssessProviderOnCurves on the shocked inputs.
struct LimitFigures {
  std::optional<double> liquidity_headroom;  // GBP; absent when cash is unknown
  std::vector<CovenantHeadroom> covenants;   // per facility, per covenant
};

// One provider under one scenario at any severity. Projects the debt
// service on the baseline curve once (it does not depend on the severity),
// and at each severity at most once more on the shifted curve, where the
// general path (ApplyOperatingShock, then AssessResilience) projects up to
// four times. Holds references: `data`, `config`, `scenario` and `baseline`
// must outlive it. Not safe for concurrent use (QuantLib curves).
class StressedLimits {
 public:
  StressedLimits(const ProviderData& data, const RiskConfig& config, const StressScenario& scenario, Date as_of,
                 const SoniaCurves& baseline);

  // ApplyOperatingShock at `intensity` on StressCurves(baseline, ...), then
  // the same input validation, point-in-time selection and resilience
  // assessment as AssessProviderOnCurves. Fails as that assessment would:
  // INVALID_ARGUMENT for inputs that fail validation, a resilience failure
  // prefixed with the provider id, INTERNAL if QuantLib throws.
  absl::StatusOr<LimitFigures> At(double intensity) const;

 private:
  const ProviderData& data_;
  const RiskConfig& config_;
  const StressScenario& scenario_;
  Date as_of_;
  const SoniaCurves& baseline_;
  bool facilities_filtered_ = false;  // some facilities are not live at as_of
  // Whether `data` passes ValidateProviderInputs, and which accounts record
  // the shock changes: validation is per record, so a shocked copy of valid
  // inputs is valid exactly when its shocked record is.
  bool inputs_valid_ = false;
  std::optional<std::size_t> shocked_accounts_;
  // data.facilities on the baseline curve; only with a SONIA shift.
  absl::StatusOr<DebtServiceProjection> baseline_all_;
  // The facilities live at as_of on the baseline curve.
  absl::StatusOr<DebtServiceProjection> baseline_live_;
};

// StressedLimits(...).At(intensity): for one severity.
absl::StatusOr<LimitFigures> StressedLimitFigures(const ProviderData& data, const RiskConfig& config,
                                                  const StressScenario& scenario, double intensity, Date as_of,
                                                  const SoniaCurves& baseline);

}  // namespace oversight::risk
