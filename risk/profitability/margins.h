#pragma once
// Profit margins. Two different margins circulate in this market and must
// never be benchmarked against each other (shared/domain.md s.6):
//  - the CMA's 22.6% (children's homes) and 19.4% (IFAs), 2016-2020 averages
//    for the 15 largest providers, are OPERATING-profit margins (EBIT / revenue);
//  - the LGA / Revolution Consulting 17.2% for the 20 largest (EBITDA £265m on
//    income £1.54bn, December 2020) is an EBITDA margin.

#include "risk/domain/accounts.h"
#include "risk/profitability/measured.h"

namespace oversight::risk {

// EBITDA / revenue: the LGA / Revolution Consulting measure.
Measured EbitdaMargin(const Accounts& accounts);

// Operating profit (EBIT) / revenue: the CMA market study's measure.
Measured OperatingMargin(const Accounts& accounts);

// numerator / revenue with the reasons spelled out; revenue must be > 0.
Measured MarginOn(const Measured& numerator, const Accounts& accounts);

}  // namespace oversight::risk
