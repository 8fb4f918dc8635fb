// Difficult-to-replace impact: market snapshot, HHI/CR4 concentration,
// authority dependency and the financial oversight conditions. Expected
// figures are hand computations, shown beside each assertion.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "risk/impact/concentration.h"
#include "risk/impact/market_snapshot.h"
#include "risk/impact/provider_impact.h"

namespace oversight::risk {
namespace {

const Date kAsOf(31, QuantLib::March, 2025);

PlacementReturn Placed(const std::string& provider, const std::string& authority, Region region, int children,
                       int places = 0, Date as_of = kAsOf,
                       SettingType type = SettingType::kChildrensHome) {
  PlacementReturn p;
  p.provider_id = provider;
  p.as_of = as_of;
  p.placing_local_authority = authority;
  p.region = region;
  p.setting_type = type;
  p.children_placed = children;
  p.registered_places = places;
  p.average_weekly_fee = 5000;
  return p;
}

ProviderData Provider(const std::string& id, std::vector<PlacementReturn> placements,
                      const std::string& group = "") {
  ProviderData data;
  data.provider.provider_id = id;
  data.provider.name = "Provider " + id;
  data.provider.parent_group = group;
  data.placements = std::move(placements);
  return data;
}

Setting SettingIn(const std::string& provider, const std::string& authority, int places) {
  Setting s;
  s.provider_id = provider;
  s.urn = "SC" + std::to_string(100000 + places);
  s.local_authority = authority;
  s.region = Region::kNorthWest;
  s.registered_places = places;
  return s;
}

TEST(Concentration, HhiAndCr4OfFortyThirtyTwentyTen) {
  // Hand computation: 40^2 + 30^2 + 20^2 + 10^2 = 1600 + 900 + 400 + 100 = 3000; CR4 = 100%.
  std::vector<ProviderData> market = {
      Provider("A", {Placed("A", "Leeds", Region::kYorkshireAndTheHumber, 40)}),
      Provider("B", {Placed("B", "Leeds", Region::kYorkshireAndTheHumber, 30)}),
      Provider("C", {Placed("C", "Leeds", Region::kYorkshireAndTheHumber, 20)}),
      Provider("D", {Placed("D", "Leeds", Region::kYorkshireAndTheHumber, 10)}),
  };
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, kAsOf);
  auto region = ConcentrationInRegion(snapshot, Region::kYorkshireAndTheHumber);
  ASSERT_TRUE(region.ok()) << region.status();
  EXPECT_NEAR(region->hhi, 3000.0, 1e-9) << "computed " << region->hhi << " expected 3000";
  EXPECT_NEAR(region->top4_share, 1.0, 1e-12) << "computed " << region->top4_share;
  EXPECT_EQ(region->children_placed, 100);
  EXPECT_EQ(region->area, "yorkshire_and_the_humber");
  ASSERT_EQ(region->shares.size(), 4u);
  EXPECT_EQ(region->shares[0].provider_id, "A");
  EXPECT_NEAR(region->shares[0].share, 0.40, 1e-12);
  EXPECT_EQ(region->shares[3].provider_id, "D");

  auto leeds = ConcentrationInAuthority(snapshot, "Leeds");
  ASSERT_TRUE(leeds.ok()) << leeds.status();
  EXPECT_NEAR(leeds->hhi, 3000.0, 1e-9) << "computed " << leeds->hhi;
}

TEST(Concentration, Cr4ExcludesTheFifthProvider) {
  // 30/25/20/15/10: HHI = 900 + 625 + 400 + 225 + 100 = 2250; CR4 = 90%.
  std::vector<ProviderData> market;
  const std::vector<std::pair<std::string, int>> sizes = {{"E", 10}, {"A", 30}, {"C", 20}, {"B", 25}, {"D", 15}};
  for (const auto& [id, n] : sizes) market.push_back(Provider(id, {Placed(id, "Kent", Region::kSouthEast, n)}));
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, kAsOf);
  auto kent = ConcentrationInAuthority(snapshot, "Kent");
  ASSERT_TRUE(kent.ok()) << kent.status();
  EXPECT_NEAR(kent->hhi, 2250.0, 1e-9) << "computed " << kent->hhi << " expected 2250";
  EXPECT_NEAR(kent->top4_share, 0.90, 1e-12) << "computed " << kent->top4_share << " expected 0.90";
  ASSERT_EQ(kent->shares.size(), 5u);
  EXPECT_EQ(kent->shares[0].provider_id, "A") << "largest first";
  EXPECT_EQ(kent->shares[4].provider_id, "E");
}

