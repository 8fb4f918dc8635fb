#pragma once
// The summary statistics of the state-of-the-market report: medians,
// histograms, rating counts and England-wide placement shares.

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "clients/cli/report/market_data.h"

namespace oversight::client::report {

// The median of the values (the mean of the two middle ones for an even
// count); absent for no values. A median, not a mean, because a handful of
// loss-making or very leveraged providers would drag a mean far from the
// typical provider.
std::optional<double> Median(std::vector<double> values);

// One bin of a histogram: [lower, upper). The first bin has no lower bound
// (everything below the first edge) and the last no upper bound (everything
// at or above the last edge), so no provider falls off the chart.
struct HistogramBin {
  std::optional<double> lower;
  std::optional<double> upper;
  std::string label;
  int count = 0;
};

// Bins `values` at `edges` (strictly increasing, at least one): edges.size()+1
// bins. `format` renders an edge in labels ("20%", "4x").
std::vector<HistogramBin> Histogram(const std::vector<double>& values, const std::vector<double>& edges,
                                    const std::function<std::string(double)>& format);

// Edges lower, lower+step, ..., upper computed as integer multiples of
// `step` so that 0.15 is exactly the edge a value 0.15 is compared with.
std::vector<double> EvenEdges(int first_multiple, int last_multiple, double step);

using RatingCounts = std::array<int, 4>;  // indexed by Rating

RatingCounts CountRatings(const std::vector<ProviderFigures>& providers);

struct RegionRatingCounts {
  std::string region;  // snake_case
  std::string label;
  RatingCounts counts{};
};

// For each region of `regions` (in their order): the ratings of the providers
// that place children from it. A provider active in several regions counts in
// each, so the rows need not add up to the national count.
std::vector<RegionRatingCounts> CountRatingsByRegion(const std::vector<ProviderFigures>& providers,
                                                     const std::vector<RegionConcentration>& regions);

// England's shares: each provider's children placed summed over the regions,
// over all children placed in England, largest first (ties by provider_id).
std::vector<ProviderShare> EnglandShares(const std::vector<RegionConcentration>& regions);

// The `count` providers with the highest positive net debt / EBITDA, highest
// first (ties by provider_id). Net cash (negative ratio) is not leverage, and
// the engine leaves the ratio absent when EBITDA is not positive
// (risk/resilience/leverage.cc), so both are left out.
std::vector<ProviderFigures> HighestLeverage(const std::vector<ProviderFigures>& providers, std::size_t count);

}  // namespace oversight::client::report
