// The Merton solve (risk/default/merton_model.h): target under 5 microseconds
// per solve in a Release build, so that re-scoring the whole market, stress
// scenarios included, is dominated by I/O rather than the model.
#include <benchmark/benchmark.h>

#include "risk/default/merton_model.h"

namespace oversight::risk {
namespace {

// Hull's worked example (E = 3, sigmaE = 0.80, D = 10, r = 5%, T = 1).
void BM_MertonSolveHullExample(benchmark::State& state) {
  const MertonInputs inputs{.equity_value = 3, .equity_volatility = 0.80, .debt_face = 10,
                            .risk_free_rate = 0.05, .horizon_years = 1};
  for (auto _ : state) {
    auto result = SolveMerton(inputs);
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_MertonSolveHullExample);

// A spread of leverage, from lightly to heavily indebted providers, so the
// figure is not flattered by one well-conditioned case.
void BM_MertonSolveLeverageSweep(benchmark::State& state) {
  MertonInputs inputs{.equity_value = 10e6, .equity_volatility = 0.40, .debt_face = 0,
                      .risk_free_rate = 0.04, .horizon_years = 1};
  int i = 0;
  for (auto _ : state) {
    inputs.debt_face = 1e6 * (1 + (i++ % 64));
    auto result = SolveMerton(inputs);
    benchmark::DoNotOptimize(result);
  }
}
BENCHMARK(BM_MertonSolveLeverageSweep);

}  // namespace
}  // namespace oversight::risk
