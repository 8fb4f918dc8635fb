#pragma once
// Builds one column of risk::Accounts from its tagged figures: tagged fields
// are copied with their provenance, and the figures no filing tags are
// derived by the formulae below, each recorded as a FigureSource with its
// derivation. A derived figure is never computed from a missing input.
//
//  depreciation_amortisation = depreciation_ppe [+ amortisation_intangibles]
//      when no total is tagged: the fixed-asset note often carries the only
//      depreciation figure (data-sources §4);
//  ebitda = operating_profit + depreciation_amortisation;
//  funds_from_operations = net_income + depreciation_amortisation (Ohlson);
//  total_assets = fixed_assets + current_assets
//      [+ called_up_share_capital_not_paid + prepayments_outside_current_assets]
//      (data-sources §1), else total_assets_less_current_liabilities +
//      current_liabilities (the same identity read from the other side);
//  total_liabilities = total_assets - net_assets;
//  intangible_assets = goodwill + intangible_assets_other_than_goodwill (IFRS);
//  a liability tagged only in maturity buckets = within one year + after one
//      year (the buckets that are tagged);
//  borrowings = bank loans and overdrafts + other borrowings + loans from
//      directors + amounts owed to group undertakings (the components that
//      are tagged). Group undertakings are included because in
//      private-equity structures the shareholder debt the CMA worried about
//      sits there; when they are, a note says so, so an analyst can take them
//      out of a trading subsidiary's leverage.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "clients/import/accounts/tagged_figures.h"
#include "risk/domain/accounts.h"

namespace oversight::client::accounts {

// Fills `accounts` (its period must already be set) from `figures`.
// Returns true when the column carries any profit-and-loss figure (revenue,
// staff costs, operating profit, profit before tax, profit for the year);
// when it carries none every profit-and-loss figure is left missing and
// profit_and_loss_omitted is set: filleted accounts are never scored as zeros.
bool BuildAccountsColumn(const TaggedFigures& figures, absl::string_view document_name,
                         absl::string_view label, risk::Accounts& accounts, std::vector<std::string>& notes);

}  // namespace oversight::client::accounts
