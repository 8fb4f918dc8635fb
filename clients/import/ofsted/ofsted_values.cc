#include "clients/import/ofsted/ofsted_values.h"

#include <array>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "risk/domain/identifiers.h"

namespace oversight::client::ofsted {
namespace {

using risk::AllDigits;

// Lower case, apostrophes (plain and typographic) dropped, whitespace runs to
// one space: "Children’s  Home" and "childrens home" compare equal.
std::string ValueKey(absl::string_view text) {
  std::string out;
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (text.compare(i, 3, "\xE2\x80\x99") == 0) {
      i += 2;
      continue;
    }
    if (c == '\'') continue;
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

absl::StatusOr<risk::Date> ParseOfstedDate(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (text.empty()) return risk::Date();
  if (text.size() == 10 && text[4] == '-') return risk::ParseIsoDate(text, "date");
  std::vector<absl::string_view> parts = absl::StrSplit(text, '/');
  if (parts.size() != 3 || parts[0].size() > 2 || parts[1].size() > 2 || parts[2].size() != 4 ||
      !AllDigits(parts[0]) || !AllDigits(parts[1]) || !AllDigits(parts[2])) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected a date as dd/mm/yyyy or yyyy-mm-dd (got \"", text, "\")"));
  }
  // Re-use the ISO parser's range and calendar checks.
  const std::string iso = absl::StrCat(parts[2], "-", parts[1].size() == 1 ? "0" : "", parts[1],
                                       "-", parts[0].size() == 1 ? "0" : "", parts[0]);
  absl::StatusOr<risk::Date> date = risk::ParseIsoDate(iso, "date");
  if (!date.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("not a real date (got \"", text, "\"): ", date.status().message()));
  }
  return date;
}

absl::StatusOr<std::optional<int>> ParseOfstedPlaces(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (text.empty() || absl::EqualsIgnoreCase(text, "NULL")) return std::optional<int>();
  std::string digits;
  for (char c : text) {
    if (c != ',') digits.push_back(c);
  }
  int places = 0;
  if (!AllDigits(digits) || digits.size() > 6 || !absl::SimpleAtoi(digits, &places)) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected a whole number of places (got \"", text, "\")"));
  }
  return std::optional<int>(places);
}

absl::StatusOr<risk::InspectionJudgement> ParseOfstedJudgement(absl::string_view text) {
  using J = risk::InspectionJudgement;
  static constexpr std::array<std::pair<absl::string_view, J>, 11> kJudgements = {{
      {"", J::kNotYetInspected},
      {"not yet inspected", J::kNotYetInspected},
      {"not inspected", J::kNotYetInspected},
      {"not judged", J::kNotYetInspected},
      {"outstanding", J::kOutstanding},
      {"good", J::kGood},
      {"requires improvement to be good", J::kRequiresImprovement},
      {"requires improvement", J::kRequiresImprovement},
      {"adequate", J::kRequiresImprovement},
      {"satisfactory", J::kRequiresImprovement},
      {"inadequate", J::kInadequate},
  }};
  const std::string key = ValueKey(text);
  for (const auto& [name, judgement] : kJudgements) {
    if (key == name) return judgement;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown judgement \"", text,
      "\"; expected Outstanding, Good, Requires improvement to be good, Inadequate (or 2016's "
      "Adequate, Satisfactory, Requires improvement), or blank"));
}

absl::StatusOr<risk::Region> ParseOfstedRegion(absl::string_view text) {
  using R = risk::Region;
  static constexpr std::array<std::pair<absl::string_view, R>, 14> kRegions = {{
      {"north east", R::kNorthEast},
      {"north west", R::kNorthWest},
      {"yorkshire and the humber", R::kYorkshireAndTheHumber},
      {"yorkshire and humber", R::kYorkshireAndTheHumber},
      {"yorkshire & the humber", R::kYorkshireAndTheHumber},
      {"yorkshire & humber", R::kYorkshireAndTheHumber},
      {"east midlands", R::kEastMidlands},
      {"west midlands", R::kWestMidlands},
      {"east of england", R::kEastOfEngland},
      {"east", R::kEastOfEngland},
      {"eastern", R::kEastOfEngland},
      {"london", R::kLondon},
      {"south east", R::kSouthEast},
      {"south west", R::kSouthWest},
  }};
  const std::string key = ValueKey(text);
  for (const auto& [name, region] : kRegions) {
    if (key == name) return region;
  }
  if (key.empty()) return absl::InvalidArgumentError("blank; every setting is in a region");
  return absl::InvalidArgumentError(absl::StrCat(
      "\"", text, "\" is not one of England's nine regions",
      IsCombinedNorthEastYorkshireRegion(text)
          ? " (Ofsted's combined inspection region: a Government Office Region column, or a local "
            "authority of one of the two regions, decides)"
          : ""));
}

