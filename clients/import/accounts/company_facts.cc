#include "clients/import/accounts/company_facts.h"

#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace oversight::client::accounts {
namespace {

constexpr absl::string_view kCompaniesHouseScheme = "http://www.companieshouse.gov.uk/";

constexpr std::array<absl::string_view, 12> kMonths = {"january", "february", "march",     "april",
                                                       "may",     "june",     "july",      "august",
                                                       "september", "october", "november", "december"};

std::optional<int> MonthFromName(absl::string_view name) {
  absl::ConsumeSuffix(&name, ".");  // "Aug."
  const std::string lower = absl::AsciiStrToLower(name);
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (lower == kMonths[i] || (lower.size() >= 3 && absl::StartsWith(kMonths[i], lower))) {
      return static_cast<int>(i) + 1;
    }
  }
  return std::nullopt;
}

std::optional<int> DayFromText(absl::string_view text) {
  // "31st", "1st", "2nd", "3rd", "4th".
  for (absl::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (absl::ConsumeSuffix(&text, suffix)) break;
  }
  int day = 0;
  if (!absl::SimpleAtoi(text, &day)) return std::nullopt;
  return day;
}

absl::StatusOr<risk::Date> MakeDate(int day, int month, int year, absl::string_view text, absl::string_view field) {
  if (year >= 0 && year < 100) year += 2000;
  // QuantLib's range (1901-2199) and calendar validity: QuantLib throws on an
  // invalid date, so check first rather than catch for ordinary bad input.
  if (year < 1901 || year > 2199 || month < 1 || month > 12 || day < 1) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": '", text, "' is not a calendar date"));
  }
  const risk::Date first(1, static_cast<QuantLib::Month>(month), year);
  if (day > risk::Date::endOfMonth(first).dayOfMonth()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": '", text, "' is not a calendar date"));
  }
  return first + (day - 1);
}

}  // namespace

absl::StatusOr<risk::Date> ParseFilingDate(absl::string_view raw, absl::string_view field) {
  absl::string_view text = absl::StripAsciiWhitespace(raw);
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') return risk::ParseIsoDate(text, field);
  // Numeric day, month, year separated by '/', '.' or '-'.
  for (char separator : {'/', '.', '-'}) {
    std::vector<absl::string_view> parts = absl::StrSplit(text, separator);
    if (parts.size() != 3) continue;
    int day = 0, month = 0, year = 0;
    if (absl::SimpleAtoi(parts[0], &day) && absl::SimpleAtoi(parts[1], &month) &&
        absl::SimpleAtoi(parts[2], &year) && (parts[2].size() == 2 || parts[2].size() == 4)) {
      return MakeDate(day, month, year, text, field);
    }
  }
  // Day, month name, year separated by spaces (ixt:datelonguk and kin).
  std::vector<absl::string_view> words = absl::StrSplit(text, ' ', absl::SkipWhitespace());
  if (words.size() == 3) {
    std::optional<int> day = DayFromText(words[0]);
    std::optional<int> month = MonthFromName(words[1]);
    int year = 0;
    if (day && month && absl::SimpleAtoi(words[2], &year) && (words[2].size() == 2 || words[2].size() == 4)) {
      return MakeDate(*day, *month, year, text, field);
    }
  }
  return absl::InvalidArgumentError(absl::StrCat(field, ": '", text, "' is not a date in a known layout"));
}

CompanyFacts ReadCompanyFacts(const xbrl::XbrlDocument& document, const ConceptMap& map,
                              std::vector<std::string>& notes) {
  CompanyFacts facts;
  std::optional<bool> not_dormant;
  std::optional<bool> dormant;
  for (const xbrl::Fact& fact : document.facts) {
    for (const ConceptRow* row : map.RowsFor(fact.concept_name)) {
      const absl::string_view field = row->field->name;
      // The reader's normalised value when the ix format is a date or boolean
      // transformation ("31 July 2017" -> "2017-07-31"); else the text.
      const std::string text(absl::StripAsciiWhitespace(fact.normalized.empty() ? fact.text : fact.normalized));
      switch (row->field->kind) {
        case FieldKind::kCompanyText:
          if (field == "company_number" && !facts.company_number) {
            facts.company_number = NormaliseCompanyNumber(text);
            if (!facts.company_number) {
              notes.push_back(absl::StrCat("registered number '", text, "' (", fact.concept_name.local_name,
                                           ", line ", fact.location.line, ") is not a company number: ignored"));
            } else if (*facts.company_number != text) {
              notes.push_back(absl::StrCat("registered number '", text, "' read as ", *facts.company_number,
                                           " (padded to 8 characters)"));
            }
          } else if (field == "company_name" && facts.company_name.empty()) {
            facts.company_name = text;
          }
          break;
        case FieldKind::kCompanyDate: {
          std::optional<risk::Date>* target = field == "balance_sheet_date" ? &facts.balance_sheet_date
                                              : field == "period_start"     ? &facts.period_start
                                                                            : &facts.period_end;
          if (target->has_value()) break;
          absl::StatusOr<risk::Date> date = ParseFilingDate(text, fact.concept_name.local_name);
          if (date.ok()) {
            *target = *date;
          } else {
            notes.push_back(absl::StrCat(date.status().message(), " (line ", fact.location.line, "): ignored"));
          }
          break;
        }
        case FieldKind::kCompanyFlag: {
          const std::string lower = absl::AsciiStrToLower(text);
          std::optional<bool> value;
          if (lower == "true" || lower == "1") value = true;
          if (lower == "false" || lower == "0") value = false;
          if (field == "dormant" && !dormant) dormant = value;
          if (field == "not_dormant" && !not_dormant) not_dormant = value;
          break;
        }
        default:
          break;
      }
    }
  }
  facts.dormant = dormant.value_or(false) || (not_dormant.has_value() && !*not_dormant);

  if (facts.company_number) {
    // A filing whose contexts name another company under the Companies House
    // scheme is worth a look; the registered-number fact still decides.
    for (const xbrl::Context& context : document.contexts) {
      if (context.entity_scheme != kCompaniesHouseScheme) continue;
      const std::optional<std::string> other = NormaliseCompanyNumber(context.entity_identifier);
      if (other && *other != *facts.company_number) {
        notes.push_back(absl::StrCat("context '", context.id, "' identifies company ", *other,
                                     ", not the registered number ", *facts.company_number,
                                     ": the registered number is used"));
        break;
      }
    }
  } else {
    for (const xbrl::Context& context : document.contexts) {
      if (context.entity_scheme != kCompaniesHouseScheme || context.entity_identifier.size() != 8) continue;
      facts.company_number = NormaliseCompanyNumber(context.entity_identifier);
      if (facts.company_number) {
        notes.push_back(absl::StrCat("no registered-number fact: company number ", *facts.company_number,
                                     " taken from the identifier of context '", context.id, "'"));
        break;
      }
    }
  }
  return facts;
}

}  // namespace oversight::client::accounts
