#pragma once
// A market under several stress scenarios: each provider's baseline is
// assessed once and shared by every scenario (it does not depend on the
// scenario), and the providers can be spread over threads. RunStress is the
// per-provider step; this is the loop around it that the benchmark and a
// market-wide caller share.
#include <cstddef>
#include <span>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "risk/config/risk_config.h"
#include "risk/domain/provider_data.h"
#include "risk/impact/market_snapshot.h"
#include "risk/stress/stress_scenario.h"
#include "risk/stress/stress_test.h"

namespace oversight::risk {

struct MarketStressOptions {
  // Worker threads, the calling thread included. Each builds its own SONIA
  // curves (QuantLib term structures are not safe for concurrent use); the
  // providers, snapshot, config and scenarios are only read.
  int threads = 1;
};

// Receives provider `provider` (its index in the span given to StressMarket)
// under every scenario, in the scenarios' order. A provider whose baseline
// cannot be assessed fails every scenario with the baseline's status. With
// more than one thread it is called concurrently from the workers and must
// be safe for that; the span is valid during the call only (the results may
// be moved out).
using ProviderStressVisitor =
    absl::FunctionRef<void(std::size_t provider, std::span<absl::StatusOr<StressResult>> by_scenario)>;

// Stresses every provider under every scenario, as RunStress with the
// shared baseline (identical results). Visits each provider exactly once, in
// no particular order when threads > 1. INVALID_ARGUMENT naming the field
// for threads < 1, an invalid scenario (scenarios[i]...) or a missing as_of;
// INTERNAL if the baseline curves cannot be built. Nothing is visited then.
absl::Status StressMarket(std::span<const ProviderData> providers, const MarketSnapshot& market,
                          const RiskConfig& config, std::span<const StressScenario> scenarios, Date as_of,
                          const MarketStressOptions& options, ProviderStressVisitor visit);

}  // namespace oversight::risk
