#include "server/repository/assessment_rows.h"

#include "absl/strings/str_cat.h"
#include "proto/codec/assessment_codec.h"
#include "proto/codec/enum_codec.h"
#include "risk/domain/iso_date.h"

namespace oversight::server {

namespace v1 = ::oversight::v1;

AssessmentRow MakeAssessmentRow(const risk::Assessment& assessment,
                                absl::string_view inputs_fingerprint) {
  v1::Assessment proto = codec::ToProto(assessment);
  proto.set_inputs_fingerprint(std::string(inputs_fingerprint));
  AssessmentRow row;
  row.provider_id = assessment.provider_id;
  row.as_of = risk::FormatIsoDate(assessment.as_of);
  row.rating = static_cast<int>(codec::ToProto(assessment.rating));
  row.score = assessment.score;
  row.inputs_fingerprint = std::string(inputs_fingerprint);
  row.payload = proto.SerializeAsString();
  return row;
}

absl::StatusOr<v1::Assessment> AssessmentProtoOf(const AssessmentRow& row) {
  v1::Assessment proto;
  if (!proto.ParseFromString(row.payload)) {
    return absl::DataLossError(absl::StrCat("stored assessment of ", row.provider_id, " as of ",
                                            row.as_of, " does not parse"));
  }
  proto.set_inputs_fingerprint(row.inputs_fingerprint);
  proto.set_computed_at(row.computed_at);
  return proto;
}

absl::StatusOr<risk::Assessment> AssessmentOf(const AssessmentRow& row) {
  absl::StatusOr<v1::Assessment> proto = AssessmentProtoOf(row);
  if (!proto.ok()) return proto.status();
  absl::StatusOr<risk::Assessment> assessment = codec::FromProto(*proto);
  if (!assessment.ok()) {
    return absl::DataLossError(absl::StrCat("stored assessment of ", row.provider_id, " as of ",
                                            row.as_of, " does not decode: ",
                                            assessment.status().message()));
  }
  return assessment;
}

AlertRow MakeAlertRow(const risk::Alert& alert) {
  AlertRow row;
  row.alert_key = alert.key;
  row.provider_id = alert.provider_id;
  row.severity = static_cast<int>(codec::ToProto(alert.severity));
  row.as_of = risk::FormatIsoDate(alert.as_of);
  row.payload = codec::ToProto(alert).SerializeAsString();
  return row;
}

absl::StatusOr<v1::Alert> AlertProtoOf(const AlertRow& row) {
  v1::Alert proto;
  if (!proto.ParseFromString(row.payload)) {
    return absl::DataLossError(
        absl::StrCat("stored alert ", row.sequence, " (", row.alert_key, ") does not parse"));
  }
  proto.set_sequence(row.sequence);
  proto.set_created_at(row.created_at);
  proto.set_acknowledged_by(row.acknowledged_by);
  proto.set_acknowledged_at(row.acknowledged_at);
  return proto;
}

}  // namespace oversight::server
