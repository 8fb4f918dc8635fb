#pragma once
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "risk/assessment/assessment.h"
#include "risk/config/risk_config.h"
#include "risk/domain/provider_data.h"
#include "risk/impact/market_snapshot.h"
#include "risk/stress/stress_scenario.h"

namespace oversight::risk {

struct StressResult {
  std::string scenario;
  Assessment baseline;
  Assessment stressed;
  bool covenant_breached = false;
  bool liquidity_exhausted = false;
  std::string first_break;  // what breaks first, e.g. "covenant max_net_leverage on F1"; empty if nothing
};

absl::StatusOr<StressResult> RunStress(const ProviderData& data, const MarketSnapshot& market,
                                       const RiskConfig& config, const StressScenario& scenario,
                                       Date as_of);

}  // namespace oversight::risk
