// Merton's structural model against Hull's worked example (J. C. Hull,
// "Options, Futures, and Other Derivatives", credit-risk chapter, "Using
// equity prices to estimate default probabilities"): E = 3, sigmaE = 0.80,
// D = 10, r = 5%, T = 1 year gives V = 12.40, sigmaV = 21.23%, PD = 12.7%,
// market value of debt 9.40 against a promised PV of 9.51, expected loss 1.2%.
#include <cmath>

#include <gtest/gtest.h>

#include <ql/math/distributions/normaldistribution.hpp>

#include "risk/default/merton_model.h"

namespace oversight::risk {
namespace {

MertonInputs HullExample() {
  return MertonInputs{.equity_value = 3, .equity_volatility = 0.80, .debt_face = 10,
                      .risk_free_rate = 0.05, .horizon_years = 1};
}

TEST(MertonModel, ReproducesHullWorkedExample) {
  auto r = SolveMerton(HullExample());
  ASSERT_TRUE(r.ok()) << r.status();
  // Hull rounds to the figures quoted; tolerances are half a unit in the last
  // quoted digit.
  EXPECT_NEAR(r->asset_value, 12.40, 0.005) << "V computed " << r->asset_value;
  EXPECT_NEAR(r->asset_volatility, 0.2123, 0.00005) << "sigmaV computed " << r->asset_volatility;
  EXPECT_NEAR(r->pd, 0.127, 0.0005) << "PD computed " << r->pd;
  EXPECT_NEAR(r->debt_market_value, 9.40, 0.005) << "debt MV computed " << r->debt_market_value;
  EXPECT_NEAR(r->debt_promised_pv, 9.51, 0.005) << "promised PV computed " << r->debt_promised_pv;
  EXPECT_NEAR(r->expected_loss, 0.012, 0.0005) << "expected loss computed " << r->expected_loss;
}

TEST(MertonModel, SolutionSatisfiesBothEquationsIndependently) {
  // Recompute equations (1) and (2) from the solved V and sigmaV with
  // QuantLib's normal CDF, independent of the solver's reduction.
  const MertonInputs in = HullExample();
  auto r = SolveMerton(in);
  ASSERT_TRUE(r.ok()) << r.status();
  QuantLib::CumulativeNormalDistribution n;
  const double sv = r->asset_volatility;
  const double d1 = (std::log(r->asset_value / in.debt_face) + (in.risk_free_rate + sv * sv / 2)) / sv;
  const double d2 = d1 - sv;
  const double equity = r->asset_value * n(d1) - in.debt_face * std::exp(-in.risk_free_rate) * n(d2);
  EXPECT_NEAR(equity, in.equity_value, 1e-8) << "E computed " << equity;
  EXPECT_NEAR(n(d1) * sv * r->asset_value / in.equity_value, in.equity_volatility, 1e-8);
  EXPECT_NEAR(r->distance_to_default, d2, 1e-10);
  EXPECT_NEAR(r->pd, n(-d2), 1e-12);
  EXPECT_NEAR(r->pd, 1.0 - n(d2), 1e-12);
  // Credit spread: -ln(B/D)/T - r with B = V - E.
  EXPECT_NEAR(r->credit_spread, -std::log((r->asset_value - 3) / 10) - 0.05, 1e-12);
}

TEST(MertonModel, MoreDebtNeverLowersPd) {
  double previous = 0;
  for (double debt = 1; debt <= 60; debt += 0.5) {
    MertonInputs in = HullExample();
    in.debt_face = debt;
    auto r = SolveMerton(in);
    ASSERT_TRUE(r.ok()) << "D = " << debt << ": " << r.status();
    EXPECT_GE(r->pd, previous - 1e-12) << "PD fell from " << previous << " to " << r->pd
                                       << " when D rose to " << debt;
    EXPECT_GE(r->pd, 0.0);
    EXPECT_LE(r->pd, 1.0);
    previous = r->pd;
  }
  EXPECT_GT(previous, 0.127) << "D = 60 must be riskier than Hull's D = 10";
}

TEST(MertonModel, ConvergesAcrossAWideRangeOfInputs) {
  for (double equity : {1e-4, 0.01, 0.5, 3.0, 50.0, 1000.0, 1e6}) {
    for (double vol : {0.01, 0.05, 0.3, 0.8, 2.0, 5.0}) {
      for (double horizon : {0.25, 1.0, 5.0, 30.0}) {
        MertonInputs in{.equity_value = equity, .equity_volatility = vol, .debt_face = 10,
                        .risk_free_rate = 0.04, .horizon_years = horizon};
        auto r = SolveMerton(in);
        ASSERT_TRUE(r.ok()) << "E " << equity << " sigmaE " << vol << " T " << horizon << ": "
                            << r.status();
        EXPECT_GT(r->asset_value, equity);
        EXPECT_GT(r->asset_volatility, 0.0);
        EXPECT_LE(r->asset_volatility, vol * (1 + 1e-12)) << "sigmaV cannot exceed sigmaE";
        EXPECT_GE(r->expected_loss, -1e-12);
      }
    }
  }
}

TEST(MertonModel, RejectsInvalidInputsNamingTheField) {
  MertonInputs in = HullExample();
  in.equity_volatility = 0;
  auto r = SolveMerton(in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("equity_volatility"), absl::string_view::npos)
      << r.status();
  in = HullExample();
  in.debt_face = -1;
  EXPECT_NE(SolveMerton(in).status().message().find("debt_face"), absl::string_view::npos);
  in = HullExample();
  in.risk_free_rate = std::nan("");
  EXPECT_NE(SolveMerton(in).status().message().find("risk_free_rate"), absl::string_view::npos);
}

}  // namespace
}  // namespace oversight::risk
