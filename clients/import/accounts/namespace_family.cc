#include "clients/import/accounts/namespace_family.h"

#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"

namespace oversight::client::accounts {
namespace {

// A URI pattern: prefix, then optionally a YYYY-MM-DD release date, then
// suffix. Fixed URIs have no date part.
struct FamilyPattern {
  absl::string_view family;
  absl::string_view prefix;
  bool dated;
  absl::string_view suffix;
};

constexpr std::array<FamilyPattern, 9> kPatterns = {{
    {"frc", "http://xbrl.frc.org.uk/fr/", true, "/core"},
    {"frc-business", "http://xbrl.frc.org.uk/cd/", true, "/business"},
    {"frc-direp", "http://xbrl.frc.org.uk/reports/", true, "/direp"},
    {"uk-gaap-2009", "http://www.xbrl.org/uk/gaap/core/2009-09-01", false, ""},
    {"uk-gaap-2009-business", "http://www.xbrl.org/uk/cd/business/2009-09-01", false, ""},
    {"uk-gaap-2004", "http://www.xbrl.org/uk/fr/gaap/pt/2004-12-01", false, ""},
    {"uk-gcd-2004", "http://www.xbrl.org/uk/fr/gcd/2004-12-01", false, ""},
    {"ch-ae", "http://www.companieshouse.gov.uk/ef/xbrl/uk/fr/gaap/ae/", true, ""},
    {"ifrs-full", "http://xbrl.ifrs.org/taxonomy/", true, "/ifrs-full"},
}};

bool IsReleaseDate(absl::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == 4 || i == 7) continue;
    if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

bool Matches(const FamilyPattern& pattern, absl::string_view uri) {
  if (!absl::ConsumePrefix(&uri, pattern.prefix)) return false;
  if (!pattern.dated) return uri.empty();
  if (!absl::ConsumeSuffix(&uri, pattern.suffix)) return false;
  return IsReleaseDate(uri);
}

}  // namespace

absl::string_view NamespaceFamily(absl::string_view uri) {
  for (const FamilyPattern& pattern : kPatterns) {
    if (Matches(pattern, uri)) return pattern.family;
  }
  return {};
}

bool IsKnownNamespaceFamily(absl::string_view family) {
  for (const FamilyPattern& pattern : kPatterns) {
    if (pattern.family == family) return true;
  }
  return false;
}

}  // namespace oversight::client::accounts
