#pragma once
// The figures of imported accounts as filed: each with the filing, XBRL
// concept, context and period that carried it (or the formula that derived
// it), so that an analyst can find every number of an assessment in the
// provider's filing at Companies House (issue #12, "provenance").

#include <optional>

#include "absl/strings/string_view.h"
#include "risk/assessment/explanation_builder.h"
#include "risk/domain/accounts.h"

namespace oversight::risk {

// The value of the Accounts field named `field` ("revenue", "cash", ...);
// nullopt for an unknown name or an absent figure.
std::optional<Pounds> AccountsFigure(const Accounts& accounts, absl::string_view field);

// Appends one "filed.<field>" figure per FigureSource of `accounts`, valued
// from the accounts and citing the source. No-op for accounts that were not
// imported from a filing (no figure sources).
void ExplainFiledFigures(ExplanationBuilder& builder, const Accounts& accounts);

}  // namespace oversight::risk
