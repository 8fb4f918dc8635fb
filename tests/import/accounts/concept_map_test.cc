// The concept map: its parser, its namespace families and the coverage of the
// built-in concept_map.tsv against docs/data-sources §1 and §4.
#include "clients/import/accounts/concept_map.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "clients/import/accounts/namespace_family.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace oversight::client::accounts {
namespace {

using ::testing::HasSubstr;

constexpr char kHeader[] = "field\tfamily\tconcept\tdimensions\tpriority\tnote\n";

TEST(NamespaceFamilyTest, MatchesUrisNotPrefixes) {
  EXPECT_EQ(NamespaceFamily("http://xbrl.frc.org.uk/fr/2014-09-01/core"), "frc");
  EXPECT_EQ(NamespaceFamily("http://xbrl.frc.org.uk/fr/2021-01-01/core"), "frc");
  EXPECT_EQ(NamespaceFamily("http://xbrl.frc.org.uk/fr/2023-01-01/core"), "frc");
  EXPECT_EQ(NamespaceFamily("http://xbrl.frc.org.uk/fr/2026-01-01/core"), "frc");
  EXPECT_EQ(NamespaceFamily("http://xbrl.frc.org.uk/cd/2014-09-01/business"), "frc-business");
  EXPECT_EQ(NamespaceFamily("http://xbrl.frc.org.uk/reports/2014-09-01/direp"), "frc-direp");
  EXPECT_EQ(NamespaceFamily("http://www.xbrl.org/uk/gaap/core/2009-09-01"), "uk-gaap-2009");
  EXPECT_EQ(NamespaceFamily("http://www.xbrl.org/uk/cd/business/2009-09-01"), "uk-gaap-2009-business");
  EXPECT_EQ(NamespaceFamily("http://www.xbrl.org/uk/fr/gaap/pt/2004-12-01"), "uk-gaap-2004");
  EXPECT_EQ(NamespaceFamily("http://www.xbrl.org/uk/fr/gcd/2004-12-01"), "uk-gcd-2004");
  EXPECT_EQ(NamespaceFamily("http://www.companieshouse.gov.uk/ef/xbrl/uk/fr/gaap/ae/2009-06-21"), "ch-ae");
  EXPECT_EQ(NamespaceFamily("http://xbrl.ifrs.org/taxonomy/2021-03-24/ifrs-full"), "ifrs-full");
  // Near misses are not the family: a prefix is never enough.
  EXPECT_EQ(NamespaceFamily("http://xbrl.frc.org.uk/fr/2014-09-01/core/extra"), "");
  EXPECT_EQ(NamespaceFamily("http://xbrl.frc.org.uk/fr/latest/core"), "");
  EXPECT_EQ(NamespaceFamily("http://xbrl.frc.org.uk/FRS-102/2014-09-01"), "");
  EXPECT_EQ(NamespaceFamily("core"), "");
}

TEST(ConceptMapTest, ParsesRowsWithDimensionsInAnyOrder) {
  absl::StatusOr<ConceptMap> map = ParseConceptMap(absl::StrCat(
      "# comment\n\n", kHeader,
      "current_liabilities\tfrc\tCreditors\tMaturitiesOrExpirationPeriodsDimension=WithinOneYear;"
      "FinancialInstrumentCurrentNon-currentDimension=CurrentFinancialInstruments\t1\tboth\n",
      "revenue\tfrc\tTurnoverRevenue\tnone\t2\t\n"));
  ASSERT_TRUE(map.ok()) << map.status();
  ASSERT_EQ(map->rows().size(), 2u);
  const ConceptRow& creditors = map->rows()[0];
  EXPECT_EQ(creditors.field->name, "current_liabilities");
  EXPECT_EQ(creditors.line, 4);
  // The fact's members, in the other order, are the same set.
  const std::string core = "http://xbrl.frc.org.uk/fr/2021-01-01/core";
  std::vector<xbrl::ExplicitMember> both = {
      {{core, "MaturitiesOrExpirationPeriodsDimension"}, {core, "WithinOneYear"}},
      {{core, "FinancialInstrumentCurrentNon-currentDimension"}, {core, "CurrentFinancialInstruments"}}};
  EXPECT_TRUE(creditors.AcceptsDimensions(both));
  // A subset is not the requirement: dimensions must match exactly.
  EXPECT_FALSE(creditors.AcceptsDimensions({both[0]}));
  EXPECT_FALSE(creditors.AcceptsDimensions({}));
  EXPECT_EQ(map->rows()[1].priority, 2);
  EXPECT_TRUE(map->rows()[1].AcceptsDimensions({}));
  EXPECT_FALSE(map->rows()[1].AcceptsDimensions({both[0]}));
  EXPECT_EQ(map->RowsFor({core, "Creditors"}).size(), 1u);
  EXPECT_TRUE(map->RowsFor({"http://example.com/core", "Creditors"}).empty());
}

TEST(ConceptMapTest, ErrorsNameTheLineAndColumn) {
  auto error = [](const std::string& row) {
    absl::StatusOr<ConceptMap> map = ParseConceptMap(absl::StrCat(kHeader, row));
    EXPECT_FALSE(map.ok()) << row;
    return std::string(map.status().message());
  };
  EXPECT_THAT(error("turnover\tfrc\tTurnoverRevenue\tnone\t1\t\n"),
              HasSubstr("line 2, column 'field': unknown field 'turnover'"));
  EXPECT_THAT(error("revenue\tfrs\tTurnoverRevenue\tnone\t1\t\n"), HasSubstr("column 'family'"));
  EXPECT_THAT(error("revenue\tfrc\tTurnoverRevenue\tWithinOneYear\t1\t\n"), HasSubstr("column 'dimensions'"));
  EXPECT_THAT(error("revenue\tfrc\tTurnoverRevenue\tnone\t0\t\n"), HasSubstr("column 'priority'"));
  EXPECT_THAT(error("revenue\tfrc\tTurnoverRevenue\tnone\t1\n"), HasSubstr("5 tab-separated columns"));
  EXPECT_THAT(error("revenue\tfrc\tTurnoverRevenue\tnone\t1\t\nnet_income\tfrc\tTurnoverRevenue\tnone\t1\t\n"),
              HasSubstr("line 3, column 'concept': 'TurnoverRevenue' with dimensions 'none' is mapped twice"));
  EXPECT_FALSE(ParseConceptMap("revenue\tfrc\tTurnoverRevenue\tnone\t1\t\n").ok());  // no header
}

// Every concept of data-sources §1 (table) and §4 (traps), and the IFRS names
// the issue lists, is in the built-in map under the field it feeds.
TEST(BuiltInConceptMapTest, CoversTheDocumentedConcepts) {
  absl::StatusOr<ConceptMap> map = LoadBuiltInConceptMap();
  ASSERT_TRUE(map.ok()) << map.status();
  struct Expected {
    const char* field;
    const char* uri;
    const char* concept_name;
  };
  const char* frc = "http://xbrl.frc.org.uk/fr/2023-01-01/core";
  const char* gaap09 = "http://www.xbrl.org/uk/gaap/core/2009-09-01";
  const char* gaap04 = "http://www.xbrl.org/uk/fr/gaap/pt/2004-12-01";
  const char* ifrs = "http://xbrl.ifrs.org/taxonomy/2022-03-24/ifrs-full";
  const Expected expected[] = {
      {"revenue", frc, "TurnoverRevenue"},
      {"revenue", gaap09, "TurnoverGrossOperatingRevenue"},
      {"staff_costs", frc, "StaffCostsEmployeeBenefitsExpense"},
      {"staff_costs", gaap09, "StaffCosts"},
      {"staff_costs", frc, "WagesSalaries"},
      {"operating_profit", frc, "OperatingProfitLoss"},
      {"operating_profit", gaap04, "TotalOperatingProfitLoss"},
      {"depreciation_amortisation", frc, "DepreciationAmortisationImpairmentExpense"},
      {"depreciation_ppe", frc, "DepreciationExpensePropertyPlantEquipment"},
      {"depreciation_amortisation", gaap09, "DepreciationOtherAmountsWrittenOffTangibleIntangibleFixedAssets"},
      {"depreciation_ppe", frc, "IncreaseFromDepreciationChargeForYearPropertyPlantEquipment"},
      {"depreciation_ppe", frc, "DepreciationChargeForYearPropertyPlantEquipment"},
      {"depreciation_ppe", gaap04, "TangibleFixedAssetsDepreciationChargeForPeriod"},
      {"interest_payable", frc, "InterestPayableSimilarChargesFinanceCosts"},
      {"profit_before_tax", frc, "ProfitLossOnOrdinaryActivitiesBeforeTax"},
      {"net_income", frc, "ProfitLoss"},
      {"net_income", gaap09, "ProfitLossForPeriod"},
      {"cash", frc, "CashBankOnHand"},
      {"cash", gaap09, "CashBankInHand"},
      {"cash", gaap04, "CashBankInHand"},
      {"current_assets", frc, "CurrentAssets"},
      {"current_liabilities", gaap09, "CreditorsDueWithinOneYear"},
      {"creditors_after_one_year", gaap09, "CreditorsDueAfterOneYear"},
      {"current_liabilities", gaap04, "CreditorsDueWithinOneYearTotalCurrentLiabilities"},
      {"creditors_after_one_year", gaap04, "CreditorsDueAfterOneYearTotalNoncurrentLiabilities"},
      {"fixed_assets", frc, "FixedAssets"},
      {"total_assets_less_current_liabilities", frc, "TotalAssetsLessCurrentLiabilities"},
      {"net_assets", frc, "NetAssetsLiabilities"},
      {"net_assets", gaap09, "NetAssetsLiabilitiesIncludingPensionAssetLiability"},
      {"net_assets", frc, "Equity"},
      {"net_assets", gaap09, "ShareholderFunds"},
      {"retained_earnings", gaap09, "ProfitLossAccountReserve"},
      {"called_up_share_capital_not_paid", frc, "CalledUpShareCapitalNotPaidNotExpressedAsCurrentAsset"},
      {"bank_borrowings", frc, "BankBorrowingsOverdrafts"},
      {"bank_loans", frc, "BankBorrowings"},
      {"bank_overdrafts", frc, "BankOverdrafts"},
      {"other_borrowings", frc, "OtherRemainingBorrowings"},
      {"director_loans", frc, "LoansFromDirectors"},
      {"group_borrowings", frc, "AmountsOwedToGroupUndertakings"},
      {"lease_liabilities", frc, "FinanceLeaseLiabilitiesPresentValueTotal"},
      {"lease_liabilities", frc, "FinanceLeasePaymentsOwingMinimumGross"},
      {"ignored", frc, "CapitalEmployed"},
      {"ignored", gaap09, "CapitalEmployed"},
      {"revenue", ifrs, "Revenue"},
      {"staff_costs", ifrs, "EmployeeBenefitsExpense"},
      {"operating_profit", ifrs, "ProfitLossFromOperatingActivities"},
      {"depreciation_amortisation", ifrs, "DepreciationAndAmortisationExpense"},
      {"interest_payable", ifrs, "FinanceCosts"},
      {"profit_before_tax", ifrs, "ProfitLossBeforeTax"},
      {"net_income", ifrs, "ProfitLoss"},
      {"cash", ifrs, "CashAndCashEquivalents"},
      {"current_assets", ifrs, "CurrentAssets"},
      {"current_liabilities", ifrs, "CurrentLiabilities"},
      {"total_assets", ifrs, "Assets"},
      {"total_liabilities", ifrs, "Liabilities"},
      {"net_assets", ifrs, "Equity"},
      {"retained_earnings", ifrs, "RetainedEarnings"},
      {"tangible_fixed_assets", ifrs, "PropertyPlantAndEquipment"},
      {"intangible_assets_other_than_goodwill", ifrs, "IntangibleAssetsOtherThanGoodwill"},
      {"goodwill", ifrs, "Goodwill"},
      {"borrowings", ifrs, "Borrowings"},
      {"borrowings_within_one_year", ifrs, "CurrentBorrowings"},
      {"borrowings_after_one_year", ifrs, "NoncurrentBorrowings"},
      {"lease_liabilities", ifrs, "LeaseLiabilities"},
      {"company_number", "http://xbrl.frc.org.uk/cd/2021-01-01/business", "UKCompaniesHouseRegisteredNumber"},
      {"balance_sheet_date", "http://xbrl.frc.org.uk/cd/2021-01-01/business", "BalanceSheetDate"},
      {"dormant", "http://xbrl.frc.org.uk/cd/2021-01-01/business", "EntityDormantTruefalse"},
  };
  for (const Expected& e : expected) {
    bool found = false;
    for (const ConceptRow* row : map->RowsFor({e.uri, e.concept_name})) {
      if (row->field->name == e.field) found = true;
    }
    EXPECT_TRUE(found) << e.concept_name << " {" << e.uri << "} should feed " << e.field;
  }
  // Both creditors dimension kinds and their combination feed current liabilities.
  int creditors_rows = 0;
  for (const ConceptRow* row : map->RowsFor({frc, "Creditors"})) {
    if (row->field->name == "current_liabilities") ++creditors_rows;
    EXPECT_FALSE(row->dimensions.empty()) << "undimensioned Creditors is not a within-one-year total";
  }
  EXPECT_EQ(creditors_rows, 3);
}

}  // namespace
}  // namespace oversight::client::accounts
