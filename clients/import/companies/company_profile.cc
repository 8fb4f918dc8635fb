#include "clients/import/companies/company_number.h"
#include "clients/import/companies/companies_house_status.h"
#include "clients/import/companies/response_readers.h"

namespace oversight::client::companies {

CompanyProfile ReadCompanyProfile(const JsonObjectView& root, JsonErrors& errors) {
  CompanyProfile profile;
  profile.company_number = PadCompanyNumber(root.RequiredString("company_number"));
  profile.company_name = root.String("company_name");
  profile.company_status_text = root.RequiredString("company_status");
  if (!profile.company_status_text.empty()) {
    absl::StatusOr<risk::CompanyStatus> status = ParseCompaniesHouseStatus(profile.company_status_text);
    if (status.ok()) {
      profile.status = *status;
    } else {
      errors.Fail("company_status", status.status().message());
    }
  }
  profile.status_detail = root.String("company_status_detail");

  const JsonObjectView accounts = root.Object("accounts");
  const JsonObjectView next = accounts.Object("next_accounts");
  const JsonObjectView last = accounts.Object("last_accounts");
  profile.accounts_overdue = next.Bool("overdue").value_or(false) || accounts.Bool("overdue").value_or(false);
  profile.next_accounts_due = next.Has("due_on") ? next.Date("due_on") : accounts.Date("next_due");
  profile.last_accounts_period_end =
      last.Has("period_end_on") ? last.Date("period_end_on") : last.Date("made_up_to");
  profile.last_accounts_type = last.String("type");
  profile.confirmation_statement_overdue =
      root.Object("confirmation_statement").Bool("overdue").value_or(false);
  return profile;
}

}  // namespace oversight::client::companies
