#include "risk/domain/owner_name.h"

#include <algorithm>
#include <array>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace oversight::risk {
namespace {

// Rules 1-4: characters. Hand-written rather than through ICU: the rules are
// deliberately ASCII-only (rule 1), and the handful of typographic marks
// that appear in Ofsted's files are recognised by their UTF-8 bytes.
std::string NormaliseCharacters(absl::string_view name) {
  std::string out;
  out.reserve(name.size() + 8);
  for (std::size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    // UTF-8 E2 80 xx: U+2018/U+2019 (apostrophes) are dropped like "'";
    // U+201C/U+201D (quotes) and U+2013/U+2014 (dashes) separate words.
    if (c == 0xE2 && i + 2 < name.size() && static_cast<unsigned char>(name[i + 1]) == 0x80) {
      const unsigned char third = static_cast<unsigned char>(name[i + 2]);
      if (third == 0x98 || third == 0x99) {
        i += 2;
        continue;
      }
      if (third == 0x9C || third == 0x9D || third == 0x93 || third == 0x94) {
        out.push_back(' ');
        i += 2;
        continue;
      }
    }
    if (c == '&' || c == '+') {
      out.append(" and ");
    } else if (c == '\'' || c == '.') {
      continue;
    } else if (c < 0x80 &&
               (absl::ascii_ispunct(c) || absl::ascii_isspace(c) || absl::ascii_iscntrl(c))) {
      out.push_back(' ');
    } else {
      out.push_back(absl::ascii_tolower(c));
    }
  }
  return out;
}

// Rule 6's suffixes, longest first so that "public limited company" goes as
// one rather than leaving "public" behind.
constexpr std::size_t kMaxSuffixWords = 4;
using Suffix = std::array<absl::string_view, kMaxSuffixWords>;
constexpr std::array<Suffix, 20> kLegalSuffixes = {{
    {"company", "limited", "by", "guarantee"},
    {"community", "interest", "company"},
    {"public", "limited", "company"},
    {"limited", "liability", "partnership"},
    {"and", "company"},
    {"and", "co"},
    {"u", "k"},
    {"limited"},
    {"ltd"},
    {"plc"},
    {"llp"},
    {"lp"},
    {"llc"},
    {"inc"},
    {"cic"},
    {"cio"},
    {"company"},
    {"co"},
    {"uk"},
    {"the"},
}};

std::size_t WordCount(const Suffix& suffix) {
  std::size_t n = 0;
  while (n < suffix.size() && !suffix[n].empty()) ++n;
  return n;
}

bool DropOneSuffix(std::vector<absl::string_view>& words) {
  for (const Suffix& suffix : kLegalSuffixes) {
    const std::size_t n = WordCount(suffix);
    if (words.size() <= n) continue;  // a name is never reduced to nothing
    if (std::equal(suffix.begin(), suffix.begin() + static_cast<std::ptrdiff_t>(n),
                   words.end() - static_cast<std::ptrdiff_t>(n))) {
      words.resize(words.size() - n);
      return true;
    }
  }
  return false;
}

}  // namespace

std::string NormaliseOwnerName(absl::string_view name) {
  const std::string characters = NormaliseCharacters(name);
  std::vector<absl::string_view> words = absl::StrSplit(characters, ' ', absl::SkipEmpty());
  if (words.size() > 1 && words.front() == "the") words.erase(words.begin());  // rule 5
  while (DropOneSuffix(words)) {
  }
  return absl::StrJoin(words, " ");
}

}  // namespace oversight::risk
