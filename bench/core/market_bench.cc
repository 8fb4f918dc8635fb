// The whole risk core on a synthetic market (bench/market): every provider
// scored with all ratios, Altman, Ohlson, Merton, impact, rating and the
// explanation (risk::AssessMarket), and the market under stress.
//
// Targets (docs/performance.md): 100,000 providers with 5 years of accounts
// and 3 facilities each in under 1 second on one core; the market under 5
// stress scenarios in under 5 seconds. AssessMarket and
// AssessMarketInBatches run on the calling thread only, so the CPU time
// column is the one-core figure.
//
// Scaling: BM_AssessMarket/N varies the number of providers and
// BM_AssessMarketFacilities/F the facilities per provider; both report
// Google Benchmark's fitted complexity (BigO / RMS), which must be O(N): a
// quadratic step anywhere in the pipeline shows as a poor O(N) fit and a
// per-provider cost that grows with N.
#include <benchmark/benchmark.h>

#include <atomic>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/market/synthetic_market.h"
#include "risk/assessment/assess_on_curves.h"
#include "risk/assessment/assessor.h"
#include "risk/config/risk_config.h"
#include "risk/impact/market_snapshot.h"
#include "risk/stress/market_stress.h"
#include "risk/stress/stress_scenario.h"
#include "risk/stress/stress_test.h"

