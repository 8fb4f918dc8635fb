#include "clients/import/ofsted/owner_matching.h"

#include <algorithm>

namespace oversight::client::ofsted {
namespace {

void AddSortedUnique(std::vector<std::string>& ids, const std::string& id) {
  auto at = std::lower_bound(ids.begin(), ids.end(), id);
  if (at == ids.end() || *at != id) ids.insert(at, id);
}

}  // namespace

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
    if (match.normalised.empty()) continue;
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
