#pragma once
// Return on capital employed against the cost of capital, the CMA's test of
// whether profits exceed what a well-functioning market would allow
// (CMA children's social care market study, final report, 10 March 2022,
// following the Competition Commission's private healthcare investigation).

#include "risk/config/risk_config.h"
#include "risk/domain/accounts.h"
#include "risk/profitability/measured.h"

namespace oversight::risk {

// Capital employed = total assets - current liabilities (the default of
// shared/domain.md s.4). Chosen over "net debt + equity" because it needs
// only balance-sheet totals that even abridged accounts report, and it does
// not depend on how shareholder loans are classified. Absent unless > 0:
// ROCE on non-positive capital is not meaningful.
Measured CapitalEmployed(const Accounts& accounts);

// ROCE = EBIT / capital employed.
Measured ReturnOnCapitalEmployed(const Accounts& accounts);

// Excess profit = (ROCE - cost of capital) x capital employed, in pounds:
// equivalently EBIT - cost of capital x capital employed. Negative = earning
// less than the cost of capital.
Measured ExcessProfit(const Accounts& accounts, const ProfitabilityConfig& config);

}  // namespace oversight::risk
