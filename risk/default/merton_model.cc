#include "risk/default/merton_model.h"

#include <cmath>
#include <exception>
#include <optional>

#include <ql/errors.hpp>
#include <ql/math/distributions/normaldistribution.hpp>
#include <ql/math/solvers1d/brent.hpp>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace oversight::risk {
namespace {

absl::Status RequirePositive(double value, absl::string_view field) {
  if (!std::isfinite(value) || value <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("merton.", field, ": must be a positive finite number, got ", value));
  }
  return absl::OkStatus();
}

// The two Merton equations reduced to one in d2. With K = D e^{-rT},
// c = sigmaE sqrt(T) E and s = sigmaV sqrt(T), equation (2) gives
// V N(d1) = c / s; substituted into (1), c / s = E + K N(d2). So for a given
// d2: s = c / (E + K N(d2)), d1 = d2 + s, V = (E + K N(d2)) / N(d1). What
// remains is the definition of d1 itself:
//   h(d2) = s d1 - ln(V / K) - s^2 / 2 = 0.
// h -> -infinity as d2 -> -infinity (V -> infinity) and is positive for large
// d2 unless the debt is almost riskless, so Brent gets an analytic bracket.
// Working in d2 rather than V or sigmaV keeps full precision in both tails
// (N(d2) of a very negative d2 is a small number, not 1 minus one), needs no
// inverse normal, and avoids nesting two solvers (V given sigmaV inside a
// solve for sigmaV), which would cost an order of magnitude more
// evaluations.
class ReducedMertonEquation {
 public:
  ReducedMertonEquation(double c, double equity, double discounted_debt, int* evaluations)
      : c_(c), equity_(equity), k_(discounted_debt), ln_k_(std::log(discounted_debt)),
        evaluations_(evaluations) {}

  double operator()(double d2) const {
    ++*evaluations_;
    const double call_delta_value = equity_ + k_ * cdf_(d2);  // V N(d1)
    const double s = c_ / call_delta_value;
    const double d1 = d2 + s;
    const double ln_v = std::log(call_delta_value) - std::log(cdf_(d1));
    return s * d1 - (ln_v - ln_k_) - 0.5 * s * s;
  }

  double ScaledVolatility(double d2) const { return c_ / (equity_ + k_ * cdf_(d2)); }
  double AssetValue(double d2) const {
    return (equity_ + k_ * cdf_(d2)) / cdf_(d2 + ScaledVolatility(d2));
  }

 private:
  double c_, equity_, k_, ln_k_;
  int* evaluations_;
  QuantLib::CumulativeNormalDistribution cdf_;
};

// |d2| beyond which N(d2) or N(-d2) underflows towards the smallest doubles.
constexpr double kMaxAbsD2 = 37.0;

// Where the search for d2 starts: the textbook shortcut that takes assets as
// equity plus discounted debt, V = E + K, with sigmaV = sigmaE E / V, so
// s = c / V and d2 = (ln(V / K) - s^2 / 2) / s. It is close to the root for
// all but the most leveraged providers, and QuantLib's bracketing from it
// takes half the evaluations a bracket of [-37, 37] does.
double ShortcutD2(double c, double equity, double discounted_debt) {
  const double assets = equity + discounted_debt;
  const double s = c / assets;
  return (std::log(assets / discounted_debt) - 0.5 * s * s) / s;
}

}  // namespace

