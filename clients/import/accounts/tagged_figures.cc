#include "clients/import/accounts/tagged_figures.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace oversight::client::accounts {
namespace {

std::string Amount(double value) { return absl::StrFormat("%.15g", value); }

// The facts one row matched in the column, de-duplicated by value.
struct RowCandidates {
  const ConceptRow* row = nullptr;
  std::vector<TaggedFigure> distinct;  // first fact of each distinct value, document order
};

// First fact outside ix:hidden; the first of all when every one is hidden.
const TaggedFigure& Preferred(const std::vector<TaggedFigure>& figures) {
  for (const TaggedFigure& figure : figures) {
    if (!figure.fact->hidden) return figure;
  }
  return figures.front();
}

std::string ValuesText(const std::vector<TaggedFigure>& figures) {
  std::string text;
  for (const TaggedFigure& figure : figures) {
    absl::StrAppend(&text, text.empty() ? "" : ", ", Amount(figure.value), " (line ", figure.fact->location.line,
                    figure.fact->hidden ? ", hidden" : "", ")");
  }
  return text;
}

constexpr absl::string_view kIso4217 = "http://www.xbrl.org/2003/iso4217";

// "GBP" for pounds and for a fact whose unit the document does not declare
// (hand-written test documents; the reader rejects an unknown unitRef); the
// ISO code of another currency; empty for a non-monetary unit (shares, pure).
absl::string_view CurrencyOf(const xbrl::XbrlDocument& document, const xbrl::Fact& fact) {
  const xbrl::Unit* unit = document.FindUnit(fact.unit_ref);
  if (unit == nullptr) return "GBP";
  if (unit->measures.size() != 1 || !unit->denominator_measures.empty()) return {};
  if (unit->measures[0].namespace_uri != kIso4217) return {};
  return unit->measures[0].local_name;
}

// The `decimals` of a fact: nullopt for INF or none given (then only an
// exactly equal value is the same fact).
std::optional<int> DecimalsOf(const xbrl::Fact& fact) {
  int decimals = 0;
  if (!absl::SimpleAtoi(fact.decimals, &decimals)) return std::nullopt;
  return decimals;
}

// Two copies of one fact agree when their values are equal once rounded to
// the coarser of their `decimals` (XBRL 2.1 s.4.10: a statement shows 1,234
// and a summary "1.2" thousand with decimals="-2"). Otherwise they conflict.
bool SameValue(const TaggedFigure& a, const TaggedFigure& b) {
  if (a.value == b.value) return true;
  std::optional<int> da = DecimalsOf(*a.fact), db = DecimalsOf(*b.fact);
  if (!da || !db || *da == *db) return false;
  const double scale = std::pow(10.0, std::min(*da, *db));
  return std::round(a.value * scale) == std::round(b.value * scale);
}

// Of two agreeing copies, the more precise one.
bool MorePrecise(const TaggedFigure& a, const TaggedFigure& b) {
  std::optional<int> da = DecimalsOf(*a.fact), db = DecimalsOf(*b.fact);
  if (!da) return db.has_value();
  return db && *da > *db;
}

bool IsConsolidatedMember(const xbrl::ExplicitMember& member) {
  return member.dimension.local_name == kGroupCompanyDimension && member.member.local_name == kConsolidatedMember;
}

// The context's dimensions as the rows see them for `entity`; nullopt when
// the fact does not belong to that entity's figures.
std::optional<std::vector<xbrl::ExplicitMember>> DimensionsFor(const xbrl::Context& context,
                                                               ReportingEntity entity) {
  std::vector<xbrl::ExplicitMember> dimensions;
  bool consolidated = false;
  for (const xbrl::ExplicitMember& member : context.dimensions) {
    if (IsConsolidatedMember(member)) {
      consolidated = true;
    } else {
      dimensions.push_back(member);
    }
  }
  if (consolidated != (entity == ReportingEntity::kConsolidatedGroup)) return std::nullopt;
  return dimensions;
}

}  // namespace

ReportingEntity ReportingEntityOf(const xbrl::XbrlDocument& document, const ConceptMap& map) {
  absl::flat_hash_map<absl::string_view, const xbrl::Context*> contexts;
  for (const xbrl::Context& context : document.contexts) contexts.emplace(context.id, &context);
  for (const xbrl::Fact& fact : document.facts) {
    if (!fact.numeric) continue;
    auto it = contexts.find(fact.context_ref);
    if (it == contexts.end()) continue;
    const auto& dimensions = it->second->dimensions;
    if (std::none_of(dimensions.begin(), dimensions.end(), IsConsolidatedMember)) continue;
    for (const ConceptRow* row : map.RowsFor(fact.concept_name)) {
      if (row->field->kind == FieldKind::kInstantAmount || row->field->kind == FieldKind::kDurationAmount) {
        return ReportingEntity::kConsolidatedGroup;
      }
    }
  }
  return ReportingEntity::kCompany;
}

