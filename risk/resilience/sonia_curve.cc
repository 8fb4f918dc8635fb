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

SoniaCurves SoniaCurves::Flat(Date reference_date, double rate) {
  return SoniaCurves{FlatSoniaCurve(reference_date, rate), YieldCurveHandle()};
}

}  // namespace oversight::risk
