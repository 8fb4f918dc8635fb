#pragma once
// Enumerations between the domain (risk::) and the wire (oversight.v1).
//
// Encoding never fails. Decoding fails with INVALID_ARGUMENT naming `field`
// for values the proto does not define (proto3 enums are open, so a newer
// client can send a number this server does not know) and, for enumerations
// the API marks as required, for *_UNSPECIFIED. Two enumerations have a
// documented meaning for UNSPECIFIED and accept it: CompanyStatus (unknown)
// and InspectionJudgement (not yet inspected).

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "oversight/v1/oversight.pb.h"
#include "risk/alerts/alert.h"
#include "risk/assessment/assessment.h"
#include "risk/domain/debt_facility.h"
#include "risk/domain/provider.h"
#include "risk/domain/region.h"
#include "risk/domain/setting.h"

namespace oversight::codec {

oversight::v1::ProviderKind ToProto(risk::ProviderKind value);
oversight::v1::Ownership ToProto(risk::Ownership value);
oversight::v1::CompanyStatus ToProto(risk::CompanyStatus value);  // kUnknown -> UNSPECIFIED
oversight::v1::Region ToProto(risk::Region value);
oversight::v1::SettingType ToProto(risk::SettingType value);
oversight::v1::InspectionJudgement ToProto(risk::InspectionJudgement value);
oversight::v1::RateType ToProto(risk::RateType value);
oversight::v1::Rating ToProto(risk::Rating value);
oversight::v1::Band ToProto(risk::Band value);
oversight::v1::AlertSeverity ToProto(risk::AlertSeverity value);
oversight::v1::AlertKind ToProto(risk::AlertKind value);

// Required: UNSPECIFIED is rejected.
absl::StatusOr<risk::ProviderKind> FromProto(oversight::v1::ProviderKind value, absl::string_view field);
absl::StatusOr<risk::Ownership> FromProto(oversight::v1::Ownership value, absl::string_view field);
absl::StatusOr<risk::Region> FromProto(oversight::v1::Region value, absl::string_view field);
absl::StatusOr<risk::SettingType> FromProto(oversight::v1::SettingType value, absl::string_view field);
absl::StatusOr<risk::RateType> FromProto(oversight::v1::RateType value, absl::string_view field);
absl::StatusOr<risk::Rating> FromProto(oversight::v1::Rating value, absl::string_view field);
absl::StatusOr<risk::Band> FromProto(oversight::v1::Band value, absl::string_view field);
absl::StatusOr<risk::AlertSeverity> FromProto(oversight::v1::AlertSeverity value, absl::string_view field);
absl::StatusOr<risk::AlertKind> FromProto(oversight::v1::AlertKind value, absl::string_view field);
// UNSPECIFIED accepted: unknown / not yet inspected.
absl::StatusOr<risk::CompanyStatus> FromProto(oversight::v1::CompanyStatus value, absl::string_view field);
absl::StatusOr<risk::InspectionJudgement> FromProto(oversight::v1::InspectionJudgement value,
                                                    absl::string_view field);

}  // namespace oversight::codec
