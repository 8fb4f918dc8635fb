// The rating: likelihood bands from the combined PD, impact bands from the
// difficult-to-replace evidence, the matrix (docs/rating-and-alerts.md), the
// overrides and the reasons' order.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "risk/rating/rating.h"
#include "risk/rating/rating_matrix.h"

namespace oversight::risk {
namespace {

TEST(LikelihoodBand, ThresholdsBelongToTheWorseBand) {
  DefaultModelConfig c;  // 2%, 8%, 20%
  EXPECT_EQ(LikelihoodBand(0.0, c), Band::kLow);
  EXPECT_EQ(LikelihoodBand(0.0199, c), Band::kLow);
  EXPECT_EQ(LikelihoodBand(0.02, c), Band::kMedium);
  EXPECT_EQ(LikelihoodBand(0.0799, c), Band::kMedium);
  EXPECT_EQ(LikelihoodBand(0.08, c), Band::kHigh);
  EXPECT_EQ(LikelihoodBand(0.1999, c), Band::kHigh);
  EXPECT_EQ(LikelihoodBand(0.20, c), Band::kVeryHigh);
  EXPECT_EQ(LikelihoodBand(1.0, c), Band::kVeryHigh);
}

TEST(ImpactBand, FollowsTheDocumentedRules) {
  ImpactConfig c;  // high 200 children, medium 50, very high 3 dependent, medium 5 authorities
  EXPECT_EQ(ImpactBand({}, c), Band::kLow);
  EXPECT_EQ(ImpactBand({.children_placed = 49}, c), Band::kLow);
  EXPECT_EQ(ImpactBand({.children_placed = 50}, c), Band::kMedium);
  EXPECT_EQ(ImpactBand({.local_authorities_served = 5}, c), Band::kMedium);
  EXPECT_EQ(ImpactBand({.children_without_place = 1}, c), Band::kMedium);
  EXPECT_EQ(ImpactBand({.children_placed = 200}, c), Band::kHigh);
  EXPECT_EQ(ImpactBand({.local_authorities_dependent = 1}, c), Band::kHigh);
  EXPECT_EQ(ImpactBand({.children_without_place = 50}, c), Band::kHigh);
  EXPECT_EQ(ImpactBand({.in_oversight_scope = true}, c), Band::kHigh);
  EXPECT_EQ(ImpactBand({.children_placed = 200, .in_oversight_scope = true}, c), Band::kVeryHigh);
  EXPECT_EQ(ImpactBand({.local_authorities_dependent = 3, .in_oversight_scope = true}, c), Band::kVeryHigh);
  EXPECT_EQ(ImpactBand({.local_authorities_dependent = 3}, c), Band::kHigh) << "very high needs scope";
}

TEST(RatingMatrix, EveryCellAsDocumented) {
  using enum Rating;
  const Rating expected[4][4] = {
      {kGreen, kGreen, kGreen, kAmber},
      {kGreen, kAmber, kAmber, kAmber},
      {kAmber, kAmber, kRed, kRed},
      {kAmber, kRed, kBlack, kBlack},
  };
  for (int l = 0; l < 4; ++l) {
    for (int i = 0; i < 4; ++i) {
      EXPECT_EQ(RatingFromBands(static_cast<Band>(l), static_cast<Band>(i)), expected[l][i])
          << "likelihood " << BandName(static_cast<Band>(l)) << " impact " << BandName(static_cast<Band>(i));
    }
  }
}

TEST(RatingMatrix, NeverImprovesAsEitherBandWorsens) {
  for (int l = 0; l < 4; ++l) {
    for (int i = 0; i < 4; ++i) {
      const Rating here = RatingFromBands(static_cast<Band>(l), static_cast<Band>(i));
      if (l < 3) {
        EXPECT_LE(here, RatingFromBands(static_cast<Band>(l + 1), static_cast<Band>(i)));
      }
      if (i < 3) {
        EXPECT_LE(here, RatingFromBands(static_cast<Band>(l), static_cast<Band>(i + 1)));
      }
    }
  }
}

Assessment Base(double pd) {
  Assessment a;
  a.provider_id = "P001";
  a.pd_one_year = pd;
  return a;
}

TEST(RateAssessment, BusinessFailureIsBlackWhateverTheMatrixSays) {
  Assessment a = Base(0.01);
  a.business_failure = true;
  RateAssessment(a, RatingInputs{.impact = {.children_placed = 3}}, RiskConfig{});
  EXPECT_EQ(a.rating, Rating::kBlack);
  ASSERT_FALSE(a.explanation.reasons.empty());
  EXPECT_NE(a.explanation.reasons[0].find("business-failure"), std::string::npos)
      << "the failure event must be the first reason, got: " << a.explanation.reasons[0];
  EXPECT_DOUBLE_EQ(a.score, 4.0) << "p = 1 after failure, times (3 children + 1)";
}

TEST(RateAssessment, CovenantBreachFloorsLikelihoodAtHighAndLeadsTheReasons) {
  Assessment a = Base(0.01);  // low on the PD alone
  CovenantHeadroom c;
  c.facility_id = "F1";
  c.covenant = "max_net_leverage";
  c.limit = 6.0;
  c.actual = 7.2;
  c.headroom_ratio = -1.2;
  c.breached = true;
  a.covenants.push_back(c);
  RateAssessment(a, RatingInputs{.impact = {.children_placed = 250, .in_oversight_scope = true}}, RiskConfig{});
  EXPECT_EQ(a.likelihood, Band::kHigh);
  EXPECT_EQ(a.impact, Band::kVeryHigh);
  EXPECT_EQ(a.rating, Rating::kRed);
  ASSERT_FALSE(a.explanation.reasons.empty());
  EXPECT_NE(a.explanation.reasons[0].find("max_net_leverage"), std::string::npos) << a.explanation.reasons[0];
  EXPECT_NE(a.explanation.reasons[0].find("F1"), std::string::npos);
  bool floor_recorded = false;
  for (const auto& f : a.explanation.contributions) {
    if (f.factor.view().find("breached") != std::string::npos) floor_recorded = f.contribution == 2;
  }
  EXPECT_TRUE(floor_recorded) << "low -> high is two bands";
}

// Every kind of reason at once: they come out by priority (failure event,
// covenant breach, going concern, liquidity, likelihood, impact, warning
// signs), warning signs in the order the rules gather them; the
// likelihood reason names the configured bands, per configuration.
TEST(RateAssessment, ReasonsComeOutByPriorityWithTheConfiguredBands) {
  auto rate = [](const RiskConfig& config) {
    Assessment a = Base(0.05);
    a.business_failure = true;
    CovenantHeadroom c;
    c.facility_id = "F1";
    c.covenant = "min_interest_cover";
    c.limit = 2.0;
    c.actual = 1.5;
    c.breached = true;
    a.covenants.push_back(c);
    a.going_concern_uncertainty = true;
    a.liquidity_headroom = -2.5e6;
    a.accounts_overdue = true;
    a.net_debt_to_ebitda = 7.5;
    a.altman_zone = "distress";
    a.altman_z2 = 0.4;
    a.debt_maturing_12m = 3e6;
    RateAssessment(a, RatingInputs{.impact = {.children_placed = 40, .local_authorities_served = 3}}, config);
    return a.explanation.reasons;
  };
  const std::vector<std::string> reasons = rate(RiskConfig{});
  const std::vector<std::string> starts = {
      "A business-failure event", "Covenant min_interest_cover", "The accounts report a material uncertainty",
      "Cash and undrawn facilities fall £2.5m short", "Combined one-year probability of failure is 5.0%",
      "Impact ",  "Accounts are overdue", "Net debt is 7.5x EBITDA", "Altman Z''-score 0.40",
      "£3.0m of debt matures"};
  ASSERT_EQ(reasons.size(), starts.size());
  for (std::size_t i = 0; i < starts.size(); ++i) {
    EXPECT_EQ(reasons[i].rfind(starts[i], 0), 0u) << "reason " << i << ": " << reasons[i];
  }
  EXPECT_EQ(reasons[4], "Combined one-year probability of failure is 5.0% (medium on the probability bands from "
                        "2.0%, 8.0% and 20.0%)");
  RiskConfig other;
  other.default_model.pd_medium = 0.03;
  EXPECT_EQ(rate(other)[4], "Combined one-year probability of failure is 5.0% (medium on the probability bands from "
                            "3.0%, 8.0% and 20.0%)");
  EXPECT_EQ(rate(RiskConfig{})[4], reasons[4]) << "back to the first configuration";
}

TEST(RateAssessment, UnassessableLikelihoodIsNeverReadAsLow) {
  Assessment a = Base(0.01);
  RateAssessment(a, RatingInputs{.impact = {.children_placed = 60}, .likelihood_assessable = false},
                 RiskConfig{});
  EXPECT_EQ(a.likelihood, Band::kMedium);
  EXPECT_EQ(a.rating, Rating::kAmber);  // medium x medium
  EXPECT_NEAR(a.score, 0.02 * 61, 1e-12) << "PD floored at pd_medium for the score";
}

TEST(RateAssessment, ScoreIsExpectedChildrenDisplaced) {
  Assessment a = Base(0.05);
  RateAssessment(a, RatingInputs{.impact = {.children_placed = 99}}, RiskConfig{});
  EXPECT_NEAR(a.score, 0.05 * 100, 1e-12) << "computed " << a.score;
  EXPECT_EQ(a.likelihood, Band::kMedium);
  EXPECT_EQ(a.impact, Band::kMedium);
  EXPECT_EQ(a.rating, Rating::kAmber);
}

TEST(RateAssessment, HealthySmallProviderIsGreen) {
  Assessment a = Base(0.004);
  RateAssessment(a, RatingInputs{.impact = {.children_placed = 12, .local_authorities_served = 2}}, RiskConfig{});
  EXPECT_EQ(a.rating, Rating::kGreen);
  EXPECT_EQ(a.likelihood, Band::kLow);
  EXPECT_EQ(a.impact, Band::kLow);
}

}  // namespace
}  // namespace oversight::risk