TEST(Concentration, MonopolyIsTenThousandAndUnknownAuthorityIsNotFound) {
  std::vector<ProviderData> market = {Provider("A", {Placed("A", "Cumbria", Region::kNorthWest, 7)})};
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, kAsOf);
  auto cumbria = ConcentrationInAuthority(snapshot, "Cumbria");
  ASSERT_TRUE(cumbria.ok());
  EXPECT_NEAR(cumbria->hhi, 10000.0, 1e-9);
  auto none = ConcentrationInAuthority(snapshot, "Rutland");
  EXPECT_EQ(none.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(none.status().message().find("Rutland"), absl::string_view::npos) << none.status();
  auto empty_region = ConcentrationInRegion(snapshot, Region::kLondon);
  ASSERT_TRUE(empty_region.ok());
  EXPECT_EQ(empty_region->children_placed, 0);
  EXPECT_EQ(empty_region->hhi, 0.0);
}

TEST(MarketSnapshot, UsesTheLatestReturnPerAuthorityAndSettingTypeAtOrBeforeTheDate) {
  const Date earlier(31, QuantLib::December, 2024);
  const Date later(30, QuantLib::June, 2025);  // after the snapshot date: not yet known
  std::vector<ProviderData> market = {Provider(
      "A", {Placed("A", "Leeds", Region::kYorkshireAndTheHumber, 9, 10, earlier),
            Placed("A", "Leeds", Region::kYorkshireAndTheHumber, 12, 15, kAsOf),
            Placed("A", "Leeds", Region::kYorkshireAndTheHumber, 99, 99, later),
            Placed("A", "Leeds", Region::kYorkshireAndTheHumber, 5, 5, earlier, SettingType::kFosteringAgency)})};
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, kAsOf);
  // Latest children's-home return (12) + the only fostering return (5).
  EXPECT_EQ(snapshot.ChildrenPlacedInAuthority("Leeds"), 17);
  EXPECT_EQ(snapshot.ChildrenPlacedInEngland(), 17);
  EXPECT_EQ(snapshot.ChildrenPlacedInRegion(Region::kYorkshireAndTheHumber), 17);
  // Spare: (15 - 12) + (5 - 5) = 3.
  EXPECT_EQ(snapshot.SparePlacesInRegion(Region::kYorkshireAndTheHumber), 3);
  const auto* totals = snapshot.FindProvider("A");
  ASSERT_NE(totals, nullptr);
  EXPECT_EQ(totals->registered_places, 20) << "places from returns when no setting is recorded";
}

