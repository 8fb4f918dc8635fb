#pragma once
// A saved Companies House filing history
// (GET /company/{company_number}/filing-history): when accounts were filed,
// and of which type.

#include <string>
#include <vector>

#include "risk/domain/iso_date.h"

namespace oversight::client::companies {

struct FilingHistory {
  struct Filing {
    std::string transaction_id;
    std::string category;     // always "accounts" here
    std::string type;         // form type, e.g. "AA"
    std::string description;  // description code, e.g. "accounts-with-accounts-type-full-group"
    risk::Date date;          // the date Companies House received the filing
  };
  std::string company_number;
  std::vector<Filing> accounts_filings;  // category "accounts" only, newest first
};

}  // namespace oversight::client::companies
