#pragma once
// The CMA's profitability measures for one provider, from its latest
// accounts (see LatestAccounts). Entry point for the assessor.

#include <span>

#include "risk/config/risk_config.h"
#include "risk/domain/iso_date.h"
#include "risk/domain/provider_data.h"
#include "risk/profitability/measured.h"
#include "risk/profitability/profit_cap.h"
#include "risk/profitability/related_party.h"

namespace oversight::risk {

// The accounts the models use at `as_of`: the latest period end on or before
// as_of among accounts that were public by then (filing_date null or on or
// before as_of). nullptr when there are none.
const Accounts* LatestAccounts(std::span<const Accounts> accounts, Date as_of);

struct Profitability {
  const Accounts* accounts = nullptr;  // the accounts used; nullptr when none
  Measured revenue;
  Measured ebitda;
  Measured operating_profit;
  Measured ebitda_margin;     // EBITDA / revenue (LGA measure)
  Measured operating_margin;  // EBIT / revenue (CMA measure)
  Measured capital_employed;  // total assets - current liabilities
  Measured roce;              // EBIT / capital employed
  Measured excess_profit;     // (ROCE - cost of capital) x capital employed
  Measured price_per_placement_week;
  Measured cost_per_placement_week;
  AdjustedProfit adjusted;    // related-party add-backs
  ProfitCapTest profit_cap;
};

// Never fails: missing inputs give absent measures with reasons. The result
// points into `data` (accounts), which must outlive it.
Profitability AssessProfitability(const ProviderData& data, const ProfitabilityConfig& config,
                                  Date as_of);

}  // namespace oversight::risk
