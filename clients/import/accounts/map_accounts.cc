#include "clients/import/accounts/map_accounts.h"

#include <ql/errors.hpp>

#include "absl/strings/str_cat.h"
#include "clients/import/accounts/company_facts.h"
#include "clients/import/accounts/derived_figures.h"
#include "clients/import/accounts/reporting_periods.h"
#include "clients/import/accounts/tagged_figures.h"

namespace oversight::client::accounts {
namespace {

risk::Accounts BuildColumn(const xbrl::XbrlDocument& document, const PeriodColumn& column,
                           const std::string& company_number, absl::string_view label,
                           const TaggedFigures& figures, std::vector<std::string>& column_notes) {
  risk::Accounts accounts;
  accounts.provider_id = company_number;
  accounts.period = column.period;
  accounts.provenance.source = document.name;
  BuildAccountsColumn(figures, document.name, label, accounts, column_notes);
  return accounts;
}

// data-sources §4: "comparatives that repeat the current figures exactly".
// Not rejected (a company can stand still), but worth an analyst's look.
void NoteRepeatedComparatives(const TaggedFigures& current, const TaggedFigures& prior,
                              std::vector<std::string>& notes) {
  int compared = 0;
  for (const auto& [field, figure] : prior) {
    auto it = current.find(field);
    if (it == current.end() || it->second.value != figure.value) return;
    ++compared;
  }
  if (compared >= 2) {
    notes.push_back(absl::StrCat("prior year: all ", compared,
                                 " comparative figures repeat the current year's exactly: the comparatives may be "
                                 "mis-tagged"));
  }
}

absl::StatusOr<ImportedAccounts> MapDocument(const xbrl::XbrlDocument& document, const ConceptMap& map) {
  std::vector<std::string> document_notes;
  CompanyFacts company = ReadCompanyFacts(document, map, document_notes);
  if (!company.company_number) {
    return absl::InvalidArgumentError(absl::StrCat(
        document.name,
        ": no company number (no UKCompaniesHouseRegisteredNumber fact and no context identifier under "
        "http://www.companieshouse.gov.uk/)"));
  }
  absl::StatusOr<ReportingPeriods> periods = ChooseReportingPeriods(document, company, document_notes);
  if (!periods.ok()) return periods.status();

  ImportedAccounts imported;
  imported.company_number = *company.company_number;
  imported.company_name = company.company_name;
  imported.dormant = company.dormant;
  if (company.dormant) document_notes.push_back("the filing declares the company dormant");

  const ReportingEntity entity = ReportingEntityOf(document, map);
  imported.consolidated = entity == ReportingEntity::kConsolidatedGroup;
  if (imported.consolidated) {
    document_notes.push_back(
        "group accounts: the consolidated figures are read (GroupCompanyDataDimension = Consolidated); the parent "
        "company's own figures are ignored");
  }

  std::vector<std::string> current_notes = document_notes;
  const TaggedFigures current_figures =
      SelectTaggedFigures(document, map, periods->current, entity, "current year", current_notes);
  if (current_figures.empty()) {
    current_notes.push_back(absl::StrCat("current year: no figure of the accounts is tagged for ",
                                         risk::FormatIsoDate(periods->current.period.start), "..",
                                         risk::FormatIsoDate(periods->current.period.end)));
  }
  imported.current = BuildColumn(document, periods->current, imported.company_number, "current year",
                                 current_figures, current_notes);
  imported.current.import_notes = current_notes;
  imported.notes = current_notes;

  // Comparatives fill the previous period only when some figure is tagged.
  if (periods->prior) {
    std::vector<std::string> prior_notes;
    const TaggedFigures prior_figures = SelectTaggedFigures(document, map, *periods->prior, entity, "prior year", prior_notes);
    if (!prior_figures.empty()) {
      NoteRepeatedComparatives(current_figures, prior_figures, prior_notes);
      imported.prior = BuildColumn(document, *periods->prior, imported.company_number, "prior year",
                                   prior_figures, prior_notes);
      imported.prior->import_notes = document_notes;
      imported.prior->import_notes.insert(imported.prior->import_notes.end(), prior_notes.begin(),
                                          prior_notes.end());
      imported.notes.insert(imported.notes.end(), prior_notes.begin(), prior_notes.end());
    }
  }
  return imported;
}

}  // namespace

absl::StatusOr<ImportedAccounts> MapAccounts(const xbrl::XbrlDocument& document, const ConceptMap& map) {
  // The date arithmetic is QuantLib's, whose range-checking builds throw
  // outside 1901-2199; the period rules keep inside it, and this boundary
  // turns anything missed into an error naming the document.
  try {
    return MapDocument(document, map);
  } catch (const QuantLib::Error& error) {
    return absl::InvalidArgumentError(absl::StrCat(document.name, ": date arithmetic failed: ", error.what()));
  }
}

}  // namespace oversight::client::accounts
