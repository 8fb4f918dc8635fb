#pragma once
// The oversight rating of one assessment, with its plain-English reasons.
#include "risk/assessment/assessment.h"
#include "risk/config/risk_config.h"
#include "risk/rating/rating_matrix.h"

namespace oversight::risk {

struct RatingInputs {
  ImpactEvidence impact;
  // False when no failure model (Altman, Ohlson, Merton) could be computed,
  // e.g. filleted accounts: the combined PD is then only the prior, and the
  // likelihood is floored at medium rather than read as low from absent data.
  bool likelihood_assessable = true;
};

// Reads the assessment's own figures (pd_one_year, covenants, liquidity,
// flags) and `inputs`; sets likelihood, impact, rating and score, and appends
// the reasons (most important first) and the rating contributions to the
// explanation.
//
// Likelihood floors (regime judgement, applied after the PD band because a
// lender's or auditor's view is direct evidence the statistical models see
// only through their overlays): a covenant breach, a going-concern material
// uncertainty or negative liquidity headroom make the likelihood at least
// high; overdue accounts or an unassessable likelihood make it at least
// medium. A business-failure event rates black whatever the matrix says.
//
// Score (ranking within a rating, higher = worse): the expected number of
// children who would need a new home within a year,
//   score = p x (children placed + 1),
// with p = 1 after a business-failure event, else the combined one-year PD
// (at least pd_medium when the likelihood is unassessable). The +1 ranks a
// provider with no recorded placements by its PD.
void RateAssessment(Assessment& assessment, const RatingInputs& inputs, const RiskConfig& config);

}  // namespace oversight::risk
