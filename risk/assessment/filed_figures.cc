#include "risk/assessment/filed_figures.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "risk/domain/accounts_figures.h"

namespace oversight::risk {

std::optional<Pounds> AccountsFigure(const Accounts& accounts, absl::string_view field) {
  for (const AccountsFigureField& f : kAccountsFigures) {
    if (f.name == field) return accounts.*(f.member);
  }
  return std::nullopt;
}

void ExplainFiledFigures(ExplanationBuilder& builder, const Accounts& accounts) {
  for (const FigureSource& source : accounts.figure_sources) {
    // Keys and labels are built per figure: this runs only for imported
    // accounts, a few dozen figures, never in the 100,000-provider loop of
    // synthetic benchmarks.
    ExplainedFigure figure;
    const bool derived = !source.derivation.empty();
    figure.definition = FigureDefinition::Owned(
        absl::StrCat("filed.", source.field), absl::StrCat(source.field, " as filed"), "GBP",
        derived ? source.derivation : std::string("as tagged in the filing"),
        "Companies House accounts (iXBRL/XBRL filing)");
    figure.value = AccountsFigure(accounts, source.field);
    figure.inputs = FigureInputs{
        derived ? absl::StrCat(source.document, ": derived (", source.derivation, "), period ", source.period)
                : absl::StrCat(source.document, ": ", source.concept_name, ", context ", source.context,
                               ", period ", source.period)};
    builder.Add(std::move(figure));
  }
}

}  // namespace oversight::risk
