#include "risk/resilience/sonia_curve.h"

#include <ql/quotes/simplequote.hpp>
#include <ql/shared_ptr.hpp>
#include <ql/termstructures/yield/flatforward.hpp>
#include <ql/termstructures/yield/zerospreadedtermstructure.hpp>
#include <ql/time/daycounters/actual365fixed.hpp>

namespace oversight::risk {

YieldCurveHandle FlatSoniaCurve(Date reference_date, double rate) {
  return YieldCurveHandle(QuantLib::ext::make_shared<QuantLib::FlatForward>(
      reference_date, rate, QuantLib::Actual365Fixed(), QuantLib::Compounded, QuantLib::Daily));
}

YieldCurveHandle ShiftedSoniaCurve(const YieldCurveHandle& base, double shift_bp) {
  constexpr double kBasisPoint = 1e-4;
  QuantLib::Handle<QuantLib::Quote> spread(
      QuantLib::ext::make_shared<QuantLib::SimpleQuote>(shift_bp * kBasisPoint));
  return YieldCurveHandle(
      QuantLib::ext::make_shared<QuantLib::ZeroSpreadedTermStructure>(base, spread));
}

YieldCurveHandle ParallelShiftedSoniaCurve(const YieldCurveHandle& base, double shift_bp) {
  if (base.empty()) return ShiftedSoniaCurve(base, shift_bp);
  const auto flat = QuantLib::ext::dynamic_pointer_cast<QuantLib::FlatForward>(base.currentLink());
  // Simple and simple-then-compounded rates are flat in their own
  // compounding only, not in the continuous zero rate the spread is added to.
  if (flat == nullptr || (flat->compounding() != QuantLib::Continuous && flat->compounding() != QuantLib::Compounded)) {
    return ShiftedSoniaCurve(base, shift_bp);
  }
  constexpr double kBasisPoint = 1e-4;
  constexpr double kOneYear = 1.0;  // any tenor: the continuous zero rate of a flat curve is the same at all
  const double zero = flat->zeroRate(kOneYear, QuantLib::Continuous, QuantLib::NoFrequency).rate();
  auto shifted = QuantLib::ext::make_shared<QuantLib::FlatForward>(
      flat->referenceDate(), zero + shift_bp * kBasisPoint, flat->dayCounter(), QuantLib::Continuous,
      QuantLib::NoFrequency);
  // A flat curve already reaches Date::maxDate(), so this allows nothing a
  // projection could ask for; what it saves is QuantLib's range check, which
  // otherwise converts maxDate() to a time through the (high-resolution)
  // date arithmetic on every discount factor.
  shifted->enableExtrapolation();
  return YieldCurveHandle(shifted);
}

SoniaCurves SoniaCurves::Flat(Date reference_date, double rate) {
  return SoniaCurves{FlatSoniaCurve(reference_date, rate), YieldCurveHandle()};
}

}  // namespace oversight::risk
