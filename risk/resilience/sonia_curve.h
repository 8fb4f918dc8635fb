#pragma once
// The SONIA forward curve used to project floating coupons. A
// QuantLib::Handle so that the stress module can pass a shifted curve (e.g. a
// ZeroSpreadedTermStructure over the baseline) without the projection code
// knowing. QuantLib term structures are not safe for concurrent use: give
// each thread its own curve.

#include <optional>
#include <utility>

#include <ql/handle.hpp>
#include <ql/shared_ptr.hpp>
#include <ql/termstructures/yieldtermstructure.hpp>

#include "risk/domain/iso_date.h"

namespace QuantLib {
class SimpleQuote;
}  // namespace QuantLib

namespace oversight::risk {

using YieldCurveHandle = QuantLib::Handle<QuantLib::YieldTermStructure>;

// A flat SONIA curve at `rate` from `reference_date`, daily-compounded on
// Actual/365 (Fixed): a flat overnight rate r compounds to (1 + r/365)^days,
// which is how SONIA compounds in arrears.
YieldCurveHandle FlatSoniaCurve(Date reference_date, double rate);

// `base` shifted in parallel by `shift_bp` basis points of continuously
// compounded zero rate (QuantLib::ZeroSpreadedTermStructure).
YieldCurveHandle ShiftedSoniaCurve(const YieldCurveHandle& base, double shift_bp);

// The same parallel shift, built flat when `base` is flat: a
// QuantLib::FlatForward compounded continuously or periodically has one
// continuously compounded zero rate z at every tenor, so z + shift is again
// a flat curve (FlatForward at z + shift, Continuous, on base's reference
// date and day counter). Its discount factors equal ShiftedSoniaCurve's to
// rounding (a relative 1e-15, tests/risk/stress_flat_shift_test.cc), at an
// exp() per discount factor where the spreaded curve converts zero rates
// through the base curve at every call (extrapolation is enabled on it,
// which changes nothing below Date::maxDate() but skips QuantLib's range
// check by date). Any other base (or an empty handle) gets ShiftedSoniaCurve.
YieldCurveHandle ParallelShiftedSoniaCurve(const YieldCurveHandle& base, double shift_bp);

// ParallelShiftedSoniaCurve of one flat base at many shifts, without a new
// curve per shift: one FlatForward on a quote that At() moves (a FlatForward
// built at a rate holds it in a quote too, so the discount factors are
// ParallelShiftedSoniaCurve's exactly). For the stress search, which asks
// for dozens of shifts per provider. At() returns the same curve every
// time: a later At() moves what an earlier one returned. Not safe for
// concurrent use.
class ShiftableSoniaCurve {
 public:
  // Absent unless `base` is a curve ParallelShiftedSoniaCurve shifts flat.
  static std::optional<ShiftableSoniaCurve> Over(const YieldCurveHandle& base);

  // The calling thread's curve Over `base`, made when the thread first asks
  // for that base and kept (with the base) until it asks for another: a
  // market stress shifts one baseline for every provider and scenario.
  // nullptr where Over gives none. Whatever the thread does with it, the
  // rule above holds: each At() moves the curve every earlier At() returned.
  static ShiftableSoniaCurve* ForThread(const YieldCurveHandle& base);

  const YieldCurveHandle& At(double shift_bp);

 private:
  ShiftableSoniaCurve(double zero_rate, QuantLib::ext::shared_ptr<QuantLib::SimpleQuote> rate,
                      YieldCurveHandle curve)
      : zero_rate_(zero_rate), rate_(std::move(rate)), curve_(std::move(curve)) {}

  double zero_rate_;  // the base's continuously compounded zero rate
  QuantLib::ext::shared_ptr<QuantLib::SimpleQuote> rate_;
  YieldCurveHandle curve_;
};

// The curves a resilience assessment projects with. Reported interest
// payable reflects the baseline; under a scenario curve the interest used for
// cover ratios is reported interest + (floating interest projected over the
// next 12 months on the scenario curve - the same on the baseline).
struct SoniaCurves {
  YieldCurveHandle baseline;
  YieldCurveHandle scenario;  // empty = the baseline itself (no stress)

  // Both curves flat at `rate` (no stress).
  static SoniaCurves Flat(Date reference_date, double rate);
  const YieldCurveHandle& projection() const { return scenario.empty() ? baseline : scenario; }
  bool stressed() const { return !scenario.empty(); }
};

}  // namespace oversight::risk
