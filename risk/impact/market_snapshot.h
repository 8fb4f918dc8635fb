#pragma once
#include "absl/strings/string_view.h"
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
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

  // A local authority named in the snapshot (a placing authority or the
  // authority a setting is in), numbered as first met while building.
  using AuthorityId = std::uint32_t;
  // A count per region, indexed by static_cast<std::size_t>(Region).
  using RegionCounts = std::array<int, kAllRegions.size()>;
  struct AuthorityCount {
    AuthorityId authority;
    int count;
  };
  // A provider's counts by authority: a handful of authorities each, so a
  // short list scanned in place rather than a hash table per provider (the
  // snapshot holds one per provider in England).
  using AuthorityCounts = absl::InlinedVector<AuthorityCount, 4>;

  Date as_of() const { return as_of_; }
  // Children placed by all providers, by placing authority / by region / in England.
  int ChildrenPlacedInAuthority(absl::string_view local_authority) const;
  int ChildrenPlacedInAuthority(AuthorityId authority) const { return children_by_authority_[authority]; }
  int ChildrenPlacedInRegion(Region region) const { return children_by_region_[Index(region)]; }
  int ChildrenPlacedInEngland() const { return total_children_; }
  // Registered places not taken, summed over every provider's placement
  // returns for authorities in the region (max(0, places - children) per
  // return, so one provider's over-placement never hides another's vacancy).
  int SparePlacesInRegion(Region region) const { return spare_places_by_region_[Index(region)]; }
  // Registered places in every provider's latest placement returns for the
  // region's authorities.
  int RegisteredPlacesInRegion(Region region) const { return places_by_region_[Index(region)]; }
  // Authorities with children placed, sorted by name (a stable order).
  std::vector<std::string> LocalAuthorities() const;
  // The authority's name, and its number if the snapshot names it.
  const std::string& AuthorityName(AuthorityId authority) const { return authority_names_[authority]; }
  std::optional<AuthorityId> FindAuthority(absl::string_view local_authority) const;

  struct ProviderTotals;
  // The provider's own totals (every provider of the market has them, zero
  // when it has neither placements nor settings at the snapshot date);
  // nullptr when the provider is not in the market.
  const ProviderTotals* FindProvider(absl::string_view provider_id) const;
  // The totals of the provider's group (Provider::parent_group, or the
  // provider alone when standalone); nullptr when unknown.
  const ProviderTotals* FindGroupOf(absl::string_view provider_id) const;
  const ProviderTotals& GroupOf(const ProviderTotals& provider) const;
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
  // Every provider's totals, in the market's order (for concentration
  // measures).
  std::span<const ProviderTotals> providers() const { return providers_; }

  // Implementation detail made public for the impact and concentration code.
  struct ProviderTotals {
    std::string provider_id;
    std::string parent_group;
    int children_placed = 0;
    int registered_places = 0;
    int settings = 0;
    AuthorityCounts children_by_authority;  // authorities with a latest return, in order first met
    RegionCounts children_by_region{};
    RegionCounts spare_places_by_region{};  // max(0, places - children) per return
    RegionCounts places_by_region{};        // registered places in the returns
    // Authorities the provider covers: those whose children it houses and
    // those where it has a registered setting (CQC's "spread over N local
    // authorities" criterion, SI 2015/314 reg. 3, counts where care is given).
    AuthorityCounts settings_by_authority;
    int LocalAuthoritiesCovered() const;
    // Children the provider houses for the authority (0 when none).
    int ChildrenPlacedFor(AuthorityId authority) const;

   private:
    friend class MarketSnapshot;
    std::int32_t group_ = -1;  // index into the snapshot's groups; -1: standalone
  };

 private:
  static std::size_t Index(Region region) { return static_cast<std::size_t>(region); }
  AuthorityId InternAuthority(const std::string& local_authority);

  Date as_of_;
  std::string citation_;
  int total_children_ = 0;
  // Authorities by number, and numbers by name.
  std::vector<std::string> authority_names_;
  absl::flat_hash_map<std::string, AuthorityId> authority_ids_;
  std::vector<int> children_by_authority_;  // by AuthorityId
  RegionCounts children_by_region_{};
  RegionCounts spare_places_by_region_{};
  RegionCounts places_by_region_{};
  // Totals in vectors with an index by id, rather than a hash table of
  // totals: the tables of positions stay small enough to stay in cache
  // when the market runs to 100,000 providers.
  std::vector<ProviderTotals> providers_;                        // in market order
  absl::flat_hash_map<std::string, std::uint32_t> provider_index_;  // provider_id -> providers_
  std::vector<ProviderTotals> groups_;                           // by first member met
  std::vector<double> operating_margins_;
  std::vector<double> ebitda_margins_;
  SectorComparison operating_sector_;  // quartiles of operating_margins_
  SectorComparison ebitda_sector_;     // quartiles of ebitda_margins_
};

}  // namespace oversight::risk
