#pragma once
// The combined one-year probability of default: one number from the models
// and the adverse flags, additive in log-odds so that each factor's
// contribution can be shown and the contributions sum to the result.
//
//   L = logit(prior)                                   "prior"
//     + sum_m w_m / W x (logit(PD_m) - logit(prior))   one per model present
//     + sum_k c_k x [flag_k]                           one per adverse flag set
//   PD = 1 / (1 + e^{-L})
//
// w_m are PdCombinationConfig's model weights and W their sum over the models
// present, so with every model present the model part is a weighted mean of
// the models' log-odds, and with none the prior stands. The Altman zone enters
// through AltmanZonePds. A business-failure event (administration,
// liquidation...) means failure is happening: PD = 1 and L = +infinity.
// Weights and increments are documented in failure_model_config.h.

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "risk/assessment/explanation.h"
#include "risk/default/altman_z_score.h"
#include "risk/default/failure_model_config.h"

namespace oversight::risk {

// Everything the combination reads. The assessor fills it from the models
// and the resilience measures; absent models are left out, not taken as 0.
struct DefaultEvidence {
  std::optional<double> merton_pd;          // one-year, in [0, 1]
  std::optional<double> ohlson_pd;          // in [0, 1]
  std::optional<AltmanZone> altman_zone;
  bool going_concern_uncertainty = false;
  bool covenant_breached = false;
  bool liquidity_headroom_negative = false;
  bool refinancing_without_liquidity = false;  // debt due within 12 months, liquidity cannot repay it
  bool negative_net_tangible_assets = false;
  bool accounts_overdue = false;
  bool business_failure = false;
};

inline constexpr char kLogOddsScale[] = "log-odds of one-year default";

struct CombinedPd {
  double pd = 0;        // in [0, 1]
  double log_odds = 0;  // +infinity when business_failure
  // One per factor that entered, in the order above; `value` is the factor's
  // own figure (a PD, or 1 for a flag), `contribution` its log-odds term,
  // `scale` kLogOddsScale. The contributions sum to log_odds.
  std::vector<FactorContribution> contributions;
};

// INVALID_ARGUMENT naming the field when a model PD is outside [0, 1] or not
// finite, or when the config has a prior outside (0, 1), a negative weight or
// a negative flag increment.
absl::StatusOr<CombinedPd> CombineDefaultEvidence(const DefaultEvidence& evidence,
                                                  const PdCombinationConfig& config = {});

// logit(p) = ln(p / (1 - p)) and its inverse, for callers that explain PDs.
double LogOdds(double pd);
double PdFromLogOdds(double log_odds);

}  // namespace oversight::risk
