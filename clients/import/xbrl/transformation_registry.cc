#include "clients/import/xbrl/transformation_registry.h"

#include <array>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "risk/domain/iso_date.h"

namespace oversight::client::xbrl {
namespace {

// What a format does with its text.
enum class Rule {
  kGrouped,      // digits with group separators and one decimal separator
  kUnitDecimal,  // "5 pounds 34 pence": integer part, a unit word, fraction
  kDash,         // a dash means zero (zerodash, numdash)
  kZero,         // zero whatever the text (fixedzero)
  kEmpty,        // no value whatever the text (nocontent, fixedempty)
  kWordsEn,      // "no", "none", "nil", "zero": zero; other words unsupported
  kDateDMY,      // day month year, month as number or English name
  kDateMDY,      // month day year
  kBoolFalse,
  kBoolTrue,
};

// Group separators a grouped number accepts. Spaces include NBSP and the
// thin and narrow no-break spaces typesetting tools emit between groups.
enum GroupSet : unsigned {
  kComma = 1,
  kDot = 2,
  kSpace = 4,
  kApostrophe = 8,
};

struct Format {
  const char* registry;
  const char* name;
  Rule rule;
  unsigned groups = 0;  // kGrouped: GroupSet bits
  char decimal = '.';   // kGrouped: the decimal separator; 0 = integers only
};

constexpr const char* k2008 = kTransformationRegistry2008;
constexpr const char* kR1 = kTransformationRegistry1;
constexpr const char* kR2 = kTransformationRegistry2;
constexpr const char* kR3 = kTransformationRegistry3;
constexpr const char* kR4 = kTransformationRegistry4;

// The registries' numeric, date and boolean formats. Names and separators
// follow the registry documents: e.g. the 2008 "numcommadot" is
// "1,234,567.89" (comma groups, dot decimal), its "numdotcomma" is
// "1.234.567,89"; registry 1-3 "numdotdecimal" has a dot decimal and comma,
// space or NBSP groups, "numcommadecimal" the reverse. Registries 3 and 4
// also accept the apostrophe group separator of Swiss filings.
constexpr Format kFormats[] = {
    // Inline XBRL 1.0 (2008).
    {k2008, "numcommadot", Rule::kGrouped, kComma, '.'},
    {k2008, "numdotcomma", Rule::kGrouped, kDot, ','},
    {k2008, "numspacedot", Rule::kGrouped, kSpace, '.'},
    {k2008, "numspacecomma", Rule::kGrouped, kSpace, ','},
    {k2008, "numcomma", Rule::kGrouped, 0, ','},
    {k2008, "numdash", Rule::kDash},
    {k2008, "dateslasheu", Rule::kDateDMY},
    {k2008, "dateslashus", Rule::kDateMDY},
    {k2008, "datedoteu", Rule::kDateDMY},
    {k2008, "datedotus", Rule::kDateMDY},
    {k2008, "datelonguk", Rule::kDateDMY},
    {k2008, "datelongus", Rule::kDateMDY},
    {k2008, "dateshortuk", Rule::kDateDMY},
    {k2008, "dateshortus", Rule::kDateMDY},
    // Registry 1 (2010-04-20).
    {kR1, "numdotdecimal", Rule::kGrouped, kComma | kSpace, '.'},
    {kR1, "numcommadecimal", Rule::kGrouped, kDot | kSpace, ','},
    {kR1, "numunitdecimal", Rule::kUnitDecimal},
    {kR1, "zerodash", Rule::kDash},
    {kR1, "numcommadot", Rule::kGrouped, kComma, '.'},
    {kR1, "numdotcomma", Rule::kGrouped, kDot, ','},
    {kR1, "numspacedot", Rule::kGrouped, kSpace, '.'},
    {kR1, "numspacecomma", Rule::kGrouped, kSpace, ','},
    {kR1, "numdash", Rule::kDash},
    {kR1, "datedaymonthyear", Rule::kDateDMY},
    {kR1, "datedaymonthyearen", Rule::kDateDMY},
    {kR1, "datemonthdayyear", Rule::kDateMDY},
    {kR1, "datemonthdayyearen", Rule::kDateMDY},
    {kR1, "datelonguk", Rule::kDateDMY},
    {kR1, "dateslasheu", Rule::kDateDMY},
    {kR1, "datedoteu", Rule::kDateDMY},
    {kR1, "dateshortuk", Rule::kDateDMY},
    {kR1, "datelongus", Rule::kDateMDY},
    {kR1, "dateslashus", Rule::kDateMDY},
    // Registry 2 (2011-07-31).
    {kR2, "numdotdecimal", Rule::kGrouped, kComma | kSpace, '.'},
    {kR2, "numcommadecimal", Rule::kGrouped, kDot | kSpace, ','},
    {kR2, "numunitdecimal", Rule::kUnitDecimal},
    {kR2, "zerodash", Rule::kDash},
    {kR2, "nocontent", Rule::kEmpty},
    {kR2, "booleanfalse", Rule::kBoolFalse},
    {kR2, "booleantrue", Rule::kBoolTrue},
    {kR2, "datedaymonthyear", Rule::kDateDMY},
    {kR2, "datedaymonthyearen", Rule::kDateDMY},
    {kR2, "datemonthdayyear", Rule::kDateMDY},
    {kR2, "datemonthdayyearen", Rule::kDateMDY},
    // Registry 3 (2015-02-26).
    {kR3, "numdotdecimal", Rule::kGrouped, kComma | kSpace | kApostrophe, '.'},
    {kR3, "numcommadecimal", Rule::kGrouped, kDot | kSpace | kApostrophe, ','},
    {kR3, "numunitdecimal", Rule::kUnitDecimal},
    {kR3, "numwordsen", Rule::kWordsEn},
    {kR3, "zerodash", Rule::kDash},
    {kR3, "nocontent", Rule::kEmpty},
    {kR3, "fixedzero", Rule::kZero},
    {kR3, "fixedempty", Rule::kEmpty},
    {kR3, "booleanfalse", Rule::kBoolFalse},
    {kR3, "booleantrue", Rule::kBoolTrue},
    {kR3, "datedaymonthyear", Rule::kDateDMY},
    {kR3, "datedaymonthyearen", Rule::kDateDMY},
    {kR3, "datemonthdayyear", Rule::kDateMDY},
    {kR3, "datemonthdayyearen", Rule::kDateMDY},
    // Registry 4 (2020-02-12): hyphenated names.
    {kR4, "num-dot-decimal", Rule::kGrouped, kComma | kSpace | kApostrophe, '.'},
    {kR4, "num-comma-decimal", Rule::kGrouped, kDot | kSpace | kApostrophe, ','},
    {kR4, "num-unit-decimal", Rule::kUnitDecimal},
    {kR4, "num-word-en", Rule::kWordsEn},
    {kR4, "fixed-zero", Rule::kZero},
    {kR4, "fixed-empty", Rule::kEmpty},
    {kR4, "fixed-false", Rule::kBoolFalse},
    {kR4, "fixed-true", Rule::kBoolTrue},
    {kR4, "date-day-month-year", Rule::kDateDMY},
    {kR4, "date-day-monthname-year-en", Rule::kDateDMY},
    {kR4, "date-month-day-year", Rule::kDateMDY},
    {kR4, "date-monthname-day-year-en", Rule::kDateMDY},
};

bool IsNumericRule(Rule rule) {
  switch (rule) {
    case Rule::kGrouped:
    case Rule::kUnitDecimal:
    case Rule::kDash:
    case Rule::kZero:
    case Rule::kEmpty:
    case Rule::kWordsEn:
      return true;
    default:
      return false;
  }
}

const Format* Find(const QName& format) {
  for (const Format& f : kFormats) {
    if (format.local_name == f.name && format.namespace_uri == f.registry) return &f;
  }
  return nullptr;
}

std::string Describe(const QName& format) {
  if (format.namespace_uri.empty() && format.local_name.empty()) return "no format (xsd:decimal)";
  return absl::StrCat(format.local_name, " {", format.namespace_uri, "}");
}

// The length of the UTF-8 whitespace character at the start of `s` (ASCII
// space, tab, CR, LF, NBSP U+00A0, thin U+2009, narrow no-break U+202F), or 0.
size_t SpaceLength(absl::string_view s) {
  if (s.empty()) return 0;
  const auto c = static_cast<unsigned char>(s[0]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (s.size() >= 2 && c == 0xC2 && static_cast<unsigned char>(s[1]) == 0xA0) return 2;
  if (s.size() >= 3 && c == 0xE2 && static_cast<unsigned char>(s[1]) == 0x80) {
    const auto c2 = static_cast<unsigned char>(s[2]);
    if (c2 == 0x89 || c2 == 0xAF || c2 == 0x8A) return 3;
  }
  return 0;
}

// The length of the UTF-8 dash at the start of `s`: hyphen-minus, U+2010 to
// U+2015 (hyphen, figure dash, en dash, em dash, bar), U+2212 minus, or 0.
size_t DashLength(absl::string_view s) {
  if (s.empty()) return 0;
  if (s[0] == '-') return 1;
  if (s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xE2) {
    const auto c1 = static_cast<unsigned char>(s[1]);
    const auto c2 = static_cast<unsigned char>(s[2]);
    if (c1 == 0x80 && c2 >= 0x90 && c2 <= 0x95) return 3;
    if (c1 == 0x88 && c2 == 0x92) return 3;
  }
  return 0;
}

absl::string_view TrimSpace(absl::string_view s) {
  while (size_t n = SpaceLength(s)) s.remove_prefix(n);
  for (;;) {
    bool trimmed = false;
    for (size_t n : {size_t{1}, size_t{2}, size_t{3}}) {
      if (s.size() >= n && SpaceLength(s.substr(s.size() - n)) == n) {
        s.remove_suffix(n);
        trimmed = true;
        break;
      }
    }
    if (!trimmed) return s;
  }
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads digits in groups: the first group 1-3 digits (or any length when the
// number has no group separator at all), each later group exactly 3 digits
// after one separator of `groups`, then an optional `decimal` and digits.
// Group size is checked so that a number in the other convention ("12,5"
// under a comma-grouping format) is an error rather than 125.
absl::StatusOr<std::string> ReadGrouped(const Format& f, absl::string_view text,
                                        const QName& name) {
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\" is not a number in format ", Describe(name), ": ", why));
  };
  std::string out;
  out.reserve(text.size());
  size_t group_digits = 0;
  bool grouped = false;
  bool in_fraction = false;
  bool fraction_digit = false;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (IsDigit(c)) {
      out.push_back(c);
      if (in_fraction) {
        fraction_digit = true;
      } else {
        ++group_digits;
      }
      ++i;
      continue;
    }
    if (f.decimal != 0 && c == f.decimal && !in_fraction) {
      if (out.empty()) return bad("no digit before the decimal separator");
      if (grouped && group_digits != 3) return bad("a digit group is not 3 digits long");
      in_fraction = true;
      out.push_back('.');
      ++i;
      continue;
    }
    size_t sep = 0;
    if ((f.groups & kComma) && c == ',') sep = 1;
    if ((f.groups & kDot) && c == '.') sep = 1;
    if ((f.groups & kApostrophe) && c == '\'') sep = 1;
    if ((f.groups & kSpace) && sep == 0) sep = SpaceLength(text.substr(i));
    if (sep == 0) return bad(absl::StrCat("unexpected character at offset ", i));
    if (in_fraction) return bad("a group separator after the decimal separator");
    if (group_digits == 0) return bad("a group separator without digits before it");
    if (grouped ? group_digits != 3 : group_digits > 3) {
      return bad("a digit group is not 3 digits long");
    }
    grouped = true;
    group_digits = 0;
    i += sep;
  }
  if (out.empty()) return bad("no digits");
  if (grouped && !in_fraction && group_digits != 3) return bad("a digit group is not 3 digits long");
  if (in_fraction && !fraction_digit) out.pop_back();  // "12." reads as 12
  return out;
}

// numunitdecimal: "5 pounds 34 pence" -> 5.34, "1,000 euro 5 cent" -> 1000.05.
// The fraction is in hundredths when written with one or two digits (a
// minor currency unit), as Arelle and the registry examples read it.
absl::StatusOr<std::string> ReadUnitDecimal(absl::string_view text, const QName& name) {
  auto bad = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\" is not a number in format ", Describe(name)));
  };
  std::string integer;
  size_t i = 0;
  while (i < text.size() && (IsDigit(text[i]) || text[i] == ',' || text[i] == '.' ||
                             text[i] == '\'' || SpaceLength(text.substr(i)) > 0)) {
    if (IsDigit(text[i])) integer.push_back(text[i]);
    i += IsDigit(text[i]) ? 1 : std::max<size_t>(1, SpaceLength(text.substr(i)));
  }
  if (integer.empty()) return bad();
  while (i < text.size() && !IsDigit(text[i])) ++i;  // the major unit's word
  std::string fraction;
  while (i < text.size() && IsDigit(text[i])) fraction.push_back(text[i++]);
  for (; i < text.size(); ++i) {
    if (IsDigit(text[i])) return bad();
  }
  if (fraction.empty()) return integer;
  if (fraction.size() > 2) return bad();
  if (fraction.size() == 1) fraction.insert(fraction.begin(), '0');
  return absl::StrCat(integer, ".", fraction);
}

