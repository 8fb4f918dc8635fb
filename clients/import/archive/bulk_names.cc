#include "clients/import/archive/bulk_names.h"

#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "risk/domain/identifiers.h"

namespace oversight::client::archive {
namespace {

using risk::AllDigits;

absl::string_view BaseName(absl::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == absl::string_view::npos ? path : path.substr(slash + 1);
}

// "YYYYMMDD" -> Date, through the domain's ISO parser (impossible dates
// rejected).
std::optional<risk::Date> CompactDate(absl::string_view digits) {
  if (digits.size() != 8 || !AllDigits(digits)) return std::nullopt;
  auto date = risk::ParseIsoDate(
      absl::StrCat(digits.substr(0, 4), "-", digits.substr(4, 2), "-", digits.substr(6, 2)));
  if (!date.ok()) return std::nullopt;
  return *date;
}

}  // namespace

std::optional<BulkMemberName> ParseBulkMemberName(absl::string_view name) {
  absl::string_view rest = BaseName(name);
  // ^(Prod\d+_\d+)_([^_]+)_(\d{8})\.(html|xml)$
  if (!absl::ConsumePrefix(&rest, "Prod")) return std::nullopt;
  if (!absl::ConsumeSuffix(&rest, ".html") && !absl::ConsumeSuffix(&rest, ".xml")) {
    return std::nullopt;
  }
  // rest = "223_2125_09707484_20170731": exactly four '_'-separated parts.
  std::array<absl::string_view, 4> parts;
  for (size_t i = 0; i < parts.size(); ++i) {
    const size_t underscore = rest.find('_');
    if (i + 1 < parts.size()) {
      if (underscore == absl::string_view::npos) return std::nullopt;
      parts[i] = rest.substr(0, underscore);
      rest.remove_prefix(underscore + 1);
    } else {
      if (underscore != absl::string_view::npos) return std::nullopt;
      parts[i] = rest;
    }
  }
  if (!AllDigits(parts[0]) || !AllDigits(parts[1]) || parts[2].empty()) return std::nullopt;
  std::optional<risk::Date> date = CompactDate(parts[3]);
  if (!date.has_value()) return std::nullopt;
  return BulkMemberName{PadCompanyNumber(parts[2]), *date};
}

std::optional<risk::Date> ParseBulkArchiveDate(absl::string_view zip_file_name) {
  absl::string_view rest = BaseName(zip_file_name);
  if (!absl::ConsumeSuffix(&rest, ".zip")) return std::nullopt;
  if (absl::ConsumePrefix(&rest, "Accounts_Bulk_Data-")) {
    auto date = risk::ParseIsoDate(rest);
    if (!date.ok()) return std::nullopt;
    return *date;
  }
  if (!absl::ConsumePrefix(&rest, "Accounts_Monthly_Data-")) return std::nullopt;
  // "March2024": a month name, then a four-digit year.
  if (rest.size() < 7) return std::nullopt;
  const absl::string_view year_text = rest.substr(rest.size() - 4);
  const std::string month_text = absl::AsciiStrToLower(rest.substr(0, rest.size() - 4));
  int year = 0;
  if (!AllDigits(year_text) || !absl::SimpleAtoi(year_text, &year)) return std::nullopt;
  static constexpr std::array<const char*, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (size_t m = 0; m < kMonths.size(); ++m) {
    const absl::string_view full = kMonths[m];
    if (month_text == full || month_text == full.substr(0, 3)) {
      auto first = risk::ParseIsoDate(absl::StrCat(year_text, "-", m < 9 ? "0" : "", m + 1, "-01"));
      if (!first.ok()) return std::nullopt;
      return risk::Date::endOfMonth(*first);
    }
  }
  return std::nullopt;
}

}  // namespace oversight::client::archive
