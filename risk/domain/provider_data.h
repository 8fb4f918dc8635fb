#pragma once
#include <vector>

#include "risk/domain/accounts.h"
#include "risk/domain/debt_facility.h"
#include "risk/domain/provider.h"
#include "risk/domain/setting.h"

namespace oversight::risk {

// Everything known about one provider: the unit the models score. Records
// are in no particular order; models select by date.
struct ProviderData {
  Provider provider;
  std::vector<Accounts> accounts;
  std::vector<RelatedPartyFlows> related_party_flows;
  std::vector<DebtFacility> facilities;
  std::vector<Setting> settings;
  std::vector<PlacementReturn> placements;
  std::vector<EquityObservation> equity_observations;
};

}  // namespace oversight::risk
