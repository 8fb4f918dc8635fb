#pragma once
// The ranked market: every provider's latest assessment as the list shows
// it, worst first, with the keys ListProviders filters on. Built from the
// store in one pass and never changed afterwards, so one snapshot can serve
// any number of concurrent requests (see RankedMarketCache).

#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "oversight/v1/oversight.pb.h"
#include "risk/assessment/assessment.h"
#include "server/store/store.h"

namespace oversight::server {

// One provider in rank order: the summary exactly as ListProviders returns
// it (rank = position in the whole market), what the filters compare, and
// which stored assessment it was decoded from (so the next build reuses it
// while that assessment is still the provider's latest).
struct RankedEntry {
  oversight::v1::ProviderSummary summary;
  std::vector<oversight::v1::Region> regions;      // where it places children from
  std::vector<std::string> local_authorities;       // whose children it holds
  risk::Rating rating = risk::Rating::kGreen;       // the ranking key, as the risk core orders it
  std::string as_of;                                // the assessment's row: as_of and
  std::string inputs_fingerprint;                   // fingerprint (they identify its payload)
};

struct RankedMarket {
  std::string change_stamp;           // Store::ChangeStamp read before the build
  std::vector<RankedEntry> entries;   // risk::RankAssessments order
};

// Reads the providers' registrations and their latest assessments, ranks
// them (as risk::RankAssessments: rating, then score, then provider_id) and
// returns the snapshot labelled with `change_stamp`, which the caller read
// before calling. Entries of `previous` whose assessment is still the
// provider's latest (same as_of and inputs fingerprint, which identify the
// stored payload: the store replaces a row only for a new fingerprint) are reused;
// only new assessments are read and decoded, so a rebuild after one
// provider's re-score costs a payload-free scan, not a market decode.
// DATA_LOSS when a stored payload does not parse.
absl::StatusOr<std::shared_ptr<const RankedMarket>> BuildRankedMarket(
    Store& store, std::string change_stamp, const RankedMarket* previous = nullptr);

// Whether the caller may see a provider (the authorizer's filter hook).
using ProviderVisibility = absl::FunctionRef<bool(const std::string& provider_id)>;

// One page of the ranked market for `request` (filters, page_size,
// page_token as provider_ranking.h documents), counting and paging only the
// entries `may_see` admits: a scoped caller's `total` and pages are its own
// providers, never the size of the market.
absl::StatusOr<oversight::v1::ListProvidersResponse> PageOfRankedMarket(
    const RankedMarket& market, const oversight::v1::ListProvidersRequest& request,
    ProviderVisibility may_see);

}  // namespace oversight::server
