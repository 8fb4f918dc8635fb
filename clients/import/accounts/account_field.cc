#include "clients/import/accounts/account_field.h"

namespace oversight::client::accounts {
namespace {

using risk::Accounts;
constexpr bool kNonNegative = true;
constexpr bool kSigned = false;

// The within/after-one-year variants exist because real filings often tag a
// liability only in its maturity buckets (derived_figures.cc sums them).
// expected_non_negative follows risk::ValidateAccounts: the figures it
// requires to be positive are exactly those marked kNonNegative here (plus
// the inputs of derived figures), so a mapped record never fails it on sign.
constexpr AccountField kFields[] = {
    {"company_number", FieldKind::kCompanyText, kSigned, nullptr},
    {"company_name", FieldKind::kCompanyText, kSigned, nullptr},
    {"balance_sheet_date", FieldKind::kCompanyDate, kSigned, nullptr},
    {"period_start", FieldKind::kCompanyDate, kSigned, nullptr},
    {"period_end", FieldKind::kCompanyDate, kSigned, nullptr},
    {"dormant", FieldKind::kCompanyFlag, kSigned, nullptr},
    {"not_dormant", FieldKind::kCompanyFlag, kSigned, nullptr},
    {"ignored", FieldKind::kIgnored, kSigned, nullptr},

    {"revenue", FieldKind::kDurationAmount, kNonNegative, &Accounts::revenue},
    {"staff_costs", FieldKind::kDurationAmount, kNonNegative, &Accounts::staff_costs},
    {"other_operating_costs", FieldKind::kDurationAmount, kNonNegative, &Accounts::other_operating_costs},
    {"rent_costs", FieldKind::kDurationAmount, kNonNegative, &Accounts::rent_costs},
    {"ebitda", FieldKind::kDurationAmount, kSigned, &Accounts::ebitda},
    {"depreciation_amortisation", FieldKind::kDurationAmount, kNonNegative,
     &Accounts::depreciation_amortisation},
    {"depreciation_ppe", FieldKind::kDurationAmount, kNonNegative, nullptr},
    {"amortisation_intangibles", FieldKind::kDurationAmount, kNonNegative, nullptr},
    {"operating_profit", FieldKind::kDurationAmount, kSigned, &Accounts::operating_profit},
    {"interest_payable", FieldKind::kDurationAmount, kNonNegative, &Accounts::interest_payable},
    {"profit_before_tax", FieldKind::kDurationAmount, kSigned, &Accounts::profit_before_tax},
    {"net_income", FieldKind::kDurationAmount, kSigned, &Accounts::net_income},
    {"funds_from_operations", FieldKind::kDurationAmount, kSigned, &Accounts::funds_from_operations},

    {"cash", FieldKind::kInstantAmount, kNonNegative, &Accounts::cash},
    {"current_assets", FieldKind::kInstantAmount, kNonNegative, &Accounts::current_assets},
    {"fixed_assets", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"called_up_share_capital_not_paid", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"prepayments_outside_current_assets", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"total_assets_less_current_liabilities", FieldKind::kInstantAmount, kSigned, nullptr},
    {"net_current_assets", FieldKind::kInstantAmount, kSigned, nullptr},
    {"current_liabilities", FieldKind::kInstantAmount, kNonNegative, &Accounts::current_liabilities},
    {"creditors_after_one_year", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"total_assets", FieldKind::kInstantAmount, kNonNegative, &Accounts::total_assets},
    {"total_liabilities", FieldKind::kInstantAmount, kNonNegative, &Accounts::total_liabilities},
    {"net_assets", FieldKind::kInstantAmount, kSigned, &Accounts::net_assets},
    {"retained_earnings", FieldKind::kInstantAmount, kSigned, &Accounts::retained_earnings},
    {"tangible_fixed_assets", FieldKind::kInstantAmount, kNonNegative, &Accounts::tangible_fixed_assets},
    {"intangible_assets", FieldKind::kInstantAmount, kNonNegative, &Accounts::intangible_assets},
    {"goodwill", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"intangible_assets_other_than_goodwill", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"borrowings", FieldKind::kInstantAmount, kNonNegative, &Accounts::borrowings},
    {"borrowings_within_one_year", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"borrowings_after_one_year", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"bank_borrowings", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"bank_borrowings_within_one_year", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"bank_borrowings_after_one_year", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"bank_loans", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"bank_overdrafts", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"other_borrowings", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"other_borrowings_within_one_year", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"other_borrowings_after_one_year", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"director_loans", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"director_loans_within_one_year", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"director_loans_after_one_year", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"group_borrowings", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"group_borrowings_within_one_year", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"group_borrowings_after_one_year", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"lease_liabilities", FieldKind::kInstantAmount, kNonNegative, &Accounts::lease_liabilities},
    {"lease_liabilities_within_one_year", FieldKind::kInstantAmount, kNonNegative, nullptr},
    {"lease_liabilities_after_one_year", FieldKind::kInstantAmount, kNonNegative, nullptr},
};

}  // namespace

const AccountField* FindAccountField(absl::string_view name) {
  for (const AccountField& field : kFields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

}  // namespace oversight::client::accounts
