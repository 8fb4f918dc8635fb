#pragma once
// The difficult-to-replace evidence for one provider (domain.md s.4): its
// share of each authority's and region's children, the authorities that
// depend on it, the children who would need a new home if it failed set
// against other providers' spare places in the same region, and whether it
// (with its group) meets the financial oversight conditions.
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "risk/config/risk_config.h"
#include "risk/domain/region.h"
#include "risk/impact/market_snapshot.h"

namespace oversight::risk {

struct AuthorityShare {
  std::string local_authority;
  int children_placed = 0;        // by this provider
  int authority_children = 0;     // by every provider
  double share = 0;               // 0..1
  bool dependent = false;         // share > ImpactConfig::dependent_authority_share
};

struct RegionImpact {
  Region region = Region::kLondon;
  int children_placed = 0;        // by this provider, for the region's authorities
  int region_children = 0;        // by every provider
  double share = 0;               // 0..1
  double places_share = 0;        // of the region's registered places in the returns, 0..1
  int spare_places_elsewhere = 0; // other providers' untaken places in the region
  int children_without_place = 0; // max(0, children_placed - spare_places_elsewhere)
};

// The financial oversight conditions (CWSA 2026 s.16, new CSA 2000 s.30ZE)
// evaluated for the provider together with its group, as SI 2015/314 counts
// group companies together. Thresholds are ImpactConfig configuration.
struct OversightScope {
  std::string group;              // parent_group, empty when standalone
  int settings = 0;
  int registered_places = 0;
  int local_authorities_covered = 0;
  double market_share = 0;        // of children placed in England, 0..1
  bool in_scope = false;
  std::vector<std::string> conditions_met;  // plain English, e.g. "24 settings (threshold 20)"
};

struct ProviderImpact {
  int children_placed = 0;
  int registered_places = 0;
  int settings = 0;
  std::vector<AuthorityShare> authorities;  // every authority with children placed, largest share first
  std::vector<RegionImpact> regions;        // every region with children placed, in kAllRegions order
  int local_authorities_dependent = 0;
  double max_local_authority_share = 0;
  int children_without_place = 0;          // summed over regions
  OversightScope scope;
};

// Never fails: a provider absent from the snapshot has no impact figures.
ProviderImpact AssessImpact(const MarketSnapshot& market, absl::string_view provider_id,
                            const ImpactConfig& config);

// The oversight conditions alone (exposed for tests and the service).
OversightScope EvaluateOversightScope(const MarketSnapshot& market, absl::string_view provider_id,
                                      const ImpactConfig& config);

}  // namespace oversight::risk