absl::StatusOr<MertonResult> SolveMerton(const MertonInputs& in) {
  for (const auto& [value, field] :
       {std::pair<double, absl::string_view>{in.equity_value, "equity_value"},
        {in.equity_volatility, "equity_volatility"},
        {in.debt_face, "debt_face"},
        {in.horizon_years, "horizon_years"}}) {
    if (absl::Status status = RequirePositive(value, field); !status.ok()) return status;
  }
  if (!std::isfinite(in.risk_free_rate)) {
    return absl::InvalidArgumentError(
        absl::StrCat("merton.risk_free_rate: must be finite, got ", in.risk_free_rate));
  }

  const double sqrt_t = std::sqrt(in.horizon_years);
  const double k = in.debt_face * std::exp(-in.risk_free_rate * in.horizon_years);
  const double c = in.equity_volatility * sqrt_t * in.equity_value;

  MertonResult result;
  try {
    ReducedMertonEquation h(c, in.equity_value, k, &result.solver_evaluations);
    double s = 0;
    // Brent bracketing outwards from the shortcut, within [-37, 37]. Where it
    // finds no bracket there (the debt riskless to double precision, or a
    // volatility beyond the model's range) the cases below decide.
    std::optional<double> d2;
    {
      const double guess = ShortcutD2(c, in.equity_value, k);
      if (std::isfinite(guess) && std::abs(guess) < kMaxAbsD2 - 1) {
        QuantLib::Brent brent;
        brent.setMaxEvaluations(60);
        brent.setLowerBound(-kMaxAbsD2);
        brent.setUpperBound(kMaxAbsD2);
        try {
          d2 = brent.solve(h, 1e-14, guess, 0.5);
        } catch (const QuantLib::Error&) {
          d2.reset();  // no bracket within the bounds: decided below
        }
      }
    }
    if (d2) {
      s = h.ScaledVolatility(*d2);
      result.asset_value = h.AssetValue(*d2);
    } else if (h(kMaxAbsD2) <= 0) {
      // The root has d2 > 37: the debt is riskless to double precision (PD
      // below 1e-300). The solution is the limit N(d1) = N(d2) = 1:
      // V = E + D e^{-rT}, sigmaV = sigmaE E / V, exact to machine precision.
      result.asset_value = in.equity_value + k;
      s = c / result.asset_value;
    } else if (h(-kMaxAbsD2) >= 0) {
      // Only for sigmaE sqrt(T) in the tens (s must exceed about 2 x 37).
      return absl::InvalidArgumentError(absl::StrCat(
          "merton: equity_volatility x sqrt(horizon_years) = ", c / in.equity_value,
          " is beyond the model's numerical range (default certain to double precision)"));
    } else {
      QuantLib::Brent brent;
      brent.setMaxEvaluations(200);
      const double root = brent.solve(h, 1e-14, 0.0, -kMaxAbsD2, kMaxAbsD2);
      s = h.ScaledVolatility(root);
      result.asset_value = h.AssetValue(root);
    }
    result.asset_volatility = s / sqrt_t;
    const QuantLib::CumulativeNormalDistribution cdf;
    // d1 and d2 from their definitions, not from the reduction, so that the
    // reported figures are those of the textbook formulae.
    result.d1 = (std::log(result.asset_value / in.debt_face) +
                 (in.risk_free_rate + 0.5 * result.asset_volatility * result.asset_volatility) *
                     in.horizon_years) /
                s;
    result.distance_to_default = result.d1 - s;
    result.pd = cdf(-result.distance_to_default);

    // Confirm both original equations hold; the reduction is exact, so a
    // residual means the solver stopped short, which must not pass silently.
    const double equity_model =
        result.asset_value * cdf(result.d1) - k * cdf(result.distance_to_default);
    const double vol_model =
        cdf(result.d1) * result.asset_volatility * result.asset_value / in.equity_value;
    constexpr double kTolerance = 1e-7;
    if (std::abs(equity_model - in.equity_value) > kTolerance * in.equity_value ||
        std::abs(vol_model - in.equity_volatility) > kTolerance * in.equity_volatility) {
      return absl::InternalError(absl::StrCat(
          "merton: solution does not satisfy the equations (equity ", equity_model, " vs ",
          in.equity_value, ", equity volatility ", vol_model, " vs ", in.equity_volatility, ")"));
    }
  } catch (const std::exception& e) {  // QuantLib::Error and anything beneath it
    return absl::InternalError(absl::StrCat("merton: solver failed: ", e.what()));
  }

  // Debt = riskless debt - a put on the assets (Merton 1974): B = K - P with
  // P = K N(-d2) - V N(-d1). Computed from the put rather than as V - E,
  // which loses precision when equity dwarfs debt.
  const QuantLib::CumulativeNormalDistribution cdf;
  const double put = k * cdf(-result.distance_to_default) - result.asset_value * cdf(-result.d1);
  result.debt_promised_pv = k;
  result.debt_market_value = k - put;
  result.expected_loss = put / k;
  result.credit_spread =
      -std::log(result.debt_market_value / in.debt_face) / in.horizon_years - in.risk_free_rate;
  return result;
}

}  // namespace oversight::risk
