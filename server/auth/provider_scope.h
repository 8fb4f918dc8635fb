#pragma once
// Which providers a scoped caller may see, from the stored records:
//   - a provider acts for itself, for every provider in its parent group
//     (same non-empty parent_group) and for every provider whose
//     parent_group is its own id (a group head registered as a provider);
//   - a local authority sees the providers holding its children: those
//     whose latest placement return lists children placed by it.
// Provider records, hence parent groups, are written only by
// administrators (see access_policy.h), so a provider cannot widen its own
// scope by naming another group.
//
// Built from the whole store, so it is cached: rebuilt when older than
// `max_age` (changes made through another replica show within that time)
// or at once after this server stored records (Invalidate).

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/auth/authorizer.h"
#include "server/store/store.h"

namespace oversight::server {

class ProviderScopeIndex {
 public:
  ProviderScopeIndex(Store& store, absl::Duration max_age);

  // The providers `provider_id` acts for; always contains provider_id.
  absl::StatusOr<std::shared_ptr<const ProviderSet>> ProvidersActedForBy(absl::string_view provider_id);
  // The providers holding children placed by `local_authority`.
  absl::StatusOr<std::shared_ptr<const ProviderSet>> ProvidersPlacedWithBy(
      absl::string_view local_authority);

  // The next lookup reads the store again.
  void Invalidate();

 private:
  struct Snapshot {
    absl::flat_hash_map<std::string, std::string> group_of;  // provider -> parent_group
    absl::flat_hash_map<std::string, std::shared_ptr<ProviderSet>> members_of;  // group -> providers
    absl::flat_hash_map<std::string, std::shared_ptr<ProviderSet>> placed_by;   // authority -> providers
  };
  absl::StatusOr<std::shared_ptr<const Snapshot>> Current();
  static absl::StatusOr<std::shared_ptr<const Snapshot>> Build(Store& store);

  Store& store_;
  const absl::Duration max_age_;
  absl::Mutex mu_;
  std::shared_ptr<const Snapshot> snapshot_ ABSL_GUARDED_BY(mu_);
  absl::Time built_at_ ABSL_GUARDED_BY(mu_);
};

}  // namespace oversight::server
