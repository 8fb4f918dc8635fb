#include "clients/import/companies/companies_house_status.h"

#include <array>
#include <utility>

#include "absl/strings/str_cat.h"

namespace oversight::client::companies {

absl::StatusOr<risk::CompanyStatus> ParseCompaniesHouseStatus(absl::string_view text) {
  using S = risk::CompanyStatus;
  static constexpr std::array<std::pair<absl::string_view, S>, 12> kStatuses = {{
      {"active", S::kActive},
      {"open", S::kActive},
      {"registered", S::kActive},
      {"administration", S::kAdministration},
      {"receivership", S::kReceivership},
      {"liquidation", S::kLiquidation},
      {"voluntary-arrangement", S::kVoluntaryArrangement},
      {"insolvency-proceedings", S::kInsolvencyProceedings},
      {"dissolved", S::kDissolved},
      {"converted-closed", S::kDissolved},
      {"removed", S::kDissolved},
      {"closed", S::kDissolved},
  }};
  for (const auto& [name, status] : kStatuses) {
    if (text == name) return status;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown company status \"", text,
      "\"; expected active, administration, receivership, liquidation, voluntary-arrangement, "
      "insolvency-proceedings, dissolved, converted-closed, removed, closed, open or registered"));
}

}  // namespace oversight::client::companies
