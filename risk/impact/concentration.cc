// Herfindahl-Hirschman index and four-firm concentration ratio of children
// placed in an area.
//
// HHI = sum over providers of (100 * share)^2, on the 0-10,000 scale the CMA
// and the US/UK merger guidelines use: 10,000 is a monopoly; shares
// 40/30/20/10 give 1600 + 900 + 400 + 100 = 3000. CR4 = the four largest
// shares summed (0..1).
#include "risk/impact/concentration.h"

#include <algorithm>
#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace oversight::risk {
namespace {

template <typename ChildrenOf>
Concentration Measure(const MarketSnapshot& market, std::string area, int total, ChildrenOf children_of) {
  Concentration out;
  out.area = std::move(area);
  out.children_placed = total;
  if (total <= 0) return out;
  for (const MarketSnapshot::ProviderTotals& totals : market.providers()) {
    const int n = children_of(totals);
    if (n <= 0) continue;
    out.shares.push_back({totals.provider_id, n, static_cast<double>(n) / total});
  }
  // Largest first; ties by id so the order (and CR4 membership) is stable.
  std::sort(out.shares.begin(), out.shares.end(), [](const ProviderShare& a, const ProviderShare& b) {
    if (a.children_placed != b.children_placed) return a.children_placed > b.children_placed;
    return a.provider_id < b.provider_id;
  });
  for (std::size_t i = 0; i < out.shares.size(); ++i) {
    const double percent = 100.0 * out.shares[i].share;
    out.hhi += percent * percent;
    if (i < 4) out.top4_share += out.shares[i].share;
  }
  return out;
}

}  // namespace

absl::StatusOr<Concentration> ConcentrationInRegion(const MarketSnapshot& market, Region region) {
  return Measure(market, std::string(RegionName(region)), market.ChildrenPlacedInRegion(region),
                 [region](const MarketSnapshot::ProviderTotals& t) {
                   return t.children_by_region[static_cast<std::size_t>(region)];
                 });
}

absl::StatusOr<Concentration> ConcentrationInAuthority(const MarketSnapshot& market,
                                                       absl::string_view local_authority) {
  const int total = market.ChildrenPlacedInAuthority(local_authority);
  if (total <= 0) {
    return absl::NotFoundError(absl::StrCat("local_authority: no provider places children for \"",
                                            local_authority, "\" at ",
                                            FormatIsoDate(market.as_of())));
  }
  // total > 0: the snapshot names the authority.
  const MarketSnapshot::AuthorityId authority = *market.FindAuthority(local_authority);
  return Measure(market, std::string(local_authority), total,
                 [authority](const MarketSnapshot::ProviderTotals& t) { return t.ChildrenPlacedFor(authority); });
}

}  // namespace oversight::risk