bool IsAllDashes(absl::string_view s) {
  if (s.empty()) return false;
  while (!s.empty()) {
    const size_t n = DashLength(s);
    if (n == 0) return false;
    s.remove_prefix(n);
  }
  return true;
}

// numwordsen: English number words ("no", "none", "nil", "zero", "twelve",
// "one hundred and twenty-three", "two thousand five hundred"), case and
// hyphens forgiven, "and" ignored. Whole numbers only, as in the registry.
absl::StatusOr<std::string> ReadNumberWords(absl::string_view text) {
  static constexpr std::array<const char*, 20> kUnits = {
      "zero",    "one",     "two",       "three",    "four",     "five",    "six",
      "seven",   "eight",   "nine",      "ten",      "eleven",   "twelve",  "thirteen",
      "fourteen", "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen"};
  static constexpr std::array<const char*, 8> kTens = {"twenty", "thirty",  "forty",  "fifty",
                                                       "sixty",  "seventy", "eighty", "ninety"};
  const std::string lower = absl::AsciiStrToLower(text);
  if (lower == "no" || lower == "none" || lower == "nil" || IsAllDashes(text)) return std::string("0");
  std::vector<std::string> words;
  std::string word;
  for (char c : lower) {
    if (c >= 'a' && c <= 'z') {
      word.push_back(c);
    } else if (c == ' ' || c == '-' || c == ',' || c == '\t' || c == '\n') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      return absl::InvalidArgumentError("is not written in English number words");
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  // Accumulated in 64 bits; anything past 999 billion is not a figure of
  // the accounts this reads.
  constexpr unsigned long long kMax = 999999999999ULL;
  unsigned long long total = 0, current = 0;
  bool any = false;
  for (const std::string& w : words) {
    if (w == "and") continue;
    bool known = false;
    for (size_t i = 0; i < kUnits.size() && !known; ++i) {
      if (w == kUnits[i]) {
        current += i;
        known = true;
      }
    }
    for (size_t i = 0; i < kTens.size() && !known; ++i) {
      if (w == kTens[i]) {
        current += 20 + 10 * i;
        known = true;
      }
    }
    if (!known && w == "hundred") {
      if (current > kMax / 100) return absl::InvalidArgumentError("is too large");
      current = (current == 0 ? 1 : current) * 100;
      known = true;
    }
    for (const auto& [name, scale] : {std::pair<const char*, unsigned long long>{"thousand", 1000ULL},
                                      {"million", 1000000ULL},
                                      {"billion", 1000000000ULL}}) {
      if (!known && w == name) {
        // "thousand" may open the figure ("thousand" = 1000); after that a
        // scale word needs a number before it ("billion billion" is not one).
        if (current == 0 && any) {
          return absl::InvalidArgumentError(absl::StrCat("has \"", w, "\" without a number before it"));
        }
        if (current > kMax / scale) return absl::InvalidArgumentError("is too large");
        total += (current == 0 ? 1 : current) * scale;
        current = 0;
        known = true;
      }
    }
    if (!known) return absl::InvalidArgumentError(absl::StrCat("has the word \"", w, "\", not a number word"));
    any = true;
    if (total > kMax || current > kMax) {
      return absl::InvalidArgumentError("is too large");
    }
  }
  if (!any) return absl::InvalidArgumentError("has no number words");
  return absl::StrCat(total + current);
}


// Month by English name or its abbreviation (3 letters or more): 1-12, or 0.
int MonthFromName(absl::string_view word) {
  static constexpr std::array<const char*, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (word.size() < 3) return 0;
  std::string lower = absl::AsciiStrToLower(word);
  if (lower.back() == '.') lower.pop_back();
  if (lower == "sept") return 9;
  for (size_t m = 0; m < kMonths.size(); ++m) {
    const absl::string_view full = kMonths[m];
    if (lower.size() >= 3 && lower.size() <= full.size() && full.substr(0, lower.size()) == lower) {
      return static_cast<int>(m) + 1;
    }
  }
  return 0;
}

// Dates written as three parts (numbers or a month name) in day-month-year
// or month-day-year order: "31 July 2017", "31st July 2017", "31/07/2017",
// "31.07.17", "July 31, 2017". Two-digit years are 20yy.
std::optional<std::string> ReadDate(absl::string_view text, bool day_first) {
  std::vector<std::string> parts;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) parts.push_back(std::move(current));
    current.clear();
  };
  for (char c : text) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      // "31st": split digits from an ordinal suffix.
      if (!current.empty() && IsDigit(current.back()) != IsDigit(c)) flush();
      current.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  // Drop ordinal suffixes.
  std::vector<std::string> kept;
  for (std::string& p : parts) {
    const std::string lower = absl::AsciiStrToLower(p);
    if (lower == "st" || lower == "nd" || lower == "rd" || lower == "th" || lower == "of") continue;
    kept.push_back(std::move(p));
  }
  if (kept.size() != 3) return std::nullopt;
  const std::string& day_text = day_first ? kept[0] : kept[1];
  const std::string& month_text = day_first ? kept[1] : kept[0];
  int day = 0, month = 0, year = 0;
  if (!absl::SimpleAtoi(day_text, &day)) return std::nullopt;
  if (!absl::SimpleAtoi(month_text, &month)) month = MonthFromName(month_text);
  if (!absl::SimpleAtoi(kept[2], &year)) return std::nullopt;
  if (kept[2].size() == 2) year += 2000;
  if (kept[2].size() != 2 && kept[2].size() != 4) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  const std::string iso = absl::StrFormat("%04d-%02d-%02d", year, month, day);
  if (!risk::ParseIsoDate(iso).ok()) return std::nullopt;
  return iso;
}

}  // namespace

