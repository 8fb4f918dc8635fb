#pragma once
// Distance of each tested covenant ratio from its limit, in ratio terms and
// in pounds of EBITDA (shared/domain.md s.4). Example (domain.md s.3): £165m
// of loans, leverage covenant 7.4x, tested at 4.9x: EBITDA = 165/4.9 = £33.7m,
// breach at EBITDA = 165/7.4 = £22.3m, so £11.4m of EBITDA could be lost
// (reported "about £11.6m"; 4.9x is rounded).

#include <vector>

#include "risk/assessment/assessment.h"
#include "risk/domain/debt_facility.h"
#include "risk/domain/iso_date.h"
#include "risk/profitability/measured.h"

namespace oversight::risk {

// The first covenant test date on or after as_of: first_test_date rolled
// forward by test_frequency_months (first_test_date + n x frequency months,
// QuantLib date arithmetic), adjusted Following on the UnitedKingdom
// calendar. Null Date when the covenant has no first_test_date.
Date NextCovenantTestDate(const Covenant& covenant, Date as_of);

// Covenant figures as the tests see them.
struct CovenantInputs {
  Measured ebitda;
  Measured net_debt;   // covenant definition (see NetDebt)
  Measured interest;   // interest used for cover (stressed when a scenario curve is applied)
};

// One entry per covenant present on the facility ("max_net_leverage",
// "min_interest_cover"). Leverage: actual = net debt / EBITDA, headroom_ratio
// = limit - actual, headroom_ebitda = EBITDA - net debt / limit. Interest
// cover: actual = EBITDA / interest, headroom_ratio = actual - limit,
// headroom_ebitda = EBITDA - limit x interest. Breached when the headroom is
// negative, or (leverage) when EBITDA <= 0 with positive net debt. Actual and
// headroom are absent when their inputs are.
std::vector<CovenantHeadroom> AssessCovenants(const DebtFacility& facility,
                                              const CovenantInputs& inputs, Date as_of);

// The same tests appended to `out`: for a provider's facilities in turn
// without a vector per facility (the stress search asks dozens of times).
void AppendCovenantTests(const DebtFacility& facility, const CovenantInputs& inputs, Date as_of,
                         std::vector<CovenantHeadroom>& out);

}  // namespace oversight::risk
