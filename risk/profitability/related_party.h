#pragma once
// Profit taken through related parties - the "disguised profit arrangements"
// of the Children's Wellbeing and Schools Act 2026 s.17 - added back so that
// margins compare like with like across ownership structures.

#include <span>

#include "risk/domain/accounts.h"
#include "risk/profitability/measured.h"

namespace oversight::risk {

// The related-party flows reported for exactly the accounts' period (same
// provider, start and end); nullptr when none is held.
const RelatedPartyFlows* FlowsForPeriod(std::span<const RelatedPartyFlows> flows,
                                        const FinancialPeriod& period);

struct AdjustedProfit {
  // EBIT + management charges + connected rent: operating profit as if the
  // related parties charged nothing (charges and connected rent are operating
  // costs in the accounts).
  Measured adjusted_operating_profit;
  Measured adjusted_operating_margin;  // / revenue
  // Profit before tax + management charges + connected rent + shareholder-loan
  // interest (the interest is below EBIT, so only the pre-tax measure adds it).
  Measured adjusted_profit_before_tax;
  Measured adjusted_pre_tax_margin;    // / revenue
  Pounds related_party_add_back = 0;   // total added to profit before tax
};

// `flows` may be nullptr: the adjusted figures are then absent (unknown flows
// are not zero flows), with the reason.
AdjustedProfit AdjustForRelatedParties(const Accounts& accounts, const RelatedPartyFlows* flows);

}  // namespace oversight::risk
