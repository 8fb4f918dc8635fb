// The assessor on inputs imported from real filings (issue #12): filleted
// accounts are flagged as insufficient data rather than scored, Companies
// House's "accounts overdue" is honoured, and every imported figure is shown
// in the explanation with the filing, concept, context and period it came
// from. The market is the hand-built one of tests/risk/assessor_test_market.h.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "risk/assessment/assessor.h"
#include "risk/assessment/filed_figures.h"
#include "risk/domain/validation.h"
#include "tests/risk/assessor_test_market.h"

namespace oversight::risk {
namespace {

using ::testing::HasSubstr;
using testing::kAsOf;

const Assessment& Find(const MarketAssessment& m, const std::string& id) {
  auto it = std::find_if(m.ranked.begin(), m.ranked.end(), [&](const Assessment& a) { return a.provider_id == id; });
  if (it == m.ranked.end()) throw std::runtime_error("not assessed: " + id);
  return *it;
}

const ExplainedFigure* Figure(const Assessment& a, const std::string& key) {
  for (const ExplainedFigure& f : a.explanation.figures) {
    if (f.key() == key) return &f;
  }
  return nullptr;
}

TEST(ImportedInputs, FilletedAccountsAreInsufficientDataNotAHealthyProvider) {
  std::vector<ProviderData> market = testing::SmallMarket();
  for (ProviderData& d : market) {
    if (d.provider.provider_id == "FIL1") {
      for (Accounts& a : d.accounts) a.profit_and_loss_omitted = true;
    }
  }
  const MarketAssessment result = AssessMarket(market, RiskConfig{}, kAsOf);
  const Assessment& filleted = Find(result, "FIL1");
  EXPECT_TRUE(filleted.insufficient_data);
  ASSERT_GE(filleted.insufficient_data_reasons.size(), 2u);
  EXPECT_THAT(filleted.insufficient_data_reasons[0], HasSubstr("without a profit and loss account"));
  EXPECT_THAT(filleted.insufficient_data_reasons[0], HasSubstr("2025-03-31"));
  EXPECT_THAT(filleted.insufficient_data_reasons[1], HasSubstr("no failure model"));
  EXPECT_GE(filleted.likelihood, Band::kMedium);
  // A provider with full accounts is not flagged.
  const Assessment& healthy = Find(result, "VOL1");
  EXPECT_FALSE(healthy.insufficient_data);
  EXPECT_TRUE(healthy.insufficient_data_reasons.empty());
}

TEST(ImportedInputs, NoAccountsAtAllIsInsufficientData) {
  ProviderData d = testing::HealthyVoluntary();
  d.accounts.clear();
  std::vector<ProviderData> market = {d, testing::LeveragedPrivateEquity()};
  const MarketAssessment result = AssessMarket(market, RiskConfig{}, kAsOf);
  const Assessment& a = Find(result, "VOL1");
  EXPECT_TRUE(a.insufficient_data);
  EXPECT_THAT(a.insufficient_data_reasons[0], HasSubstr("no accounts public"));
}

TEST(ImportedInputs, CompaniesHouseOverdueRaisesTheOverdueFlag) {
  // The healthy provider's accounts to 2025-03-31 are due by 2025-12-31
  // (nine months, Companies Act 2006 s.442): not overdue at 2025-11-24 by the
  // engine's own estimate, but Companies House says they are.
  ProviderData d = testing::HealthyVoluntary();
  std::vector<ProviderData> market = {d, testing::LeveragedPrivateEquity()};
  const MarketAssessment before = AssessMarket(market, RiskConfig{}, kAsOf);
  EXPECT_FALSE(Find(before, "VOL1").accounts_overdue);
  market[0].provider.accounts_overdue_at_companies_house = true;
  const MarketAssessment after = AssessMarket(market, RiskConfig{}, kAsOf);
  EXPECT_TRUE(Find(after, "VOL1").accounts_overdue);
}

TEST(ImportedInputs, ExplanationQuotesTheFilingOfEachImportedFigure) {
  ProviderData d = testing::HealthyVoluntary();
  Accounts& current = d.accounts[0];
  current.figure_sources = {
      {.field = "revenue",
       .document = "Prod223_2125_09707484_20250331.html",
       .concept_name = "TurnoverRevenue {http://xbrl.frc.org.uk/fr/2023-01-01/core}",
       .context = "CY",
       .period = "2024-04-01..2025-03-31",
       .derivation = ""},
      {.field = "ebitda",
       .document = "Prod223_2125_09707484_20250331.html",
       .concept_name = "",
       .context = "",
       .period = "2024-04-01..2025-03-31",
       .derivation = "operating_profit + depreciation_amortisation"},
  };
  std::vector<ProviderData> market = {d, testing::LeveragedPrivateEquity()};
  const MarketAssessment result = AssessMarket(market, RiskConfig{}, kAsOf);
  const Assessment& a = Find(result, "VOL1");
  const ExplainedFigure* revenue = Figure(a, "filed.revenue");
  ASSERT_NE(revenue, nullptr);
  ASSERT_TRUE(revenue->value.has_value());
  EXPECT_DOUBLE_EQ(*revenue->value, 10e6);  // the fixture's revenue
  ASSERT_EQ(revenue->inputs.size(), 1u);
  EXPECT_EQ(revenue->inputs[0],
            "Prod223_2125_09707484_20250331.html: TurnoverRevenue "
            "{http://xbrl.frc.org.uk/fr/2023-01-01/core}, context CY, period 2024-04-01..2025-03-31");
  const ExplainedFigure* ebitda = Figure(a, "filed.ebitda");
  ASSERT_NE(ebitda, nullptr);
  EXPECT_DOUBLE_EQ(*ebitda->value, 1.2e6);  // 1.0m operating profit + 0.2m D&A
  EXPECT_EQ(ebitda->formula(), "operating_profit + depreciation_amortisation");
  // Accounts typed in by hand carry no filed figures.
  const Assessment& pe = Find(result, "PEG1");
  EXPECT_EQ(std::count_if(pe.explanation.figures.begin(), pe.explanation.figures.end(),
                          [](const ExplainedFigure& f) { return absl::StartsWith(f.key(), "filed."); }),
            0);
}

TEST(ImportedInputs, AccountsFigureReadsEveryFieldByItsWireName) {
  Accounts a = testing::HealthyVoluntary().accounts[0];
  EXPECT_EQ(AccountsFigure(a, "cash"), std::optional<Pounds>(2.0e6));
  EXPECT_EQ(AccountsFigure(a, "current_liabilities"), std::optional<Pounds>(1.5e6));
  EXPECT_EQ(AccountsFigure(a, "lease_liabilities"), std::nullopt);  // not in the fixture
  EXPECT_EQ(AccountsFigure(a, "no_such_field"), std::nullopt);
}

TEST(ImportedInputs, FilletedFlagWithProfitAndLossFiguresIsRejected) {
  Accounts a = testing::HealthyVoluntary().accounts[0];
  a.profit_and_loss_omitted = true;
  const absl::Status status = ValidateAccounts(a);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("accounts.revenue"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("profit_and_loss_omitted"));
  Accounts balance_sheet_only = testing::BaseAccounts("X1");
  balance_sheet_only.profit_and_loss_omitted = true;
  balance_sheet_only.cash = 1000;
  EXPECT_TRUE(ValidateAccounts(balance_sheet_only).ok());
}

}  // namespace
}  // namespace oversight::risk
