// The synthetic benchmark market must be valid input (every record passes
// the validation the service applies on submission), deterministic, and
// varied enough that the benchmarks exercise more than one branch of the
// models.
#include "bench/market/synthetic_market.h"

#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "risk/assessment/assessor.h"
#include "risk/config/risk_config.h"
#include "risk/domain/validation.h"

namespace oversight::bench {
namespace {

SyntheticMarketOptions Small(int providers) {
  SyntheticMarketOptions options;
  options.providers = providers;
  return options;
}

TEST(SyntheticMarketTest, EveryRecordValidates) {
  for (const risk::ProviderData& data : SyntheticMarket(Small(300))) {
    const std::string& id = data.provider.provider_id;
    EXPECT_TRUE(risk::ValidateProvider(data.provider).ok()) << id;
    for (const auto& r : data.accounts) {
      absl::Status s = risk::ValidateAccounts(r);
      EXPECT_TRUE(s.ok()) << id << " " << s;
    }
    for (const auto& r : data.related_party_flows) EXPECT_TRUE(risk::ValidateRelatedPartyFlows(r).ok()) << id;
    for (const auto& r : data.facilities) {
      absl::Status s = risk::ValidateDebtFacility(r);
      EXPECT_TRUE(s.ok()) << id << " " << r.facility_id << " " << s;
    }
    for (const auto& r : data.settings) EXPECT_TRUE(risk::ValidateSetting(r).ok()) << id << " " << r.urn;
    for (const auto& r : data.placements) EXPECT_TRUE(risk::ValidatePlacementReturn(r).ok()) << id;
    for (const auto& r : data.equity_observations) EXPECT_TRUE(risk::ValidateEquityObservation(r).ok()) << id;
  }
}

TEST(SyntheticMarketTest, ShapeFollowsTheOptions) {
  SyntheticMarketOptions options = Small(20);
  options.years_of_accounts = 5;
  options.facilities_per_provider = 3;
  for (const risk::ProviderData& data : SyntheticMarket(options)) {
    EXPECT_EQ(data.accounts.size(), 5u) << data.provider.provider_id;
    EXPECT_EQ(data.facilities.size(), 3u) << data.provider.provider_id;
    EXPECT_EQ(data.settings.size(), 2u) << data.provider.provider_id;
    EXPECT_EQ(data.placements.size(), 2u) << data.provider.provider_id;
    // The latest accounts are public at the scoring date.
    EXPECT_LE(data.accounts.back().filing_date, SyntheticAsOf()) << data.provider.provider_id;
  }
  EXPECT_EQ(SyntheticMarket(options)[7].provider.provider_id, "S000007");
}

TEST(SyntheticMarketTest, ProviderDependsOnlyOnSeedAndIndex) {
  const SyntheticMarketOptions options = Small(50);
  const std::vector<risk::ProviderData> market = SyntheticMarket(options);
  const risk::ProviderData again = SyntheticProvider(options, 42);
  ASSERT_EQ(market[42].accounts.size(), again.accounts.size());
  for (std::size_t i = 0; i < again.accounts.size(); ++i) {
    EXPECT_EQ(market[42].accounts[i].revenue, again.accounts[i].revenue);
    EXPECT_EQ(market[42].accounts[i].net_assets, again.accounts[i].net_assets);
  }
  EXPECT_EQ(market[42].facilities[0].maturity_date, again.facilities[0].maturity_date);
  SyntheticMarketOptions other_seed = options;
  other_seed.seed += 1;
  EXPECT_NE(SyntheticProvider(other_seed, 42).accounts[0].revenue, again.accounts[0].revenue);
}

TEST(SyntheticMarketTest, ScoresWithoutFailuresAcrossSeveralRatings) {
  const std::vector<risk::ProviderData> market = SyntheticMarket(Small(400));
  const risk::MarketAssessment assessed = risk::AssessMarket(market, risk::RiskConfig{}, SyntheticAsOf());
  ASSERT_TRUE(assessed.failures.empty())
      << assessed.failures.front().provider_id << ": " << assessed.failures.front().status;
  EXPECT_EQ(assessed.ranked.size(), market.size());
  std::set<risk::Rating> ratings;
  int with_merton = 0;
  for (const risk::Assessment& a : assessed.ranked) {
    ratings.insert(a.rating);
    if (a.merton_pd.has_value()) ++with_merton;
  }
  EXPECT_GE(ratings.size(), 3u) << "the market should exercise several rating outcomes";
  EXPECT_GT(with_merton, 200) << "Merton should be computable for most providers";
}

}  // namespace
}  // namespace oversight::bench
