#include "server/service/record_provider.h"

namespace oversight::server {

const std::string& RecordProviderId(const oversight::v1::Record& record) {
  static const std::string kNone;
  switch (record.record_case()) {
    case oversight::v1::Record::kProvider:
      return record.provider().provider_id();
    case oversight::v1::Record::kAccounts:
      return record.accounts().provider_id();
    case oversight::v1::Record::kRelatedPartyFlows:
      return record.related_party_flows().provider_id();
    case oversight::v1::Record::kFacility:
      return record.facility().provider_id();
    case oversight::v1::Record::kSetting:
      return record.setting().provider_id();
    case oversight::v1::Record::kPlacement:
      return record.placement().provider_id();
    case oversight::v1::Record::kEquityObservation:
      return record.equity_observation().provider_id();
    case oversight::v1::Record::RECORD_NOT_SET:
      break;
  }
  return kNone;
}

ResourceRef RecordResource(const oversight::v1::Record& record) {
  ResourceRef resource = ResourceRef::ForProvider(RecordProviderId(record));
  resource.record_kind = record.has_provider() ? "provider" : "data";
  return resource;
}

}  // namespace oversight::server
