#include "risk/domain/point_in_time.h"
#include "risk/domain/serial_date.h"

#include <algorithm>

namespace oversight::risk {

bool FacilityNotLive(const DebtFacility& facility, Date as_of) {
  const internal::Serial today = internal::SerialOf(as_of);
  return internal::SerialOf(facility.start_date) > today ||
         (internal::SerialOf(facility.maturity_date) <= today && facility.drawn <= 0);
}

const ProviderData& PointInTime(const ProviderData& data, Date as_of, ProviderData& storage) {
  const internal::Serial today = internal::SerialOf(as_of);
  auto unpublished = [today](const Accounts& a) {
    const internal::Serial filed = internal::SerialOf(a.filing_date);
    return filed != 0 && filed > today;
  };
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
