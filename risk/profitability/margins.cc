#include "risk/profitability/margins.h"

#include "absl/strings/str_cat.h"
#include "risk/profitability/ebitda.h"

namespace oversight::risk {

Measured MarginOn(const Measured& numerator, const Accounts& accounts) {
  if (!numerator.has_value()) return numerator;
  if (!accounts.revenue) return Measured::Missing("revenue missing");
  if (*accounts.revenue <= 0) {
    return Measured::Missing(absl::StrCat("revenue is not positive (", *accounts.revenue,
                                          "): a margin is not meaningful"));
  }
  return Measured::Of(*numerator.value / *accounts.revenue);
}

Measured EbitdaMargin(const Accounts& accounts) { return MarginOn(Ebitda(accounts), accounts); }

Measured OperatingMargin(const Accounts& accounts) {
  return MarginOn(OperatingProfit(accounts), accounts);
}

}  // namespace oversight::risk
