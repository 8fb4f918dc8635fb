#pragma once
// A profit cap (Children's Wellbeing and Schools Act 2026 s.17; a last-resort
// power, no cap has been set). Modelled as a maximum operating margin after
// related-party flows are added back: ProfitabilityConfig::profit_cap_margin.

#include "risk/config/risk_config.h"
#include "risk/domain/accounts.h"
#include "risk/profitability/measured.h"
#include "risk/profitability/related_party.h"

namespace oversight::risk {

struct ProfitCapTest {
  Measured cap;               // profit_cap_margin x revenue, pounds
  // adjusted operating profit - cap: positive = above the cap by that many
  // pounds, negative = below it (headroom).
  Measured excess_over_cap;
  // max(0, excess_over_cap): the figure reported as "profit above the cap".
  Measured profit_above_cap;
};

ProfitCapTest TestProfitCap(const Accounts& accounts, const AdjustedProfit& adjusted,
                            const ProfitabilityConfig& config);

}  // namespace oversight::risk
