#include "risk/profitability/placement_week.h"

#include "absl/strings/str_cat.h"
#include "risk/profitability/ebitda.h"
#include "risk/domain/serial_date.h"

namespace oversight::risk {

Date LatestPlacementDate(std::span<const PlacementReturn> placements, Date as_of) {
  const internal::Serial today = internal::SerialOf(as_of);
  const PlacementReturn* latest = nullptr;
  internal::Serial latest_serial = 0;
  for (const PlacementReturn& p : placements) {
    const internal::Serial census = internal::SerialOf(p.as_of);
    if (census <= today && census > latest_serial) {
      latest = &p;
      latest_serial = census;
    }
  }
  return latest != nullptr ? latest->as_of : Date();
}

int ChildrenPlacedAt(std::span<const PlacementReturn> placements, Date census) {
  int children = 0;
  const internal::Serial census_serial = internal::SerialOf(census);
  if (census_serial == 0) return children;
  for (const PlacementReturn& p : placements) {
    if (internal::SerialOf(p.as_of) == census_serial) children += p.children_placed;
  }
  return children;
}

Measured PricePerPlacementWeek(std::span<const PlacementReturn> placements, Date as_of) {
  const Date census = LatestPlacementDate(placements, as_of);
  if (census == Date()) {
    return Measured::Missing(
        absl::StrCat("no placement return on or before ", FormatIsoDate(as_of)));
  }
  double fees = 0;
  int children = 0;
  for (const PlacementReturn& p : placements) {
    if (p.as_of != census) continue;
    fees += p.children_placed * p.average_weekly_fee;
    children += p.children_placed;
  }
  if (children <= 0) {
    return Measured::Missing(
        absl::StrCat("no children placed in the placement return of ", FormatIsoDate(census)));
  }
  return Measured::Of(fees / children);
}

Measured CostPerPlacementWeek(const Accounts& accounts,
                              std::span<const PlacementReturn> placements, Date as_of) {
  if (!accounts.revenue) return Measured::Missing("revenue missing");
  Measured ebit = OperatingProfit(accounts);
  if (!ebit.has_value()) return ebit;
  const Date census = LatestPlacementDate(placements, as_of);
  const int children = ChildrenPlacedAt(placements, census);
  if (children <= 0) {
    return Measured::Missing(
        census == Date()
            ? absl::StrCat("no placement return on or before ", FormatIsoDate(as_of))
            : absl::StrCat("no children placed in the placement return of ",
                           FormatIsoDate(census)));
  }
  if (accounts.period.start == Date() || accounts.period.end < accounts.period.start) {
    return Measured::Missing("accounts period unknown");
  }
  // Both ends inclusive. Annualise so a 15-month period's costs are not
  // spread over 52 weeks.
  constexpr double kDaysPerYear = 365.25;
  const double period_years = (accounts.period.end - accounts.period.start + 1) / kDaysPerYear;
  const double operating_costs = *accounts.revenue - *ebit.value;
  return Measured::Of(operating_costs / period_years / (children * kWeeksPerYear));
}

}  // namespace oversight::risk
