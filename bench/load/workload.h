#pragma once
// The records the load generator submits: the synthetic market of
// bench/market as oversight.v1.SubmitRequests, each provider's own record
// first (the store refuses a record ahead of its provider).

#include <cstddef>
#include <string>
#include <vector>

#include "bench/market/synthetic_market.h"
#include "oversight/v1/oversight.pb.h"

namespace oversight::bench {

struct Workload {
  std::vector<oversight::v1::SubmitRequest> requests;
  // requests[provider_begin[i]] is provider i's own record; one past the
  // last provider is requests.size(). Streams split the work on these
  // boundaries so that no record travels ahead of its provider.
  std::vector<std::size_t> provider_begin;
  std::vector<std::string> provider_ids;
};

// `run_tag` makes the idempotency keys unique to one run of the load
// generator ("bench-<tag>/<provider>/<n>").
Workload BuildWorkload(const SyntheticMarketOptions& options, const std::string& run_tag);

// The date the synthetic market is scored at, as the API writes it.
std::string SyntheticAsOfText();

}  // namespace oversight::bench
