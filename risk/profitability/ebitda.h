#pragma once
#include "risk/domain/accounts.h"
#include "risk/profitability/measured.h"

namespace oversight::risk {

// EBITDA as reported; otherwise operating profit (EBIT) + depreciation and
// amortisation, the standard reconciliation (and the one data-format.md
// documents for accounts.ebitda). Absent, with the reason, when neither route
// is available.
Measured Ebitda(const Accounts& accounts);

// Operating profit (EBIT) as reported; otherwise EBITDA - D&A.
Measured OperatingProfit(const Accounts& accounts);

// EBITDAR = EBITDA + rent costs: the numerator of fixed-charge cover.
Measured Ebitdar(const Accounts& accounts);

}  // namespace oversight::risk
