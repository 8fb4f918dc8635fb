#include "risk/rating/rating_matrix.h"

#include <array>

namespace oversight::risk {

Band LikelihoodBand(double pd_one_year, const DefaultModelConfig& config) {
  if (pd_one_year >= config.pd_very_high) return Band::kVeryHigh;
  if (pd_one_year >= config.pd_high) return Band::kHigh;
  if (pd_one_year >= config.pd_medium) return Band::kMedium;
  return Band::kLow;
}

Band ImpactBand(const ImpactEvidence& e, const ImpactConfig& config) {
  const bool many_children = e.children_placed >= config.high_impact_children;
  if (e.in_oversight_scope &&
      (many_children || e.local_authorities_dependent >= config.very_high_impact_dependent_authorities)) {
    return Band::kVeryHigh;
  }
  if (e.in_oversight_scope || many_children || e.local_authorities_dependent > 0 ||
      e.children_without_place >= config.medium_impact_children) {
    return Band::kHigh;
  }
  if (e.children_placed >= config.medium_impact_children ||
      e.local_authorities_served >= config.medium_impact_local_authorities || e.children_without_place > 0) {
    return Band::kMedium;
  }
  return Band::kLow;
}

Rating RatingFromBands(Band likelihood, Band impact) {
  using enum Rating;
  // Rows: likelihood; columns: impact (low, medium, high, very high).
  static constexpr std::array<std::array<Rating, 4>, 4> kMatrix = {{
      {kGreen, kGreen, kGreen, kAmber},
      {kGreen, kAmber, kAmber, kAmber},
      {kAmber, kAmber, kRed, kRed},
      {kAmber, kRed, kBlack, kBlack},
  }};
  return kMatrix[static_cast<int>(likelihood)][static_cast<int>(impact)];
}

}  // namespace oversight::risk
