// Market-wide aggregates of children placed, registered places and settings
// at a date, built once per scoring run.
#include "risk/impact/market_snapshot.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "risk/profitability/margins.h"
#include "risk/profitability/profitability.h"
#include "risk/domain/serial_date.h"

namespace oversight::risk {
namespace {

// A provider's placement returns are a time series per (placing authority,
// setting type); only the latest at or before the snapshot date counts, so a
// provider that filed monthly is not counted twelve times.
std::vector<const PlacementReturn*> LatestPlacements(const std::vector<PlacementReturn>& returns,
                                                     Date as_of) {
  std::vector<const PlacementReturn*> out;
  out.reserve(returns.size());
  const internal::Serial today = internal::SerialOf(as_of);
  for (const PlacementReturn& p : returns) {
    const internal::Serial census = internal::SerialOf(p.as_of);
    if (census != 0 && census <= today) out.push_back(&p);
  }
  // By (authority, setting type), latest first; then keep the first of each
  // key. Sorting one vector is cheaper than a map per provider, and the
  // order is deterministic, so floating-point sums never depend on hashing.
  std::sort(out.begin(), out.end(), [](const PlacementReturn* a, const PlacementReturn* b) {
    if (a->placing_local_authority != b->placing_local_authority) {
      return a->placing_local_authority < b->placing_local_authority;
    }
    if (a->setting_type != b->setting_type) return a->setting_type < b->setting_type;
    return a->as_of > b->as_of;
  });
  auto same_key = [](const PlacementReturn* a, const PlacementReturn* b) {
    return a->setting_type == b->setting_type && a->placing_local_authority == b->placing_local_authority;
  };
  out.erase(std::unique(out.begin(), out.end(), same_key), out.end());
  return out;
}

void AddInto(MarketSnapshot::ProviderTotals& into, const MarketSnapshot::ProviderTotals& from) {
  into.children_placed += from.children_placed;
  into.registered_places += from.registered_places;
  into.settings += from.settings;
  for (const auto& [la, n] : from.children_by_authority) into.children_by_authority[la] += n;
  for (const auto& [r, n] : from.children_by_region) into.children_by_region[r] += n;
  for (std::size_t r = 0; r < kAllRegions.size(); ++r) {
    into.spare_places_by_region[r] += from.spare_places_by_region[r];
    into.places_by_region[r] += from.places_by_region[r];
  }
  for (const auto& [la, n] : from.settings_by_authority) into.settings_by_authority[la] += n;
}

}  // namespace

int MarketSnapshot::ProviderTotals::LocalAuthoritiesCovered() const {
  int covered = static_cast<int>(settings_by_authority.size());
  for (const auto& [la, n] : children_by_authority) {
    if (n > 0 && !settings_by_authority.contains(la)) ++covered;
  }
  return covered;
}

MarketSnapshot MarketSnapshot::Build(std::span<const ProviderData> market, Date as_of) {
  MarketSnapshot snapshot;
  snapshot.as_of_ = as_of;
  snapshot.providers_.reserve(market.size());
  snapshot.group_of_.reserve(market.size());

  for (const ProviderData& data : market) {
    const std::string& id = data.provider.provider_id;
    ProviderTotals& totals = snapshot.providers_[id];
    totals.provider_id = id;
    totals.parent_group = data.provider.parent_group;

    int places_from_returns = 0;
    for (const PlacementReturn* p : LatestPlacements(data.placements, as_of)) {
      const int children = std::max(p->children_placed, 0);
      totals.children_placed += children;
      places_from_returns += std::max(p->registered_places, 0);
      totals.children_by_authority[p->placing_local_authority] += children;
      totals.children_by_region[p->region] += children;
      const int spare = std::max(p->registered_places - children, 0);
      totals.spare_places_by_region[static_cast<std::size_t>(p->region)] += spare;
      totals.places_by_region[static_cast<std::size_t>(p->region)] += std::max(p->registered_places, 0);
      snapshot.places_by_region_[p->region] += std::max(p->registered_places, 0);

      snapshot.total_children_ += children;
      snapshot.children_by_authority_[p->placing_local_authority] += children;
      snapshot.children_by_region_[p->region] += children;
      snapshot.spare_places_by_region_[p->region] += spare;
    }
    // Ofsted's register is the authoritative count of places; the returns'
    // places stand in only when no setting is recorded (fostering agencies
    // often have none: Ofsted leaves their places blank).
    int places_from_settings = 0;
    for (const Setting& s : data.settings) {
      ++totals.settings;
      places_from_settings += std::max(s.registered_places, 0);
      ++totals.settings_by_authority[s.local_authority];
    }
    totals.registered_places = places_from_settings > 0 ? places_from_settings : places_from_returns;

    if (const Accounts* accounts = LatestAccounts(data.accounts, as_of)) {
      Measured operating = OperatingMargin(*accounts);
      if (operating.has_value() && std::isfinite(*operating.value)) {
        snapshot.operating_margins_.push_back(*operating.value);
      }
      Measured ebitda = EbitdaMargin(*accounts);
      if (ebitda.has_value() && std::isfinite(*ebitda.value)) snapshot.ebitda_margins_.push_back(*ebitda.value);
    }
  }
  std::sort(snapshot.operating_margins_.begin(), snapshot.operating_margins_.end());
  std::sort(snapshot.ebitda_margins_.begin(), snapshot.ebitda_margins_.end());
  const Measured none = Measured::Missing("no margin to place");
  snapshot.operating_sector_ = CompareWithSector(none, snapshot.operating_margins_, MarginMeasure::kOperating);
  snapshot.ebitda_sector_ = CompareWithSector(none, snapshot.ebitda_margins_, MarginMeasure::kEbitda);

  // Groups are summed after every provider is known. A standalone provider
  // is its own group and is not copied (the snapshot holds every provider in
  // England); a provider listed twice (not expected: the store keys providers
  // by id) is counted once.
  for (const ProviderData& data : market) {
    const std::string& id = data.provider.provider_id;
    const std::string& group_id = data.provider.parent_group;
    if (group_id.empty() || snapshot.group_of_.contains(id)) continue;
    ProviderTotals& group = snapshot.groups_[group_id];
    group.provider_id = group_id;
    group.parent_group = group_id;
    AddInto(group, snapshot.providers_[id]);
    snapshot.group_of_.emplace(id, group_id);
  }
  snapshot.citation_ = absl::StrCat("market snapshot ", FormatIsoDate(as_of), " (", snapshot.ProvidersInMarket(),
                                    " providers, ", snapshot.ChildrenPlacedInEngland(), " children placed)");
  return snapshot;
}

int MarketSnapshot::ChildrenPlacedInAuthority(absl::string_view local_authority) const {
  auto it = children_by_authority_.find(local_authority);
  return it == children_by_authority_.end() ? 0 : it->second;
}

int MarketSnapshot::ChildrenPlacedInRegion(Region region) const {
  auto it = children_by_region_.find(region);
  return it == children_by_region_.end() ? 0 : it->second;
}

int MarketSnapshot::SparePlacesInRegion(Region region) const {
  auto it = spare_places_by_region_.find(region);
  return it == spare_places_by_region_.end() ? 0 : it->second;
}

SectorComparison MarketSnapshot::CompareWithMarket(const Measured& provider_margin, MarginMeasure measure) const {
  const bool operating = measure == MarginMeasure::kOperating;
  const std::vector<double>& sorted = operating ? operating_margins_ : ebitda_margins_;
  SectorComparison out = operating ? operating_sector_ : ebitda_sector_;
  if (sorted.empty()) return out;  // every figure already absent, with the reason
  if (!provider_margin.has_value()) {
    out.percentile = provider_margin;
    return out;
  }
  out.percentile = Measured::Of(MidRankPercentile(sorted, *provider_margin.value));
  return out;
}

int MarketSnapshot::RegisteredPlacesInRegion(Region region) const {
  auto it = places_by_region_.find(region);
  return it == places_by_region_.end() ? 0 : it->second;
}

std::vector<std::string> MarketSnapshot::LocalAuthorities() const {
  std::vector<std::string> out;
  out.reserve(children_by_authority_.size());
  for (const auto& [la, n] : children_by_authority_) {
    if (n > 0) out.push_back(la);
  }
  std::sort(out.begin(), out.end());
  return out;
}

const MarketSnapshot::ProviderTotals* MarketSnapshot::FindProvider(absl::string_view provider_id) const {
  auto it = providers_.find(provider_id);
  return it == providers_.end() ? nullptr : &it->second;
}

const MarketSnapshot::ProviderTotals* MarketSnapshot::FindGroupOf(absl::string_view provider_id) const {
  auto it = group_of_.find(provider_id);
  if (it == group_of_.end()) return FindProvider(provider_id);  // standalone: its own group
  auto group = groups_.find(it->second);
  return group == groups_.end() ? nullptr : &group->second;
}

}  // namespace oversight::risk
