#include "risk/resilience/liquidity.h"

#include "risk/resilience/serial_dates.h"

namespace oversight::risk {

RefinancingWall RefinancingWallOf(const DebtServiceProjection& projection) {
  return RefinancingWall{projection.next_12m.maturities, projection.next_24m.maturities};
}

Pounds AvailableUndrawn(std::span<const DebtFacility> facilities, Date as_of) {
  const internal::Serial today = internal::SerialOf(as_of);
  const internal::Serial horizon = internal::AddMonths(today, 12);
  Pounds undrawn = 0;
  for (const DebtFacility& f : facilities) {
    // A line that must be repaid within the horizon cannot fund the horizon's
    // obligations; one not yet available cannot either.
    if (f.committed <= f.drawn || internal::SerialOf(f.start_date) > today) continue;
    const internal::Serial maturity =
        internal::AdjustModifiedFollowing(internal::SerialOf(f.maturity_date));
    if (maturity <= horizon) continue;
    undrawn += f.committed - f.drawn;
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
