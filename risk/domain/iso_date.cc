#include "absl/strings/string_view.h"
#include "risk/domain/iso_date.h"

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "risk/domain/serial_date.h"

namespace oversight::risk {

absl::StatusOr<Date> ParseIsoDate(absl::string_view text, absl::string_view field) {
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": ", why, " (got \"", text, "\")"));
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return bad("expected a date as YYYY-MM-DD");
  }
  int year = 0, month = 0, day = 0;
  if (!absl::SimpleAtoi(text.substr(0, 4), &year) || !absl::SimpleAtoi(text.substr(5, 2), &month) ||
      !absl::SimpleAtoi(text.substr(8, 2), &day)) {
    return bad("expected a date as YYYY-MM-DD");
  }
  if (year < 1901 || year > 2199) return bad("year outside 1901-2199");
  if (month < 1 || month > 12) return bad("month outside 1-12");
  // Civil arithmetic, not Date::endOfMonth and Date(d, m, y): each is a
  // boost conversion with Debian's high-resolution dates, and every record
  // submitted carries a few dates (see serial_date.h).
  if (day < 1 || day > internal::DaysInMonth(year, month)) return bad("day does not exist in that month");
  return internal::DateOf(internal::SerialOf(internal::CivilDate{year, month, day}));
}

std::string FormatIsoDate(const Date& date) {
  std::string out;
  AppendIsoDate(out, date);
  return out;
}

void AppendIsoDate(std::string& out, const Date& date) {
  // From the serial, not date.year()/month()/dayOfMonth(): with Debian's
  // high-resolution QuantLib dates each of those is a boost conversion, and
  // every assessment formats a dozen dates for its citations.
  const internal::Serial serial = internal::SerialOf(date);
  if (serial == 0) return;  // the null Date
  internal::AppendIso(out, serial);
}

}  // namespace oversight::risk