TEST(MarketSnapshot, GroupTotalsAreTheSumOfTheirMembersAndAnAuthorityIsCountedOncePerProvider) {
  // Group G = A + B; C standalone. A places in Leeds twice (two setting
  // types) and has a setting in Leeds and one in York: Leeds is covered once.
  ProviderData a = Provider("A", {Placed("A", "Leeds", Region::kYorkshireAndTheHumber, 4, 6),
                                  Placed("A", "Leeds", Region::kYorkshireAndTheHumber, 2, 2, kAsOf,
                                         SettingType::kFosteringAgency),
                                  Placed("A", "Bradford", Region::kYorkshireAndTheHumber, 3, 3)},
                            "G");
  a.settings = {SettingIn("A", "Leeds", 5), SettingIn("A", "York", 2)};
  ProviderData b = Provider("B", {Placed("B", "Leeds", Region::kLondon, 1, 4)}, "G");
  ProviderData c = Provider("C", {Placed("C", "York", Region::kYorkshireAndTheHumber, 7, 7)});
  std::vector<ProviderData> market = {a, b, c};
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, kAsOf);

  const auto* totals_a = snapshot.FindProvider("A");
  ASSERT_NE(totals_a, nullptr);
  const std::optional<MarketSnapshot::AuthorityId> leeds = snapshot.FindAuthority("Leeds");
  const std::optional<MarketSnapshot::AuthorityId> york = snapshot.FindAuthority("York");
  ASSERT_TRUE(leeds.has_value());
  ASSERT_TRUE(york.has_value());
  EXPECT_EQ(snapshot.AuthorityName(*leeds), "Leeds");
  EXPECT_FALSE(snapshot.FindAuthority("Wakefield").has_value());
  EXPECT_EQ(totals_a->ChildrenPlacedFor(*leeds), 6);  // 4 + 2
  EXPECT_EQ(totals_a->ChildrenPlacedFor(*york), 0);   // a setting there, no child placed
  // Leeds (children and a setting), Bradford (children), York (a setting).
  EXPECT_EQ(totals_a->LocalAuthoritiesCovered(), 3);
  EXPECT_EQ(snapshot.ChildrenPlacedInAuthority("Leeds"), 7);  // 6 + 1
  EXPECT_EQ(snapshot.ChildrenPlacedInAuthority(*york), 7);
  // York has children (C's) and appears once; an authority with settings only would not.
  EXPECT_EQ(snapshot.LocalAuthorities(), (std::vector<std::string>{"Bradford", "Leeds", "York"}));

  const auto* group = snapshot.FindGroupOf("B");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->provider_id, "G");
  EXPECT_EQ(group, snapshot.FindGroupOf("A"));
  EXPECT_EQ(group->children_placed, 10);  // 9 + 1
  EXPECT_EQ(group->settings, 2);
  EXPECT_EQ(group->registered_places, 7 + 4);  // A's settings (5 + 2); B's returns (4)
  EXPECT_EQ(group->ChildrenPlacedFor(*leeds), 7);
  EXPECT_EQ(group->children_by_region[static_cast<std::size_t>(Region::kLondon)], 1);
  EXPECT_EQ(group->children_by_region[static_cast<std::size_t>(Region::kYorkshireAndTheHumber)], 9);
  EXPECT_EQ(snapshot.FindGroupOf("C"), snapshot.FindProvider("C")) << "standalone: its own group";
  EXPECT_EQ(snapshot.FindGroupOf("Z"), nullptr);
}

TEST(MarketSnapshot, AProviderListedTwiceAddsIntoOneTotalAndCountsOnceInItsGroup) {
  std::vector<ProviderData> market = {Provider("A", {Placed("A", "Leeds", Region::kLondon, 3)}, "G"),
                                      Provider("A", {Placed("A", "York", Region::kLondon, 2)}, "G")};
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, kAsOf);
  EXPECT_EQ(snapshot.ProvidersInMarket(), 1);
  ASSERT_NE(snapshot.FindProvider("A"), nullptr);
  EXPECT_EQ(snapshot.FindProvider("A")->children_placed, 5);
  EXPECT_EQ(snapshot.FindGroupOf("A")->children_placed, 5);
}

