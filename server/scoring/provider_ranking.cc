#include "server/scoring/provider_ranking.h"

#include <memory>
#include <string>

namespace oversight::server {

namespace v1 = ::oversight::v1;

absl::StatusOr<v1::ListProvidersResponse> ListRankedProviders(
    RankedMarketCache& cache, const v1::ListProvidersRequest& request,
    ProviderVisibility may_see) {
  absl::StatusOr<std::shared_ptr<const RankedMarket>> market = cache.Current();
  if (!market.ok()) return market.status();
  return PageOfRankedMarket(**market, request, may_see);
}

absl::StatusOr<v1::ListProvidersResponse> ListRankedProviders(
    Store& store, const v1::ListProvidersRequest& request) {
  absl::StatusOr<std::shared_ptr<const RankedMarket>> market = BuildRankedMarket(store, "");
  if (!market.ok()) return market.status();
  return PageOfRankedMarket(**market, request, [](const std::string&) { return true; });
}

}  // namespace oversight::server
