#pragma once
// The concept-to-field mapping of the accounts importer, read from
// concept_map.tsv (embedded in the binary at build time, so no data path is
// needed at run time). The mapping is data: adding a taxonomy name is a new
// row, not new code.

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clients/import/accounts/account_field.h"
#include "clients/import/xbrl/xbrl_fact.h"

namespace oversight::client::accounts {

// One Dimension=Member pair of a row's dimension requirement, by local names.
struct DimensionMember {
  std::string dimension;
  std::string member;

  friend bool operator==(const DimensionMember&, const DimensionMember&) = default;
  friend auto operator<=>(const DimensionMember&, const DimensionMember&) = default;
};

// One row of concept_map.tsv.
struct ConceptRow {
  const AccountField* field = nullptr;
  std::string family;      // namespace_family.h
  std::string local_name;  // the concept's local name
  // Empty means the fact must carry no dimension at all; otherwise the fact's
  // dimensions must be exactly these (sorted by dimension, then member).
  std::vector<DimensionMember> dimensions;
  int priority = 1;  // 1 is preferred
  std::string note;
  int line = 0;  // in the TSV, for messages

  // True when the fact's dimensions are exactly this row's requirement
  // (local names compared; the set must match, not merely include).
  bool AcceptsDimensions(const std::vector<xbrl::ExplicitMember>& fact_dimensions) const;
};

class ConceptMap {
 public:
  const std::vector<ConceptRow>& rows() const { return rows_; }

  // The rows for a concept, whatever their dimension requirement; empty when
  // the concept's namespace belongs to no family or the concept is unmapped.
  std::vector<const ConceptRow*> RowsFor(const xbrl::QName& concept_name) const;

 private:
  friend absl::StatusOr<ConceptMap> ParseConceptMap(absl::string_view tsv);
  std::vector<ConceptRow> rows_;
  // (family, local name) -> indexes into rows_.
  absl::flat_hash_map<std::pair<std::string, std::string>, std::vector<size_t>> index_;
};

// Parses the TSV: '#' comment lines and blank lines are skipped, the first
// other line is the header "field family concept dimensions priority note".
// Every error names the line and the column.
absl::StatusOr<ConceptMap> ParseConceptMap(absl::string_view tsv);

// The map built into the binary (concept_map.tsv at build time). Parsed once
// per process; each call returns a copy, so an importer loads it once and
// passes it to every MapAccounts call.
absl::StatusOr<ConceptMap> LoadBuiltInConceptMap();

// The embedded text of concept_map.tsv (generated at build time).
absl::string_view BuiltInConceptMapText();

}  // namespace oversight::client::accounts
