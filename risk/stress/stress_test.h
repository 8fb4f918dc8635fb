#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "risk/assessment/assessment.h"
#include "risk/config/risk_config.h"
#include "risk/domain/provider_data.h"
#include "risk/impact/market_snapshot.h"
#include "risk/resilience/sonia_curve.h"
#include "risk/stress/shocked_records.h"
#include "risk/stress/stress_scenario.h"

namespace oversight::risk {

struct StressResult {
  std::string scenario;
  // Both carry every headline figure, the reasons and the PD contributions,
  // but no Explanation::figures: a market stress runs every provider under
  // every scenario, and the figures are in the provider's own assessment.
  // The baseline is one per provider, shared by the results of all its
  // scenarios (never null in a result RunStress returns).
  std::shared_ptr<const Assessment> baseline;
  Assessment stressed;
  bool covenant_breached = false;
  bool liquidity_exhausted = false;
  std::string first_break;  // what breaks first, e.g. "covenant max_net_leverage on F1"; empty if nothing
  // Added by the stress module: the fraction of the scenario's severity
  // (0..1) at which `first_break` breaks; 0 when already broken before the
  // stress; absent when nothing breaks.
  std::optional<double> first_break_severity;
  double revenue_change = 0;    // pounds, the scenario's full effect
  double ebitda_change = 0;     // pounds
  double interest_change = 0;   // pounds over the next 12 months
  std::string note;             // what could not be stressed and why
};

// Assesses the baseline (StressBaseline) and then stresses it.
absl::StatusOr<StressResult> RunStress(const ProviderData& data, const MarketSnapshot& market,
                                       const RiskConfig& config, const StressScenario& scenario,
                                       Date as_of);

// The provider's assessment a stress starts from: AssessProviderOnCurves on
// the baseline curves with headline figures only (no Explanation::figures).
// It does not depend on the scenario, so a market stress under several
// scenarios computes it once per provider and passes it to the overload
// below. `curves` is BaselineSoniaCurves(config, as_of).
absl::StatusOr<Assessment> StressBaseline(const ProviderData& data, const MarketSnapshot& market,
                                          const RiskConfig& config, Date as_of, const SoniaCurves& curves);

// RunStress with the baseline already assessed: `baseline` must be
// StressBaseline(data, market, config, as_of, baseline_curves) and
// `baseline_curves` BaselineSoniaCurves(config, as_of); the result is then
// field for field the one of the overload above (the inputs are not
// validated again: that assessment validated them before it succeeded).
// The scenario is validated here too (ValidateScenario), so callers may
// validate it once up front or not. `records`, if given, is
// ShockedRecords(data, as_of), shared by the provider's scenarios so that
// its records are copied once, not once per scenario. QuantLib curves are
// not safe for concurrent use: one `baseline_curves` (and `records`) per
// thread.
absl::StatusOr<StressResult> RunStress(const ProviderData& data, const MarketSnapshot& market,
                                       const RiskConfig& config, const StressScenario& scenario,
                                       Date as_of, std::shared_ptr<const Assessment> baseline,
                                       const SoniaCurves& baseline_curves, ShockedRecords* records = nullptr);

}  // namespace oversight::risk