namespace oversight::bench {
namespace {

constexpr int kMarketProviders = 100'000;

// Generated once per shape, outside any timed region. Provider i depends
// only on i, so a market of N providers is the first N of the largest.
const std::vector<risk::ProviderData>& Market(int facilities_per_provider, int providers) {
  static auto* cache = new std::map<std::pair<int, int>, std::vector<risk::ProviderData>>();
  auto [it, inserted] = cache->try_emplace({facilities_per_provider, providers});
  if (inserted) {
    SyntheticMarketOptions options;
    options.providers = providers;
    options.facilities_per_provider = facilities_per_provider;
    it->second = SyntheticMarket(options);
  }
  return it->second;
}

void SetPerProviderCounters(benchmark::State& state, std::int64_t providers, std::size_t failures) {
  state.counters["providers"] = static_cast<double>(providers);
  // Seconds per provider (printed with an SI prefix: "3.1u" = 3.1 us).
  state.counters["per_provider"] = benchmark::Counter(
      static_cast<double>(providers),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["failures"] = static_cast<double>(failures);
}

// The first N providers (state.range(0)) of the market with 3 facilities each.
std::span<const risk::ProviderData> MarketOfSize(const benchmark::State& state) {
  return std::span(Market(3, kMarketProviders)).first(static_cast<std::size_t>(state.range(0)));
}

// 12,500 to 100,000 providers, with the fitted complexity, which must be O(N).
void OverMarketSizes(benchmark::internal::Benchmark* b) {
  b->Arg(12'500)->Arg(25'000)->Arg(50'000)->Arg(kMarketProviders)->Unit(benchmark::kMillisecond)->Complexity(
      benchmark::oN);
}

// The market of N providers, 5 years of accounts and 3 facilities each.
void BM_AssessMarket(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const std::span<const risk::ProviderData> market = MarketOfSize(state);
  const risk::RiskConfig config;
  std::size_t failures = 0;
  for (auto _ : state) {
    risk::MarketAssessment assessed = risk::AssessMarket(market, config, SyntheticAsOf());
    failures = assessed.failures.size();
    benchmark::DoNotOptimize(assessed);
  }
  state.SetComplexityN(n);
  SetPerProviderCounters(state, n, failures);
}
BENCHMARK(BM_AssessMarket)->Apply(OverMarketSizes);

// Every provider's inputs checked (risk::ValidateProviderInputs), as the
// service checks each record once as it loads the market from its store
// (server/repository/provider_loader.h); "" when all pass.
std::string MarketInvalidity(std::span<const risk::ProviderData> market) {
  for (const risk::ProviderData& d : market) {
    if (absl::Status valid = risk::ValidateProviderInputs(d); !valid.ok()) {
      return absl::StrCat(d.provider.provider_id, ": ", valid.message());
    }
  }
  return "";
}

// The validation alone: what the nightly job pays once per record as it
// loads the market, before scoring it.
void BM_ValidateMarket(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const std::span<const risk::ProviderData> market = MarketOfSize(state);
  for (auto _ : state) {
    const std::string invalid = MarketInvalidity(market);
    if (!invalid.empty()) state.SkipWithError(invalid.c_str());
  }
  state.SetComplexityN(n);
  SetPerProviderCounters(state, n, 0);
}
BENCHMARK(BM_ValidateMarket)->Apply(OverMarketSizes);

// The same market scored as the nightly job scores it
// (risk::AssessMarketInBatches, batches of 256, server/scoring/rescore.cc):
// every figure of every provider is computed exactly as above, and each
// batch is handed on, here folded into a checksum the optimiser cannot
// drop, before the next is scored. Unlike AssessMarket, the run never holds
// the whole market's assessments (about 1 GB for 100,000) or ranks them.
// As in the nightly job, the inputs were validated before the run (once,
// here outside the timed loop; BM_ValidateMarket times it), so the run
// does not validate them again (risk::MarketInputs::kAlreadyValidated).
void BM_AssessMarketInBatches(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const std::span<const risk::ProviderData> market = MarketOfSize(state);
  if (const std::string invalid = MarketInvalidity(market); !invalid.empty()) {
    state.SkipWithError(invalid.c_str());
    return;
  }
  const risk::RiskConfig config;
  std::size_t failures = 0;
  for (auto _ : state) {
    failures = 0;
    double checksum = 0;
    const absl::Status run = risk::AssessMarketInBatches(
        market, config, SyntheticAsOf(), 256, [&](risk::AssessedBatch& batch) {
          for (const risk::Assessment& a : batch.assessments) {
            checksum += a.score + a.pd_one_year + static_cast<double>(a.explanation.figures.size());
          }
          failures += batch.failures.size();
          return absl::OkStatus();
        },
        risk::MarketInputs::kAlreadyValidated);
    if (!run.ok()) state.SkipWithError(std::string(run.message()).c_str());
    benchmark::DoNotOptimize(checksum);
  }
  state.SetComplexityN(n);
  SetPerProviderCounters(state, n, failures);
}
BENCHMARK(BM_AssessMarketInBatches)->Apply(OverMarketSizes);

// 10,000 providers with 1 to 8 facilities each: the cost must grow linearly
// in the number of facilities (covenant test dates, debt-service projection).
void BM_AssessMarketFacilities(benchmark::State& state) {
  constexpr int kProviders = 10'000;
  const int facilities = static_cast<int>(state.range(0));
  const std::vector<risk::ProviderData>& market = Market(facilities, kProviders);
  const risk::RiskConfig config;
  std::size_t failures = 0;
  for (auto _ : state) {
    risk::MarketAssessment assessed = risk::AssessMarket(market, config, SyntheticAsOf());
    failures = assessed.failures.size();
    benchmark::DoNotOptimize(assessed);
  }
  state.SetComplexityN(static_cast<std::int64_t>(kProviders) * facilities);
  state.counters["facilities_per_provider"] = facilities;
  SetPerProviderCounters(state, kProviders, failures);
}
BENCHMARK(BM_AssessMarketFacilities)
    ->RangeMultiplier(2)
    ->Range(1, 8)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

// The snapshot alone (market-wide aggregates built once per scoring run).
void BM_MarketSnapshot(benchmark::State& state) {
  const std::vector<risk::ProviderData>& market = Market(3, kMarketProviders);
  for (auto _ : state) {
    risk::MarketSnapshot snapshot = risk::MarketSnapshot::Build(market, SyntheticAsOf());
    benchmark::DoNotOptimize(snapshot);
  }
  SetPerProviderCounters(state, kMarketProviders, 0);
}
BENCHMARK(BM_MarketSnapshot)->Unit(benchmark::kMillisecond);

// Five scenarios: the four standard ones and a severe custom one.
std::vector<risk::StressScenario> FiveScenarios() {
  std::vector<risk::StressScenario> scenarios = risk::StandardScenarios();
  scenarios.push_back({"severe", "SONIA +300bp, 20% fewer children placed, staff costs +8%", 300,
                       0.20, 0, 0.08});
  return scenarios;
}

// The market of N providers under the five scenarios with `threads`
// workers (risk::StressMarket): one snapshot, then for every provider its
// baseline assessment, once, shared by the five scenarios (it is part of the
// work, so it is timed), and the provider under every scenario. A provider
// whose baseline fails counts as failing under every scenario.
void StressMarketOnThreads(benchmark::State& state, int threads) {
  const int n = static_cast<int>(state.range(0));
  const std::span<const risk::ProviderData> market =
      std::span(Market(3, kMarketProviders)).first(static_cast<std::size_t>(n));
  const risk::RiskConfig config;
  const std::vector<risk::StressScenario> scenarios = FiveScenarios();
  std::atomic<std::size_t> failures = 0;
  std::atomic<std::size_t> breaks = 0;
  for (auto _ : state) {
    failures = 0;
    breaks = 0;
    const risk::MarketSnapshot snapshot = risk::MarketSnapshot::Build(market, SyntheticAsOf());
    const absl::Status run = risk::StressMarket(
        market, snapshot, config, scenarios, SyntheticAsOf(), risk::MarketStressOptions{.threads = threads},
        [&](std::size_t, std::span<absl::StatusOr<risk::StressResult>> results) {
          for (const absl::StatusOr<risk::StressResult>& result : results) {
            if (!result.ok()) {
              failures.fetch_add(1, std::memory_order_relaxed);
            } else if (!result->first_break.empty()) {
              breaks.fetch_add(1, std::memory_order_relaxed);
            }
            benchmark::DoNotOptimize(result);
          }
        });
    if (!run.ok()) {
      state.SkipWithError(std::string(run.message()).c_str());
      break;
    }
  }
  state.SetComplexityN(n);
  state.counters["scenarios"] = static_cast<double>(scenarios.size());
  state.counters["threads"] = threads;
  state.counters["breaks"] = static_cast<double>(breaks.load());
  SetPerProviderCounters(state, n, failures.load());
}

// One core: the headline figure (CPU time = wall time on one thread).
void BM_StressMarket(benchmark::State& state) { StressMarketOnThreads(state, 1); }
BENCHMARK(BM_StressMarket)
    ->Arg(6'250)
    ->Arg(25'000)
    ->Arg(kMarketProviders)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

// Two worker threads, reported as wall time (UseRealTime): the CPU time
// column counts the calling thread only and means nothing here. A separate
// figure from the one-core headline; on a machine whose cores are busy with
// other work it shows that, not the speed-up.
void BM_StressMarketTwoThreads(benchmark::State& state) { StressMarketOnThreads(state, 2); }
BENCHMARK(BM_StressMarketTwoThreads)
    ->Arg(6'250)
    ->Arg(kMarketProviders)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace oversight::bench
