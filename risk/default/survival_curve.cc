#include "risk/default/survival_curve.h"

#include <cmath>
#include <exception>
#include <limits>

#include <ql/errors.hpp>
#include <ql/quote.hpp>
#include <ql/quotes/simplequote.hpp>
#include <ql/termstructures/credit/flathazardrate.hpp>
#include <ql/time/daycounters/actual365fixed.hpp>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace oversight::risk {
namespace {

absl::Status ValidatePd(double pd, bool allow_one) {
  if (!std::isfinite(pd) || pd < 0 || pd > 1 || (!allow_one && pd == 1)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "survival.pd_one_year: must be a probability in [0, ", allow_one ? "1]" : "1)", ", got ",
        pd));
  }
  return absl::OkStatus();
}

// h = -ln(1 - PD) makes S(1 year) = e^{-h} = 1 - PD exactly.
double HazardOf(double pd_one_year) { return -std::log1p(-pd_one_year); }

// One FlatHazardRate per thread and assessment date, on a quote that each
// call moves to its provider's hazard: building the curve (its day counter,
// quote handle and observer registrations) was two thirds of the survival
// figures and 4 % of scoring, and a market run asks for the same date
// 100,000 times. QuantLib's observers are not thread-safe, hence per thread.
class HazardCurveMemo {
 public:
  const QuantLib::DefaultProbabilityTermStructure& At(Date as_of, double hazard) {
    if (curve_ == nullptr || as_of_ != as_of) {
      hazard_ = QuantLib::ext::make_shared<QuantLib::SimpleQuote>(hazard);
      curve_ = QuantLib::ext::make_shared<QuantLib::FlatHazardRate>(
          as_of, QuantLib::Handle<QuantLib::Quote>(hazard_), QuantLib::Actual365Fixed());
      as_of_ = as_of;
    } else {
      hazard_->setValue(hazard);
    }
    return *curve_;
  }

 private:
  Date as_of_;
  QuantLib::ext::shared_ptr<QuantLib::SimpleQuote> hazard_;
  QuantLib::ext::shared_ptr<QuantLib::FlatHazardRate> curve_;
};

}  // namespace

absl::StatusOr<QuantLib::ext::shared_ptr<QuantLib::DefaultProbabilityTermStructure>>
MakeFlatHazardCurve(double pd_one_year, Date as_of) {
  if (absl::Status s = ValidatePd(pd_one_year, /*allow_one=*/false); !s.ok()) return s;
  if (as_of == Date()) return absl::InvalidArgumentError("survival.as_of: must be a date");
  try {
    const double hazard = HazardOf(pd_one_year);
    return QuantLib::ext::shared_ptr<QuantLib::DefaultProbabilityTermStructure>(
        QuantLib::ext::make_shared<QuantLib::FlatHazardRate>(as_of, hazard,
                                                             QuantLib::Actual365Fixed()));
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("survival: QuantLib curve failed: ", e.what()));
  }
}

absl::StatusOr<SurvivalCurve> SurvivalFromOneYearPd(double pd_one_year, Date as_of) {
  if (absl::Status s = ValidatePd(pd_one_year, /*allow_one=*/true); !s.ok()) return s;
  SurvivalCurve curve;
  if (pd_one_year == 1) {  // failure is certain within the year: no finite hazard
    curve.hazard_rate = std::numeric_limits<double>::infinity();
    curve.survival.fill(0.0);
    curve.default_probability.fill(1.0);
    return curve;
  }
  if (as_of == Date()) return absl::InvalidArgumentError("survival.as_of: must be a date");
  try {
    curve.hazard_rate = HazardOf(pd_one_year);
    thread_local HazardCurveMemo memo;
    const QuantLib::DefaultProbabilityTermStructure& term_structure = memo.At(as_of, curve.hazard_rate);
    for (std::size_t i = 0; i < curve.survival.size(); ++i) {
      const double t = static_cast<double>(i + 1);  // year fractions, not dates:
      // Actual/365 dates would make "one year" 366/365 across a 29 February.
      // extrapolate=true skips only checkRange, which re-derives maxTime()
      // from dates on every call; the flat curve runs to QuantLib's max
      // date (2199), far beyond five years.
      curve.survival[i] = term_structure.survivalProbability(t, /*extrapolate=*/true);
      // As QuantLib's defaultProbability(t) computes it, without asking the
      // curve twice.
      curve.default_probability[i] = 1.0 - curve.survival[i];
    }
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("survival: QuantLib curve failed: ", e.what()));
  }
  return curve;
}

}  // namespace oversight::risk
