#pragma once
// Re-scoring: assess providers as of a date, store each assessment with the
// alerts it raises, and report what changed.
//
// Safe to repeat and to run concurrently (several replicas, one database):
// an assessment whose inputs fingerprint is already stored for that date is
// skipped, the store keeps one assessment per (provider, date) and one alert
// per alert key, so a second run writes nothing and raises nothing twice.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "oversight/v1/oversight.pb.h"
#include "risk/assessment/assessment.h"
#include "risk/assessment/assessor.h"
#include "risk/config/risk_config.h"
#include "risk/domain/iso_date.h"
#include "server/store/store.h"

namespace oversight::server {

struct RescoreOptions {
  risk::Date as_of;
  // Empty: every provider. Otherwise that provider only (NOT_FOUND when not
  // registered); the market is still loaded, as shares depend on everyone.
  std::string provider_id;
  // Identifies the RiskConfig in force (e.g. a hash of the configuration
  // file). Part of every fingerprint: it must change when the config does.
  std::string config_id = "default";
};

struct RatingChange {
  std::string provider_id;
  std::optional<risk::Rating> from;  // nullopt when first scored
  risk::Rating to = risk::Rating::kGreen;
};

struct RescoreOutcome {
  risk::Date as_of;
  int assessed = 0;   // assessments written or replaced
  int unchanged = 0;  // same fingerprint already stored for the date
  std::vector<risk::ScoringFailure> failures;
  std::vector<RatingChange> rating_changes;   // against the latest assessment before as_of
  std::vector<oversight::v1::Alert> new_alerts;  // as stored, with sequences
};

absl::StatusOr<RescoreOutcome> Rescore(Store& store, const risk::RiskConfig& config,
                                       const RescoreOptions& options);

oversight::v1::RescoreResponse ToProto(const RescoreOutcome& outcome);

// The Rescore RPC in one call: resolves as_of (empty = today, UTC).
absl::StatusOr<oversight::v1::RescoreResponse> Rescore(Store& store, const risk::RiskConfig& config,
                                                       const oversight::v1::RescoreRequest& request,
                                                       absl::string_view config_id = "default");

}  // namespace oversight::server
