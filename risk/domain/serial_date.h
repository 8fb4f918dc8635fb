#pragma once
// Civil-date arithmetic on serial day numbers for the hot paths of scoring
// (validation, citations, the debt-service projection).
//
// Why not QuantLib::Date directly: Debian's QuantLib 1.29 is built with
// QL_HIGH_RESOLUTION_DATE, so each Date <-> day/month/year conversion goes
// through boost::posix_time and costs ~100ns; calendar adjustment makes
// several. Profiling showed those conversions at over 70% of scoring time
// before the projection moved to serials, and formatting dates at ~8% after
// (docs/performance.md). These helpers give the same answers as QuantLib
// (day serials are QuantLib's serial numbers; months are added the way
// Date + Period(n, Months) adds them), which
// tests/risk/resilience_serial_dates_test.cc checks day by day.

#include <cstdint>
#include <string>

#include "risk/domain/iso_date.h"

namespace oversight::risk::internal {

using Serial = std::int32_t;  // QuantLib serial number: 1 = 1899-12-31, 367 = 1901-01-01

#ifdef QL_HIGH_RESOLUTION_DATE
// QuantLib's serial reference, 1899-12-30 00:00, as a ptime (a function's
// static rather than a global: dates may be converted during another
// global's initialisation).
inline const boost::posix_time::ptime& SerialReferenceTime() {
  static const boost::posix_time::ptime reference(boost::gregorian::date(1899, boost::gregorian::Dec, 30));
  return reference;
}
#endif

// Inline: scoring converts ~170 dates per provider (validation, record
// filters, citations).
inline Serial SerialOf(const Date& date) {
#ifdef QL_HIGH_RESOLUTION_DATE
  // Date::serialNumber() converts the date's ptime to year/month/day and
  // back (boost's from_day_number: the top entry of the scoring profile).
  // The whole days between the ptime and QuantLib's serial reference are
  // the same number without the round trip; QuantLib builds every Date at
  // midnight, and a time of day is floored away as serialNumber() does.
  const boost::posix_time::time_duration since = date.dateTime() - SerialReferenceTime();
  return static_cast<Serial>(since.ticks() / (boost::posix_time::time_duration::ticks_per_second() * 86400));
#else
  return static_cast<Serial>(date.serialNumber());
#endif
}
Date DateOf(Serial serial);

// Date() is QuantLib's null date (serial 0). QuantLib's own comparison
// operators call serialNumber() on both sides (see SerialOf); the record
// filters that run for every record of every provider compare serials.
inline bool IsNull(const Date& date) { return SerialOf(date) == 0; }

struct CivilDate {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};
CivilDate CivilOf(Serial serial);
Serial SerialOf(const CivilDate& date);
// 28 to 31 (Gregorian leap years); month 1..12.
int DaysInMonth(int year, int month);

// Same as QuantLib Date + Period(months, Months): the day of month is kept,
// clipped to the length of the target month.
Serial AddMonths(Serial serial, int months);
// The same from an already-converted date (saves a conversion in loops).
Serial AddMonths(const CivilDate& from, int months);

// The last day of the serial's month.
Serial EndOfMonth(Serial serial);

// "YYYY-MM-DD", as FormatIsoDate (years 1000-9999).
std::string IsoOf(Serial serial);
void AppendIso(std::string& out, Serial serial);  // the same, appended

// Whole calendar months from `from` to `to` (ignoring days).
int MonthsBetween(Serial from, Serial to);

}  // namespace oversight::risk::internal
