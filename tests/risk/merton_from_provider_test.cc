// Merton's model on a provider's records: where E, sigmaE and D come from
// (risk/default/merton_from_provider.h). The market-observation case is
// Hull's worked example scaled to pounds (E = 3m, sigmaE = 0.80, D = 10m,
// r = 5%, T = 1: PD 12.7%); the others check the documented estimation rules.
#include <gtest/gtest.h>

#include "risk/default/merton_from_provider.h"

namespace oversight::risk {
namespace {

Accounts LatestAccounts() {
  Accounts a;
  a.provider_id = "P003";
  a.period = {Date(1, QuantLib::April, 2024), Date(31, QuantLib::March, 2025)};
  a.borrowings = 10e6;
  a.cash = 1e6;
  a.ebitda = 2e6;
  a.provenance.source = "sample/accounts.csv:9";
  return a;
}

DefaultModelConfig HullConfig() {
  DefaultModelConfig config;
  config.risk_free_rate = 0.05;
  config.merton.horizon_years = 1.0;
  return config;
}

TEST(MertonFromProviderData, UsesLatestEquityObservationAndReproducesHull) {
  ProviderData data;
  data.accounts = {LatestAccounts()};
  EquityObservation stale{.provider_id = "P003", .as_of = Date(31, QuantLib::March, 2024),
                          .equity_value = 50e6, .equity_volatility = 0.2, .basis = "old"};
  EquityObservation latest{.provider_id = "P003", .as_of = Date(30, QuantLib::June, 2025),
                           .equity_value = 3e6, .equity_volatility = 0.80,
                           .basis = "market capitalisation"};
  EquityObservation future{.provider_id = "P003", .as_of = Date(31, QuantLib::December, 2025),
                           .equity_value = 1e6, .equity_volatility = 0.9, .basis = "future"};
  data.equity_observations = {stale, future, latest};

  auto outcome = MertonFromProviderData(data, HullConfig(), Date(1, QuantLib::July, 2025));
  ASSERT_TRUE(outcome.has_value()) << outcome.note;
  const MertonAssessment& m = *outcome.value;
  EXPECT_TRUE(m.equity_observed);
  EXPECT_FALSE(m.equity_exhausted);
  ASSERT_TRUE(m.result.has_value());
  EXPECT_NEAR(m.pd, 0.127, 0.0005) << "PD computed " << m.pd << " expected 0.127 (Hull)";
  EXPECT_NEAR(m.result->asset_value, 12.40e6, 0.005e6) << "V computed " << m.result->asset_value;
  EXPECT_NE(m.equity_basis.find("market capitalisation"), std::string::npos) << m.equity_basis;
  EXPECT_NE(m.equity_basis.find("2025-06-30"), std::string::npos) << m.equity_basis;
  // Leases not reported: taken as 0 and said so.
  EXPECT_DOUBLE_EQ(m.inputs.debt_face, 10e6);
  EXPECT_NE(outcome.note.find("lease_liabilities"), std::string::npos) << outcome.note;
  EXPECT_EQ(outcome.inputs.size(), 2u) << "accounts and equity observation cited";
  const auto omitted =
      MertonFromProviderData(data, HullConfig(), Date(1, QuantLib::July, 2025), ExplanationText::kOmit);
  ASSERT_TRUE(omitted.has_value()) << omitted.note;
  EXPECT_TRUE(omitted.inputs.empty()) << "citations omitted on request";
  EXPECT_TRUE(omitted.value->equity_basis.empty() && omitted.value->volatility_basis.empty())
      << "bases omitted on request";
  EXPECT_EQ(omitted.value->pd, m.pd);
  EXPECT_EQ(omitted.value->inputs.equity_value, m.inputs.equity_value);
  EXPECT_EQ(omitted.value->inputs.equity_volatility, m.inputs.equity_volatility);
  EXPECT_EQ(omitted.note, outcome.note);
}

TEST(MertonFromProviderData, EstimatesEquityFromEbitdaMultipleLessNetDebt) {
  ProviderData data;
  Accounts a = LatestAccounts();
  a.ebitda = 2e6;
  a.borrowings = 12e6;
  a.lease_liabilities = 3e6;
  a.cash = 5e6;
  data.accounts = {a};
  DefaultModelConfig config = HullConfig();
  config.ebitda_multiple_for_equity = 10.0;
  config.sector_equity_volatility = 0.40;

  auto outcome = MertonFromProviderData(data, config, Date(1, QuantLib::July, 2025));
  ASSERT_TRUE(outcome.has_value()) << outcome.note;
  const MertonAssessment& m = *outcome.value;
  // E = 10 x 2m - (12m + 3m - 5m) = 10m; D = 12m + 3m = 15m; sigmaE = 0.40.
  EXPECT_DOUBLE_EQ(m.inputs.equity_value, 10e6);
  EXPECT_DOUBLE_EQ(m.inputs.debt_face, 15e6);
  EXPECT_DOUBLE_EQ(m.inputs.equity_volatility, 0.40);
  EXPECT_FALSE(m.equity_observed);
  EXPECT_NE(m.equity_basis.find("10.0x EBITDA"), std::string::npos) << m.equity_basis;
  EXPECT_NE(m.volatility_basis.find("sector proxy 0.40"), std::string::npos)
      << m.volatility_basis;
  ASSERT_TRUE(m.result.has_value());
  auto direct = SolveMerton(m.inputs);
  ASSERT_TRUE(direct.ok()) << direct.status();
  EXPECT_DOUBLE_EQ(m.pd, direct->pd);
  EXPECT_GT(m.pd, 0.0);
  EXPECT_LT(m.pd, 0.5);
}

TEST(MertonFromProviderData, ExhaustedEquityGivesConfiguredHighPdWithNote) {
  ProviderData data;
  Accounts a = LatestAccounts();
  a.ebitda = 1e6;
  a.borrowings = 14e6;
  a.cash = 2e6;  // net debt 12m > 10 x 1m
  data.accounts = {a};
  DefaultModelConfig config = HullConfig();
  config.merton.equity_exhausted_pd = 0.5;
  auto outcome = MertonFromProviderData(data, config, Date(1, QuantLib::July, 2025));
  ASSERT_TRUE(outcome.has_value()) << outcome.note;
  EXPECT_TRUE(outcome.value->equity_exhausted);
  EXPECT_FALSE(outcome.value->result.has_value());
  EXPECT_DOUBLE_EQ(outcome.value->pd, 0.5);
  EXPECT_NE(outcome.note.find("equity exhausted"), std::string::npos) << outcome.note;
  EXPECT_NE(outcome.note.find("(estimate: 10.0x EBITDA 1000000 - net debt 12000000"), std::string::npos)
      << outcome.note;
  // Without the explanation's texts the note still says why, without the basis.
  auto figures_only = MertonFromProviderData(data, config, Date(1, QuantLib::July, 2025), ExplanationText::kOmit);
  ASSERT_TRUE(figures_only.has_value()) << figures_only.note;
  EXPECT_EQ(figures_only.value->pd, 0.5);
  EXPECT_EQ(figures_only.note.find("equity exhausted: equity value -2000000 <= 0; PD set to 0.50"), 0u)
      << figures_only.note;
}

TEST(MertonFromProviderData, AbsentWithReasonWhenInputsMissingOrNoDebt) {
  ProviderData none;
  auto no_accounts = MertonFromProviderData(none, HullConfig(), Date(1, QuantLib::July, 2025));
  EXPECT_FALSE(no_accounts.has_value());
  EXPECT_NE(no_accounts.note.find("no accounts"), std::string::npos) << no_accounts.note;

  ProviderData data;
  Accounts a = LatestAccounts();
  a.borrowings.reset();
  data.accounts = {a};
  auto no_borrowings = MertonFromProviderData(data, HullConfig(), Date(1, QuantLib::July, 2025));
  EXPECT_FALSE(no_borrowings.has_value());
  EXPECT_NE(no_borrowings.note.find("borrowings"), std::string::npos) << no_borrowings.note;

  data.accounts[0].borrowings = 0;
  data.accounts[0].lease_liabilities = 0;
  auto debt_free = MertonFromProviderData(data, HullConfig(), Date(1, QuantLib::July, 2025));
  EXPECT_FALSE(debt_free.has_value());
  EXPECT_NE(debt_free.note.find("no default barrier"), std::string::npos) << debt_free.note;

  data.accounts[0].borrowings = 5e6;
  data.accounts[0].cash.reset();
  auto no_cash = MertonFromProviderData(data, HullConfig(), Date(1, QuantLib::July, 2025));
  EXPECT_FALSE(no_cash.has_value());
  EXPECT_NE(no_cash.note.find("cash"), std::string::npos) << no_cash.note;
}

}  // namespace
}  // namespace oversight::risk
