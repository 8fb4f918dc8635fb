// Altman's Z''-score (Altman 2000, four-variable model for private
// non-manufacturers). Reference values: /work/shared/domain.md s.4, checked by
// hand below.
#include <gtest/gtest.h>

#include "risk/default/altman_z_score.h"

namespace oversight::risk {
namespace {

constexpr double kTol = 1e-9;

TEST(AltmanZ2, GreyZoneExample) {
  // 6.56*0.20 + 3.26*0.10 + 6.72*0.05 + 1.05*0.50 = 1.312 + 0.326 + 0.336 + 0.525 = 2.499
  auto result = ComputeAltmanZ2(AltmanRatios{.x1 = 0.20, .x2 = 0.10, .x3 = 0.05, .x4 = 0.50});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_NEAR(result->z, 2.499, kTol) << "computed " << result->z << " expected 2.499";
  EXPECT_EQ(result->zone, AltmanZone::kGrey) << AltmanZoneName(result->zone);
}

TEST(AltmanZ2, SafeZoneExample) {
  // 6.56*0.20 + 3.26*0.30 + 6.72*0.10 + 1.05*1.00 = 1.312 + 0.978 + 0.672 + 1.05 = 4.012
  auto result = ComputeAltmanZ2(AltmanRatios{.x1 = 0.20, .x2 = 0.30, .x3 = 0.10, .x4 = 1.00});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_NEAR(result->z, 4.012, kTol) << "computed " << result->z << " expected 4.012";
  EXPECT_EQ(result->zone, AltmanZone::kSafe) << AltmanZoneName(result->zone);
}

TEST(AltmanZ2, ZoneBoundaries) {
  // Safe strictly above 2.60, distress strictly below 1.10, grey in between
  // inclusive of both cut-offs (Altman 2000).
  EXPECT_EQ(AltmanZoneOf(2.60), AltmanZone::kGrey);
  EXPECT_EQ(AltmanZoneOf(2.6000001), AltmanZone::kSafe);
  EXPECT_EQ(AltmanZoneOf(1.10), AltmanZone::kGrey);
  EXPECT_EQ(AltmanZoneOf(1.0999999), AltmanZone::kDistress);
  EXPECT_EQ(AltmanZoneOf(-5.0), AltmanZone::kDistress);
  // The emerging-market score is shifted by 3.25 and so are its cut-offs.
  EXPECT_EQ(AltmanZoneOf(2.60 + 3.25, /*emerging_market=*/true), AltmanZone::kGrey);
  EXPECT_EQ(AltmanZoneOf(2.61 + 3.25, /*emerging_market=*/true), AltmanZone::kSafe);
  EXPECT_EQ(AltmanZoneOf(1.09 + 3.25, /*emerging_market=*/true), AltmanZone::kDistress);
}

TEST(AltmanZ2, EmergingMarketVariantAddsConstantWithoutChangingZone) {
  AltmanRatios ratios{.x1 = 0.20, .x2 = 0.10, .x3 = 0.05, .x4 = 0.50};
  auto em = ComputeAltmanZ2(ratios, AltmanOptions{.emerging_market = true});
  ASSERT_TRUE(em.ok()) << em.status();
  EXPECT_NEAR(em->z, 2.499 + 3.25, kTol) << "computed " << em->z;
  EXPECT_EQ(em->zone, AltmanZone::kGrey);
  EXPECT_TRUE(em->emerging_market);
}

TEST(AltmanZ2, RatiosFromFiguresMatchDefinitions) {
  // WC = 30 - 10 = 20 -> X1 = 0.20; RE 10 -> 0.10; EBIT 5 -> 0.05; equity 40 / TL 80 = 0.50.
  AltmanFigures figures{.current_assets = 30, .current_liabilities = 10, .total_assets = 100,
                        .retained_earnings = 10, .ebit = 5, .book_equity = 40,
                        .total_liabilities = 80};
  auto result = ComputeAltmanZ2(figures);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_NEAR(result->ratios.x1, 0.20, kTol);
  EXPECT_NEAR(result->ratios.x2, 0.10, kTol);
  EXPECT_NEAR(result->ratios.x3, 0.05, kTol);
  EXPECT_NEAR(result->ratios.x4, 0.50, kTol);
  EXPECT_NEAR(result->z, 2.499, kTol) << "computed " << result->z;
}

TEST(AltmanZ2, RejectsNonPositiveDenominatorsNamingTheField) {
  AltmanFigures figures{.current_assets = 1, .current_liabilities = 1, .total_assets = 0,
                        .retained_earnings = 0, .ebit = 0, .book_equity = 0,
                        .total_liabilities = 1};
  auto zero_assets = ComputeAltmanZ2(figures);
  ASSERT_FALSE(zero_assets.ok());
  EXPECT_EQ(zero_assets.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(zero_assets.status().message().find("total_assets"), absl::string_view::npos)
      << zero_assets.status();
  figures.total_assets = 10;
  figures.total_liabilities = 0;
  auto zero_liabilities = ComputeAltmanZ2(figures);
  ASSERT_FALSE(zero_liabilities.ok());
  EXPECT_NE(zero_liabilities.status().message().find("total_liabilities"),
            absl::string_view::npos)
      << zero_liabilities.status();
}

Accounts CompleteAccounts() {
  Accounts a;
  a.provider_id = "P001";
  a.period = {Date(1, QuantLib::April, 2023), Date(31, QuantLib::March, 2024)};
  a.current_assets = 3'000'000;
  a.current_liabilities = 1'000'000;
  a.total_assets = 10'000'000;
  a.retained_earnings = 1'000'000;
  a.operating_profit = 500'000;
  a.total_liabilities = 8'000'000;
  a.net_assets = 2'000'000;
  a.provenance.source = "sample/accounts.csv:7";
  a.provenance.version = 2;
  return a;
}

TEST(AltmanFromAccounts, ComputesFromStatutoryFigures) {
  // X = (0.20, 0.10, 0.05, 2/8 = 0.25): Z'' = 1.312 + 0.326 + 0.336 + 0.2625 = 2.2365.
  ModelOutcome<AltmanResult> outcome = AltmanFromAccounts(CompleteAccounts());
  ASSERT_TRUE(outcome.has_value()) << outcome.note;
  EXPECT_NEAR(outcome.value->z, 2.2365, kTol) << "computed " << outcome.value->z;
  EXPECT_EQ(outcome.value->zone, AltmanZone::kGrey);
  ASSERT_EQ(outcome.inputs.size(), 1u);
  EXPECT_EQ(outcome.inputs[0], "accounts P001 2024-03-31 (sample/accounts.csv:7, v2)");
}

TEST(AltmanFromAccounts, OmittedCitationsChangeNothingElse) {
  const ModelOutcome<AltmanResult> cited = AltmanFromAccounts(CompleteAccounts());
  const ModelOutcome<AltmanResult> omitted = AltmanFromAccounts(CompleteAccounts(), {}, ExplanationText::kOmit);
  ASSERT_TRUE(cited.has_value() && omitted.has_value());
  EXPECT_EQ(omitted.value->z, cited.value->z);
  EXPECT_EQ(omitted.value->zone, cited.value->zone);
  EXPECT_EQ(omitted.note, cited.note);
  EXPECT_TRUE(omitted.inputs.empty());
  EXPECT_EQ(cited.inputs.size(), 1u);
}

TEST(AltmanFromAccounts, MissingFigureIsAbsentWithTheReason) {
  Accounts a = CompleteAccounts();
  a.retained_earnings.reset();
  a.operating_profit.reset();
  ModelOutcome<AltmanResult> outcome = AltmanFromAccounts(a);
  EXPECT_FALSE(outcome.has_value());
  EXPECT_NE(outcome.note.find("retained_earnings"), std::string::npos) << outcome.note;
  EXPECT_NE(outcome.note.find("operating_profit"), std::string::npos) << outcome.note;
}

TEST(AltmanFromAccounts, BookEquityFallsBackToBalanceSheetIdentity) {
  Accounts a = CompleteAccounts();
  a.net_assets.reset();
  ModelOutcome<AltmanResult> outcome = AltmanFromAccounts(a);
  ASSERT_TRUE(outcome.has_value()) << outcome.note;
  EXPECT_NEAR(outcome.value->ratios.x4, 0.25, kTol);
  EXPECT_NE(outcome.note.find("total_assets - total_liabilities"), std::string::npos)
      << outcome.note;
}

TEST(AltmanFromProviderData, UsesLatestAccountsAtOrBeforeAsOf) {
  ProviderData data;
  Accounts older = CompleteAccounts();
  older.period = {Date(1, QuantLib::April, 2022), Date(31, QuantLib::March, 2023)};
  older.operating_profit = -2'000'000;  // distress year
  Accounts future = CompleteAccounts();
  future.period = {Date(1, QuantLib::April, 2024), Date(31, QuantLib::March, 2025)};
  future.operating_profit = -5'000'000;
  data.accounts = {future, CompleteAccounts(), older};
  auto outcome = AltmanFromProviderData(data, Date(30, QuantLib::June, 2024));
  ASSERT_TRUE(outcome.has_value()) << outcome.note;
  EXPECT_NEAR(outcome.value->z, 2.2365, kTol) << "picked the wrong year: z " << outcome.value->z;

  auto none = AltmanFromProviderData(data, Date(1, QuantLib::January, 2020));
  EXPECT_FALSE(none.has_value());
  EXPECT_NE(none.note.find("no accounts"), std::string::npos) << none.note;
}

TEST(AltmanZoneNames, RoundTrip) {
  for (AltmanZone zone : {AltmanZone::kSafe, AltmanZone::kGrey, AltmanZone::kDistress}) {
    auto parsed = ParseAltmanZone(AltmanZoneName(zone));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(*parsed, zone);
  }
  EXPECT_FALSE(ParseAltmanZone("amber").ok());
}

}  // namespace
}  // namespace oversight::risk
