#pragma once
// Net debt and the leverage and cover ratios lenders and the CQC-style
// market oversight regime look at (shared/domain.md s.2 and s.4).

#include "risk/config/risk_config.h"
#include "risk/domain/accounts.h"
#include "risk/profitability/measured.h"

namespace oversight::risk {

// Net debt = borrowings (+ lease liabilities when
// ResilienceConfig::net_debt_includes_leases) - cash. Leases are excluded by
// default because facility agreements usually define covenant net debt on a
// "frozen GAAP" basis that excludes IFRS 16 / FRS 102 lease liabilities, and
// the covenant test must match the agreement. Negative = net cash.
Measured NetDebt(const Accounts& accounts, const ResilienceConfig& config);

// Net debt / EBITDA. Absent when EBITDA <= 0: the ratio is not meaningful
// (the reason says so; the provider is then more leveraged than any ratio).
Measured NetDebtToEbitda(const Measured& net_debt, const Measured& ebitda);

// EBITDA / interest. Absent when interest is absent or zero (no debt to cover).
Measured InterestCover(const Measured& ebitda, const Measured& interest);

// EBITDAR / (interest + rent). Absent when rent is missing or the
// denominator is zero.
Measured FixedChargeCover(const Measured& ebitdar, const Measured& interest,
                          const Accounts& accounts);

}  // namespace oversight::risk
