// The combined one-year PD (risk/default/combined_pd.h): a log-odds sum whose
// terms are reported as factor contributions. Expected values are computed
// independently here from the documented formula.
#include <cmath>
#include <limits>
#include <numeric>

#include <gtest/gtest.h>

#include "risk/default/combined_pd.h"

namespace oversight::risk {
namespace {

double Logit(double p) { return std::log(p / (1 - p)); }

double SumOfContributions(const CombinedPd& combined) {
  double sum = 0;
  for (const FactorContribution& c : combined.contributions) sum += c.contribution;
  return sum;
}

TEST(CombinedPd, NoEvidenceGivesThePrior) {
  auto r = CombineDefaultEvidence(DefaultEvidence{});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_NEAR(r->pd, PdCombinationConfig{}.prior_pd, 1e-15) << "PD computed " << r->pd;
  ASSERT_EQ(r->contributions.size(), 1u);
  EXPECT_EQ(r->contributions[0].scale, kLogOddsScale);
}

TEST(CombinedPd, AllModelsGiveTheWeightedMeanOfLogOdds) {
  DefaultEvidence e;
  e.merton_pd = 0.127;
  e.ohlson_pd = 0.05;
  e.altman_zone = AltmanZone::kGrey;  // 3%
  auto r = CombineDefaultEvidence(e);
  ASSERT_TRUE(r.ok()) << r.status();
  // 0.4 logit(0.127) + 0.3 logit(0.05) + 0.3 logit(0.03): the prior cancels
  // when the weights of the models present sum to 1.
  const double expected = 0.4 * Logit(0.127) + 0.3 * Logit(0.05) + 0.3 * Logit(0.03);
  EXPECT_NEAR(r->log_odds, expected, 1e-12) << "computed " << r->log_odds;
  EXPECT_NEAR(r->pd, 1 / (1 + std::exp(-expected)), 1e-12);
  EXPECT_NEAR(SumOfContributions(*r), r->log_odds, 1e-12);
  EXPECT_EQ(r->contributions.size(), 4u);  // prior + three models
}

TEST(CombinedPd, WeightsRenormaliseOverModelsPresent) {
  DefaultEvidence e;
  e.ohlson_pd = 0.20;
  auto r = CombineDefaultEvidence(e);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_NEAR(r->pd, 0.20, 1e-12) << "a single model stands alone; computed " << r->pd;
}

TEST(CombinedPd, FlagsAddTheirDocumentedIncrements) {
  DefaultEvidence e;
  e.merton_pd = 0.02;
  e.going_concern_uncertainty = true;
  e.covenant_breached = true;
  PdCombinationConfig config;
  auto r = CombineDefaultEvidence(e, config);
  ASSERT_TRUE(r.ok()) << r.status();
  const double expected =
      Logit(0.02) + config.going_concern_uncertainty + config.covenant_breached;
  EXPECT_NEAR(r->log_odds, expected, 1e-12) << "computed " << r->log_odds;
  EXPECT_NEAR(SumOfContributions(*r), r->log_odds, 1e-12);
}

DefaultEvidence WithFlags(int mask) {
  DefaultEvidence e;
  e.going_concern_uncertainty = mask & 1;
  e.covenant_breached = mask & 2;
  e.liquidity_headroom_negative = mask & 4;
  e.refinancing_without_liquidity = mask & 8;
  e.negative_net_tangible_assets = mask & 16;
  e.accounts_overdue = mask & 32;
  e.business_failure = mask & 64;
  return e;
}

// Every subset of the seven adverse flags, crossed with several model states:
// adding any one flag never lowers the PD; the PD stays in [0, 1]; the
// contributions sum to the log-odds.
TEST(CombinedPd, PropertiesOverEveryFlagCombination) {
  const std::array<DefaultEvidence, 4> bases = [] {
    std::array<DefaultEvidence, 4> b{};
    b[1].merton_pd = 0.0;  // clamped, must not produce -infinity
    b[2].ohlson_pd = 0.9;
    b[2].altman_zone = AltmanZone::kDistress;
    b[3].merton_pd = 1.0;
    b[3].ohlson_pd = 0.01;
    b[3].altman_zone = AltmanZone::kSafe;
    return b;
  }();
  for (const DefaultEvidence& base : bases) {
    for (int mask = 0; mask < 128; ++mask) {
      DefaultEvidence e = WithFlags(mask);
      e.merton_pd = base.merton_pd;
      e.ohlson_pd = base.ohlson_pd;
      e.altman_zone = base.altman_zone;
      auto r = CombineDefaultEvidence(e);
      ASSERT_TRUE(r.ok()) << r.status();
      EXPECT_GE(r->pd, 0.0);
      EXPECT_LE(r->pd, 1.0);
      if (e.business_failure) {
        EXPECT_EQ(r->pd, 1.0) << "business failure must give PD = 1";
        EXPECT_EQ(r->log_odds, std::numeric_limits<double>::infinity());
      } else {
        EXPECT_TRUE(std::isfinite(r->log_odds)) << "mask " << mask;
        EXPECT_NEAR(SumOfContributions(*r), r->log_odds, 1e-9) << "mask " << mask;
      }
      for (int bit = 0; bit < 7; ++bit) {
        if (mask & (1 << bit)) continue;
        DefaultEvidence worse = WithFlags(mask | (1 << bit));
        worse.merton_pd = base.merton_pd;
        worse.ohlson_pd = base.ohlson_pd;
        worse.altman_zone = base.altman_zone;
        auto rw = CombineDefaultEvidence(worse);
        ASSERT_TRUE(rw.ok()) << rw.status();
        EXPECT_GE(rw->pd, r->pd) << "adding flag bit " << bit << " to mask " << mask
                                 << " lowered PD from " << r->pd << " to " << rw->pd;
      }
    }
  }
}

TEST(CombinedPd, WorseAltmanZoneNeverLowersPd) {
  double previous = 0;
  for (AltmanZone zone : {AltmanZone::kSafe, AltmanZone::kGrey, AltmanZone::kDistress}) {
    DefaultEvidence e;
    e.ohlson_pd = 0.04;
    e.altman_zone = zone;
    auto r = CombineDefaultEvidence(e);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_GT(r->pd, previous) << AltmanZoneName(zone);
    previous = r->pd;
  }
}

TEST(CombinedPd, RejectsInvalidPdsAndConfigNamingTheField) {
  DefaultEvidence e;
  e.merton_pd = 1.5;
  auto r = CombineDefaultEvidence(e);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("merton_pd"), absl::string_view::npos) << r.status();

  PdCombinationConfig config;
  config.covenant_breached = -1;
  auto bad = CombineDefaultEvidence(DefaultEvidence{}, config);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("covenant_breached"), absl::string_view::npos)
      << bad.status();
}

TEST(CombinedPd, LogOddsHelpersInvertEachOther) {
  for (double p : {1e-9, 0.01, 0.5, 0.9, 1 - 1e-9}) {
    EXPECT_NEAR(PdFromLogOdds(LogOdds(p)), p, 1e-12 * std::max(1.0, 1 / p)) << p;
  }
  EXPECT_EQ(PdFromLogOdds(-1000), 0.0);
  EXPECT_EQ(PdFromLogOdds(1000), 1.0);
}

}  // namespace
}  // namespace oversight::risk
