#pragma once
// The records as they stood at a date: what every model of an assessment
// (and the stress search, which must agree with it) is allowed to see.

#include "risk/domain/iso_date.h"
#include "risk/domain/provider_data.h"

namespace oversight::risk {

// A facility not live at as_of: not yet started, or matured and repaid.
bool FacilityNotLive(const DebtFacility& facility, Date as_of);

// Accounts public by as_of (filed on or before it, as LatestAccounts
// requires) and facilities live then. Returns `data` itself when nothing is
// excluded; otherwise fills `storage` with the filtered copy and returns it,
// so that every model sees the same point-in-time records without copying
// the common case.
const ProviderData& PointInTime(const ProviderData& data, Date as_of, ProviderData& storage);

}  // namespace oversight::risk
