#include "risk/stress/market_stress.h"

#include <algorithm>
#include <memory>
#include <atomic>
#include <exception>
#include <system_error>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "risk/assessment/assess_on_curves.h"
#include "risk/resilience/sonia_curve.h"
#include "risk/stress/operating_shock.h"
#include "risk/stress/shocked_records.h"

namespace oversight::risk {
namespace {

// Providers are handed out in small blocks: enough to keep the shared
// counter cold, small enough that the threads finish together.
constexpr std::size_t kBlock = 16;

class Worker {
 public:
  Worker(std::span<const ProviderData> providers, const MarketSnapshot& market, const RiskConfig& config,
         std::span<const StressScenario> scenarios, Date as_of, std::atomic<std::size_t>& next,
         ProviderStressVisitor visit)
      : providers_(providers), market_(market), config_(config), scenarios_(scenarios), as_of_(as_of),
        next_(next), visit_(visit) {}

  void Run() {
    // Checked by StressMarket on the calling thread, so this cannot fail
    // unless QuantLib fails on one thread and not another.
    const absl::StatusOr<SoniaCurves> curves = BaselineSoniaCurves(config_, as_of_);
    std::vector<absl::StatusOr<StressResult>> results(scenarios_.size(), absl::UnknownError("not run"));
    for (;;) {
      const std::size_t begin = next_.fetch_add(kBlock, std::memory_order_relaxed);
      if (begin >= providers_.size()) return;
      const std::size_t end = std::min(providers_.size(), begin + kBlock);
      for (std::size_t p = begin; p < end; ++p) {
        StressOne(providers_[p], curves, results);
        visit_(p, std::span(results));
      }
    }
  }

 private:
  void StressOne(const ProviderData& data, const absl::StatusOr<SoniaCurves>& curves,
                 std::vector<absl::StatusOr<StressResult>>& results) const {
    if (!curves.ok()) {
      std::fill(results.begin(), results.end(), curves.status());
      return;
    }
    absl::StatusOr<Assessment> assessed = StressBaseline(data, market_, config_, as_of_, *curves);
    if (!assessed.ok()) {
      std::fill(results.begin(), results.end(), assessed.status());
      return;
    }
    // One baseline for all the provider's scenarios, shared by their results.
    const auto baseline = std::make_shared<const Assessment>(*std::move(assessed));
    ShockedRecords records(data, as_of_);  // copied once, shocked by each scenario in turn
    for (std::size_t s = 0; s < scenarios_.size(); ++s) {
      results[s] = RunStress(data, market_, config_, scenarios_[s], as_of_, baseline, *curves, &records);
    }
  }

  std::span<const ProviderData> providers_;
  const MarketSnapshot& market_;
  const RiskConfig& config_;
  std::span<const StressScenario> scenarios_;
  Date as_of_;
  std::atomic<std::size_t>& next_;
  ProviderStressVisitor visit_;
};

}  // namespace

absl::Status StressMarket(std::span<const ProviderData> providers, const MarketSnapshot& market,
                          const RiskConfig& config, std::span<const StressScenario> scenarios, Date as_of,
                          const MarketStressOptions& options, ProviderStressVisitor visit) {
  if (options.threads < 1) {
    return absl::InvalidArgumentError(absl::StrCat("threads: must be at least 1 (got ", options.threads, ")"));
  }
  if (as_of == Date()) return absl::InvalidArgumentError("as_of: the assessment date is required");
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    if (absl::Status valid = ValidateScenario(scenarios[i]); !valid.ok()) {
      return absl::Status(valid.code(), absl::StrCat("scenarios[", i, "] (", scenarios[i].name, "): ",
                                                     valid.message()));
    }
  }
  if (absl::StatusOr<SoniaCurves> curves = BaselineSoniaCurves(config, as_of); !curves.ok()) {
    return curves.status();
  }

  std::atomic<std::size_t> next{0};
  const std::size_t wanted =
      std::min<std::size_t>(static_cast<std::size_t>(options.threads), (providers.size() + kBlock - 1) / kBlock);
  std::vector<std::thread> helpers;
  if (wanted > 1) helpers.reserve(wanted - 1);
  for (std::size_t t = 1; t < wanted; ++t) {
    try {
      helpers.emplace_back([&] { Worker(providers, market, config, scenarios, as_of, next, visit).Run(); });
    } catch (const std::system_error&) {
      break;  // no more threads to be had: the ones running, and this one, share the work
    }
  }
  Worker(providers, market, config, scenarios, as_of, next, visit).Run();
  for (std::thread& helper : helpers) helper.join();
  return absl::OkStatus();
}

}  // namespace oversight::risk
