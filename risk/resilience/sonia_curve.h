#pragma once
// The SONIA forward curve used to project floating coupons. A
// QuantLib::Handle so that the stress module can pass a shifted curve (e.g. a
// ZeroSpreadedTermStructure over the baseline) without the projection code
// knowing. QuantLib term structures are not safe for concurrent use: give
// each thread its own curve.

#include <ql/handle.hpp>
#include <ql/termstructures/yieldtermstructure.hpp>

#include "risk/domain/iso_date.h"

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
