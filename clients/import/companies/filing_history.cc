#include <algorithm>

#include "clients/import/companies/response_readers.h"

namespace oversight::client::companies {

FilingHistory ReadFilingHistory(const JsonObjectView& root, std::string company_number) {
  FilingHistory history;
  history.company_number = std::move(company_number);
  for (const JsonObjectView& item : root.ObjectArray("items")) {
    if (item.String("category") != "accounts") continue;
    FilingHistory::Filing filing;
    filing.transaction_id = item.RequiredString("transaction_id");
    filing.category = "accounts";
    filing.type = item.String("type");
    filing.description = item.String("description");
    filing.date = item.Date("date");
    history.accounts_filings.push_back(std::move(filing));
  }
  // The API lists newest first already; sorting makes that a guarantee for
  // files assembled by hand or from several pages.
  std::stable_sort(history.accounts_filings.begin(), history.accounts_filings.end(),
                   [](const FilingHistory::Filing& a, const FilingHistory::Filing& b) {
                     return a.date > b.date;
                   });
  return history;
}

}  // namespace oversight::client::companies
