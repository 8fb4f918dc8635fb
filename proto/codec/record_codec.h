#pragma once
// Input records between the domain (risk::) and the wire (oversight.v1).
//
// Decoding validates completely: dates are parsed with the field path in the
// error ("accounts.period.end"), required enumerations reject *_UNSPECIFIED,
// and then the risk core's Validate* runs, so a caller sees every violation
// of a record at once in one INVALID_ARGUMENT whose payload carries them
// (risk::FieldViolationsOf; ToGrpcStatus turns them into a BadRequest).
// Field paths start with the record's name in oversight.v1.Record: provider,
// accounts, related_party_flows, facility, setting, placement,
// equity_observation.
//
// Encoding never fails. FromProto(ToProto(x)) == x for every valid record,
// including provenance (source and version).

#include <variant>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "oversight/v1/oversight.pb.h"
#include "risk/domain/accounts.h"
#include "risk/domain/debt_facility.h"
#include "risk/domain/provider.h"
#include "risk/domain/setting.h"

namespace oversight::codec {

// Any one input record, the domain counterpart of oversight.v1.Record.
using DomainRecord =
    std::variant<risk::Provider, risk::Accounts, risk::RelatedPartyFlows, risk::DebtFacility,
                 risk::Setting, risk::PlacementReturn, risk::EquityObservation>;

absl::StatusOr<risk::Provider> FromProto(const oversight::v1::Provider& proto);
absl::StatusOr<risk::Accounts> FromProto(const oversight::v1::Accounts& proto);
absl::StatusOr<risk::RelatedPartyFlows> FromProto(const oversight::v1::RelatedPartyFlows& proto);
absl::StatusOr<risk::DebtFacility> FromProto(const oversight::v1::DebtFacility& proto);
absl::StatusOr<risk::Setting> FromProto(const oversight::v1::Setting& proto);
absl::StatusOr<risk::PlacementReturn> FromProto(const oversight::v1::PlacementReturn& proto);
absl::StatusOr<risk::EquityObservation> FromProto(const oversight::v1::EquityObservation& proto);
// INVALID_ARGUMENT ("record": "no record set") when the oneof is empty.
absl::StatusOr<DomainRecord> FromProto(const oversight::v1::Record& proto);

oversight::v1::Provider ToProto(const risk::Provider& record);
oversight::v1::Accounts ToProto(const risk::Accounts& record);
oversight::v1::RelatedPartyFlows ToProto(const risk::RelatedPartyFlows& record);
oversight::v1::DebtFacility ToProto(const risk::DebtFacility& record);
oversight::v1::Setting ToProto(const risk::Setting& record);
oversight::v1::PlacementReturn ToProto(const risk::PlacementReturn& record);
oversight::v1::EquityObservation ToProto(const risk::EquityObservation& record);
oversight::v1::Record ToProto(const DomainRecord& record);

// The provider a record belongs to, and its name in oversight.v1.Record
// ("provider", "accounts", ...; "" for an empty Record).
const std::string& ProviderIdOf(const DomainRecord& record);
absl::string_view RecordFieldName(const oversight::v1::Record& record);

}  // namespace oversight::codec
