#include "risk/assessment/filed_figures.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace oversight::risk {
namespace {

struct FigureField {
  absl::string_view name;
  std::optional<Pounds> Accounts::*member;
};

// Every optional figure of Accounts, by its wire name (docs/data-format.md).
constexpr FigureField kFields[] = {
    {"revenue", &Accounts::revenue},
    {"staff_costs", &Accounts::staff_costs},
    {"other_operating_costs", &Accounts::other_operating_costs},
    {"rent_costs", &Accounts::rent_costs},
    {"ebitda", &Accounts::ebitda},
    {"depreciation_amortisation", &Accounts::depreciation_amortisation},
    {"operating_profit", &Accounts::operating_profit},
    {"interest_payable", &Accounts::interest_payable},
    {"profit_before_tax", &Accounts::profit_before_tax},
    {"net_income", &Accounts::net_income},
    {"funds_from_operations", &Accounts::funds_from_operations},
    {"cash", &Accounts::cash},
    {"current_assets", &Accounts::current_assets},
    {"current_liabilities", &Accounts::current_liabilities},
    {"total_assets", &Accounts::total_assets},
    {"total_liabilities", &Accounts::total_liabilities},
    {"borrowings", &Accounts::borrowings},
    {"lease_liabilities", &Accounts::lease_liabilities},
    {"net_assets", &Accounts::net_assets},
    {"retained_earnings", &Accounts::retained_earnings},
    {"tangible_fixed_assets", &Accounts::tangible_fixed_assets},
    {"intangible_assets", &Accounts::intangible_assets},
};

}  // namespace

std::optional<Pounds> AccountsFigure(const Accounts& accounts, absl::string_view field) {
  for (const FigureField& f : kFields) {
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
