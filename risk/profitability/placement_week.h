#pragma once
// Price and cost per placement-week (CMA final report: average weekly
// children's-home price £2,977 -> £3,830 over 2016-2020; IFA about £820).
//
// Which placement returns are used: the census at the LATEST placement date
// on or before the assessment date (`as_of`), all placing authorities and
// setting types together. The census stands in for the average number of
// children placed over the accounting period: the department collects
// point-in-time returns, not placement-days.

#include <span>

#include "risk/domain/accounts.h"
#include "risk/domain/iso_date.h"
#include "risk/domain/setting.h"
#include "risk/profitability/measured.h"

namespace oversight::risk {

inline constexpr double kWeeksPerYear = 52.0;

// The latest placement date on or before as_of (a null Date if none).
Date LatestPlacementDate(std::span<const PlacementReturn> placements, Date as_of);

// Children placed in the census at LatestPlacementDate (0 if none).
int ChildrenPlacedAt(std::span<const PlacementReturn> placements, Date census);

// Weighted average weekly fee of the census: sum(children x fee) / sum(children).
Measured PricePerPlacementWeek(std::span<const PlacementReturn> placements, Date as_of);

// Operating costs per placement-week: (revenue - EBIT) / (children placed x 52),
// scaled to a 52-week year when the accounting period is not 12 months
// (period days / 365.25 years).
Measured CostPerPlacementWeek(const Accounts& accounts,
                              std::span<const PlacementReturn> placements, Date as_of);

}  // namespace oversight::risk
