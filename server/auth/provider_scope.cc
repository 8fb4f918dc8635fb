#include "server/auth/provider_scope.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "oversight/v1/oversight.pb.h"

namespace oversight::server {

ProviderScopeIndex::ProviderScopeIndex(Store& store, absl::Duration max_age)
    : store_(store), max_age_(max_age) {}

void ProviderScopeIndex::Invalidate() {
  absl::MutexLock lock(&mu_);
  snapshot_.reset();
}

absl::StatusOr<std::shared_ptr<const ProviderScopeIndex::Snapshot>> ProviderScopeIndex::Current() {
  // One build at a time: concurrent callers wait for it instead of each
  // reading the whole store.
  absl::MutexLock lock(&mu_);
  const absl::Time now = absl::Now();
  if (snapshot_ != nullptr && now - built_at_ < max_age_) return snapshot_;
  absl::StatusOr<std::shared_ptr<const Snapshot>> built = Build(store_);
  if (!built.ok()) return built.status();
  snapshot_ = *built;
  built_at_ = now;
  return snapshot_;
}

absl::StatusOr<std::shared_ptr<const ProviderScopeIndex::Snapshot>> ProviderScopeIndex::Build(
    Store& store) {
  absl::StatusOr<std::vector<StoredRecord>> records = store.AllCurrentRecords();
  if (!records.ok()) return records.status();
  auto snapshot = std::make_shared<Snapshot>();
  // provider -> (latest placement date, authorities with children then)
  absl::flat_hash_map<std::string, std::pair<std::string, std::vector<std::string>>> latest;
  for (const StoredRecord& record : *records) {
    if (record.kind == RecordKind::kProvider) {
      oversight::v1::Provider provider;
      if (!provider.ParseFromString(record.payload)) {
        return absl::DataLossError(absl::StrCat("stored provider ", record.provider_id, " does not parse"));
      }
      if (provider.parent_group().empty()) continue;
      snapshot->group_of[record.provider_id] = provider.parent_group();
      auto& members = snapshot->members_of[provider.parent_group()];
      if (members == nullptr) members = std::make_shared<ProviderSet>();
      members->insert(record.provider_id);
    } else if (record.kind == RecordKind::kPlacement) {
      oversight::v1::PlacementReturn placement;
      if (!placement.ParseFromString(record.payload)) {
        return absl::DataLossError(absl::StrCat("stored placement of ", record.provider_id, " does not parse"));
      }
      auto& [as_of, authorities] = latest[record.provider_id];
      if (placement.as_of() > as_of) {  // YYYY-MM-DD orders as text
        as_of = placement.as_of();
        authorities.clear();
      }
      if (placement.as_of() == as_of && placement.children_placed() > 0) {
        authorities.push_back(placement.placing_local_authority());
      }
    }
  }
  for (const auto& [provider_id, dated] : latest) {
    for (const std::string& authority : dated.second) {
      auto& providers = snapshot->placed_by[authority];
      if (providers == nullptr) providers = std::make_shared<ProviderSet>();
      providers->insert(provider_id);
    }
  }
  return std::shared_ptr<const Snapshot>(std::move(snapshot));
}

absl::StatusOr<std::shared_ptr<const ProviderSet>> ProviderScopeIndex::ProvidersActedForBy(
    absl::string_view provider_id) {
  absl::StatusOr<std::shared_ptr<const Snapshot>> snapshot = Current();
  if (!snapshot.ok()) return snapshot.status();
  auto providers = std::make_shared<ProviderSet>();
  providers->insert(std::string(provider_id));
  const auto add_members = [&](absl::string_view group) {
    auto it = (*snapshot)->members_of.find(group);
    if (it != (*snapshot)->members_of.end()) providers->insert(it->second->begin(), it->second->end());
  };
  if (auto group = (*snapshot)->group_of.find(provider_id); group != (*snapshot)->group_of.end()) {
    add_members(group->second);
  }
  add_members(provider_id);
  return std::shared_ptr<const ProviderSet>(std::move(providers));
}

absl::StatusOr<std::shared_ptr<const ProviderSet>> ProviderScopeIndex::ProvidersPlacedWithBy(
    absl::string_view local_authority) {
  absl::StatusOr<std::shared_ptr<const Snapshot>> snapshot = Current();
  if (!snapshot.ok()) return snapshot.status();
  auto it = (*snapshot)->placed_by.find(local_authority);
  if (it == (*snapshot)->placed_by.end()) return std::make_shared<const ProviderSet>();
  return std::shared_ptr<const ProviderSet>(it->second);
}

}  // namespace oversight::server
