#pragma once
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "risk/assessment/assessment.h"
#include "risk/config/risk_config.h"
#include "risk/domain/provider_data.h"
#include "risk/impact/market_snapshot.h"

namespace oversight::risk {

// Scores one provider as of a date: profitability, resilience, the failure
// models, impact, rating and explanation. Fails (INVALID_ARGUMENT, naming the
// record and field) only when the inputs are inconsistent; missing figures
// give absent results with a note, never an error and never a zero.
absl::StatusOr<Assessment> AssessProvider(const ProviderData& data, const MarketSnapshot& market,
                                          const RiskConfig& config, Date as_of);

struct ScoringFailure {
  std::string provider_id;
  absl::Status status;
};

struct MarketAssessment {
  std::vector<Assessment> ranked;          // worst first (see RankAssessments)
  std::vector<ScoringFailure> failures;
};

// Builds the snapshot and scores every provider; one provider's failure does
// not stop the others.
MarketAssessment AssessMarket(std::span<const ProviderData> market, const RiskConfig& config,
                              Date as_of);

// Orders worst first: by rating (black, red, amber, green), then score
// descending, then provider_id for a stable order.
void RankAssessments(std::vector<Assessment>& assessments);

}  // namespace oversight::risk
