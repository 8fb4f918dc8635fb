#pragma once
#include "absl/strings/string_view.h"
#include <array>
#include <span>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "risk/domain/provider_data.h"
#include "risk/profitability/sector_comparison.h"

namespace oversight::risk {

// Market-wide aggregates at a date, built once per scoring run from every
// provider's latest placement returns and settings, so that each provider's
// share of each local authority's and region's placements can be computed
// in O(1). Groups (Provider::parent_group) are aggregated for the oversight
// scope test.
class MarketSnapshot {
 public:
  static MarketSnapshot Build(std::span<const ProviderData> market, Date as_of);

  Date as_of() const { return as_of_; }
  // Children placed by all providers, by placing authority / by region / in England.
  int ChildrenPlacedInAuthority(absl::string_view local_authority) const;
  int ChildrenPlacedInRegion(Region region) const;
  int ChildrenPlacedInEngland() const { return total_children_; }
  // Registered places not taken, summed over every provider's placement
  // returns for authorities in the region (max(0, places - children) per
  // return, so one provider's over-placement never hides another's vacancy).
  int SparePlacesInRegion(Region region) const;
  // Registered places in every provider's latest placement returns for the
  // region's authorities.
  int RegisteredPlacesInRegion(Region region) const;
  // Authorities with children placed, sorted by name (a stable order).
  std::vector<std::string> LocalAuthorities() const;

  struct ProviderTotals;
  // The provider's own totals; nullptr when it has neither placements nor
  // settings at the snapshot date.
  const ProviderTotals* FindProvider(absl::string_view provider_id) const;
  // The totals of the provider's group (Provider::parent_group, or the
  // provider alone when standalone); nullptr when unknown.
  const ProviderTotals* FindGroupOf(absl::string_view provider_id) const;
  // The margins of every provider's latest public accounts at the snapshot
  // date (LatestAccounts), for the sector comparison of margins; providers
  // whose margin cannot be computed are left out. Sorted ascending.
  std::span<const double> OperatingMargins() const { return operating_margins_; }
  std::span<const double> EbitdaMargins() const { return ebitda_margins_; }
  int ProvidersInMarket() const { return static_cast<int>(providers_.size()); }
  // How an explanation cites the snapshot, e.g. "market snapshot 2026-03-31
  // (2033 providers, 9470 children placed)": formatted once when the
  // snapshot is built rather than for every provider scored.
  const std::string& Citation() const { return citation_; }
  // CompareWithSector (risk/profitability/sector_comparison.h) against this
  // market's margins, with the quartiles computed once per snapshot and the
  // percentile by binary search: CompareWithSector itself sorts a copy of the
  // market on every call, which over a whole run is quadratic in providers.
  SectorComparison CompareWithMarket(const Measured& provider_margin, MarginMeasure measure) const;
  // Every provider's totals, by provider_id (for concentration measures).
  const absl::flat_hash_map<std::string, ProviderTotals>& providers() const { return providers_; }

  // Implementation detail made public for the impact and concentration code.
  struct ProviderTotals {
    std::string provider_id;
    std::string parent_group;
    int children_placed = 0;
    int registered_places = 0;
    int settings = 0;
    absl::flat_hash_map<std::string, int> children_by_authority;
    absl::flat_hash_map<Region, int> children_by_region;
    // Added by the impact module.
    // Indexed by static_cast<int>(Region): a fixed array, not a map, because
    // the snapshot holds one per provider for every provider in England.
    std::array<int, kAllRegions.size()> spare_places_by_region{};  // max(0, places - children) per return
    std::array<int, kAllRegions.size()> places_by_region{};        // registered places in the returns
    // Authorities the provider covers: those whose children it houses and
    // those where it has a registered setting (CQC's "spread over N local
    // authorities" criterion, SI 2015/314 reg. 3, counts where care is given).
    absl::flat_hash_map<std::string, int> settings_by_authority;
    int LocalAuthoritiesCovered() const;
  };

 private:
  Date as_of_;
  std::string citation_;
  int total_children_ = 0;
  absl::flat_hash_map<std::string, int> children_by_authority_;
  absl::flat_hash_map<Region, int> children_by_region_;
  absl::flat_hash_map<std::string, ProviderTotals> providers_;  // by provider_id
  absl::flat_hash_map<std::string, ProviderTotals> groups_;     // by parent_group; standalone providers are their own group
  absl::flat_hash_map<Region, int> spare_places_by_region_;
  absl::flat_hash_map<Region, int> places_by_region_;
  std::vector<double> operating_margins_;
  std::vector<double> ebitda_margins_;
  SectorComparison operating_sector_;  // quartiles of operating_margins_
  SectorComparison ebitda_sector_;     // quartiles of ebitda_margins_
  absl::flat_hash_map<std::string, std::string> group_of_;      // provider_id -> parent_group, grouped providers only
  friend class MarketSnapshotAccess;
};

}  // namespace oversight::risk
