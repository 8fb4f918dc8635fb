#pragma once
// Where one provider's margin sits in the market's distribution.

#include <span>

#include "absl/strings/string_view.h"
#include "risk/profitability/measured.h"

namespace oversight::risk {

// Which margin is compared; the two must never be mixed in one benchmark.
enum class MarginMeasure { kEbitda, kOperating };
absl::string_view MarginMeasureName(MarginMeasure measure);  // ebitda_margin, operating_margin

struct SectorComparison {
  MarginMeasure measure = MarginMeasure::kOperating;
  int market_size = 0;      // number of margins compared against (non-finite ones dropped)
  // Mid-rank percentile in [0, 1]: (number below + half the number equal) / n.
  Measured percentile;
  // Quartiles of the market's margins, linear interpolation between order
  // statistics (Hyndman & Fan 1996 type 7, the default of R and Excel's
  // QUARTILE.INC).
  Measured lower_quartile;
  Measured median;
  Measured upper_quartile;
};

// `market_margins` should include the provider's own margin when it is part
// of the market. Absent results (with reasons) when the market is empty or
// the provider's margin is absent.
SectorComparison CompareWithSector(const Measured& provider_margin,
                                   std::span<const double> market_margins,
                                   MarginMeasure measure);

// Mid-rank percentile of `x` among `sorted` (ascending, non-empty):
// (values below x + half the values equal to x) / n, so ties share a rank.
double MidRankPercentile(std::span<const double> sorted, double x);

}  // namespace oversight::risk
