#pragma once
// Survival probabilities beyond one year from the combined one-year PD, with
// a flat hazard rate: S(t) = e^{-h t}, h = -ln(1 - PD_1y), so S(1) = 1 - PD_1y
// exactly. A flat hazard is the only curve one number supports; the curve is
// QuantLib's FlatHazardRate (ql/termstructures/credit/flathazardrate.hpp), so
// a later term structure of PDs can swap in PiecewiseDefaultCurve without
// changing callers.

#include <array>

#include <ql/shared_ptr.hpp>
#include <ql/termstructures/defaulttermstructure.hpp>

#include "absl/status/statusor.h"
#include "risk/domain/iso_date.h"

namespace oversight::risk {

struct SurvivalCurve {
  double hazard_rate = 0;                          // h per year; +infinity when PD = 1
  std::array<double, 5> survival = {1, 1, 1, 1, 1};           // S(1) .. S(5)
  std::array<double, 5> default_probability = {0, 0, 0, 0, 0};  // 1 - S(t)
};

// INVALID_ARGUMENT when pd_one_year is outside [0, 1] or not finite. PD = 1
// gives S = 0 at every horizon; PD = 0 gives S = 1.
absl::StatusOr<SurvivalCurve> SurvivalFromOneYearPd(double pd_one_year, Date as_of);

// The QuantLib curve behind SurvivalFromOneYearPd (Actual/365 Fixed from
// as_of), for callers that need survival at arbitrary dates. Requires
// pd_one_year in [0, 1); INVALID_ARGUMENT otherwise.
absl::StatusOr<QuantLib::ext::shared_ptr<QuantLib::DefaultProbabilityTermStructure>>
MakeFlatHazardCurve(double pd_one_year, Date as_of);

}  // namespace oversight::risk
