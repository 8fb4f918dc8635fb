#pragma once
// Internal: each response's reader, given the response's top-level object.
// Errors are recorded in the view's JsonErrors.

#include <string>

#include "clients/import/companies/company_profile.h"
#include "clients/import/companies/filing_history.h"
#include "clients/import/companies/json_fields.h"
#include "clients/import/companies/persons_with_significant_control.h"

namespace oversight::client::companies {

CompanyProfile ReadCompanyProfile(const JsonObjectView& root, JsonErrors& errors);
PersonsWithSignificantControl ReadPersonsWithSignificantControl(const JsonObjectView& root,
                                                                std::string company_number,
                                                                JsonErrors& errors);
FilingHistory ReadFilingHistory(const JsonObjectView& root, std::string company_number);

}  // namespace oversight::client::companies
