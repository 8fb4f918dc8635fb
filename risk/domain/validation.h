#pragma once
// Input validation. Every check names the field and the reason; nothing is
// defaulted silently. The server turns the violations into a gRPC
// INVALID_ARGUMENT with google.rpc.BadRequest field violations.

#include "absl/strings/string_view.h"
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "risk/domain/provider_data.h"

namespace oversight::risk {

struct FieldViolation {
  std::string field;   // dotted path, e.g. "accounts.period.end", "facility.maturity_date"
  std::string reason;  // human-readable, e.g. "precedes period.start (2024-03-31 < 2024-04-01)"
};

// Collects violations and turns them into one INVALID_ARGUMENT status whose
// message lists them and whose payload carries them for structured mapping.
class Violations {
 public:
  void Add(std::string field, std::string reason);
  bool empty() const { return list_.empty(); }
  const std::vector<FieldViolation>& list() const { return list_; }
  absl::Status ToStatus() const;  // OkStatus() when empty

 private:
  std::vector<FieldViolation> list_;
};

// INVALID_ARGUMENT naming one field and why, with the same payload as
// Violations::ToStatus (for a check of a single request field).
absl::Status InvalidField(absl::string_view field, absl::string_view reason);

// The absl::Status payload type URL that carries field violations.
inline constexpr absl::string_view kFieldViolationsPayloadUrl =
    "type.googleapis.com/oversight.FieldViolations";
// Extracts the field violations carried by a status (empty if none).
std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status);

// Tolerance for "the balance sheet balances": |TA - TL - NA| <= max(1000, 0.5% of TA).
absl::Status ValidateProvider(const Provider& provider);
absl::Status ValidateAccounts(const Accounts& accounts);
absl::Status ValidateRelatedPartyFlows(const RelatedPartyFlows& flows);
absl::Status ValidateDebtFacility(const DebtFacility& facility);
absl::Status ValidateSetting(const Setting& setting);
absl::Status ValidatePlacementReturn(const PlacementReturn& placement);
absl::Status ValidateEquityObservation(const EquityObservation& observation);

}  // namespace oversight::risk
