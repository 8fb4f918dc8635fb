#include "risk/default/accounts_selection.h"

#include "absl/strings/str_cat.h"

namespace oversight::risk {

const Accounts* LatestAccountsAtOrBefore(const ProviderData& data, Date as_of) {
  const Accounts* latest = nullptr;
  for (const Accounts& accounts : data.accounts) {
    if (accounts.period.end == Date() || accounts.period.end > as_of) continue;
    if (accounts.filing_date != Date() && accounts.filing_date > as_of) continue;
    if (latest == nullptr || accounts.period.end > latest->period.end) latest = &accounts;
  }
  return latest;
}

const Accounts* PriorYearAccounts(const ProviderData& data, const Accounts& current) {
  if (current.period.start == Date()) return nullptr;
  const Accounts* prior = nullptr;
  for (const Accounts& accounts : data.accounts) {
    if (&accounts == &current || accounts.period.end == Date()) continue;
    if (accounts.period.end >= current.period.start) continue;
    if (current.period.start - accounts.period.end > kMaxPriorYearGapDays) continue;
    if (prior == nullptr || accounts.period.end > prior->period.end) prior = &accounts;
  }
  return prior;
}

std::string DescribeAccounts(const Accounts& accounts) {
  std::string text =
      absl::StrCat("accounts ", accounts.provider_id, " ", FormatIsoDate(accounts.period.end));
  if (!accounts.provenance.source.empty()) {
    absl::StrAppend(&text, " (", accounts.provenance.source, ", v", accounts.provenance.version,
                    ")");
  }
  return text;
}

}  // namespace oversight::risk
