#include "risk/resilience/liquidity.h"

#include <ql/time/period.hpp>

#include "risk/resilience/uk_calendar.h"

namespace oversight::risk {

RefinancingWall RefinancingWallOf(const DebtServiceProjection& projection) {
  return RefinancingWall{projection.next_12m.maturities, projection.next_24m.maturities};
}

Pounds AvailableUndrawn(std::span<const DebtFacility> facilities, Date as_of) {
  const Date horizon = as_of + QuantLib::Period(12, QuantLib::Months);
  Pounds undrawn = 0;
  for (const DebtFacility& f : facilities) {
    // A line that must be repaid within the horizon cannot fund the horizon's
    // obligations; one not yet available cannot either.
    const Date maturity = internal::UkCalendar().adjust(f.maturity_date, QuantLib::ModifiedFollowing);
    if (f.start_date > as_of || maturity <= horizon) continue;
    if (f.committed > f.drawn) undrawn += f.committed - f.drawn;
  }
  return undrawn;
}

Measured LiquidityHeadroom(const Accounts* accounts, std::span<const DebtFacility> facilities,
                           const DebtServiceProjection& projection, Date as_of) {
  if (accounts == nullptr) return Measured::Missing("no accounts: cash unknown");
  if (!accounts->cash) return Measured::Missing("cash missing");
  return Measured::Of(*accounts->cash + AvailableUndrawn(facilities, as_of) -
                      projection.next_12m.total());
}

}  // namespace oversight::risk
