#pragma once
// Liquidity headroom and the refinancing wall (shared/domain.md s.4).

#include <span>

#include "risk/domain/accounts.h"
#include "risk/domain/debt_facility.h"
#include "risk/domain/iso_date.h"
#include "risk/profitability/measured.h"
#include "risk/resilience/debt_service.h"

namespace oversight::risk {

struct RefinancingWall {
  Pounds maturing_12m = 0;  // bullet repayments due within 12 months (incl. overdue)
  Pounds maturing_24m = 0;  // within 24 months (includes the 12-month amount)
};

RefinancingWall RefinancingWallOf(const DebtServiceProjection& projection);

// Undrawn committed facilities that can still be drawn over the next 12
// months: committed - drawn of facilities that have started (start_date <=
// as_of) and mature after as_of + 12 months.
Pounds AvailableUndrawn(std::span<const DebtFacility> facilities, Date as_of);

// Liquidity headroom = cash + AvailableUndrawn - (next 12 months' interest,
// scheduled amortisation and maturities). Absent when cash is unknown.
// Negative = the provider cannot meet contractual debt service from cash and
// committed lines without refinancing or new money.
Measured LiquidityHeadroom(const Accounts* accounts, std::span<const DebtFacility> facilities,
                           const DebtServiceProjection& projection, Date as_of);

}  // namespace oversight::risk
