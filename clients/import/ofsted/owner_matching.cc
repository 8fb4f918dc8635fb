#include "clients/import/ofsted/owner_matching.h"

#include <algorithm>
#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace oversight::client::ofsted {
namespace {

// Rules 1-4 of NormaliseOwnerName: characters.
std::string NormaliseCharacters(absl::string_view name) {
  std::string out;
  out.reserve(name.size() + 8);
  for (std::size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    // U+2018/U+2019 (typographic apostrophes) are dropped like "'"; U+201C,
    // U+201D (quotes), U+2013, U+2014 (dashes) separate words like their
    // ASCII forms.
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
    } else if (c < 0x80 && (absl::ascii_ispunct(c) || absl::ascii_isspace(c) || absl::ascii_iscntrl(c))) {
      out.push_back(' ');
    } else {
      out.push_back(absl::ascii_tolower(c));
    }
  }
  return out;
}

// Rule 6's words, longest first so that "public limited company" goes as one.
constexpr std::array<std::array<absl::string_view, 4>, 16> kLegalSuffixes = {{
    {"company", "limited", "by", "guarantee"},
    {"community", "interest", "company"},
    {"public", "limited", "company"},
    {"limited", "liability", "partnership"},
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
    {"uk"},
    {"the"},
}};

std::size_t SuffixLength(const std::array<absl::string_view, 4>& suffix) {
  std::size_t n = 0;
  while (n < suffix.size() && !suffix[n].empty()) ++n;
  return n;
}

bool DropOneSuffix(std::vector<absl::string_view>& words) {
  for (const auto& suffix : kLegalSuffixes) {
    const std::size_t n = SuffixLength(suffix);
    if (words.size() <= n) continue;  // a name is never reduced to nothing
    if (std::equal(suffix.begin(), suffix.begin() + n, words.end() - n)) {
      words.resize(words.size() - n);
      return true;
    }
  }
  return false;
}

void AddSortedUnique(std::vector<std::string>& ids, const std::string& id) {
  auto at = std::lower_bound(ids.begin(), ids.end(), id);
  if (at == ids.end() || *at != id) ids.insert(at, id);
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

OwnerDirectory::OwnerDirectory(std::vector<OwnerDirectoryEntry> providers,
                               std::vector<std::pair<std::string, std::string>> aliases) {
  for (const OwnerDirectoryEntry& provider : providers) {
    std::string key = NormaliseOwnerName(provider.name);
    if (!key.empty()) AddSortedUnique(by_name_[key], provider.provider_id);
  }
  for (const auto& [owner_name, provider_id] : aliases) {
    std::string key = NormaliseOwnerName(owner_name);
    if (!key.empty()) AddSortedUnique(by_alias_[key], provider_id);
  }
}

OwnerMatch OwnerDirectory::Match(absl::string_view owner_name) const {
  OwnerMatch match;
  match.normalised = NormaliseOwnerName(owner_name);
  if (match.normalised.empty()) return match;
  for (const auto* index : {&by_alias_, &by_name_}) {
    auto found = index->find(match.normalised);
    if (found == index->end()) continue;
    if (found->second.size() == 1) {
      match.kind = index == &by_alias_ ? OwnerMatch::Kind::kAlias : OwnerMatch::Kind::kName;
      match.provider_id = found->second.front();
    } else {
      match.kind = OwnerMatch::Kind::kAmbiguous;
      match.candidates = found->second;
    }
    return match;
  }
  return match;
}

std::vector<UnmatchedOwnerSummary> SummariseUnmatched(const OfstedRegister& register_file,
                                                      const OwnerDirectory& directory) {
  std::vector<UnmatchedOwnerSummary> summaries;
  absl::flat_hash_map<std::string, std::size_t> by_normalised;
  for (const OfstedSettingRow& setting : register_file.settings) {
    OwnerMatch match = directory.Match(setting.owner_name);
    if (match.kind == OwnerMatch::Kind::kAlias || match.kind == OwnerMatch::Kind::kName) continue;
    auto [at, inserted] = by_normalised.emplace(match.normalised, summaries.size());
    if (inserted) {
      UnmatchedOwnerSummary summary;
      summary.owner_name = setting.owner_name;
      summary.normalised = match.normalised;
      summary.ambiguous = match.kind == OwnerMatch::Kind::kAmbiguous;
      summary.candidates = std::move(match.candidates);
      summaries.push_back(std::move(summary));
    }
    UnmatchedOwnerSummary& summary = summaries[at->second];
    ++summary.settings;
    if (summary.urns.size() < static_cast<std::size_t>(kUnmatchedUrnsListed)) {
      summary.urns.push_back(setting.urn);
    }
  }
  std::stable_sort(summaries.begin(), summaries.end(),
                   [](const UnmatchedOwnerSummary& a, const UnmatchedOwnerSummary& b) {
                     if (a.settings != b.settings) return a.settings > b.settings;
                     return a.owner_name < b.owner_name;
                   });
  return summaries;
}

}  // namespace oversight::client::ofsted
