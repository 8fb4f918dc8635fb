#pragma once
// The oversight rating as a likelihood-by-impact matrix, the form CQC's
// market oversight scheme and the Bank of England's PRA use for "probability
// and impact" supervision. docs/rating-and-alerts.md reproduces the matrix.
#include "risk/assessment/assessment.h"
#include "risk/config/risk_config.h"

namespace oversight::risk {

// Likelihood band from the combined one-year probability of failure:
// [0, pd_medium) low, [pd_medium, pd_high) medium, [pd_high, pd_very_high)
// high, [pd_very_high, 1] very high. A threshold belongs to the worse band.
Band LikelihoodBand(double pd_one_year, const DefaultModelConfig& config);

// The difficult-to-replace evidence that sets the impact band.
struct ImpactEvidence {
  int children_placed = 0;
  int local_authorities_served = 0;
  int local_authorities_dependent = 0;   // share above ImpactConfig::dependent_authority_share
  int children_without_place = 0;        // beyond other providers' spare places in the region
  bool in_oversight_scope = false;
};

// very high: in oversight scope AND (children >= high_impact_children OR
//            dependent authorities >= very_high_impact_dependent_authorities);
// high:      in scope, OR children >= high_impact_children, OR any dependent
//            authority, OR children without a local place >= medium_impact_children;
// medium:    children >= medium_impact_children, OR authorities served >=
//            medium_impact_local_authorities, OR any child without a local place;
// low:       otherwise.
Band ImpactBand(const ImpactEvidence& evidence, const ImpactConfig& config);

//                 impact:  low     medium  high    very high
//   likelihood low         green   green   green   amber
//   likelihood medium      green   amber   amber   amber
//   likelihood high        amber   amber   red     red
//   likelihood very high   amber   red     black   black
// Black also whenever a business-failure event has occurred (applied by
// RateAssessment, not by the matrix).
Rating RatingFromBands(Band likelihood, Band impact);

}  // namespace oversight::risk
