#include "risk/resilience/serial_dates.h"

#include <vector>

#include "risk/resilience/uk_calendar.h"

namespace oversight::risk::internal {
namespace {

// Business days of the UK settlement calendar, 1990-2150, read once from
// QuantLib. Dates outside the table ask QuantLib directly.
class UkBusinessDays {
 public:
  UkBusinessDays() : first_(SerialOf(CivilDate{1990, 1, 1})), last_(SerialOf(CivilDate{2150, 12, 31})) {
    table_.resize(static_cast<std::size_t>(last_ - first_ + 1));
    const QuantLib::Calendar& calendar = UkCalendar();
    for (Serial s = first_; s <= last_; ++s) {
      table_[static_cast<std::size_t>(s - first_)] = calendar.isBusinessDay(DateOf(s));
    }
  }
  bool operator()(Serial s) const {
    if (s < first_ || s > last_) return UkCalendar().isBusinessDay(DateOf(s));
    return table_[static_cast<std::size_t>(s - first_)];
  }

 private:
  Serial first_;
  Serial last_;
  std::vector<bool> table_;
};

}  // namespace

bool IsUkBusinessDay(Serial serial) {
  static const UkBusinessDays table;  // thread-safe one-time initialisation
  return table(serial);
}

Serial AdjustFollowing(Serial serial) {
  while (!IsUkBusinessDay(serial)) ++serial;
  return serial;
}

Serial AdjustModifiedFollowing(Serial serial) {
  if (IsUkBusinessDay(serial)) return serial;
  const Serial following = AdjustFollowing(serial);
  if (CivilOf(following).month == CivilOf(serial).month) return following;
  while (!IsUkBusinessDay(serial)) --serial;  // Preceding
  return serial;
}

}  // namespace oversight::risk::internal
