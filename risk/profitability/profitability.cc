#include "risk/profitability/profitability.h"

#include "risk/profitability/capital_employed.h"
#include "risk/profitability/ebitda.h"
#include "risk/profitability/margins.h"
#include "risk/profitability/placement_week.h"
#include "risk/domain/serial_date.h"

namespace oversight::risk {

const Accounts* LatestAccounts(std::span<const Accounts> accounts, Date as_of) {
  // Compared as serials: this runs over every provider's accounts in every
  // scoring run (see risk/domain/serial_date.h).
  const internal::Serial today = internal::SerialOf(as_of);
  const Accounts* latest = nullptr;
  internal::Serial latest_end = 0;
  for (const Accounts& a : accounts) {
    const internal::Serial end = internal::SerialOf(a.period.end);
    if (end == 0 || end > today) continue;
    // Accounts filed after as_of were not public then: using them would let a
    // back-dated assessment see the future.
    const internal::Serial filed = internal::SerialOf(a.filing_date);
    if (filed != 0 && filed > today) continue;
    if (latest == nullptr || end > latest_end) {
      latest = &a;
      latest_end = end;
    }
  }
  return latest;
}

Profitability AssessProfitability(const ProviderData& data, const ProfitabilityConfig& config,
                                  Date as_of) {
  Profitability out;
  out.accounts = LatestAccounts(data.accounts, as_of);
  out.price_per_placement_week = PricePerPlacementWeek(data.placements, as_of);
  if (out.accounts == nullptr) {
    const Measured none = Measured::Missing("no accounts on or before the assessment date");
    out.revenue = out.ebitda = out.operating_profit = out.ebitda_margin = out.operating_margin =
        out.capital_employed = out.roce = out.excess_profit = out.cost_per_placement_week = none;
    out.adjusted.adjusted_operating_profit = out.adjusted.adjusted_operating_margin =
        out.adjusted.adjusted_profit_before_tax = out.adjusted.adjusted_pre_tax_margin = none;
    out.profit_cap.cap = out.profit_cap.excess_over_cap = out.profit_cap.profit_above_cap = none;
    return out;
  }
  const Accounts& a = *out.accounts;
  out.revenue = a.revenue ? Measured::Of(*a.revenue) : Measured::Missing("revenue missing");
  out.ebitda = Ebitda(a);
  out.operating_profit = OperatingProfit(a);
  out.ebitda_margin = EbitdaMargin(a);
  out.operating_margin = OperatingMargin(a);
  out.capital_employed = CapitalEmployed(a);
  out.roce = ReturnOnCapitalEmployed(a);
  out.excess_profit = ExcessProfit(a, config);
  out.cost_per_placement_week = CostPerPlacementWeek(a, data.placements, as_of);
  out.adjusted = AdjustForRelatedParties(a, FlowsForPeriod(data.related_party_flows, a.period));
  out.profit_cap = TestProfitCap(a, out.adjusted, config);
  return out;
}

}  // namespace oversight::risk
