#pragma once
// Merton's model applied to an (usually unlisted) provider: where E, sigmaE
// and D come from, and what happens when the estimate of equity is not
// positive. The choices, in order:
//   E, sigmaE  the latest EquityObservation at or before as_of (market
//              capitalisation, a transaction value...), with its basis;
//              otherwise E = ebitda_multiple_for_equity x EBITDA - net debt
//              from the latest accounts, sigmaE = sector_equity_volatility
//              (DefaultModelConfig, risk/config/risk_config.h).
//   net debt   borrowings + lease liabilities - cash. Deliberately not the
//              covenant net debt of risk/resilience (leases excluded by
//              default): an equity bridge from an EBITDA multiple subtracts
//              every debt-like claim, and where leases are on the balance
//              sheet their rent is no longer in EBITDA.
//   D          borrowings + lease liabilities (the debt a default would be
//              on). Lease liabilities not reported are taken as 0 with a note:
//              under FRS 102 operating leases are off balance sheet.
//   r, T       DefaultModelConfig::risk_free_rate, MertonConfig::horizon_years.
// Equity estimate <= 0: the model is not solved; pd =
// MertonConfig::equity_exhausted_pd with equity_exhausted = true and a note.
// D = 0: no default barrier, the model does not apply (absent with a note).

#include <optional>
#include <string>

#include "risk/config/risk_config.h"
#include "risk/default/merton_model.h"
#include "risk/default/model_outcome.h"
#include "risk/domain/provider_data.h"

namespace oversight::risk {

struct MertonAssessment {
  MertonInputs inputs;
  // Both empty with ExplanationText::kOmit.
  std::string equity_basis;       // "equity observation 2025-06-30: market capitalisation" or
                                  // "estimate: 10.0x EBITDA 12,000,000 - net debt 80,000,000"
  std::string volatility_basis;   // "equity observation ..." or "sector proxy 0.40"
  bool equity_observed = false;   // true when from an EquityObservation
  bool equity_exhausted = false;  // estimated equity <= 0: `result` absent
  std::optional<MertonResult> result;
  double pd = 0;                  // result->pd, or equity_exhausted_pd
};

ModelOutcome<MertonAssessment> MertonFromProviderData(const ProviderData& data,
                                                      const DefaultModelConfig& config,
                                                      Date as_of,
                                                      ExplanationText text = ExplanationText::kInclude);

}  // namespace oversight::risk
