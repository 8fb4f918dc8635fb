// The serial-number date arithmetic of the projection's hot path must agree
// with QuantLib day by day: y/m/d conversion, Date + Period(n, Months) and
// UnitedKingdom(Settlement) adjustment (risk/domain/serial_date.h says why
// it exists).
#include "risk/resilience/serial_dates.h"

#include <gtest/gtest.h>

#include <utility>
#include <ql/time/calendars/unitedkingdom.hpp>
#include <ql/time/period.hpp>

#include <sstream>
#include <string>

namespace oversight::risk::internal {
namespace {

// QuantLib's own ISO formatting: the independent reference for IsoOf and
// FormatIsoDate, which format from the serial.
std::string QuantLibIso(const Date& d) {
  std::ostringstream out;
  out << QuantLib::io::iso_date(d);
  return out.str();
}

// SerialOf reads the day count off the high-resolution date's ptime instead
// of calling serialNumber() (risk/domain/serial_date.cc says why): it must
// agree over QuantLib's whole date range, and for the null date.
TEST(SerialDates, SerialOfAgreesWithSerialNumberOverQuantLibsWholeRange) {
  EXPECT_EQ(SerialOf(Date()), 0);
  EXPECT_EQ(FormatIsoDate(Date()), "");
  int mismatches = 0;
  const Date::serial_type first = Date::minDate().serialNumber(), last = Date::maxDate().serialNumber();
  for (Date::serial_type serial = first; serial <= last; ++serial) {
    const Date d(serial);
    if (SerialOf(d) != static_cast<Serial>(d.serialNumber()) || FormatIsoDate(d) != QuantLibIso(d)) {
      ADD_FAILURE() << d << ": SerialOf " << SerialOf(d) << " vs serialNumber " << d.serialNumber()
                    << ", FormatIsoDate \"" << FormatIsoDate(d) << "\" vs \"" << QuantLibIso(d) << "\"";
      if (++mismatches > 10) return;
    }
  }
}

TEST(SerialDates, AgreeWithQuantLibEveryDay1995To2060) {
  const QuantLib::Calendar uk = QuantLib::UnitedKingdom(QuantLib::UnitedKingdom::Settlement);
  const Date first(1, QuantLib::January, 1995), last(31, QuantLib::December, 2060);
  int mismatches = 0;
  for (Date d = first; d <= last; ++d) {
    const Serial s = SerialOf(d);
    ASSERT_EQ(s, static_cast<Serial>(d.serialNumber()));
    const CivilDate c = CivilOf(s);
    if (c.year != d.year() || c.month != static_cast<int>(d.month()) || c.day != d.dayOfMonth() ||
        SerialOf(c) != s) {
      ADD_FAILURE() << "civil date of " << d << " computed " << c.year << "-" << c.month << "-"
                    << c.day;
      if (++mismatches > 10) return;
    }
    if (IsoOf(s) != QuantLibIso(d) || DateOf(EndOfMonth(s)) != Date::endOfMonth(d)) {
      ADD_FAILURE() << "formatting or month end of " << d;
      if (++mismatches > 10) return;
    }
    if (IsUkBusinessDay(s) != uk.isBusinessDay(d)) {
      ADD_FAILURE() << "business day " << d;
      if (++mismatches > 10) return;
    }
    if (DateOf(AdjustModifiedFollowing(s)) != uk.adjust(d, QuantLib::ModifiedFollowing) ||
        DateOf(AdjustFollowing(s)) != uk.adjust(d, QuantLib::Following)) {
      ADD_FAILURE() << "adjustment of " << d;
      if (++mismatches > 10) return;
    }
  }
}

// The adjustments are read from a table of 1990-2150 and searched for at
// and beyond its edges: both sides of each edge agree with QuantLib too.
TEST(SerialDates, AdjustmentsAgreeWithQuantLibAcrossTheTablesEdges) {
  const QuantLib::Calendar uk = QuantLib::UnitedKingdom(QuantLib::UnitedKingdom::Settlement);
  for (const auto& [first, last] : {std::pair{Date(1, QuantLib::October, 1989), Date(30, QuantLib::April, 1990)},
                                    std::pair{Date(1, QuantLib::October, 2150), Date(30, QuantLib::April, 2151)}}) {
    for (Date d = first; d <= last; ++d) {
      const Serial s = SerialOf(d);
      ASSERT_EQ(IsUkBusinessDay(s), uk.isBusinessDay(d)) << d;
      ASSERT_EQ(DateOf(AdjustFollowing(s)), uk.adjust(d, QuantLib::Following)) << d;
      ASSERT_EQ(DateOf(AdjustModifiedFollowing(s)), uk.adjust(d, QuantLib::ModifiedFollowing)) << d;
    }
  }
}

TEST(SerialDates, AddMonthsMatchesQuantLibPeriodArithmetic) {
  const Date first(1, QuantLib::January, 2019), last(31, QuantLib::December, 2025);
  for (Date d = first; d <= last; ++d) {
    for (int months : {-12, -3, 1, 3, 6, 12, 24, 39, 120}) {
      const Date expected = d + QuantLib::Period(months, QuantLib::Months);
      ASSERT_EQ(DateOf(AddMonths(SerialOf(d), months)), expected)
          << d << " + " << months << " months";
    }
  }
  EXPECT_EQ(MonthsBetween(SerialOf(Date(31, QuantLib::January, 2023)),
                          SerialOf(Date(1, QuantLib::March, 2025))),
            26);
}

}  // namespace
}  // namespace oversight::risk::internal
