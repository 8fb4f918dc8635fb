#pragma once
// Date arithmetic on serial day numbers for the hot path of the debt-service
// projection (every facility of every provider, every night).
//
// Why not QuantLib::Date directly: Debian's QuantLib 1.29 is built with
// QL_HIGH_RESOLUTION_DATE, so each Date <-> day/month/year conversion goes
// through boost::posix_time and costs ~100ns; calendar adjustment makes
// several. Profiling showed those conversions at over 70% of scoring time.
// These helpers give the same answers as QuantLib (day serials are QuantLib's
// serial numbers; months are added the way Date + Period(n, Months) adds
// them; business days come from a table filled once from
// QuantLib::UnitedKingdom(Settlement)), which tests/risk/resilience_*_test.cc
// check day by day.

#include <cstdint>
#include <string>

#include "risk/domain/iso_date.h"

namespace oversight::risk::internal {

using Serial = std::int32_t;  // QuantLib serial number: 1 = 1899-12-31, 367 = 1901-01-01

Serial SerialOf(const Date& date);
Date DateOf(Serial serial);

struct CivilDate {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};
CivilDate CivilOf(Serial serial);
Serial SerialOf(const CivilDate& date);

// Same as QuantLib Date + Period(months, Months): the day of month is kept,
// clipped to the length of the target month.
Serial AddMonths(Serial serial, int months);
// The same from an already-converted date (saves a conversion in loops).
Serial AddMonths(const CivilDate& from, int months);

// The last day of the serial's month.
Serial EndOfMonth(Serial serial);

// "YYYY-MM-DD", as FormatIsoDate (years 1000-9999).
std::string IsoOf(Serial serial);

// Whole calendar months from `from` to `to` (ignoring days).
int MonthsBetween(Serial from, Serial to);

// UnitedKingdom(Settlement) business-day adjustment, bit-for-bit equal to
// QuantLib's Calendar::adjust with the same convention.
bool IsUkBusinessDay(Serial serial);
Serial AdjustFollowing(Serial serial);
Serial AdjustModifiedFollowing(Serial serial);

}  // namespace oversight::risk::internal
