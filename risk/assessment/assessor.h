#pragma once
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
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
// not stop the others. Holds every assessment (about 10 KB each) to rank
// them: a caller that stores or summarises the assessments as they come
// should use AssessMarketInBatches.
MarketAssessment AssessMarket(std::span<const ProviderData> market, const RiskConfig& config,
                              Date as_of);

// One batch of AssessMarketInBatches, in the market's order.
struct AssessedBatch {
  std::vector<Assessment> assessments;
  std::vector<ScoringFailure> failures;
};

// Whether a market run validates its inputs (ValidateProviderInputs) before
// scoring each provider.
enum class MarketInputs {
  kValidate,
  // Every record of every provider has passed its risk/domain/validation.h
  // check and belongs to the provider it is filed under, before the run: as
  // the service guarantees for the market it loads from its store
  // (server/repository/provider_loader.h validates each record as it
  // decodes it). The run then does not validate them a second time (a tenth
  // of its time). Never for data from outside the core: a record that was
  // not validated may make the models fail or mislead.
  kAlreadyValidated,
};

// Scores the market as AssessMarket does (one snapshot and one set of
// curves for the run; one provider's failure does not stop the others), in
// consecutive batches of at most `batch_size` providers in the market's
// order, handing each batch to `consume` before scoring the next. The
// batch's vectors are cleared and reused after `consume` returns (which may
// move from them), so a caller that stores each batch holds one batch of
// assessments at a time rather than the whole market's: how the nightly job
// scores (server/scoring/rescore.cc). Stops at the first error `consume`
// returns and returns it; INVALID_ARGUMENT if batch_size is 0.
absl::Status AssessMarketInBatches(std::span<const ProviderData> market, const RiskConfig& config,
                                   Date as_of, std::size_t batch_size,
                                   absl::FunctionRef<absl::Status(AssessedBatch&)> consume,
                                   MarketInputs inputs = MarketInputs::kValidate);

// Orders worst first: by rating (black, red, amber, green), then score
// descending, then provider_id for a stable order.
void RankAssessments(std::vector<Assessment>& assessments);

}  // namespace oversight::risk
