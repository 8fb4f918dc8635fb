#pragma once
// The Companies House API's company_status values (api-enumerations,
// constants.yml "company_status") mapped to the domain's CompanyStatus:
//   active                      -> kActive
//   open, registered            -> kActive: the live status of overseas
//                                  entities and of registers that are not
//                                  companies; nothing has failed
//   administration              -> kAdministration
//   receivership                -> kReceivership
//   liquidation                 -> kLiquidation
//   voluntary-arrangement       -> kVoluntaryArrangement
//   insolvency-proceedings      -> kInsolvencyProceedings
//   dissolved, converted-closed,
//   removed, closed             -> kDissolved: the company no longer exists
// Anything else fails: a new status must be mapped by a person, not guessed.

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "risk/domain/provider.h"

namespace oversight::client::companies {

absl::StatusOr<risk::CompanyStatus> ParseCompaniesHouseStatus(absl::string_view text);

}  // namespace oversight::client::companies
