#include "risk/domain/serial_date.h"

namespace oversight::risk::internal {
namespace {

// QuantLib's serial 25569 is 1970-01-01 (it counts like a spreadsheet).
constexpr Serial kUnixEpochSerial = 25569;

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian),
// public-domain algorithms: http://howardhinnant.github.io/date_algorithms.html
Serial DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(Serial z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  return CivilDate{yoe + era * 400 + (m <= 2), m, d};
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }


}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kLength[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kLength[month - 1];
}

Date DateOf(Serial serial) { return Date(static_cast<Date::serial_type>(serial)); }

CivilDate CivilOf(Serial serial) { return CivilFromDays(serial - kUnixEpochSerial); }
Serial SerialOf(const CivilDate& date) {
  return DaysFromCivil(date.year, date.month, date.day) + kUnixEpochSerial;
}

Serial AddMonths(Serial serial, int months) { return AddMonths(CivilOf(serial), months); }

Serial AddMonths(const CivilDate& c, int months) {
  const int index = c.year * 12 + (c.month - 1) + months;
  const int y = index / 12;
  const int m = index % 12 + 1;
  const int d = c.day < DaysInMonth(y, m) ? c.day : DaysInMonth(y, m);
  return SerialOf(CivilDate{y, m, d});
}

Serial EndOfMonth(Serial serial) {
  const CivilDate c = CivilOf(serial);
  return SerialOf(CivilDate{c.year, c.month, DaysInMonth(c.year, c.month)});
}

std::string IsoOf(Serial serial) {
  std::string out;
  AppendIso(out, serial);
  return out;
}

void AppendIso(std::string& out, Serial serial) {
  const CivilDate c = CivilOf(serial);
  char text[10] = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0'};
  auto put = [&text](std::size_t at, int value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) text[at + i] = static_cast<char>('0' + value % 10);
  };
  put(0, c.year, 4);
  put(5, c.month, 2);
  put(8, c.day, 2);
  out.append(text, sizeof text);
}

int MonthsBetween(Serial from, Serial to) {
  const CivilDate a = CivilOf(from);
  const CivilDate b = CivilOf(to);
  return (b.year - a.year) * 12 + (b.month - a.month);
}

}  // namespace oversight::risk::internal
