// Sector comparison: percentile and quartiles of the market's margins.
// Expected quartiles are R's quantile(x, type = 7) (Hyndman & Fan 1996),
// computed independently: quantile(c(1, 2, 3, 4)) = 1.75, 2.5, 3.25.
#include <cmath>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "risk/profitability/sector_comparison.h"

namespace oversight::risk {
namespace {

TEST(SectorComparison, QuartilesMatchRType7) {
  const std::vector<double> market = {4, 1, 3, 2};  // order does not matter
  const SectorComparison c =
      CompareWithSector(Measured::Of(3), market, MarginMeasure::kOperating);
  EXPECT_EQ(c.market_size, 4);
  EXPECT_NEAR(*c.lower_quartile.value, 1.75, 1e-12);
  EXPECT_NEAR(*c.median.value, 2.5, 1e-12);
  EXPECT_NEAR(*c.upper_quartile.value, 3.25, 1e-12);
  // Mid-rank: two below, one equal: (2 + 0.5) / 4.
  EXPECT_NEAR(*c.percentile.value, 0.625, 1e-12);
  EXPECT_EQ(MarginMeasureName(c.measure), "operating_margin");
}

TEST(SectorComparison, OddSizedMarketAndTies) {
  const std::vector<double> market = {0.10, 0.15, 0.20, 0.20, 0.30};
  const SectorComparison c =
      CompareWithSector(Measured::Of(0.20), market, MarginMeasure::kEbitda);
  EXPECT_NEAR(*c.lower_quartile.value, 0.15, 1e-12);
  EXPECT_NEAR(*c.median.value, 0.20, 1e-12);
  EXPECT_NEAR(*c.upper_quartile.value, 0.20, 1e-12);
  EXPECT_NEAR(*c.percentile.value, (2 + 0.5 * 2) / 5.0, 1e-12);
  EXPECT_EQ(MarginMeasureName(c.measure), "ebitda_margin");

  // Extremes: the lowest and highest margins sit at the ends.
  EXPECT_NEAR(*CompareWithSector(Measured::Of(0.0), market, MarginMeasure::kEbitda)
                   .percentile.value,
              0.0, 1e-12);
  EXPECT_NEAR(*CompareWithSector(Measured::Of(0.5), market, MarginMeasure::kEbitda)
                   .percentile.value,
              1.0, 1e-12);
}

TEST(SectorComparison, AbsentInputsGiveAbsentResultsWithReasons) {
  const SectorComparison empty =
      CompareWithSector(Measured::Of(0.2), std::vector<double>{}, MarginMeasure::kOperating);
  EXPECT_EQ(empty.market_size, 0);
  EXPECT_FALSE(empty.percentile.has_value());
  EXPECT_FALSE(empty.median.has_value());
  EXPECT_FALSE(empty.median.missing_reason.empty());

  const std::vector<double> market = {0.1, std::numeric_limits<double>::quiet_NaN(), 0.3};
  const SectorComparison no_margin = CompareWithSector(
      Measured::Missing("revenue missing"), market, MarginMeasure::kOperating);
  EXPECT_EQ(no_margin.market_size, 2) << "non-finite margins are dropped";
  EXPECT_FALSE(no_margin.percentile.has_value());
  EXPECT_EQ(no_margin.percentile.missing_reason, "revenue missing");
  EXPECT_NEAR(*no_margin.median.value, 0.2, 1e-12);
}

}  // namespace
}  // namespace oversight::risk
