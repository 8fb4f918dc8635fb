#include "risk/domain/point_in_time.h"

#include <algorithm>

namespace oversight::risk {

bool FacilityNotLive(const DebtFacility& facility, Date as_of) {
  return facility.start_date > as_of || (facility.maturity_date <= as_of && facility.drawn <= 0);
}

const ProviderData& PointInTime(const ProviderData& data, Date as_of, ProviderData& storage) {
  auto unpublished = [as_of](const Accounts& a) { return a.filing_date != Date() && a.filing_date > as_of; };
  auto not_live = [as_of](const DebtFacility& f) { return FacilityNotLive(f, as_of); };
  const bool any_unpublished = std::any_of(data.accounts.begin(), data.accounts.end(), unpublished);
  const bool any_not_live = std::any_of(data.facilities.begin(), data.facilities.end(), not_live);
  if (!any_unpublished && !any_not_live) return data;
  storage = data;
  std::erase_if(storage.accounts, unpublished);
  std::erase_if(storage.facilities, not_live);
  return storage;
}

}  // namespace oversight::risk