bool IsTransformationRegistry(absl::string_view namespace_uri) {
  for (const char* r : {k2008, kR1, kR2, kR3, kR4}) {
    if (namespace_uri == r) return true;
  }
  return false;
}

bool IsNumericFormat(const QName& format) {
  const Format* f = Find(format);
  return f != nullptr && IsNumericRule(f->rule);
}

absl::StatusOr<std::optional<std::string>> TransformNumber(const QName& format,
                                                           absl::string_view text) {
  const absl::string_view trimmed = TrimSpace(text);
  if (format.namespace_uri.empty() && format.local_name.empty()) {
    // No format: the content is an xsd:decimal as written, without a sign
    // (Inline XBRL puts the sign in the sign attribute).
    static constexpr Format kPlain = {"", "", Rule::kGrouped, 0, '.'};
    if (trimmed.empty()) return absl::InvalidArgumentError("empty text for a number (no format)");
    auto read = ReadGrouped(kPlain, trimmed, format);
    if (!read.ok()) return read.status();
    return std::optional<std::string>(*std::move(read));
  }
  const Format* f = Find(format);
  if (f == nullptr || !IsNumericRule(f->rule)) {
    return absl::NotFoundError(absl::StrCat(
        "unknown number format ", Describe(format),
        IsTransformationRegistry(format.namespace_uri)
            ? " (the registry has no number format of that name)"
            : " (not a transformation registry this reader knows)"));
  }
  switch (f->rule) {
    case Rule::kEmpty:
      return std::optional<std::string>();
    case Rule::kZero:
      return std::optional<std::string>("0");
    case Rule::kDash:
      if (!IsAllDashes(trimmed)) {
        return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" is not a dash (format ",
                                                       Describe(format), ")"));
      }
      return std::optional<std::string>("0");
    case Rule::kWordsEn: {
      auto words = ReadNumberWords(trimmed);
      if (!words.ok()) {
        return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" ", words.status().message(),
                                                       " (format ", Describe(format), ")"));
      }
      return std::optional<std::string>(*std::move(words));
    }
    default:
      break;
  }
  if (trimmed.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("empty text for a number in format ", Describe(format)));
  }
  absl::StatusOr<std::string> read = f->rule == Rule::kUnitDecimal
                                         ? ReadUnitDecimal(trimmed, format)
                                         : ReadGrouped(*f, trimmed, format);
  if (!read.ok()) return read.status();
  return std::optional<std::string>(*std::move(read));
}

