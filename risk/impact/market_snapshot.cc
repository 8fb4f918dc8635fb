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
// provider that filed monthly is not counted twelve times. `out` is the
// caller's buffer, reused from provider to provider.
void LatestPlacements(const std::vector<PlacementReturn>& returns, Date as_of,
                      std::vector<const PlacementReturn*>& out) {
  out.clear();
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
}

void AddCount(MarketSnapshot::AuthorityCounts& counts, MarketSnapshot::AuthorityId authority, int n) {
  for (MarketSnapshot::AuthorityCount& c : counts) {
    if (c.authority == authority) {
      c.count += n;
      return;
    }
  }
  counts.push_back({authority, n});
}

int CountFor(const MarketSnapshot::AuthorityCounts& counts, MarketSnapshot::AuthorityId authority) {
  for (const MarketSnapshot::AuthorityCount& c : counts) {
    if (c.authority == authority) return c.count;
  }
  return 0;
}

void AddInto(MarketSnapshot::ProviderTotals& into, const MarketSnapshot::ProviderTotals& from) {
  into.children_placed += from.children_placed;
  into.registered_places += from.registered_places;
  into.settings += from.settings;
  for (const auto& [la, n] : from.children_by_authority) AddCount(into.children_by_authority, la, n);
  for (std::size_t r = 0; r < kAllRegions.size(); ++r) {
    into.children_by_region[r] += from.children_by_region[r];
    into.spare_places_by_region[r] += from.spare_places_by_region[r];
    into.places_by_region[r] += from.places_by_region[r];
  }
  for (const auto& [la, n] : from.settings_by_authority) AddCount(into.settings_by_authority, la, n);
}

}  // namespace

int MarketSnapshot::ProviderTotals::LocalAuthoritiesCovered() const {
  int covered = static_cast<int>(settings_by_authority.size());
  for (const auto& [la, n] : children_by_authority) {
    if (n > 0 && CountFor(settings_by_authority, la) == 0) ++covered;
  }
  return covered;
}

int MarketSnapshot::ProviderTotals::ChildrenPlacedFor(AuthorityId authority) const {
  return CountFor(children_by_authority, authority);
}

MarketSnapshot::AuthorityId MarketSnapshot::InternAuthority(const std::string& local_authority) {
  auto [it, inserted] = authority_ids_.try_emplace(local_authority, static_cast<AuthorityId>(authority_names_.size()));
  if (inserted) {
    authority_names_.push_back(local_authority);
    children_by_authority_.push_back(0);
  }
  return it->second;
}

MarketSnapshot MarketSnapshot::Build(std::span<const ProviderData> market, Date as_of) {
  MarketSnapshot snapshot;
  snapshot.as_of_ = as_of;
  snapshot.providers_.reserve(market.size());
  snapshot.provider_index_.reserve(market.size());

  std::vector<const PlacementReturn*> latest;
  for (const ProviderData& data : market) {
    const std::string& id = data.provider.provider_id;
    // A provider listed twice (not expected: the store keys providers by id)
    // adds into its first totals.
    auto [position, inserted] =
        snapshot.provider_index_.try_emplace(id, static_cast<std::uint32_t>(snapshot.providers_.size()));
    if (inserted) {
      snapshot.providers_.emplace_back();
      snapshot.providers_.back().provider_id = id;
    }
    ProviderTotals& totals = snapshot.providers_[position->second];
    totals.parent_group = data.provider.parent_group;

    int places_from_returns = 0;
    LatestPlacements(data.placements, as_of, latest);
    for (const PlacementReturn* p : latest) {
      const int children = std::max(p->children_placed, 0);
      const int places = std::max(p->registered_places, 0);
      const int spare = std::max(p->registered_places - children, 0);
      const std::size_t region = Index(p->region);
      const AuthorityId authority = snapshot.InternAuthority(p->placing_local_authority);
      totals.children_placed += children;
      places_from_returns += places;
      AddCount(totals.children_by_authority, authority, children);
      totals.children_by_region[region] += children;
      totals.spare_places_by_region[region] += spare;
      totals.places_by_region[region] += places;

      snapshot.total_children_ += children;
      snapshot.children_by_authority_[authority] += children;
      snapshot.children_by_region_[region] += children;
      snapshot.spare_places_by_region_[region] += spare;
      snapshot.places_by_region_[region] += places;
    }
    // Ofsted's register is the authoritative count of places; the returns'
    // places stand in only when no setting is recorded (fostering agencies
    // often have none: Ofsted leaves their places blank).
    int places_from_settings = 0;
    for (const Setting& s : data.settings) {
      ++totals.settings;
      places_from_settings += std::max(s.registered_places, 0);
      AddCount(totals.settings_by_authority, snapshot.InternAuthority(s.local_authority), 1);
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

  // Groups are summed after every provider is known, each provider once. A
  // standalone provider is its own group and is not copied (the snapshot
  // holds every provider in England).
  absl::flat_hash_map<absl::string_view, std::int32_t> group_index;
  for (ProviderTotals& totals : snapshot.providers_) {
    if (totals.parent_group.empty()) continue;
    auto [it, inserted] = group_index.try_emplace(totals.parent_group, static_cast<std::int32_t>(snapshot.groups_.size()));
    if (inserted) {
      ProviderTotals& group = snapshot.groups_.emplace_back();
      group.provider_id = totals.parent_group;
      group.parent_group = totals.parent_group;
    }
    totals.group_ = it->second;
  }
  for (const ProviderTotals& totals : snapshot.providers_) {
    if (totals.group_ >= 0) AddInto(snapshot.groups_[static_cast<std::size_t>(totals.group_)], totals);
  }
  snapshot.citation_ = absl::StrCat("market snapshot ", FormatIsoDate(as_of), " (", snapshot.ProvidersInMarket(),
                                    " providers, ", snapshot.ChildrenPlacedInEngland(), " children placed)");
  return snapshot;
}

int MarketSnapshot::ChildrenPlacedInAuthority(absl::string_view local_authority) const {
  const std::optional<AuthorityId> authority = FindAuthority(local_authority);
  return authority ? children_by_authority_[*authority] : 0;
}

std::optional<MarketSnapshot::AuthorityId> MarketSnapshot::FindAuthority(absl::string_view local_authority) const {
  auto it = authority_ids_.find(local_authority);
  if (it == authority_ids_.end()) return std::nullopt;
  return it->second;
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

std::vector<std::string> MarketSnapshot::LocalAuthorities() const {
  std::vector<std::string> out;
  for (AuthorityId la = 0; la < authority_names_.size(); ++la) {
    if (children_by_authority_[la] > 0) out.push_back(authority_names_[la]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

const MarketSnapshot::ProviderTotals* MarketSnapshot::FindProvider(absl::string_view provider_id) const {
  auto it = provider_index_.find(provider_id);
  return it == provider_index_.end() ? nullptr : &providers_[it->second];
}

const MarketSnapshot::ProviderTotals& MarketSnapshot::GroupOf(const ProviderTotals& provider) const {
  return provider.group_ < 0 ? provider : groups_[static_cast<std::size_t>(provider.group_)];
}

const MarketSnapshot::ProviderTotals* MarketSnapshot::FindGroupOf(absl::string_view provider_id) const {
  const ProviderTotals* provider = FindProvider(provider_id);
  return provider == nullptr ? nullptr : &GroupOf(*provider);
}

}  // namespace oversight::risk
