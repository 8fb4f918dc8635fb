#pragma once
// Ohlson's O-score, model 1 (failure within one year).
// Source: J. A. Ohlson, "Financial Ratios and the Probabilistic Prediction of
// Bankruptcy", Journal of Accounting Research 18(1), 1980, pp. 109-131,
// Table 4, model 1 (logit estimated on 105 failed and 2,058 surviving US
// industrial firms, 1970-76):
//
//   O = -1.32 - 0.407 SIZE + 6.03 TLTA - 1.43 WCTA + 0.0757 CLCA
//       - 1.72 OENEG - 2.37 NITA - 1.83 FUTL + 0.285 INTWO - 0.521 CHIN
//   SIZE  = ln(total assets in US$ / GNP price-level index, 1968 = 100)
//   TLTA  = total liabilities / total assets
//   WCTA  = working capital / total assets
//   CLCA  = current liabilities / current assets
//   OENEG = 1 if total liabilities > total assets
//   NITA  = net income / total assets
//   FUTL  = funds from operations / total liabilities
//   INTWO = 1 if net income was negative in both of the last two years
//   CHIN  = (NI_t - NI_{t-1}) / (|NI_t| + |NI_{t-1}|), 0 when both are 0
//   PD    = e^O / (1 + e^O)
//
// SIZE units: Ohlson's total assets are "as reported in dollars" (not
// thousands or millions), divided by the GNP implicit price-level index on a
// 1968 = 100 base for the year before the balance-sheet date. A UK
// provider's pounds are converted explicitly (OhlsonConfig in
// failure_model_config.h): SIZE = ln(TA_gbp x usd_per_gbp / gnp_price_index).
// Assumed: natural logarithm (the logit's convention).
//
// Prior year missing: INTWO needs two years of losses and CHIN needs last
// year's net income. Without the prior year both are set to 0 (no evidence
// either way) and the outcome carries a note; the raw-figure entry point
// takes the prior year's net income as optional for the same reason.

#include <optional>

#include "absl/status/statusor.h"
#include "risk/default/failure_model_config.h"
#include "risk/default/model_outcome.h"
#include "risk/domain/accounts.h"
#include "risk/domain/provider_data.h"

namespace oversight::risk {

// The figures the O-score reads, in pounds, for the latest year.
struct OhlsonFigures {
  double total_assets = 0;            // > 0
  double total_liabilities = 0;       // > 0 (FUTL divides by it)
  double current_assets = 0;          // > 0 (CLCA divides by it)
  double current_liabilities = 0;
  double net_income = 0;              // profit for the year, a loss negative
  double funds_from_operations = 0;   // net income + depreciation and amortisation
  std::optional<double> prior_net_income;  // last year's; absent -> INTWO = CHIN = 0
};

// Each variable and its contribution (coefficient x variable) to O.
struct OhlsonTerms {
  double size = 0, tlta = 0, wcta = 0, clca = 0, oeneg = 0, nita = 0, futl = 0, intwo = 0,
         chin = 0;
};

struct OhlsonResult {
  OhlsonTerms variables;
  OhlsonTerms contributions;  // coefficient x variable; O = intercept + sum
  double o_score = 0;
  double pd = 0;              // e^O / (1 + e^O)
  bool prior_year_available = false;
};

inline constexpr double kOhlsonIntercept = -1.32;

// INVALID_ARGUMENT naming the field when total_assets, total_liabilities or
// current_assets is not positive, or any figure is not finite, or the config's
// exchange rate or price index is not positive.
absl::StatusOr<OhlsonResult> ComputeOhlsonOScore(const OhlsonFigures& figures,
                                                 const OhlsonConfig& config = {});

// From accounts: working capital = current_assets - current_liabilities;
// funds_from_operations = the reported figure, else net_income +
// depreciation_amortisation. `prior` is the previous year's accounts or
// nullptr. Absent, with a note naming the missing figures, when an input is
// missing or unusable.
ModelOutcome<OhlsonResult> OhlsonFromAccounts(const Accounts& current, const Accounts* prior,
                                              const OhlsonConfig& config = {},
                                              ExplanationText text = ExplanationText::kInclude);

// Latest accounts at or before `as_of` and the year before them.
ModelOutcome<OhlsonResult> OhlsonFromProviderData(const ProviderData& data, Date as_of,
                                                  const OhlsonConfig& config = {});

}  // namespace oversight::risk
