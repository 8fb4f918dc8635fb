#include "server/repository/record_identity.h"

#include <cstddef>
#include <type_traits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "risk/domain/iso_date.h"
#include "risk/domain/validation.h"
#include "server/repository/content_hash.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;

template <typename T>
constexpr bool kIs = false;

std::string Deterministic(const google::protobuf::MessageLite& message) {
  // Sized first and written in place: a growing string (StringOutputStream)
  // reallocated and copied several times per record during a bulk ingest.
  const std::size_t size = message.ByteSizeLong();
  std::string out(size, '\0');
  {
    google::protobuf::io::ArrayOutputStream stream(out.data(), static_cast<int>(size));
    google::protobuf::io::CodedOutputStream coded(&stream);
    // Map ordering is the only non-determinism in proto serialization; the
    // record messages have no maps today, but the payload's equality is what
    // makes re-submission "unchanged", so ask for it explicitly.
    coded.SetSerializationDeterministic(true);
    message.SerializeWithCachedSizes(&coded);
  }
  return out;
}

template <typename Proto>
absl::StatusOr<codec::DomainRecord> Decode(const StoredRecord& stored) {
  Proto proto;
  if (!proto.ParseFromString(stored.payload)) {
    return absl::DataLossError(absl::StrCat("stored ", RecordKindName(stored.kind), " ",
                                            stored.provider_id, "/", stored.record_key, " v",
                                            stored.version, " does not parse"));
  }
  auto record = codec::FromProto(proto);
  if (!record.ok()) {
    return absl::DataLossError(absl::StrCat("stored ", RecordKindName(stored.kind), " ",
                                            stored.provider_id, "/", stored.record_key, " v",
                                            stored.version, " no longer validates: ",
                                            record.status().message()));
  }
  record->provenance.version = stored.version;
  return codec::DomainRecord(*std::move(record));
}

}  // namespace

RecordKind KindOf(const codec::DomainRecord& record) {
  return std::visit(
      [](const auto& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, risk::Provider>) return RecordKind::kProvider;
        else if constexpr (std::is_same_v<T, risk::Accounts>) return RecordKind::kAccounts;
        else if constexpr (std::is_same_v<T, risk::RelatedPartyFlows>) return RecordKind::kRelatedPartyFlows;
        else if constexpr (std::is_same_v<T, risk::DebtFacility>) return RecordKind::kFacility;
        else if constexpr (std::is_same_v<T, risk::Setting>) return RecordKind::kSetting;
        else if constexpr (std::is_same_v<T, risk::PlacementReturn>) return RecordKind::kPlacement;
        else if constexpr (std::is_same_v<T, risk::EquityObservation>) return RecordKind::kEquityObservation;
        else static_assert(kIs<T>, "every record kind must be mapped");
      },
      record);
}

std::string RecordKeyOf(const codec::DomainRecord& record) {
  return std::visit(
      [](const auto& r) -> std::string {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, risk::Provider>) return r.provider_id;
        else if constexpr (std::is_same_v<T, risk::Accounts> || std::is_same_v<T, risk::RelatedPartyFlows>)
          return risk::FormatIsoDate(r.period.end);
        else if constexpr (std::is_same_v<T, risk::DebtFacility>) return r.facility_id;
        else if constexpr (std::is_same_v<T, risk::Setting>) return r.urn;
        else if constexpr (std::is_same_v<T, risk::PlacementReturn>)
          return absl::StrCat(risk::FormatIsoDate(r.as_of), "/", r.placing_local_authority, "/",
                              risk::SettingTypeName(r.setting_type));
        else if constexpr (std::is_same_v<T, risk::EquityObservation>) return risk::FormatIsoDate(r.as_of);
        else static_assert(kIs<T>, "every record kind must be keyed");
      },
      record);
}

std::string CanonicalPayload(const codec::DomainRecord& record) {
  return std::visit(
      [](const auto& r) {
        auto proto = codec::ToProto(r);
        proto.mutable_provenance()->clear_version();
        return Deterministic(proto);
      },
      record);
}

absl::StatusOr<codec::DomainRecord> DecodeStoredRecord(const StoredRecord& stored) {
  switch (stored.kind) {
    case RecordKind::kProvider: return Decode<v1::Provider>(stored);
    case RecordKind::kAccounts: return Decode<v1::Accounts>(stored);
    case RecordKind::kRelatedPartyFlows: return Decode<v1::RelatedPartyFlows>(stored);
    case RecordKind::kFacility: return Decode<v1::DebtFacility>(stored);
    case RecordKind::kSetting: return Decode<v1::Setting>(stored);
    case RecordKind::kPlacement: return Decode<v1::PlacementReturn>(stored);
    case RecordKind::kEquityObservation: return Decode<v1::EquityObservation>(stored);
  }
  return absl::DataLossError(absl::StrCat("stored record of unknown kind ",
                                          static_cast<int>(stored.kind)));
}

absl::StatusOr<PreparedRecord> PrepareSubmission(const v1::SubmitRequest& request) {
  absl::StatusOr<codec::DomainRecord> record = codec::FromProto(request.record());
  if (request.idempotency_key().empty()) {
    // Report the missing key together with any fault in the record itself.
    risk::Violations violations;
    violations.Add("idempotency_key", "required: a unique key per logical submission");
    if (!record.ok()) {
      for (auto& v : risk::FieldViolationsOf(record.status())) violations.Add(v.field, v.reason);
    }
    return violations.ToStatus();
  }
  if (!record.ok()) return record.status();

  PreparedRecord prepared{.record = *std::move(record)};
  RecordWrite& write = prepared.write;
  write.kind = KindOf(prepared.record);
  write.provider_id = codec::ProviderIdOf(prepared.record);
  write.record_key = RecordKeyOf(prepared.record);
  write.payload = CanonicalPayload(prepared.record);
  write.idempotency_key = request.idempotency_key();
  const absl::string_view kind = RecordKindName(write.kind);
  write.request_hash = Sha256Hex({kind, write.provider_id, write.record_key, write.payload});
  prepared.display_key = absl::StrCat(kind, "/", write.provider_id, "/", write.record_key);
  return prepared;
}

}  // namespace oversight::server
