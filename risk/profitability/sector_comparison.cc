#include "risk/profitability/sector_comparison.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace oversight::risk {
namespace {

// Hyndman & Fan (1996) type 7 on sorted data: h = (n - 1) p, interpolating
// between the order statistics either side. Hand-written because QuantLib's
// GeneralStatistics::percentile returns an order statistic without
// interpolation, which would disagree with the published quartiles analysts
// compare against (R, Excel QUARTILE.INC).
double Quantile(const std::vector<double>& sorted, double p) {
  const double h = (static_cast<double>(sorted.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

absl::string_view MarginMeasureName(MarginMeasure measure) {
  return measure == MarginMeasure::kEbitda ? "ebitda_margin" : "operating_margin";
}

SectorComparison CompareWithSector(const Measured& provider_margin,
                                   std::span<const double> market_margins,
                                   MarginMeasure measure) {
  SectorComparison out;
  out.measure = measure;
  std::vector<double> sorted;
  sorted.reserve(market_margins.size());
  for (double m : market_margins) {
    if (std::isfinite(m)) sorted.push_back(m);
  }
  std::sort(sorted.begin(), sorted.end());
  out.market_size = static_cast<int>(sorted.size());
  if (sorted.empty()) {
    const char* why = "no market margins to compare with";
    out.percentile = out.lower_quartile = out.median = out.upper_quartile = Measured::Missing(why);
    return out;
  }
  out.lower_quartile = Measured::Of(Quantile(sorted, 0.25));
  out.median = Measured::Of(Quantile(sorted, 0.50));
  out.upper_quartile = Measured::Of(Quantile(sorted, 0.75));
  if (!provider_margin.has_value()) {
    out.percentile = provider_margin;
    return out;
  }
  out.percentile = Measured::Of(MidRankPercentile(sorted, *provider_margin.value));
  return out;
}

double MidRankPercentile(std::span<const double> sorted, double x) {
  const auto below = std::lower_bound(sorted.begin(), sorted.end(), x) - sorted.begin();
  const auto equal = std::upper_bound(sorted.begin(), sorted.end(), x) - sorted.begin() - below;
  return (static_cast<double>(below) + 0.5 * static_cast<double>(equal)) /
         static_cast<double>(sorted.size());
}

}  // namespace oversight::risk
