#include "risk/default/accounts_selection.h"

#include "risk/domain/record_citation.h"
#include "risk/domain/serial_date.h"
#include "risk/profitability/profitability.h"

namespace oversight::risk {

const Accounts* LatestAccountsAtOrBefore(const ProviderData& data, Date as_of) {
  return LatestAccounts(data.accounts, as_of);
}

const Accounts* PriorYearAccounts(const ProviderData& data, const Accounts& current) {
  const internal::Serial start = internal::SerialOf(current.period.start);
  if (start == 0) return nullptr;
  const Accounts* prior = nullptr;
  internal::Serial prior_end = 0;
  for (const Accounts& accounts : data.accounts) {
    const internal::Serial end = internal::SerialOf(accounts.period.end);
    if (&accounts == &current || end == 0) continue;
    if (end >= start) continue;
    if (start - end > kMaxPriorYearGapDays) continue;
    if (prior == nullptr || end > prior_end) {
      prior = &accounts;
      prior_end = end;
    }
  }
  return prior;
}

std::string DescribeAccounts(const Accounts& accounts) { return CiteAccounts(accounts); }

}  // namespace oversight::risk
