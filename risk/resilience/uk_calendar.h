#pragma once
// Shared, immutable QuantLib calendar and day counter for the resilience
// models (constructed once: QuantLib calendars share an implementation
// object, and reads are safe from any thread).

#include <ql/time/calendars/unitedkingdom.hpp>
#include <ql/time/daycounters/actual365fixed.hpp>

namespace oversight::risk::internal {

// England and Wales bank holidays: the settlement calendar SONIA and
// sterling loans pay on.
inline const QuantLib::Calendar& UkCalendar() {
  static const QuantLib::Calendar calendar =
      QuantLib::UnitedKingdom(QuantLib::UnitedKingdom::Settlement);
  return calendar;
}

// SONIA accrues on Actual/365 (Fixed).
inline const QuantLib::DayCounter& SoniaDayCounter() {
  static const QuantLib::DayCounter day_counter = QuantLib::Actual365Fixed();
  return day_counter;
}

}  // namespace oversight::risk::internal
