#include "risk/resilience/serial_dates.h"

#include <cstdint>
#include <vector>

#include "risk/resilience/uk_calendar.h"

namespace oversight::risk::internal {
namespace {

// Business days of the UK settlement calendar, 1990-2150, read once from
// QuantLib, with each day's Following and Modified Following adjustment as
// an offset in days: a schedule adjusts every roll date of every facility of
// every provider, and the adjustment by search (up to a week of lookups and
// two civil-date conversions) was most of a schedule's cost. Dates outside
// the table, and the few days at its edges whose adjustment could leave it,
// are adjusted by search, asking QuantLib directly beyond the table.
class UkBusinessDays {
 public:
  UkBusinessDays() : first_(SerialOf(CivilDate{1990, 1, 1})), last_(SerialOf(CivilDate{2150, 12, 31})) {
    const auto days = static_cast<std::size_t>(last_ - first_ + 1);
    days_.resize(days);
    const QuantLib::Calendar& calendar = UkCalendar();
    for (Serial s = first_; s <= last_; ++s) days_[Offset(s)].business = calendar.isBusinessDay(DateOf(s));
    // Every run of holidays and weekends is far shorter than the margin, so
    // the search from a day inside it never leaves the table.
    for (Serial s = first_ + kEdge; s <= last_ - kEdge; ++s) {
      Day& day = days_[Offset(s)];
      day.following = static_cast<std::int8_t>(SearchFollowing(s) - s);
      day.modified_following = static_cast<std::int8_t>(SearchModifiedFollowing(s) - s);
      day.adjusted = true;
    }
  }
  bool IsBusinessDay(Serial s) const {
    if (s < first_ || s > last_) return UkCalendar().isBusinessDay(DateOf(s));
    return days_[Offset(s)].business;
  }
  Serial Following(Serial s) const {
    if (const Day* day = Adjusted(s)) return s + day->following;
    return SearchFollowing(s);
  }
  Serial ModifiedFollowing(Serial s) const {
    if (const Day* day = Adjusted(s)) return s + day->modified_following;
    return SearchModifiedFollowing(s);
  }

 private:
  static constexpr Serial kEdge = 31;
  struct Day {
    bool business = false;
    bool adjusted = false;  // the offsets below are set
    std::int8_t following = 0;
    std::int8_t modified_following = 0;
  };
  std::size_t Offset(Serial s) const { return static_cast<std::size_t>(s - first_); }
  const Day* Adjusted(Serial s) const {
    if (s < first_ || s > last_) return nullptr;
    const Day& day = days_[Offset(s)];
    return day.adjusted ? &day : nullptr;
  }
  Serial SearchFollowing(Serial s) const {
    while (!IsBusinessDay(s)) ++s;
    return s;
  }
  Serial SearchModifiedFollowing(Serial s) const {
    if (IsBusinessDay(s)) return s;
    const Serial following = SearchFollowing(s);
    if (CivilOf(following).month == CivilOf(s).month) return following;
    while (!IsBusinessDay(s)) --s;  // Preceding
    return s;
  }

  Serial first_;
  Serial last_;
  std::vector<Day> days_;
};

const UkBusinessDays& Table() {
  static const UkBusinessDays table;  // thread-safe one-time initialisation
  return table;
}

}  // namespace

bool IsUkBusinessDay(Serial serial) { return Table().IsBusinessDay(serial); }
Serial AdjustFollowing(Serial serial) { return Table().Following(serial); }
Serial AdjustModifiedFollowing(Serial serial) { return Table().ModifiedFollowing(serial); }

}  // namespace oversight::risk::internal
