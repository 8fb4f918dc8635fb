#include "clients/import/accounts/concept_map.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "clients/import/accounts/namespace_family.h"

namespace oversight::client::accounts {
namespace {

constexpr int kColumns = 6;
constexpr absl::string_view kHeader[kColumns] = {"field", "family", "concept", "dimensions", "priority", "note"};

absl::Status RowError(int line, absl::string_view column, absl::string_view reason) {
  return absl::InvalidArgumentError(
      absl::StrCat("concept_map.tsv line ", line, ", column '", column, "': ", reason));
}

absl::StatusOr<std::vector<DimensionMember>> ParseDimensions(absl::string_view text, int line) {
  std::vector<DimensionMember> members;
  if (text == "none") return members;
  for (absl::string_view pair : absl::StrSplit(text, ';')) {
    std::vector<absl::string_view> parts = absl::StrSplit(pair, absl::MaxSplits('=', 1));
    if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) {
      return RowError(line, "dimensions",
                      absl::StrCat("'", pair, "' is not Dimension=Member (use \"none\" for no dimension)"));
    }
    members.push_back({std::string(parts[0]), std::string(parts[1])});
  }
  std::sort(members.begin(), members.end());
  for (size_t i = 1; i < members.size(); ++i) {
    if (members[i].dimension == members[i - 1].dimension) {
      return RowError(line, "dimensions", absl::StrCat("dimension '", members[i].dimension, "' given twice"));
    }
  }
  return members;
}

}  // namespace

bool ConceptRow::AcceptsDimensions(const std::vector<xbrl::ExplicitMember>& fact_dimensions) const {
  if (fact_dimensions.size() != dimensions.size()) return false;
  std::vector<DimensionMember> fact_members;
  fact_members.reserve(fact_dimensions.size());
  for (const xbrl::ExplicitMember& member : fact_dimensions) {
    fact_members.push_back({member.dimension.local_name, member.member.local_name});
  }
  std::sort(fact_members.begin(), fact_members.end());
  return fact_members == dimensions;
}

std::vector<const ConceptRow*> ConceptMap::RowsFor(const xbrl::QName& concept_name) const {
  std::vector<const ConceptRow*> rows;
  absl::string_view family = NamespaceFamily(concept_name.namespace_uri);
  if (family.empty()) return rows;
  auto it = index_.find(std::make_pair(std::string(family), concept_name.local_name));
  if (it == index_.end()) return rows;
  for (size_t i : it->second) rows.push_back(&rows_[i]);
  return rows;
}

absl::StatusOr<ConceptMap> ParseConceptMap(absl::string_view tsv) {
  ConceptMap map;
  bool header_seen = false;
  int line_number = 0;
  absl::flat_hash_set<std::string> seen_keys;
  for (absl::string_view line : absl::StrSplit(tsv, '\n')) {
    ++line_number;
    absl::ConsumeSuffix(&line, "\r");
    if (line.empty() || absl::StartsWith(line, "#")) continue;
    std::vector<absl::string_view> cells = absl::StrSplit(line, '\t');
    if (cells.size() != kColumns) {
      return absl::InvalidArgumentError(absl::StrCat("concept_map.tsv line ", line_number, ": ", cells.size(),
                                                     " tab-separated columns, expected ", kColumns));
    }
    if (!header_seen) {
      for (int i = 0; i < kColumns; ++i) {
        if (cells[i] != kHeader[i]) {
          return RowError(line_number, kHeader[i], absl::StrCat("header is '", cells[i], "'"));
        }
      }
      header_seen = true;
      continue;
    }
    ConceptRow row;
    row.line = line_number;
    row.field = FindAccountField(cells[0]);
    if (row.field == nullptr) return RowError(line_number, "field", absl::StrCat("unknown field '", cells[0], "'"));
    if (!IsKnownNamespaceFamily(cells[1])) {
      return RowError(line_number, "family", absl::StrCat("unknown namespace family '", cells[1], "'"));
    }
    row.family = std::string(cells[1]);
    if (cells[2].empty()) return RowError(line_number, "concept", "empty");
    row.local_name = std::string(cells[2]);
    absl::StatusOr<std::vector<DimensionMember>> dimensions = ParseDimensions(cells[3], line_number);
    if (!dimensions.ok()) return dimensions.status();
    row.dimensions = *std::move(dimensions);
    if (!absl::SimpleAtoi(cells[4], &row.priority) || row.priority < 1) {
      return RowError(line_number, "priority", absl::StrCat("'", cells[4], "' is not a positive integer"));
    }
    row.note = std::string(cells[5]);
    // A concept with given dimensions may feed one field only: two fields
    // from one fact would count it twice.
    std::string key = absl::StrCat(row.family, "|", row.local_name, "|", cells[3]);
    if (!seen_keys.insert(key).second) {
      return RowError(line_number, "concept",
                      absl::StrCat("'", row.local_name, "' with dimensions '", cells[3], "' is mapped twice"));
    }
    map.index_[std::make_pair(row.family, row.local_name)].push_back(map.rows_.size());
    map.rows_.push_back(std::move(row));
  }
  if (!header_seen) return absl::InvalidArgumentError("concept_map.tsv: no header line");
  return map;
}

absl::StatusOr<ConceptMap> LoadBuiltInConceptMap() {
  // Parsed once: the text is fixed at build time, so is the result.
  static const absl::StatusOr<ConceptMap>* const built_in =
      new absl::StatusOr<ConceptMap>(ParseConceptMap(BuiltInConceptMapText()));
  return *built_in;
}

}  // namespace oversight::client::accounts