bool IsCombinedNorthEastYorkshireRegion(absl::string_view text) {
  const std::string key = ValueKey(text);
  return key == "north east, yorkshire and the humber" || key == "north east, yorkshire and humber";
}

std::optional<risk::Region> RegionOfNorthEastOrYorkshireAuthority(absl::string_view local_authority) {
  using R = risk::Region;
  // Upper-tier authorities with children's services (ONS LAD to region
  // lookup), as Ofsted spells them ("Durham", "Kingston upon Hull").
  static constexpr std::array<std::pair<absl::string_view, R>, 31> kAuthorities = {{
      {"county durham", R::kNorthEast},
      {"durham", R::kNorthEast},
      {"darlington", R::kNorthEast},
      {"gateshead", R::kNorthEast},
      {"hartlepool", R::kNorthEast},
      {"middlesbrough", R::kNorthEast},
      {"newcastle upon tyne", R::kNorthEast},
      {"north tyneside", R::kNorthEast},
      {"northumberland", R::kNorthEast},
      {"redcar and cleveland", R::kNorthEast},
      {"south tyneside", R::kNorthEast},
      {"stockton-on-tees", R::kNorthEast},
      {"stockton on tees", R::kNorthEast},
      {"sunderland", R::kNorthEast},
      {"barnsley", R::kYorkshireAndTheHumber},
      {"bradford", R::kYorkshireAndTheHumber},
      {"calderdale", R::kYorkshireAndTheHumber},
      {"doncaster", R::kYorkshireAndTheHumber},
      {"east riding of yorkshire", R::kYorkshireAndTheHumber},
      {"kingston upon hull", R::kYorkshireAndTheHumber},
      {"kingston upon hull, city of", R::kYorkshireAndTheHumber},
      {"hull", R::kYorkshireAndTheHumber},
      {"kirklees", R::kYorkshireAndTheHumber},
      {"leeds", R::kYorkshireAndTheHumber},
      {"north east lincolnshire", R::kYorkshireAndTheHumber},
      {"north lincolnshire", R::kYorkshireAndTheHumber},
      {"north yorkshire", R::kYorkshireAndTheHumber},
      {"rotherham", R::kYorkshireAndTheHumber},
      {"sheffield", R::kYorkshireAndTheHumber},
      {"wakefield", R::kYorkshireAndTheHumber},
      {"york", R::kYorkshireAndTheHumber},
  }};
  const std::string key = ValueKey(local_authority);
  for (const auto& [name, region] : kAuthorities) {
    if (key == name) return region;
  }
  return std::nullopt;
}

absl::StatusOr<ProvisionScope> ClassifyProvisionType(absl::string_view text) {
  using S = ProvisionScope;
  const std::string key = ValueKey(text);
  if (key == "childrens home" || key == "residential special school (registered as a childrens home)" ||
      key == "residential special school (>295 days/year)") {
    return S{S::Kind::kInScope, risk::SettingType::kChildrensHome};
  }
  if (key == "independent fostering agency") {
    return S{S::Kind::kInScope, risk::SettingType::kFosteringAgency};
  }
  static constexpr std::array<absl::string_view, 15> kOutOfScope = {
      "secure childrens home",
      "secure training centre",
      "further education college",
      "supported accommodation",
      "supported accommodation undertaking",
      "voluntary adoption agency",
      "adoption support agency",
      "residential family centre",
      "residential holiday scheme for disabled children",
      "residential special school",
      "boarding school",
      "further education college with residential accommodation",
      "local authority fostering agency",
      "local authority adoption agency",
  };
  for (absl::string_view out : kOutOfScope) {
    if (key == out) return S{};
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown provision type \"", text,
      "\"; expected Children's home, Independent Fostering Agency, or one of Ofsted's other "
      "provision types (counted as out of scope)"));
}

absl::StatusOr<bool> SectorInScope(absl::string_view text) {
  const std::string key = ValueKey(text);
  if (key.empty() || key == "private" || key == "voluntary") return true;
  if (key == "local authority" || key == "health authority" || key == "academy") return false;
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown sector \"", text,
      "\"; expected Private, Voluntary, Local Authority, Health Authority or Academy"));
}

}  // namespace oversight::client::ofsted
