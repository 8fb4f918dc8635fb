#include "risk/resilience/sonia_curve.h"

#include <utility>

#include <ql/quotes/simplequote.hpp>
#include <ql/shared_ptr.hpp>
#include <ql/termstructures/yield/flatforward.hpp>
#include <ql/termstructures/yield/zerospreadedtermstructure.hpp>
#include <ql/time/daycounters/actual365fixed.hpp>

namespace oversight::risk {
namespace {

constexpr double kBasisPoint = 1e-4;

}  // namespace

YieldCurveHandle FlatSoniaCurve(Date reference_date, double rate) {
  return YieldCurveHandle(QuantLib::ext::make_shared<QuantLib::FlatForward>(
      reference_date, rate, QuantLib::Actual365Fixed(), QuantLib::Compounded, QuantLib::Daily));
}

YieldCurveHandle ShiftedSoniaCurve(const YieldCurveHandle& base, double shift_bp) {
  QuantLib::Handle<QuantLib::Quote> spread(
      QuantLib::ext::make_shared<QuantLib::SimpleQuote>(shift_bp * kBasisPoint));
  return YieldCurveHandle(
      QuantLib::ext::make_shared<QuantLib::ZeroSpreadedTermStructure>(base, spread));
}

namespace {

// The base of a flat shift: a FlatForward compounded continuously or
// periodically. Simple and simple-then-compounded rates are flat in their
// own compounding only, not in the continuous zero rate the spread is
// added to.
QuantLib::ext::shared_ptr<QuantLib::FlatForward> FlatBase(const YieldCurveHandle& base) {
  if (base.empty()) return nullptr;
  auto flat = QuantLib::ext::dynamic_pointer_cast<QuantLib::FlatForward>(base.currentLink());
  if (flat == nullptr || (flat->compounding() != QuantLib::Continuous && flat->compounding() != QuantLib::Compounded)) {
    return nullptr;
  }
  return flat;
}

double ContinuousZero(const QuantLib::FlatForward& flat) {
  constexpr double kOneYear = 1.0;  // any tenor: the continuous zero rate of a flat curve is the same at all
  return flat.zeroRate(kOneYear, QuantLib::Continuous, QuantLib::NoFrequency).rate();
}

// A flat curve already reaches Date::maxDate(), so enabling extrapolation
// allows nothing a projection could ask for; what it saves is QuantLib's
// range check, which otherwise converts maxDate() to a time through the
// (high-resolution) date arithmetic on every discount factor.
YieldCurveHandle Extrapolating(QuantLib::ext::shared_ptr<QuantLib::FlatForward> curve) {
  curve->enableExtrapolation();
  return YieldCurveHandle(std::move(curve));
}

}  // namespace

YieldCurveHandle ParallelShiftedSoniaCurve(const YieldCurveHandle& base, double shift_bp) {
  const QuantLib::ext::shared_ptr<QuantLib::FlatForward> flat = FlatBase(base);
  if (flat == nullptr) return ShiftedSoniaCurve(base, shift_bp);
  return Extrapolating(QuantLib::ext::make_shared<QuantLib::FlatForward>(
      flat->referenceDate(), ContinuousZero(*flat) + shift_bp * kBasisPoint, flat->dayCounter(),
      QuantLib::Continuous, QuantLib::NoFrequency));
}

std::optional<ShiftableSoniaCurve> ShiftableSoniaCurve::Over(const YieldCurveHandle& base) {
  const QuantLib::ext::shared_ptr<QuantLib::FlatForward> flat = FlatBase(base);
  if (flat == nullptr) return std::nullopt;
  const double zero = ContinuousZero(*flat);
  auto rate = QuantLib::ext::make_shared<QuantLib::SimpleQuote>(zero);
  YieldCurveHandle curve = Extrapolating(QuantLib::ext::make_shared<QuantLib::FlatForward>(
      flat->referenceDate(), QuantLib::Handle<QuantLib::Quote>(rate), flat->dayCounter(), QuantLib::Continuous,
      QuantLib::NoFrequency));
  return ShiftableSoniaCurve(zero, std::move(rate), std::move(curve));
}

ShiftableSoniaCurve* ShiftableSoniaCurve::ForThread(const YieldCurveHandle& base) {
  struct Kept {
    // Holding the base keeps its address from being reused by another curve.
    QuantLib::ext::shared_ptr<QuantLib::YieldTermStructure> base;
    std::optional<ShiftableSoniaCurve> curve;
  };
  thread_local Kept kept;
  if (base.empty()) return nullptr;
  if (kept.base != base.currentLink()) {
    kept.curve = Over(base);
    kept.base = base.currentLink();
  }
  return kept.curve ? &*kept.curve : nullptr;
}

const YieldCurveHandle& ShiftableSoniaCurve::At(double shift_bp) {
  rate_->setValue(zero_rate_ + shift_bp * kBasisPoint);
  return curve_;
}

SoniaCurves SoniaCurves::Flat(Date reference_date, double rate) {
  return SoniaCurves{FlatSoniaCurve(reference_date, rate), YieldCurveHandle()};
}

}  // namespace oversight::risk
