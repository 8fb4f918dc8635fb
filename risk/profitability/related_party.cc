#include "risk/profitability/related_party.h"

#include "risk/profitability/ebitda.h"
#include "risk/profitability/margins.h"

namespace oversight::risk {

const RelatedPartyFlows* FlowsForPeriod(std::span<const RelatedPartyFlows> flows,
                                        const FinancialPeriod& period) {
  for (const RelatedPartyFlows& f : flows) {
    if (f.period.start == period.start && f.period.end == period.end) return &f;
  }
  return nullptr;
}

AdjustedProfit AdjustForRelatedParties(const Accounts& accounts, const RelatedPartyFlows* flows) {
  AdjustedProfit out;
  if (flows == nullptr) {
    const char* why = "no related-party flows reported for the accounts' period";
    out.adjusted_operating_profit = Measured::Missing(why);
    out.adjusted_operating_margin = Measured::Missing(why);
    out.adjusted_profit_before_tax = Measured::Missing(why);
    out.adjusted_pre_tax_margin = Measured::Missing(why);
    return out;
  }
  const Pounds operating_add_back = flows->management_charges + flows->connected_rent;
  out.related_party_add_back = operating_add_back + flows->shareholder_loan_interest;

  Measured ebit = OperatingProfit(accounts);
  out.adjusted_operating_profit =
      ebit.has_value() ? Measured::Of(*ebit.value + operating_add_back) : ebit;
  out.adjusted_operating_margin = MarginOn(out.adjusted_operating_profit, accounts);

  out.adjusted_profit_before_tax =
      accounts.profit_before_tax
          ? Measured::Of(*accounts.profit_before_tax + out.related_party_add_back)
          : Measured::Missing("profit_before_tax missing");
  out.adjusted_pre_tax_margin = MarginOn(out.adjusted_profit_before_tax, accounts);
  return out;
}

}  // namespace oversight::risk
