#include "risk/profitability/capital_employed.h"

#include "absl/strings/str_cat.h"
#include "risk/profitability/ebitda.h"

namespace oversight::risk {

Measured CapitalEmployed(const Accounts& accounts) {
  if (!accounts.total_assets) return Measured::Missing("total_assets missing");
  if (!accounts.current_liabilities) return Measured::Missing("current_liabilities missing");
  const double capital = *accounts.total_assets - *accounts.current_liabilities;
  if (capital <= 0) {
    return Measured::Missing(absl::StrCat(
        "capital employed (total_assets - current_liabilities) is not positive (", capital,
        "): ROCE is not meaningful"));
  }
  return Measured::Of(capital);
}

Measured ReturnOnCapitalEmployed(const Accounts& accounts) {
  Measured ebit = OperatingProfit(accounts);
  if (!ebit.has_value()) return ebit;
  Measured capital = CapitalEmployed(accounts);
  if (!capital.has_value()) return capital;
  return Measured::Of(*ebit.value / *capital.value);
}

Measured ExcessProfit(const Accounts& accounts, const ProfitabilityConfig& config) {
  Measured roce = ReturnOnCapitalEmployed(accounts);
  if (!roce.has_value()) return roce;
  const double capital = *CapitalEmployed(accounts).value;
  return Measured::Of((*roce.value - config.cost_of_capital) * capital);
}

}  // namespace oversight::risk
