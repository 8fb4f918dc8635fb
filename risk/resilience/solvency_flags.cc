#include "risk/resilience/solvency_flags.h"

#include <ql/time/period.hpp>

#include "absl/strings/str_cat.h"
#include "risk/profitability/profitability.h"

namespace oversight::risk {

Measured NetTangibleAssets(const Accounts& accounts) {
  std::optional<double> net_assets = accounts.net_assets;
  if (!net_assets && accounts.total_assets && accounts.total_liabilities) {
    net_assets = *accounts.total_assets - *accounts.total_liabilities;
  }
  if (!net_assets) return Measured::Missing("net_assets missing (and total assets or liabilities)");
  if (!accounts.intangible_assets) {
    // Intangibles are never negative, so negative net assets settle the sign.
    if (*net_assets < 0) return Measured::Of(*net_assets);
    return Measured::Missing("intangible_assets missing");
  }
  return Measured::Of(*net_assets - *accounts.intangible_assets);
}

bool NegativeNetTangibleAssets(const Accounts& accounts) {
  const Measured nta = NetTangibleAssets(accounts);
  return nta.has_value() && *nta.value < 0;
}

AccountsOverdue AccountsOverdueAt(std::span<const Accounts> accounts,
                                  const ResilienceConfig& config, Date as_of) {
  AccountsOverdue out;
  const Accounts* latest = LatestAccounts(accounts, as_of);
  if (latest == nullptr) {
    out.reason = "no accounts held: the filing deadline cannot be told";
    return out;
  }
  out.latest_period_end = latest->period.end;
  const Date next_period_end = latest->period.end + QuantLib::Period(12, QuantLib::Months);
  out.next_due_date = next_period_end + QuantLib::Period(config.accounts_due_months, QuantLib::Months);
  out.overdue = out.next_due_date < as_of;
  out.reason = absl::StrCat(
      "accounts for the period ending ", FormatIsoDate(next_period_end), " ",
      out.overdue ? "were due by " : "are due by ", FormatIsoDate(out.next_due_date),
      " (latest accounts held end ", FormatIsoDate(latest->period.end), "; ",
      config.accounts_due_months, " months after the period end, Companies Act 2006 s.442)");
  return out;
}

}  // namespace oversight::risk
