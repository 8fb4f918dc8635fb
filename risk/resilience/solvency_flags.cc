#include "risk/resilience/solvency_flags.h"

#include "absl/strings/str_cat.h"
#include "risk/domain/append_pieces.h"
#include "risk/profitability/profitability.h"
#include "risk/resilience/serial_dates.h"

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
  return AccountsOverdueFrom(LatestAccounts(accounts, as_of), config, as_of);
}

AccountsOverdue AccountsOverdueFrom(const Accounts* latest, const ResilienceConfig& config, Date as_of) {
  AccountsOverdue out;
  if (latest == nullptr) return out;
  out.latest_period_end = latest->period.end;
  // Serial arithmetic equal to QuantLib's Date + Period(n, Months); see
  // serial_dates.h for why.
  const internal::Serial latest_end = internal::SerialOf(latest->period.end);
  // Companies Act 2006 s.443(3): a period ending on the last day of a month
  // runs to, and is due by, the last day of the corresponding month (a
  // 28 February year end is due on 30 November, not the 28th).
  const bool month_end = internal::EndOfMonth(latest_end) == latest_end;
  auto add_months = [month_end](internal::Serial from, int months) {
    const internal::Serial to = internal::AddMonths(from, months);
    return month_end ? internal::EndOfMonth(to) : to;
  };
  const internal::Serial next_period_end = add_months(latest_end, 12);
  const internal::Serial due = add_months(next_period_end, config.accounts_due_months);
  out.next_period_end = internal::DateOf(next_period_end);
  out.next_due_date = internal::DateOf(due);
  out.due_months = config.accounts_due_months;
  out.overdue = due < internal::SerialOf(as_of);
  return out;
}

std::string AccountsOverdue::Reason() const {
  if (latest_period_end == Date()) return "no accounts held: the filing deadline cannot be told";
  // Written into one reserved buffer: the reason is the note of a figure of
  // every assessment.
  std::string out;
  out.reserve(192);
  internal::AppendPieces(out, "accounts for the period ending ");
  AppendIsoDate(out, next_period_end);
  internal::AppendPieces(out, " ", overdue ? "were due by " : "are due by ");
  AppendIsoDate(out, next_due_date);
  internal::AppendPieces(out, " (latest accounts held end ");
  AppendIsoDate(out, latest_period_end);
  internal::AppendPieces(out, "; ", due_months, " months after the period end, Companies Act 2006 s.442)");
  return out;
}

}  // namespace oversight::risk
