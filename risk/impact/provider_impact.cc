#include "risk/impact/provider_impact.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "risk/domain/fixed_decimal.h"

namespace oversight::risk {

namespace {

OversightScope ScopeOfGroup(const MarketSnapshot& market, const MarketSnapshot::ProviderTotals* group,
                            const ImpactConfig& config) {
  OversightScope scope;
  if (group == nullptr) return scope;
  scope.group = group->parent_group;
  scope.settings = group->settings;
  scope.registered_places = group->registered_places;
  scope.local_authorities_covered = group->LocalAuthoritiesCovered();
  const int england = market.ChildrenPlacedInEngland();
  scope.market_share = england > 0 ? static_cast<double>(group->children_placed) / england : 0.0;

  // ANY one condition brings the provider into scope, as each of the CQC
  // entry criteria does on its own (SI 2015/314 reg. 3). Thresholds are
  // "at least", as the CQC criteria are.
  const absl::string_view whose = scope.group.empty() ? "" : " (group)";
  if (scope.settings >= config.scope_min_settings) {
    scope.conditions_met.push_back(
        absl::StrCat(scope.settings, " settings", whose, ", threshold ", config.scope_min_settings));
  }
  if (scope.registered_places >= config.scope_min_registered_places) {
    scope.conditions_met.push_back(absl::StrCat(scope.registered_places, " registered places", whose,
                                                ", threshold ", config.scope_min_registered_places));
  }
  if (scope.local_authorities_covered >= config.scope_min_local_authorities) {
    scope.conditions_met.push_back(absl::StrCat(scope.local_authorities_covered,
                                                " local authorities covered", whose, ", threshold ",
                                                config.scope_min_local_authorities));
  }
  if (england > 0 && scope.market_share >= config.scope_min_market_share) {
    scope.conditions_met.push_back(absl::StrCat(FixedDecimal(100 * scope.market_share, 1),
                                                "% of children placed in England", whose, ", threshold ",
                                                FixedDecimal(100 * config.scope_min_market_share, 1), "%"));
  }
  scope.in_scope = !scope.conditions_met.empty();
  return scope;
}

}  // namespace

OversightScope EvaluateOversightScope(const MarketSnapshot& market, absl::string_view provider_id,
                                      const ImpactConfig& config) {
  return ScopeOfGroup(market, market.FindGroupOf(provider_id), config);
}

ProviderImpact AssessImpact(const MarketSnapshot& market, absl::string_view provider_id,
                            const ImpactConfig& config) {
  ProviderImpact impact;
  const MarketSnapshot::ProviderTotals* totals = market.FindProvider(provider_id);
  impact.scope = ScopeOfGroup(market, totals == nullptr ? nullptr : &market.GroupOf(*totals), config);
  if (totals == nullptr) return impact;
  impact.children_placed = totals->children_placed;
  impact.registered_places = totals->registered_places;
  impact.settings = totals->settings;

  impact.authorities.reserve(totals->children_by_authority.size());
  for (const auto& [la, children] : totals->children_by_authority) {
    if (children <= 0) continue;
    AuthorityShare share;
    share.local_authority = market.AuthorityName(la);
    share.children_placed = children;
    share.authority_children = market.ChildrenPlacedInAuthority(la);
    share.share = share.authority_children > 0 ? static_cast<double>(children) / share.authority_children : 0;
    // "Exceeds": a share exactly at the threshold is not a dependency.
    share.dependent = share.share > config.dependent_authority_share;
    impact.local_authorities_dependent += share.dependent ? 1 : 0;
    impact.max_local_authority_share = std::max(impact.max_local_authority_share, share.share);
    impact.authorities.push_back(std::move(share));
  }
  std::sort(impact.authorities.begin(), impact.authorities.end(),
            [](const AuthorityShare& a, const AuthorityShare& b) {
              if (a.share != b.share) return a.share > b.share;
              return a.local_authority < b.local_authority;
            });

  // If the provider failed, each child it houses would need a new home; the
  // places that could take them are the other providers' vacancies in the
  // same region (children are rarely moved across regions: CMA final report
  // on distance from home). The shortfall is what the authorities could not
  // re-place locally.
  for (Region region : kAllRegions) {
    const auto index = static_cast<std::size_t>(region);
    if (totals->children_by_region[index] <= 0) continue;
    RegionImpact r;
    r.region = region;
    r.children_placed = totals->children_by_region[index];
    r.region_children = market.ChildrenPlacedInRegion(region);
    r.share = r.region_children > 0 ? static_cast<double>(r.children_placed) / r.region_children : 0;
    const int region_places = market.RegisteredPlacesInRegion(region);
    if (region_places > 0) r.places_share = static_cast<double>(totals->places_by_region[index]) / region_places;
    r.spare_places_elsewhere = market.SparePlacesInRegion(region) - totals->spare_places_by_region[index];
    r.children_without_place = std::max(r.children_placed - r.spare_places_elsewhere, 0);
    impact.children_without_place += r.children_without_place;
    impact.regions.push_back(r);
  }
  return impact;
}

}  // namespace oversight::risk
