#pragma once
// Balance-sheet and filing flags.

#include <span>
#include <string>

#include "risk/config/risk_config.h"
#include "risk/domain/accounts.h"
#include "risk/domain/iso_date.h"
#include "risk/profitability/measured.h"

namespace oversight::risk {

// Net tangible assets = net assets - intangible assets (goodwill and other
// intangibles). Net assets as reported, else total assets - total
// liabilities. A missing intangible figure counts as unknown, except that
// negative net assets already imply negative net tangible assets.
Measured NetTangibleAssets(const Accounts& accounts);

// The LGA / Revolution Consulting solvency flag (domain.md s.6): "more debts
// and liabilities than tangible assets", i.e. net tangible assets < 0.
// False when it cannot be determined.
bool NegativeNetTangibleAssets(const Accounts& accounts);

struct AccountsOverdue {
  bool overdue = false;
  Date latest_period_end;  // of the latest accounts public at as_of (null if none)
  Date next_period_end;    // the period after it (null if none)
  Date next_due_date;      // when the next accounts are due (null if unknown)
  int due_months = 0;      // the filing deadline applied, in months after the period end

  // Why overdue, or why it cannot be told. Formatted on request: only the
  // explanation reads it, and the stress module tests the flag dozens of
  // times per provider.
  std::string Reason() const;
};

// Accounts are overdue when the accounts for the period after the latest
// known one are past their filing deadline: with L the latest period end
// among accounts public at as_of (see LatestAccounts), the next period ends
// at L + 12 months and its accounts are due accounts_due_months later
// (Companies Act 2006 s.442: 9 months for a private company; s.443: a
// period ending on a month end is due at the end of the month); overdue when
// that due date is before as_of. With no accounts at all nothing can be
// told (the incorporation date is not held): not overdue, with the reason.
AccountsOverdue AccountsOverdueAt(std::span<const Accounts> accounts,
                                  const ResilienceConfig& config, Date as_of);
// The same from `latest`, LatestAccounts(accounts, as_of) already found
// (nullptr when none), for a caller that has it.
AccountsOverdue AccountsOverdueFrom(const Accounts* latest, const ResilienceConfig& config, Date as_of);

}  // namespace oversight::risk
