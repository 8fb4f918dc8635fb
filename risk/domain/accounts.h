#pragma once
#include <optional>
#include <string>
#include <vector>

#include "risk/domain/iso_date.h"
#include "risk/domain/provenance.h"

namespace oversight::risk {

// All money in the domain is in pounds sterling. Filings report whole pounds;
// a double holds every such figure exactly up to 2^53, far beyond any
// provider's accounts, and the models are ratio analytics, not a ledger.
using Pounds = double;

// A financial period: [start, end], both inclusive, as in the accounts.
struct FinancialPeriod {
  Date start;
  Date end;
};

// Where one figure of imported accounts came from: the filing, the XBRL
// concept and context that carried it, or the documented formula that derived
// it (clients/import/accounts/concept_map.tsv). An assessment's explanation
// quotes it so an analyst can find the number in the filing.
struct FigureSource {
  std::string field;       // the Accounts field, e.g. "revenue"
  std::string document;    // e.g. "Prod223_2125_09707484_20170731.html"
  std::string concept_name;  // "TurnoverRevenue {http://xbrl.frc.org.uk/fr/2014-09-01/core}"
  std::string context;     // the context id in the document
  std::string period;      // "2016-08-01..2017-07-31" or "2017-07-31"
  std::string derivation;  // empty when tagged; else the formula, e.g. "operating_profit + depreciation_amortisation"
};

// One set of statutory accounts for a financial period. Every figure is
// optional because real filings are incomplete (filleted small and
// micro-entity accounts carry no profit and loss account): a model that needs
// a missing figure reports that it cannot be computed; it never reads a
// missing figure as zero.
//
// Sign convention: costs, interest and liabilities are positive numbers;
// profits and net assets carry their own sign (a loss is negative).
struct Accounts {
  std::string provider_id;
  FinancialPeriod period;

  // Profit and loss account (for the period).
  std::optional<Pounds> revenue;                  // turnover
  std::optional<Pounds> staff_costs;
  std::optional<Pounds> other_operating_costs;    // operating costs other than staff, D&A and rent
  std::optional<Pounds> rent_costs;               // rent and short-lease costs (the R in EBITDAR)
  std::optional<Pounds> ebitda;                   // operating profit + D&A when not reported
  std::optional<Pounds> depreciation_amortisation;
  std::optional<Pounds> operating_profit;         // EBIT
  std::optional<Pounds> interest_payable;
  std::optional<Pounds> profit_before_tax;
  std::optional<Pounds> net_income;               // profit for the financial year (after tax)
  std::optional<Pounds> funds_from_operations;    // net income + D&A when not reported (Ohlson's FFO)

  // Balance sheet (at period end).
  std::optional<Pounds> cash;
  std::optional<Pounds> current_assets;
  std::optional<Pounds> current_liabilities;      // creditors due within one year
  std::optional<Pounds> total_assets;
  std::optional<Pounds> total_liabilities;
  std::optional<Pounds> borrowings;               // bank and other borrowings, incl. shareholder loans
  std::optional<Pounds> lease_liabilities;
  std::optional<Pounds> net_assets;               // = total_assets - total_liabilities
  std::optional<Pounds> retained_earnings;
  std::optional<Pounds> tangible_fixed_assets;
  std::optional<Pounds> intangible_assets;        // goodwill and other intangibles

  // Flags.
  bool going_concern_uncertainty = false;  // auditor's or directors' material uncertainty
  Date filing_date;                        // null when unknown
  // True for filleted small and micro-entity accounts filed without a
  // profit and loss account: the models that need P&L figures report
  // insufficient data instead of scoring.
  bool profit_and_loss_omitted = false;
  std::vector<FigureSource> figure_sources;  // empty for records not imported from filings
  std::vector<std::string> import_notes;     // assumptions the importer made, e.g. about period dates

  Provenance provenance;
};

// Profit taken out through related parties: the "disguised profit
// arrangements" of the Children's Wellbeing and Schools Act 2026 s.17.
struct RelatedPartyFlows {
  std::string provider_id;
  FinancialPeriod period;
  Pounds management_charges = 0;          // paid to the parent or owners
  Pounds connected_rent = 0;              // rent paid to connected landlords
  Pounds shareholder_loan_interest = 0;   // interest on shareholder or intra-group loans
  Pounds dividends = 0;
  Provenance provenance;
};

// An estimate or observation of the market value of the provider's equity,
// the input Merton's model needs. For listed providers it is the market
// capitalisation; for unlisted ones an estimate (e.g. a transaction multiple
// of EBITDA less net debt) whose basis is recorded in `basis`.
struct EquityObservation {
  std::string provider_id;
  Date as_of;
  Pounds equity_value = 0;
  double equity_volatility = 0;  // annualised, e.g. 0.35
  std::string basis;             // "market capitalisation", "12.6x EBITDA take-private 2022", ...
  Provenance provenance;
};

}  // namespace oversight::risk
