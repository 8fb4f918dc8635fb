#pragma once
#include "absl/strings/string_view.h"
#include <span>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "risk/domain/provider_data.h"

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
  // ... further accessors are added by the impact module as it needs them.

  // Implementation detail made public for the impact and concentration code.
  struct ProviderTotals {
    std::string provider_id;
    std::string parent_group;
    int children_placed = 0;
    int registered_places = 0;
    int settings = 0;
    absl::flat_hash_map<std::string, int> children_by_authority;
    absl::flat_hash_map<Region, int> children_by_region;
  };

 private:
  Date as_of_;
  int total_children_ = 0;
  absl::flat_hash_map<std::string, int> children_by_authority_;
  absl::flat_hash_map<Region, int> children_by_region_;
  absl::flat_hash_map<std::string, ProviderTotals> providers_;  // by provider_id
  absl::flat_hash_map<std::string, ProviderTotals> groups_;     // by parent_group (or provider_id)
  friend class MarketSnapshotAccess;
};

}  // namespace oversight::risk
