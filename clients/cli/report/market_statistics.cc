#include "clients/cli/report/market_statistics.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"

namespace oversight::client::report {

const char* RatingName(Rating rating) {
  switch (rating) {
    case Rating::kGreen: return "green";
    case Rating::kAmber: return "amber";
    case Rating::kRed: return "red";
    case Rating::kBlack: return "black";
  }
  return "unknown";
}

std::optional<double> Median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  if (values.size() % 2 == 1) return values[middle];
  return (values[middle - 1] + values[middle]) / 2;
}

std::vector<double> EvenEdges(int first_multiple, int last_multiple, double step) {
  std::vector<double> edges;
  for (int k = first_multiple; k <= last_multiple; ++k) {
    // k / (1/step) rather than k * step: for step 0.05, 3 / 20.0 is the double
    // nearest 0.15, whereas 3 * 0.05 is one ulp above it.
    edges.push_back(static_cast<double>(k) / (1.0 / step));
  }
  return edges;
}

std::vector<HistogramBin> Histogram(const std::vector<double>& values, const std::vector<double>& edges,
                                    const std::function<std::string(double)>& format) {
  std::vector<HistogramBin> bins(edges.size() + 1);
  bins.front().upper = edges.front();
  bins.front().label = absl::StrCat("< ", format(edges.front()));
  for (std::size_t i = 1; i < edges.size(); ++i) {
    bins[i].lower = edges[i - 1];
    bins[i].upper = edges[i];
    bins[i].label = absl::StrCat(format(edges[i - 1]), " to ", format(edges[i]));
  }
  bins.back().lower = edges.back();
  bins.back().label = absl::StrCat(">= ", format(edges.back()));
  for (double value : values) {
    // upper_bound: the first edge strictly above the value, so a value on an
    // edge belongs to the bin that edge opens.
    const auto index = std::upper_bound(edges.begin(), edges.end(), value) - edges.begin();
    ++bins[static_cast<std::size_t>(index)].count;
  }
  return bins;
}

RatingCounts CountRatings(const std::vector<ProviderFigures>& providers) {
  RatingCounts counts{};
  for (const ProviderFigures& p : providers) ++counts[static_cast<std::size_t>(p.rating)];
  return counts;
}

std::vector<RegionRatingCounts> CountRatingsByRegion(const std::vector<ProviderFigures>& providers,
                                                     const std::vector<RegionConcentration>& regions) {
  std::vector<RegionRatingCounts> rows;
  for (const RegionConcentration& region : regions) {
    RegionRatingCounts row{region.region, region.label, {}};
    for (const ProviderFigures& p : providers) {
      if (std::find(p.regions.begin(), p.regions.end(), region.region) != p.regions.end()) {
        ++row.counts[static_cast<std::size_t>(p.rating)];
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<ProviderShare> EnglandShares(const std::vector<RegionConcentration>& regions) {
  std::map<std::string, ProviderShare> by_provider;
  long long total = 0;
  for (const RegionConcentration& region : regions) {
    total += region.children_placed;
    for (const ProviderShare& s : region.shares) {
      ProviderShare& entry = by_provider[s.provider_id];
      entry.provider_id = s.provider_id;
      if (entry.name.empty()) entry.name = s.name;
      entry.children_placed += s.children_placed;
    }
  }
  std::vector<ProviderShare> shares;
  for (auto& [id, share] : by_provider) {
    share.share = total > 0 ? static_cast<double>(share.children_placed) / static_cast<double>(total) : 0;
    shares.push_back(std::move(share));
  }
  std::sort(shares.begin(), shares.end(), [](const ProviderShare& a, const ProviderShare& b) {
    if (a.children_placed != b.children_placed) return a.children_placed > b.children_placed;
    return a.provider_id < b.provider_id;
  });
  return shares;
}

std::vector<ProviderFigures> HighestLeverage(const std::vector<ProviderFigures>& providers, std::size_t count) {
  std::vector<ProviderFigures> ranked;
  for (const ProviderFigures& p : providers) {
    if (p.net_debt_to_ebitda.has_value() && *p.net_debt_to_ebitda > 0) ranked.push_back(p);
  }
  std::sort(ranked.begin(), ranked.end(), [](const ProviderFigures& a, const ProviderFigures& b) {
    if (*a.net_debt_to_ebitda != *b.net_debt_to_ebitda) return *a.net_debt_to_ebitda > *b.net_debt_to_ebitda;
    return a.provider_id < b.provider_id;
  });
  if (ranked.size() > count) ranked.resize(count);
  return ranked;
}

}  // namespace oversight::client::report
