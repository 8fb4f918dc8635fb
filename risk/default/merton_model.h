#pragma once
// Merton's structural model of default (R. C. Merton, "On the Pricing of
// Corporate Debt", Journal of Finance 29, 1974), in the form of J. C. Hull,
// "Options, Futures, and Other Derivatives", credit-risk chapter ("Using
// equity prices to estimate default probabilities"). Equity is a European
// call on the firm's assets V struck at the face value of debt D due at T:
//
//   E        = V N(d1) - D e^{-rT} N(d2)                     (1)
//   sigmaE E = N(d1) sigmaV V                                (2)
//   d1 = [ln(V/D) + (r + sigmaV^2/2) T] / (sigmaV sqrt T),  d2 = d1 - sigmaV sqrt T
//
// Given the observed E and sigmaE, (1) and (2) are solved for V and sigmaV;
// distance to default = d2 and the risk-neutral PD = N(-d2). The market value
// of debt is V - E; its expected loss is 1 - (V - E) / (D e^{-rT}), the
// value of the put on the assets struck at D as a share of D e^{-rT}.
// Hull's worked example: E = 3, sigmaE = 0.80, D = 10, r = 0.05, T = 1 gives
// V = 12.40, sigmaV = 0.2123, PD = 12.7%, debt worth 9.40 against 9.51 promised,
// expected loss 1.2% (tests/risk/merton_model_test.cc).

#include <string>

#include "absl/status/statusor.h"

namespace oversight::risk {

struct MertonInputs {
  double equity_value = 0;       // E > 0, pounds
  double equity_volatility = 0;  // sigmaE > 0, annualised
  double debt_face = 0;          // D > 0, pounds due at the horizon
  double risk_free_rate = 0;     // r, continuously compounded
  double horizon_years = 1.0;    // T > 0
};

struct MertonResult {
  double asset_value = 0;           // V
  double asset_volatility = 0;      // sigmaV
  double d1 = 0;
  double distance_to_default = 0;   // d2
  double pd = 0;                    // N(-d2), risk-neutral, over the horizon
  double debt_market_value = 0;     // V - E
  double debt_promised_pv = 0;      // D e^{-rT}
  double expected_loss = 0;         // 1 - debt_market_value / debt_promised_pv
  double credit_spread = 0;         // -ln(debt_market_value / D) / T - r
  int solver_evaluations = 0;
};

// Solves (1)-(2). INVALID_ARGUMENT naming the field for a non-positive or
// non-finite input; INTERNAL if the solver fails to converge (not expected for
// valid inputs: the reduced equation is bracketed analytically).
// INVALID_ARGUMENT also when sigmaE sqrt(T) is so large (tens) that default is
// certain to double precision and the equations cannot be resolved.
absl::StatusOr<MertonResult> SolveMerton(const MertonInputs& inputs);

}  // namespace oversight::risk
