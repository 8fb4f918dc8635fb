#pragma once
// Which accounts the failure models read, chosen by date because
// ProviderData holds its records in no particular order.

#include <string>

#include "risk/domain/accounts.h"
#include "risk/domain/iso_date.h"
#include "risk/domain/provider_data.h"

namespace oversight::risk {

// The accounts with the latest period end on or before `as_of` among those
// public by then (filing_date null or on or before `as_of`, as
// risk/profitability's LatestAccounts), so a back-dated assessment never
// reads figures nobody had yet; nullptr when there are none.
const Accounts* LatestAccountsAtOrBefore(const ProviderData& data, Date as_of);

// The accounts for the year before `current`: the latest whose period ends
// before `current` starts, provided the gap between them is at most
// kMaxPriorYearGapDays (a late year end, not a missing year). nullptr when
// there are none.
inline constexpr int kMaxPriorYearGapDays = 92;
const Accounts* PriorYearAccounts(const ProviderData& data, const Accounts& current);

// "accounts P001 2024-03-31 (sample/accounts.csv:7, v2)": how an explanation
// cites the record.
std::string DescribeAccounts(const Accounts& accounts);

}  // namespace oversight::risk
