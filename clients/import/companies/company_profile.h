#pragma once
// A saved Companies House company profile (GET /company/{company_number}):
// the company's status and whether its accounts are overdue, which feed the
// business-failure and accounts-overdue alerts.

#include <string>

#include "risk/domain/iso_date.h"
#include "risk/domain/provider.h"

namespace oversight::client::companies {

struct CompanyProfile {
  std::string company_number;       // padded to 8 characters
  std::string company_name;
  std::string company_status_text;  // as the API writes it, e.g. "administration"
  risk::CompanyStatus status = risk::CompanyStatus::kUnknown;
  std::string status_detail;        // company_status_detail, e.g. "active-proposal-to-strike-off"
  // accounts.next_accounts.overdue, or the older accounts.overdue: true when
  // either says so (both are the registrar's view of the same deadline).
  bool accounts_overdue = false;
  risk::Date next_accounts_due;         // accounts.next_accounts.due_on, else accounts.next_due
  risk::Date last_accounts_period_end;  // accounts.last_accounts.period_end_on, else made_up_to
  std::string last_accounts_type;       // accounts.last_accounts.type: full, small, micro-entity, group...
  bool confirmation_statement_overdue = false;
};

}  // namespace oversight::client::companies
