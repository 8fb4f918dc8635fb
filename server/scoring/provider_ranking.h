#pragma once
// The ranked provider list: every provider's latest assessment, worst first.

#include "absl/status/statusor.h"
#include "oversight/v1/oversight.pb.h"
#include "server/scoring/ranked_market.h"
#include "server/scoring/ranked_market_cache.h"
#include "server/store/store.h"

namespace oversight::server {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 500;

// ListProviders. Ranks every provider's latest assessment (risk::
// RankAssessments: rating, then score, then provider_id), so `rank` is the
// position in the whole market; then filters:
//   kind            - a provider of kind "both" matches either single kind;
//   ownership, rating - exact;
//   region          - the provider places children from that region;
//   local_authority - the provider has children of that authority;
// and keeps only the providers `may_see` admits (the caller's scope), so
// `total` and the pages count what the caller may see and nothing else.
// page_size 0 means 50, above 500 is reduced to 500, negative is
// INVALID_ARGUMENT. page_token is opaque: it is bound to the filters of the
// request that produced it (INVALID_ARGUMENT "page_token" otherwise). Paging
// is by position, so a re-score between pages may shift entries.
// The ranking comes from `cache`: rebuilt only when the store changed.
absl::StatusOr<oversight::v1::ListProvidersResponse> ListRankedProviders(
    RankedMarketCache& cache, const oversight::v1::ListProvidersRequest& request,
    ProviderVisibility may_see);

// The same for a caller who may see every provider, ranking afresh from
// the store (no cache): for tools and tests.
absl::StatusOr<oversight::v1::ListProvidersResponse> ListRankedProviders(
    Store& store, const oversight::v1::ListProvidersRequest& request);

}  // namespace oversight::server
