#pragma once
// Results of the risk core between the domain (risk::) and the wire
// (oversight.v1): assessments with their explanations and covenant headroom,
// alerts, concentration and stress. Assessments and alerts also decode, as
// the repository stores them as serialized oversight.v1 messages.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "oversight/v1/oversight.pb.h"
#include "risk/alerts/alert.h"
#include "risk/assessment/assessment.h"
#include "risk/assessment/explanation.h"
#include "risk/impact/concentration.h"
#include "risk/stress/stress_scenario.h"
#include "risk/stress/stress_test.h"

namespace oversight::codec {

oversight::v1::ExplainedFigure ToProto(const risk::ExplainedFigure& figure);
oversight::v1::FactorContribution ToProto(const risk::FactorContribution& contribution);
oversight::v1::Explanation ToProto(const risk::Explanation& explanation);
oversight::v1::CovenantHeadroom ToProto(const risk::CovenantHeadroom& headroom);
// inputs_fingerprint and computed_at are the store's; the caller sets them.
oversight::v1::Assessment ToProto(const risk::Assessment& assessment);

risk::Explanation FromProto(const oversight::v1::Explanation& proto);
// INVALID_ARGUMENT naming the field for a malformed date or enumeration
// (field paths start with "assessment.").
absl::StatusOr<risk::CovenantHeadroom> FromProto(const oversight::v1::CovenantHeadroom& proto);
absl::StatusOr<risk::Assessment> FromProto(const oversight::v1::Assessment& proto);

// What the store adds to an alert: its place in the stream and its state.
struct AlertState {
  std::int64_t sequence = 0;
  std::string created_at;       // RFC 3339
  std::string acknowledged_by;  // empty until acknowledged
  std::string acknowledged_at;
};
oversight::v1::Alert ToProto(const risk::Alert& alert, const AlertState& state = {});
// The domain part; the state is in the proto's own fields.
absl::StatusOr<risk::Alert> FromProto(const oversight::v1::Alert& proto);

// Provider names are not part of the domain result; ProviderShare.name is
// left empty for the caller to fill.
oversight::v1::Concentration ToProto(const risk::Concentration& concentration);

oversight::v1::StressScenario ToProto(const risk::StressScenario& scenario);
// A custom scenario from a request: every figure finite, occupancy_fall in
// [0, 1], fee_growth and wage_inflation above -1, sonia_shift_bp within
// +/-10,000. Field paths start with `field` (e.g. "custom"). An empty name
// becomes "custom".
absl::StatusOr<risk::StressScenario> FromProto(const oversight::v1::StressScenario& proto,
                                               absl::string_view field);
oversight::v1::StressOutcome ToProto(const risk::StressResult& result);

}  // namespace oversight::codec