std::optional<std::string> TransformText(const QName& format, absl::string_view text) {
  const Format* f = Find(format);
  if (f == nullptr) return std::nullopt;
  switch (f->rule) {
    case Rule::kBoolFalse:
      return "false";
    case Rule::kBoolTrue:
      return "true";
    case Rule::kDateDMY:
      return ReadDate(TrimSpace(text), /*day_first=*/true);
    case Rule::kDateMDY:
      return ReadDate(TrimSpace(text), /*day_first=*/false);
    default:
      return std::nullopt;
  }
}

absl::StatusOr<std::string> ParseXsdDecimal(absl::string_view text) {
  absl::string_view t = TrimSpace(text);
  std::string sign;
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) {
    if (t[0] == '-') sign = "-";
    t.remove_prefix(1);
  }
  static constexpr Format kPlain = {"", "", Rule::kGrouped, 0, '.'};
  if (t.empty()) return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" is not a decimal"));
  if (t[0] == '.') {
    // xsd:decimal allows ".5".
    auto frac = ReadGrouped(kPlain, absl::StrCat("0", t), QName{});
    if (!frac.ok()) return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" is not a decimal"));
    return absl::StrCat(sign, *frac);
  }
  auto read = ReadGrouped(kPlain, t, QName{});
  if (!read.ok()) return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" is not a decimal"));
  return absl::StrCat(sign, *read);
}

}  // namespace oversight::client::xbrl
