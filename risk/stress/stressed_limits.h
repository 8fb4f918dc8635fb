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
#include "risk/stress/shocked_records.h"
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
// four times. Copies the provider's point-in-time records once (or shares
// a copy: ShockedRecords) and, at each severity, shocks only their latest
// accounts in place instead of copying the provider. Work is done on first need, so an instance that is never
// asked costs nothing. Holds references: `data`, `config`, `scenario` and
// `baseline` must outlive it. Not safe for concurrent use (QuantLib curves,
// and the copy it shocks).
class StressedLimits {
 public:
  StressedLimits(const ProviderData& data, const RiskConfig& config, const StressScenario& scenario, Date as_of,
                 const SoniaCurves& baseline);
  // For a caller that has already assessed `data` successfully at as_of
  // (AssessProviderOnCurves validates its inputs first, so they passed
  // ValidateProviderInputs): the same, without validating them again.
  // `records`, when given for the same `data` and as_of, is shared with
  // other scenarios of the provider instead of a copy of its own.
  struct InputsValidated {};
  StressedLimits(const ProviderData& data, const RiskConfig& config, const StressScenario& scenario, Date as_of,
                 const SoniaCurves& baseline, InputsValidated, ShockedRecords* records = nullptr);

  // ApplyOperatingShock at `intensity` on StressCurves(baseline, ...), then
  // the same input validation, point-in-time selection and resilience
  // assessment as AssessProviderOnCurves. Fails as that assessment would:
  // INVALID_ARGUMENT for inputs that fail validation, a resilience failure
  // prefixed with the provider id, INTERNAL if QuantLib throws.
  absl::StatusOr<LimitFigures> At(double intensity) const;

  // The interest change ApplyOperatingShock projects at `intensity`: the
  // next 12 months' floating interest of data.facilities on the shifted
  // curve less the same on the baseline (0 without a SONIA shift or without
  // facilities), reusing the baseline projection. Fails as that projection
  // would (INTERNAL if QuantLib throws).
  absl::StatusOr<double> InterestChange(double intensity) const;

  // The next 12 months' interest of the facilities live at as_of (the
  // point-in-time facilities ShockedInputs' records hold) on the baseline
  // curve: what a full assessment of those records under a shifted curve
  // would project again (AssessOptions::baseline_interest_12m).
  absl::StatusOr<double> BaselineLiveInterest12m() const;

  // The debt service of ShockedInputs' records on the baseline curve
  // (window totals, kept per provider by its ShockedRecords): what a full
  // assessment of those records on unshifted curves would project again
  // (AssessOptions::baseline_debt_service). nullptr where ShockedInputs
  // gives no records or the projection fails (the assessment then makes
  // and reports it).
  const DebtServiceProjection* ShockedInputsBaselineDebtService() const;

  // StressCurves(baseline, scenario, intensity), the shifted curve moved
  // rather than rebuilt where the baseline allows (the thread's
  // ShiftableSoniaCurve). Valid until the next call of this, At() or
  // InterestChange() on this thread, which may move it.
  SoniaCurves CurvesAt(double intensity) const;

  // For a full assessment of the shock at `intensity` with
  // `interest_change` (InterestChange): the shocked point-in-time records
  // (ShockedRecords), on which AssessProviderOnCurves gives what it gives
  // on ApplyOperatingShock's copy; nullptr where the caller must make that
  // copy (inputs not known valid, no latest accounts, shocked accounts that
  // fail validation). `shock` (optional) receives the changes. Valid until
  // the next call of this or At().
  const ProviderData* ShockedInputs(double intensity, double interest_change, OperatingShock* shock) const;

 private:
  // The interest change at `curves`; with `shifted_all` the projection of
  // all facilities on the shifted curve, when one was made.
  absl::StatusOr<double> InterestChangeOn(const SoniaCurves& curves,
                                          std::optional<DebtServiceProjection>* shifted_all) const;
  const absl::StatusOr<DebtServiceProjection>& BaselineAll() const;
  const absl::StatusOr<DebtServiceProjection>& BaselineLive() const;
  // The point-in-time copy the fast path shocks: the shared one, or one of
  // its own made on first use.
  ShockedRecords& Records() const;
  // The provider's facilities need no second check once its inputs are valid.
  FacilityChecks Checks() const {
    return inputs_valid_ ? FacilityChecks::kAlreadyValidated : FacilityChecks::kValidate;
  }

  const ProviderData& data_;
  const RiskConfig& config_;
  const StressScenario& scenario_;
  Date as_of_;
  const SoniaCurves& baseline_;
  bool facilities_filtered_ = false;  // some facilities are not live at as_of
  // Whether `data` passes ValidateProviderInputs: validation is per record,
  // so a shocked copy of valid inputs is valid exactly when its shocked
  // (latest) accounts record is.
  bool inputs_valid_ = false;
  // data.facilities on the baseline curve (with a SONIA shift), and the
  // facilities live at as_of on it: next-12-month totals only.
  mutable std::optional<absl::StatusOr<DebtServiceProjection>> baseline_all_;
  mutable std::optional<absl::StatusOr<DebtServiceProjection>> baseline_live_;
  ShockedRecords* shared_records_ = nullptr;
  mutable std::optional<ShockedRecords> own_records_;
};

// StressedLimits(...).At(intensity): for one severity.
absl::StatusOr<LimitFigures> StressedLimitFigures(const ProviderData& data, const RiskConfig& config,
                                                  const StressScenario& scenario, double intensity, Date as_of,
                                                  const SoniaCurves& baseline);

}  // namespace oversight::risk
