#pragma once
// The company facts of a filing (ix:hidden in iXBRL, plain items in XBRL):
// registered number, name, balance-sheet date, reported period, dormancy.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "risk/domain/company_number.h"
#include "absl/strings/string_view.h"
#include "clients/import/accounts/concept_map.h"
#include "clients/import/xbrl/xbrl_fact.h"
#include "risk/domain/iso_date.h"

namespace oversight::client::accounts {

struct CompanyFacts {
  std::optional<std::string> company_number;  // normalised to 8 characters
  std::string company_name;
  std::optional<risk::Date> balance_sheet_date;
  std::optional<risk::Date> period_start;  // StartDateForPeriodCoveredByReport
  std::optional<risk::Date> period_end;    // EndDateForPeriodCoveredByReport
  bool dormant = false;
};

// Reads the company facts named by the map's company rows. The first fact of
// a field that parses wins; facts that do not parse are noted and skipped.
// The company number falls back to a context identifier only under the
// Companies House scheme (data-sources §4: in most .xml filings the context
// identifier is the company name with scheme and value swapped).
CompanyFacts ReadCompanyFacts(const xbrl::XbrlDocument& document, const ConceptMap& map,
                              std::vector<std::string>& notes);

// One definition for every importer: risk/domain/company_number.h.
using risk::NormaliseCompanyNumber;

// A date as filings display it: ISO "2017-07-31", "31 July 2017",
// "31 Jul 2017", "31st July 2017", "31/07/2017", "31.7.17", "31-07-2017"
// (the ixt date transformations; two-digit years are 20yy as in the
// transformation registry). Error names `field`.
absl::StatusOr<risk::Date> ParseFilingDate(absl::string_view text, absl::string_view field);

}  // namespace oversight::client::accounts
