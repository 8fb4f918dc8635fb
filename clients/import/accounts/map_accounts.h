#pragma once
// Facts to accounts: turns the facts of one Companies House filing (as
// clients/import/xbrl reads them) into risk::Accounts for the current year
// and, when the filing carries comparatives, the prior year. The rules are in
// docs/import.md ("Facts to accounts"); the concept names in concept_map.tsv.
//
// Usage (the `oversight import accounts` command):
//   absl::StatusOr<ConceptMap> map = LoadBuiltInConceptMap();
//   absl::StatusOr<xbrl::XbrlDocument> document = xbrl::ParseXbrlDocument(name, bytes);
//   absl::StatusOr<ImportedAccounts> imported = MapAccounts(*document, *map);

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/import/accounts/concept_map.h"
#include "clients/import/xbrl/xbrl_fact.h"
#include "risk/domain/accounts.h"

namespace oversight::client::accounts {

struct ImportedAccounts {
  std::string company_number;  // 8 characters, e.g. "09707484"
  std::string company_name;    // as filed; may be empty
  // provider_id is the company number (the caller maps it to the store's
  // provider); provenance.source is the document name; figure_sources and
  // import_notes explain every figure and every assumption.
  risk::Accounts current;
  std::optional<risk::Accounts> prior;  // comparatives in the same document
  bool dormant = false;                 // EntityDormantTruefalse (or the 2004 CompanyNotDormant = false)
  // Group accounts: the consolidated figures (GroupCompanyDataDimension =
  // Consolidated) were read and the parent company's own figures ignored.
  bool consolidated = false;
  // Every assumption and anomaly (tolerated dates, conflicting duplicates,
  // implausible signs, omitted profit and loss), each also in the import_notes
  // of the accounts it concerns.
  std::vector<std::string> notes;
};

// INVALID_ARGUMENT naming the document when it has no company number (neither
// a registered-number fact nor a Companies House context identifier) or no
// period end (no balance-sheet or period-end date and no dated context).
absl::StatusOr<ImportedAccounts> MapAccounts(const xbrl::XbrlDocument& document, const ConceptMap& map);

}  // namespace oversight::client::accounts