TaggedFigures SelectTaggedFigures(const xbrl::XbrlDocument& document, const ConceptMap& map,
                                  const PeriodColumn& column, ReportingEntity entity, absl::string_view label,
                                  std::vector<std::string>& notes) {
  absl::flat_hash_map<absl::string_view, const xbrl::Context*> contexts;
  for (const xbrl::Context& context : document.contexts) contexts.emplace(context.id, &context);

  // field -> rows in map order (std::map keeps the notes deterministic).
  std::map<std::string, std::vector<RowCandidates>> by_field;
  std::set<std::string> foreign_currencies;
  for (const xbrl::Fact& fact : document.facts) {
    if (!fact.numeric || !fact.value.has_value()) continue;
    if (!std::isfinite(*fact.value)) {
      // A scale that overflows a double is no amount: never stored as one.
      notes.push_back(absl::StrCat(label, ": ", fact.concept_name.local_name, " (line ", fact.location.line,
                                   ") is not a finite number: ignored"));
      continue;
    }
    if (absl::string_view currency = CurrencyOf(document, fact); currency != "GBP") {
      // risk::Accounts holds pounds: a figure in another currency (or a
      // count, a ratio) is not an amount of these accounts. Never converted.
      if (!currency.empty() && !map.RowsFor(fact.concept_name).empty()) foreign_currencies.emplace(currency);
      continue;
    }
    auto context_it = contexts.find(fact.context_ref);
    if (context_it == contexts.end()) continue;  // the reader rejects such documents; never guess
    const xbrl::Context& context = *context_it->second;
    const std::optional<std::vector<xbrl::ExplicitMember>> dimensions = DimensionsFor(context, entity);
    if (!dimensions) continue;
    for (const ConceptRow* row : map.RowsFor(fact.concept_name)) {
      const bool in_column = (row->field->kind == FieldKind::kInstantAmount && column.HoldsInstant(context.period)) ||
                             (row->field->kind == FieldKind::kDurationAmount && column.HoldsDuration(context.period));
      if (!in_column || !row->AcceptsDimensions(*dimensions)) continue;
      std::vector<RowCandidates>& rows = by_field[std::string(row->field->name)];
      auto it = std::find_if(rows.begin(), rows.end(), [&](const RowCandidates& c) { return c.row == row; });
      if (it == rows.end()) it = rows.insert(rows.end(), RowCandidates{row, {}});
      const TaggedFigure figure{*fact.value, &fact, &context, row};
      auto same = std::find_if(it->distinct.begin(), it->distinct.end(),
                               [&](const TaggedFigure& f) { return SameValue(f, figure); });
      if (same == it->distinct.end()) {
        it->distinct.push_back(figure);
      } else if (MorePrecise(figure, *same) || (same->fact->hidden && !fact.hidden && !MorePrecise(*same, figure))) {
        *same = figure;  // the same fact: keep the precise value, cite a copy the reader can see
      }
    }
  }

  for (const std::string& currency : foreign_currencies) {
    notes.push_back(absl::StrCat(label, ": figures reported in ", currency,
                                 " are not imported (accounts are held in pounds sterling)"));
  }

  TaggedFigures figures;
  for (auto& [field, rows] : by_field) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const RowCandidates& a, const RowCandidates& b) { return a.row->priority < b.row->priority; });
    const int best_priority = rows.front().row->priority;
    std::vector<TaggedFigure> chosen;  // one per row of the best priority
    for (const RowCandidates& candidates : rows) {
      if (candidates.row->priority != best_priority) break;
      if (candidates.distinct.size() > 1) {
        notes.push_back(absl::StrCat(label, ": conflicting values for ", candidates.row->local_name, " (", field,
                                     "): ", ValuesText(candidates.distinct), "; kept ",
                                     Amount(Preferred(candidates.distinct).value)));
      }
      chosen.push_back(Preferred(candidates.distinct));
    }
    std::stable_sort(chosen.begin(), chosen.end(), [](const TaggedFigure& a, const TaggedFigure& b) {
      return std::less<const xbrl::Fact*>()(a.fact, b.fact);  // document order: one vector
    });
    TaggedFigure figure = chosen.front();
    for (const TaggedFigure& other : chosen) {
      if (other.value != figure.value) {
        notes.push_back(absl::StrCat(label, ": ", field, " is tagged as ", Amount(figure.value), " (",
                                     figure.row->local_name, ", line ", figure.fact->location.line, ") and as ",
                                     Amount(other.value), " (", other.row->local_name, ", line ",
                                     other.fact->location.line, "); kept ", Amount(figure.value)));
      }
    }
    if (figure.row->field->expected_non_negative && figure.value < 0) {
      notes.push_back(absl::StrCat(label, ": implausible sign: ", field, " tagged negative (", Amount(figure.value),
                                   ", ", figure.row->local_name, ", line ", figure.fact->location.line,
                                   "); the tagged value is kept in this note only: ", field,
                                   " is left missing and nothing is derived from it"));
      figure.implausible_sign = true;
    }
    figures.emplace(field, figure);
  }
  return figures;
}

}  // namespace oversight::client::accounts
