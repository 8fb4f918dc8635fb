#pragma once
// Saved Companies House public API responses (docs/import.md, "Companies
// House API"): a company profile, a filing history or a persons-with-
// significant-control list, recognised from their content whatever the file
// is called.

#include <variant>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clients/import/companies/company_profile.h"
#include "clients/import/companies/filing_history.h"
#include "clients/import/companies/persons_with_significant_control.h"

namespace oversight::client::companies {

using CompaniesHouseResponse = std::variant<CompanyProfile, PersonsWithSignificantControl, FilingHistory>;

// Recognises the response:
//  - company profile: an object with company_number and company_status;
//  - filing history: items[] and filing_history_status, or items carrying a
//    transaction_id;
//  - persons with significant control: items[] whose kind names a person
//    with significant control (individual-…, corporate-entity-…,
//    legal-person-…, super-secure-…), or a links.self to
//    /persons-with-significant-control.
// A list's company number comes from links.self or items[].links.self
// ("/company/09707484/..."), else from the file name. Fails
// (INVALID_ARGUMENT, naming the file and the JSON path and reason, e.g.
// "09707484.json: accounts.next_accounts.overdue: expected boolean, got
// string") on malformed JSON, a field of the wrong type, an unknown company
// status or an unrecognised response.
absl::StatusOr<CompaniesHouseResponse> ReadCompaniesHouseResponse(absl::string_view file_name,
                                                                  absl::string_view bytes);

}  // namespace oversight::client::companies
