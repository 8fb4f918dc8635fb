#pragma once
// The fields a concept_map.tsv row may name (its first column): the figures
// of risk::Accounts, the inputs of the derived figures (derived_figures.h),
// the company facts of the document, and "ignored" for concepts that are
// deliberately not mapped (the CapitalEmployed trap).

#include <optional>

#include "absl/strings/string_view.h"
#include "risk/domain/accounts.h"

namespace oversight::client::accounts {

enum class FieldKind {
  kCompanyText,     // company number, company name
  kCompanyDate,     // balance-sheet date, reported period start and end
  kCompanyFlag,     // dormant ("true"/"false")
  kDurationAmount,  // profit and loss: a duration context
  kInstantAmount,   // balance sheet: an instant context
  kIgnored,         // listed so the map documents why it is not used
};

struct AccountField {
  absl::string_view name;
  FieldKind kind;
  // Costs and liabilities are positive in risk::Accounts; a negative tagged
  // value is an implausible sign (data-sources §4: a filer's sign="-" on
  // creditors the page adds as positive), noted and not stored.
  bool expected_non_negative;
  // The risk::Accounts member the field fills directly, or nullptr for an
  // input of a derived figure or a company fact.
  std::optional<risk::Pounds> risk::Accounts::*member;
};

// nullptr when `name` is not a field.
const AccountField* FindAccountField(absl::string_view name);

}  // namespace oversight::client::accounts
