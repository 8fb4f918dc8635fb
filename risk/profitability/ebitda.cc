#include "risk/profitability/ebitda.h"

#include "absl/strings/str_cat.h"

namespace oversight::risk {

Measured Ebitda(const Accounts& accounts) {
  if (accounts.ebitda) return Measured::Of(*accounts.ebitda);
  if (accounts.operating_profit && accounts.depreciation_amortisation) {
    return Measured::Of(*accounts.operating_profit + *accounts.depreciation_amortisation);
  }
  return Measured::Missing(
      accounts.operating_profit
          ? "EBITDA not reported and depreciation_amortisation missing"
          : "EBITDA not reported and operating_profit missing (no profit and loss account)");
}

Measured OperatingProfit(const Accounts& accounts) {
  if (accounts.operating_profit) return Measured::Of(*accounts.operating_profit);
  if (accounts.ebitda && accounts.depreciation_amortisation) {
    return Measured::Of(*accounts.ebitda - *accounts.depreciation_amortisation);
  }
  return Measured::Missing(
      accounts.ebitda
          ? "operating_profit not reported and depreciation_amortisation missing"
          : "operating_profit not reported and EBITDA missing (no profit and loss account)");
}

Measured Ebitdar(const Accounts& accounts) {
  Measured ebitda = Ebitda(accounts);
  if (!ebitda.has_value()) return ebitda;
  if (!accounts.rent_costs) return Measured::Missing("rent_costs missing");
  return Measured::Of(*ebitda.value + *accounts.rent_costs);
}

}  // namespace oversight::risk
