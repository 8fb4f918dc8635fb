#pragma once
// Assessments and alerts between the risk core's types and the store's rows,
// whose payloads are serialized oversight.v1 messages.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "oversight/v1/oversight.pb.h"
#include "risk/alerts/alert.h"
#include "risk/assessment/assessment.h"
#include "server/store/store.h"

namespace oversight::server {

// computed_at is left empty: the store stamps it on write.
AssessmentRow MakeAssessmentRow(const risk::Assessment& assessment,
                                absl::string_view inputs_fingerprint);
// The stored assessment as the API shows it, with the row's fingerprint and
// computed_at. DATA_LOSS when the payload does not parse.
absl::StatusOr<oversight::v1::Assessment> AssessmentProtoOf(const AssessmentRow& row);
absl::StatusOr<risk::Assessment> AssessmentOf(const AssessmentRow& row);

// created_at is left empty: the store stamps it on insert.
AlertRow MakeAlertRow(const risk::Alert& alert);
// The stored alert as the API shows it: sequence, created_at and the
// acknowledgement come from the row. DATA_LOSS when the payload does not parse.
absl::StatusOr<oversight::v1::Alert> AlertProtoOf(const AlertRow& row);

}  // namespace oversight::server
