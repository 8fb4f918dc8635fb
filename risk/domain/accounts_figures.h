#pragma once
// Every optional figure of Accounts by its wire name (docs/data-format.md),
// with its sign convention: one table for validation (which checks each
// figure by its convention) and for reading a filed figure by name.
#include <optional>

#include "absl/strings/string_view.h"
#include "risk/domain/accounts.h"

namespace oversight::risk {

struct AccountsFigureField {
  absl::string_view name;
  std::optional<Pounds> Accounts::*member;
  // Costs, assets and liabilities are positive by the sign convention;
  // profits, net assets and retained earnings carry their own sign.
  bool non_negative;
};

inline constexpr AccountsFigureField kAccountsFigures[] = {
    {"revenue", &Accounts::revenue, true},
    {"staff_costs", &Accounts::staff_costs, true},
    {"other_operating_costs", &Accounts::other_operating_costs, true},
    {"rent_costs", &Accounts::rent_costs, true},
    {"ebitda", &Accounts::ebitda, false},
    {"depreciation_amortisation", &Accounts::depreciation_amortisation, true},
    {"operating_profit", &Accounts::operating_profit, false},
    {"interest_payable", &Accounts::interest_payable, true},
    {"profit_before_tax", &Accounts::profit_before_tax, false},
    {"net_income", &Accounts::net_income, false},
    {"funds_from_operations", &Accounts::funds_from_operations, false},
    {"cash", &Accounts::cash, true},
    {"current_assets", &Accounts::current_assets, true},
    {"current_liabilities", &Accounts::current_liabilities, true},
    {"total_assets", &Accounts::total_assets, true},
    {"total_liabilities", &Accounts::total_liabilities, true},
    {"borrowings", &Accounts::borrowings, true},
    {"lease_liabilities", &Accounts::lease_liabilities, true},
    {"net_assets", &Accounts::net_assets, false},
    {"retained_earnings", &Accounts::retained_earnings, false},
    {"tangible_fixed_assets", &Accounts::tangible_fixed_assets, true},
    {"intangible_assets", &Accounts::intangible_assets, true},
};

}  // namespace oversight::risk
