#include "risk/profitability/profit_cap.h"

#include <algorithm>

namespace oversight::risk {

ProfitCapTest TestProfitCap(const Accounts& accounts, const AdjustedProfit& adjusted,
                            const ProfitabilityConfig& config) {
  ProfitCapTest out;
  if (!accounts.revenue) {
    out.cap = out.excess_over_cap = out.profit_above_cap = Measured::Missing("revenue missing");
    return out;
  }
  out.cap = Measured::Of(config.profit_cap_margin * *accounts.revenue);
  if (!adjusted.adjusted_operating_profit.has_value()) {
    out.excess_over_cap = out.profit_above_cap = adjusted.adjusted_operating_profit;
    return out;
  }
  const double excess = *adjusted.adjusted_operating_profit.value - *out.cap.value;
  out.excess_over_cap = Measured::Of(excess);
  out.profit_above_cap = Measured::Of(std::max(0.0, excess));
  return out;
}

}  // namespace oversight::risk