TEST(ProviderImpact, DependencyThresholdIsStrictlyAboveTheShare) {
  // Authority X: provider A places 20 of 100 (exactly 20%: not dependent).
  // Authority Y: provider A places 21 of 100 (21%: dependent).
  std::vector<ProviderData> market = {
      Provider("A", {Placed("A", "X", Region::kLondon, 20), Placed("A", "Y", Region::kLondon, 21)}),
      Provider("B", {Placed("B", "X", Region::kLondon, 80), Placed("B", "Y", Region::kLondon, 79)}),
  };
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, kAsOf);
  ImpactConfig config;
  config.dependent_authority_share = 0.20;
  const ProviderImpact impact = AssessImpact(snapshot, "A", config);
  EXPECT_EQ(impact.children_placed, 41);
  EXPECT_EQ(impact.local_authorities_dependent, 1) << "20% is at, not above, the threshold";
  EXPECT_NEAR(impact.max_local_authority_share, 0.21, 1e-12);
  ASSERT_EQ(impact.authorities.size(), 2u);
  EXPECT_EQ(impact.authorities[0].local_authority, "Y") << "largest share first";
  EXPECT_TRUE(impact.authorities[0].dependent);
  EXPECT_FALSE(impact.authorities[1].dependent);

  // Lowering the threshold just below 20% makes X dependent too.
  config.dependent_authority_share = 0.1999;
  EXPECT_EQ(AssessImpact(snapshot, "A", config).local_authorities_dependent, 2);
}

TEST(ProviderImpact, ChildrenWithoutPlaceAreThoseBeyondOtherProvidersSpareCapacity) {
  // A houses 30 children in the North West; B and C have 10 and 5 spare
  // places there; A's own vacancies do not count. 30 - 15 = 15 without a place.
  std::vector<ProviderData> market = {
      Provider("A", {Placed("A", "Bolton", Region::kNorthWest, 30, 40)}),
      Provider("B", {Placed("B", "Bolton", Region::kNorthWest, 20, 30)}),
      Provider("C", {Placed("C", "Wigan", Region::kNorthWest, 5, 10),
                     Placed("C", "Leeds", Region::kYorkshireAndTheHumber, 0, 50)}),
  };
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, kAsOf);
  const ProviderImpact impact = AssessImpact(snapshot, "A", ImpactConfig{});
  ASSERT_EQ(impact.regions.size(), 1u);
  EXPECT_EQ(impact.regions[0].region, Region::kNorthWest);
  EXPECT_EQ(impact.regions[0].spare_places_elsewhere, 15);
  EXPECT_EQ(impact.regions[0].children_without_place, 15);
  EXPECT_NEAR(impact.regions[0].share, 30.0 / 55.0, 1e-12);
  // Places: A 40 of 40 + 30 + 10 = 80 in the North West.
  EXPECT_NEAR(impact.regions[0].places_share, 40.0 / 80.0, 1e-12);
  EXPECT_EQ(snapshot.RegisteredPlacesInRegion(Region::kNorthWest), 80);
  EXPECT_EQ(impact.children_without_place, 15);
}

TEST(OversightScope, GroupCompaniesAreCountedTogether) {
  // G1 and G2 belong to group "G": 12 settings each, 24 together (>= 20).
  // S is standalone with 12 settings: not in scope on settings.
  ProviderData g1 = Provider("G1", {Placed("G1", "Leeds", Region::kYorkshireAndTheHumber, 1)}, "G");
  ProviderData g2 = Provider("G2", {Placed("G2", "York", Region::kYorkshireAndTheHumber, 1)}, "G");
  ProviderData s = Provider("S", {Placed("S", "Hull", Region::kYorkshireAndTheHumber, 1)});
  for (int i = 0; i < 12; ++i) {
    g1.settings.push_back(SettingIn("G1", "Leeds", 2));
    g2.settings.push_back(SettingIn("G2", "York", 2));
    s.settings.push_back(SettingIn("S", "Hull", 2));
  }
  // Dilute market share below 2%: 300 children elsewhere.
  ProviderData big = Provider("BIG", {Placed("BIG", "Kent", Region::kSouthEast, 300)});
  std::vector<ProviderData> market = {g1, g2, s, big};
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, kAsOf);
  ImpactConfig config;  // defaults: 20 settings, 400 places, 16 authorities, 2% share

  const OversightScope group = EvaluateOversightScope(snapshot, "G1", config);
  EXPECT_EQ(group.group, "G");
  EXPECT_EQ(group.settings, 24);
  EXPECT_EQ(group.registered_places, 48);
  EXPECT_EQ(group.local_authorities_covered, 2) << "Leeds and York";
  EXPECT_TRUE(group.in_scope);
  ASSERT_EQ(group.conditions_met.size(), 1u);
  EXPECT_NE(group.conditions_met[0].find("24 settings"), std::string::npos) << group.conditions_met[0];

  const OversightScope alone = EvaluateOversightScope(snapshot, "S", config);
  EXPECT_EQ(alone.settings, 12);
  EXPECT_FALSE(alone.in_scope);

  // The biggest placer meets the market-share condition: 300 / 303 children.
  const OversightScope share = EvaluateOversightScope(snapshot, "BIG", config);
  EXPECT_NEAR(share.market_share, 300.0 / 303.0, 1e-12);
  EXPECT_TRUE(share.in_scope);

  // Edge: exactly at the settings threshold is in scope ("at least").
  config.scope_min_settings = 24;
  EXPECT_TRUE(EvaluateOversightScope(snapshot, "G2", config).in_scope);
  config.scope_min_settings = 25;
  EXPECT_FALSE(EvaluateOversightScope(snapshot, "G2", config).in_scope);
}

