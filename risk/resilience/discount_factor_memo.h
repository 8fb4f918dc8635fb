#pragma once
// The discount factors of one SONIA curve by day, each computed once.
//
// Why: a scoring run projects every floating facility of every provider on
// the same baseline curve, and their payment dates fall on the few hundred
// business days of the next two years, so almost all of a run's discount
// factors repeat: each was a QuantLib term-structure call (~280
// instructions, a `pow` for the daily compounding), about 5 % of scoring
// (docs/performance.md, risk core). A factor is QuantLib's own, computed
// on first use; the memo only keeps it.
//
// Bound to one curve object, which must not move (no quote or link may
// change) while the memo is in use: risk::AssessMarketInBatches keeps one
// for its run's baseline curve, which nothing else holds. The stress
// module's curves move, and it uses none. Not thread-safe: one per thread.
#include <cmath>
#include <limits>
#include <vector>

#include <ql/termstructures/yieldtermstructure.hpp>

#include "risk/domain/serial_date.h"

namespace oversight::risk {

class DiscountFactorMemo {
 public:
  explicit DiscountFactorMemo(const QuantLib::YieldTermStructure* curve) : curve_(curve) {}
  DiscountFactorMemo(const DiscountFactorMemo&) = delete;
  DiscountFactorMemo& operator=(const DiscountFactorMemo&) = delete;

  // Whether the memo holds `curve`'s factors (and may be asked for them).
  bool Holds(const QuantLib::YieldTermStructure* curve) const { return curve != nullptr && curve == curve_; }

  // The factor of day `serial` (on or after `reference`, the curve's
  // reference date), from `compute()` the first time.
  template <typename Compute>
  double Get(internal::Serial reference, internal::Serial serial, Compute compute) {
    const auto day = static_cast<std::size_t>(serial - reference);
    if (serial < reference || day >= kMaxDays) return compute();
    if (day >= factors_.size()) factors_.resize(day + 1, kUnknown);
    double& factor = factors_[day];
    if (std::isnan(factor)) factor = compute();
    return factor;
  }

 private:
  // Days kept from the reference date: past the projection's two years a
  // factor is computed every time.
  static constexpr std::size_t kMaxDays = 3 * 366;
  static constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();
  const QuantLib::YieldTermStructure* curve_;
  std::vector<double> factors_;  // by day from the reference date; NaN until computed
};

}  // namespace oversight::risk
