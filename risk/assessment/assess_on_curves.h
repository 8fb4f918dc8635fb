#pragma once
// The assessor's full entry point: AssessProvider with the SONIA curves made
// explicit, so that the stress module can re-assess a provider on a shifted
// curve (risk/stress/) and AssessMarket can build the baseline curve once per
// run instead of once per provider. QuantLib term structures are not safe
// for concurrent use: one SoniaCurves per thread.
#include <optional>

#include "absl/status/statusor.h"
#include "risk/assessment/assessment.h"
#include "risk/config/risk_config.h"
#include "risk/domain/provider_data.h"
#include "risk/impact/market_snapshot.h"
#include "risk/resilience/debt_service.h"
#include "risk/resilience/discount_factor_memo.h"
#include "risk/resilience/sonia_curve.h"

namespace oversight::risk {

struct AssessOptions {
  // False leaves Explanation::figures empty (reasons and contributions are
  // still produced): for callers that read only the headline figures, such
  // as the stress module's search for the breaking point, where the figures
  // would be formatted and thrown away dozens of times per provider.
  bool explain = true;
  // True only when every record of the provider has already passed
  // ValidateProviderInputs, as in the stress module, which validates the
  // provider once and re-validates the one accounts record each shock
  // changes, and in a market run given MarketInputs::kAlreadyValidated
  // (assessor.h): the assessment then skips its own validation (a sixth of
  // a headline assessment). A record that was not validated may make the
  // models fail or mislead; never set it for data from outside the core.
  bool inputs_validated = false;
  // Under a scenario curve, the next 12 months' interest of the provider's
  // point-in-time facilities on the baseline curve, when the caller has it
  // (the stress module projects it once per provider and scenario): the
  // resilience assessment then does not project the baseline again.
  std::optional<double> baseline_interest_12m;
  // On unshifted curves, the provider's point-in-time facilities projected
  // on the baseline curve (DebtServiceDetail::kTotalsOnly), when the caller
  // has it (the stress module keeps it per provider for the scenarios
  // without a SONIA shift): the resilience assessment then uses it instead
  // of projecting again. Must outlive the call.
  const DebtServiceProjection* baseline_debt_service = nullptr;
  // The discount factors of curves.projection() kept across the providers
  // of one run (risk/resilience/discount_factor_memo.h), when the caller
  // scores many providers on curves that do not move, as
  // AssessMarketInBatches does; ignored when bound to another curve.
  DiscountFactorMemo* discount_factors = nullptr;
};

absl::StatusOr<Assessment> AssessProviderOnCurves(const ProviderData& data, const MarketSnapshot& market,
                                                  const RiskConfig& config, Date as_of,
                                                  const SoniaCurves& curves, const AssessOptions& options = {});

// The baseline curves of a run: flat at RiskConfig::sonia_rate from as_of.
// INTERNAL if QuantLib rejects the inputs.
absl::StatusOr<SoniaCurves> BaselineSoniaCurves(const RiskConfig& config, Date as_of);

// Every record of the provider checked with risk/domain/validation.h; the
// violations keep their field paths and each reason names the record
// ("accounts P001 2024-03-31 (sample/accounts.csv:7, v2): ..."). Records
// filed under another provider's id are violations too.
absl::Status ValidateProviderInputs(const ProviderData& data);

}  // namespace oversight::risk