TEST(OversightScope, UnknownProviderIsOutOfScopeWithNoFigures) {
  const MarketSnapshot snapshot = MarketSnapshot::Build({}, kAsOf);
  const ProviderImpact impact = AssessImpact(snapshot, "nobody", ImpactConfig{});
  EXPECT_FALSE(impact.scope.in_scope);
  EXPECT_EQ(impact.children_placed, 0);
  EXPECT_TRUE(impact.authorities.empty());
}

}  // namespace
}  // namespace oversight::risk

namespace oversight::risk {
namespace {

TEST(MarketSnapshot, SectorComparisonMatchesCompareWithSector) {
  // Operating margins 5%, 10%, 10%, 20% (operating profit / revenue of 100).
  std::vector<ProviderData> market;
  const double profits[] = {5, 10, 10, 20};
  for (int i = 0; i < 4; ++i) {
    ProviderData d;
    d.provider.provider_id = "M" + std::to_string(i);
    Accounts a;
    a.provider_id = d.provider.provider_id;
    a.period = {Date(1, QuantLib::April, 2023), Date(31, QuantLib::March, 2024)};
    a.revenue = 100;
    a.operating_profit = profits[i];
    a.ebitda = profits[i] + 1;
    d.accounts.push_back(a);
    market.push_back(d);
  }
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, kAsOf);
  const std::vector<double> margins = {0.05, 0.10, 0.10, 0.20};
  for (double x : {0.01, 0.05, 0.10, 0.15, 0.20, 0.30}) {
    const SectorComparison fast = snapshot.CompareWithMarket(Measured::Of(x), MarginMeasure::kOperating);
    const SectorComparison reference = CompareWithSector(Measured::Of(x), margins, MarginMeasure::kOperating);
    ASSERT_TRUE(fast.percentile.has_value());
    EXPECT_DOUBLE_EQ(*fast.percentile.value, *reference.percentile.value) << "margin " << x;
    EXPECT_DOUBLE_EQ(*fast.median.value, *reference.median.value);
    EXPECT_DOUBLE_EQ(*fast.lower_quartile.value, *reference.lower_quartile.value);
    EXPECT_DOUBLE_EQ(*fast.upper_quartile.value, *reference.upper_quartile.value);
    EXPECT_EQ(fast.market_size, 4);
  }
  // Hand computation for 10%: one below, two equal -> (1 + 1) / 4 = 0.5.
  EXPECT_DOUBLE_EQ(*snapshot.CompareWithMarket(Measured::Of(0.10), MarginMeasure::kOperating).percentile.value, 0.5);
  // An absent margin stays absent with its reason.
  const SectorComparison absent =
      snapshot.CompareWithMarket(Measured::Missing("revenue missing"), MarginMeasure::kOperating);
  EXPECT_FALSE(absent.percentile.has_value());
  EXPECT_EQ(absent.percentile.missing_reason, "revenue missing");
}

}  // namespace
}  // namespace oversight::risk
