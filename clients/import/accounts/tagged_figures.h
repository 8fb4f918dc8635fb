#pragma once
// The tagged figures of one column of the accounts (current year or
// comparatives): for each field of the concept map, the one fact chosen.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "clients/import/accounts/concept_map.h"
#include "clients/import/accounts/reporting_periods.h"
#include "clients/import/xbrl/xbrl_fact.h"

namespace oversight::client::accounts {

struct TaggedFigure {
  double value = 0;
  const xbrl::Fact* fact = nullptr;
  const xbrl::Context* context = nullptr;
  const ConceptRow* row = nullptr;
  // A cost or liability tagged negative: reported in a note with its value,
  // but neither stored (risk::ValidateAccounts rejects a negative liability,
  // which would lose the whole filing) nor an input of a derived figure (a
  // negative creditors line would make total assets wrong). Never flipped:
  // the importer does not guess which sign the filer meant.
  bool implausible_sign = false;
};

// Which entity's figures a group filing's column is read for. FRC group
// accounts tag the consolidated figures with GroupCompanyDataDimension =
// Consolidated and the parent company's own figures without it; oversight
// is of the group, so when a filing has consolidated figures they are the
// ones read, and the parent's are ignored (never mixed in one column).
enum class ReportingEntity { kCompany, kConsolidatedGroup };

// The dimension and member that mark consolidated figures (FRC business
// taxonomy; matched by local name like every dimension of the map).
inline constexpr absl::string_view kGroupCompanyDimension = "GroupCompanyDataDimension";
inline constexpr absl::string_view kConsolidatedMember = "Consolidated";

// kConsolidatedGroup when any fact of a mapped amount concept carries the
// consolidated member, else kCompany.
ReportingEntity ReportingEntityOf(const xbrl::XbrlDocument& document, const ConceptMap& map);

// Field name -> the chosen figure. Field names are those of account_field.h.
// Ordered, so that figure sources and notes come out in the same order on
// every run (a re-import must change nothing).
using TaggedFigures = std::map<std::string, TaggedFigure, std::less<>>;

// Chooses, for every amount field, the fact of `column`:
//  - a fact counts for a row only when its context is the column's instant
//    (balance-sheet fields) or duration (profit-and-loss fields) and its
//    dimensions are exactly the row's requirement: a concept with a
//    dimension is a different fact from the same concept without one
//    (data-sources §1), so equity by class never makes a total;
//  - repeated facts (statements, notes, hidden) with the same value are one
//    fact; conflicting values keep the first fact outside ix:hidden, and the
//    conflict is noted;
//  - among rows for one field the lowest priority number wins; rows of equal
//    priority that disagree are noted and the first in the document kept;
//  - a negative figure where the field is a cost or a liability is marked
//    implausible_sign and noted with its tagged value (data-sources §4:
//    sign="-" can be a filer's mistake; the page adds the figure as positive).
// `label` ("current year", "prior year") prefixes the notes.
// For kConsolidatedGroup, only facts carrying the consolidated member count,
// and that member is set aside before the row's dimensions are compared.
TaggedFigures SelectTaggedFigures(const xbrl::XbrlDocument& document, const ConceptMap& map,
                                  const PeriodColumn& column, ReportingEntity entity, absl::string_view label,
                                  std::vector<std::string>& notes);

}  // namespace oversight::client::accounts
