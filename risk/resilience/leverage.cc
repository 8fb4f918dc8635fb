#include "risk/resilience/leverage.h"

#include "absl/strings/str_cat.h"

namespace oversight::risk {

Measured NetDebt(const Accounts& accounts, const ResilienceConfig& config) {
  if (!accounts.borrowings) return Measured::Missing("borrowings missing");
  if (!accounts.cash) return Measured::Missing("cash missing");
  double debt = *accounts.borrowings;
  if (config.net_debt_includes_leases) {
    if (!accounts.lease_liabilities) {
      return Measured::Missing(
          "lease_liabilities missing (net debt is configured to include leases)");
    }
    debt += *accounts.lease_liabilities;
  }
  return Measured::Of(debt - *accounts.cash);
}

Measured NetDebtToEbitda(const Measured& net_debt, const Measured& ebitda) {
  if (!net_debt.has_value()) return net_debt;
  if (!ebitda.has_value()) return ebitda;
  if (*ebitda.value <= 0) {
    return Measured::Missing(absl::StrCat("EBITDA is not positive (", *ebitda.value,
                                          "): net debt / EBITDA is not meaningful"));
  }
  return Measured::Of(*net_debt.value / *ebitda.value);
}

Measured InterestCover(const Measured& ebitda, const Measured& interest) {
  if (!ebitda.has_value()) return ebitda;
  if (!interest.has_value()) return interest;
  if (*interest.value <= 0) return Measured::Missing("no interest payable: cover is unbounded");
  return Measured::Of(*ebitda.value / *interest.value);
}

Measured FixedChargeCover(const Measured& ebitdar, const Measured& interest,
                          const Accounts& accounts) {
  if (!ebitdar.has_value()) return ebitdar;
  if (!interest.has_value()) return interest;
  if (!accounts.rent_costs) return Measured::Missing("rent_costs missing");
  const double charges = *interest.value + *accounts.rent_costs;
  if (charges <= 0) return Measured::Missing("no interest or rent payable: cover is unbounded");
  return Measured::Of(*ebitdar.value / charges);
}

}  // namespace oversight::risk
