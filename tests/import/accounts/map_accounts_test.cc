// MapAccounts on hand-built documents: one trap of docs/data-sources §1/§4
// per test, every figure checked against a value worked out by hand in the
// comments.
#include "clients/import/accounts/map_accounts.h"

#include <limits>
#include <string>

#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "risk/domain/validation.h"
#include "tests/import/accounts/document_builder.h"

namespace oversight::client::accounts {
namespace {

using ::testing::HasSubstr;
using ::testing::Optional;
using testing::Dim;
using testing::DocumentBuilder;
using testing::kAe;
using testing::kFrc2014;
using testing::kFrc2021;
using testing::kFrc2026;
using testing::kFrcBusiness;
using testing::kGcd2004;
using testing::kIfrs;
using testing::kUkGaap2004;
using testing::kUkGaap2009;
using testing::kUkGaap2009Business;

const Dim kWithinOneYear{"MaturitiesOrExpirationPeriodsDimension", "WithinOneYear"};
const Dim kAfterOneYear{"MaturitiesOrExpirationPeriodsDimension", "AfterOneYear"};
const Dim kCurrentInstruments{"FinancialInstrumentCurrentNon-currentDimension", "CurrentFinancialInstruments"};
const Dim kNonCurrentInstruments{"FinancialInstrumentCurrentNon-currentDimension", "Non-currentFinancialInstruments"};
const Dim kRetainedEarnings{"EquityClassesDimension", "RetainedEarningsAccumulatedLosses"};
const Dim kShareCapital{"EquityClassesDimension", "ShareCapital"};

const ConceptMap& Map() {
  static const ConceptMap* map = new ConceptMap(LoadBuiltInConceptMap().value());
  return *map;
}

// Maps the document; every record produced must pass the domain's checks
// (the CLI validates before storing, and a record that fails loses the filing).
ImportedAccounts MapOk(const DocumentBuilder& builder) {
  absl::StatusOr<ImportedAccounts> imported = MapAccounts(builder.document(), Map());
  EXPECT_TRUE(imported.ok()) << imported.status();
  if (!imported.ok()) return ImportedAccounts{};
  EXPECT_TRUE(risk::ValidateAccounts(imported->current).ok()) << risk::ValidateAccounts(imported->current);
  if (imported->prior) {
    EXPECT_TRUE(risk::ValidateAccounts(*imported->prior).ok()) << risk::ValidateAccounts(*imported->prior);
  }
  return *imported;
}

const risk::FigureSource* SourceOf(const risk::Accounts& accounts, const std::string& field) {
  for (const risk::FigureSource& source : accounts.figure_sources) {
    if (source.field == field) return &source;
  }
  return nullptr;
}

std::string Notes(const ImportedAccounts& imported) { return absl::StrJoin(imported.notes, "\n"); }

// A small FRS 102 company, current year and comparatives, FRC 2014 names.
DocumentBuilder SmallCompany(const char* core = kFrc2014) {
  DocumentBuilder b("Prod223_2125_09707484_20170731.html");
  b.Duration("cy", "2016-08-01", "2017-07-31")
      .Duration("py", "2015-08-01", "2016-07-31")
      .Instant("b", "2017-07-31")
      .Instant("pb", "2016-07-31")
      .Instant("b-within", "2017-07-31", {kWithinOneYear}, core)
      .Instant("b-after", "2017-07-31", {kAfterOneYear}, core)
      .FrcCompany("31 July 2017", "2016-08-01")
      .Number(core, "TurnoverRevenue", "cy", 500000)
      .Number(core, "StaffCostsEmployeeBenefitsExpense", "cy", 300000)
      .Number(core, "OperatingProfitLoss", "cy", 40000)
      .Number(core, "DepreciationAmortisationImpairmentExpense", "cy", 10000)
      .Number(core, "InterestPayableSimilarChargesFinanceCosts", "cy", 2000)
      .Number(core, "ProfitLossOnOrdinaryActivitiesBeforeTax", "cy", 38000)
      .Number(core, "ProfitLoss", "cy", 30000)
      .Number(core, "FixedAssets", "b", 120000)
      .Number(core, "CurrentAssets", "b", 80000)
      .Number(core, "CashBankOnHand", "b", 50000)
      .Number(core, "Creditors", "b-within", 60000)
      .Number(core, "Creditors", "b-after", 20000)
      .Number(core, "NetAssetsLiabilities", "b", 120000)
      .Number(core, "TurnoverRevenue", "py", 450000)
      .Number(core, "NetAssetsLiabilities", "pb", 90000);
  return b;
}

TEST(MapAccountsTest, SmallCompanyFigureByFigureWithDerivations) {
  ImportedAccounts imported = MapOk(SmallCompany());
  EXPECT_EQ(imported.company_number, "09707484");
  EXPECT_EQ(imported.company_name, "Example Care Homes Limited");
  EXPECT_FALSE(imported.dormant);
  const risk::Accounts& a = imported.current;
  EXPECT_EQ(risk::FormatIsoDate(a.period.start), "2016-08-01");
  EXPECT_EQ(risk::FormatIsoDate(a.period.end), "2017-07-31");
  EXPECT_EQ(a.provider_id, "09707484");
  EXPECT_EQ(a.provenance.source, "Prod223_2125_09707484_20170731.html");
  EXPECT_FALSE(a.profit_and_loss_omitted);
  EXPECT_THAT(a.revenue, Optional(500000.0));
  EXPECT_THAT(a.staff_costs, Optional(300000.0));
  EXPECT_THAT(a.operating_profit, Optional(40000.0));
  EXPECT_THAT(a.depreciation_amortisation, Optional(10000.0));
  EXPECT_THAT(a.interest_payable, Optional(2000.0));
  EXPECT_THAT(a.profit_before_tax, Optional(38000.0));
  EXPECT_THAT(a.net_income, Optional(30000.0));
  // EBITDA = operating profit + D&A = 40,000 + 10,000 = 50,000.
  EXPECT_THAT(a.ebitda, Optional(50000.0));
  // FFO = profit for the year + D&A = 30,000 + 10,000 = 40,000.
  EXPECT_THAT(a.funds_from_operations, Optional(40000.0));
  EXPECT_THAT(a.cash, Optional(50000.0));
  EXPECT_THAT(a.current_assets, Optional(80000.0));
  // Creditors within one year, maturity dimension: 60,000.
  EXPECT_THAT(a.current_liabilities, Optional(60000.0));
  // Total assets = fixed 120,000 + current 80,000 = 200,000.
  EXPECT_THAT(a.total_assets, Optional(200000.0));
  EXPECT_THAT(a.net_assets, Optional(120000.0));
  // Total liabilities = 200,000 - 120,000 = 80,000 (= 60,000 + 20,000 creditors).
  EXPECT_THAT(a.total_liabilities, Optional(80000.0));
  // Nothing tagged, nothing invented.
  EXPECT_EQ(a.borrowings, std::nullopt);
  EXPECT_EQ(a.retained_earnings, std::nullopt);
  EXPECT_EQ(a.rent_costs, std::nullopt);

  const risk::FigureSource* revenue = SourceOf(a, "revenue");
  ASSERT_NE(revenue, nullptr);
  EXPECT_EQ(revenue->document, "Prod223_2125_09707484_20170731.html");
  EXPECT_EQ(revenue->concept_name, "TurnoverRevenue {http://xbrl.frc.org.uk/fr/2014-09-01/core}");
  EXPECT_EQ(revenue->context, "cy");
  EXPECT_EQ(revenue->period, "2016-08-01..2017-07-31");
  EXPECT_EQ(revenue->derivation, "");
  const risk::FigureSource* creditors = SourceOf(a, "current_liabilities");
  ASSERT_NE(creditors, nullptr);
  EXPECT_EQ(creditors->context, "b-within");
  EXPECT_EQ(creditors->period, "2017-07-31");
  const risk::FigureSource* ebitda = SourceOf(a, "ebitda");
  ASSERT_NE(ebitda, nullptr);
  EXPECT_EQ(ebitda->concept_name, "");
  EXPECT_EQ(ebitda->period, "2016-08-01..2017-07-31");
  EXPECT_THAT(ebitda->derivation, HasSubstr("ebitda = operating_profit"));
  EXPECT_THAT(ebitda->derivation, HasSubstr("OperatingProfitLoss 40000"));
  EXPECT_THAT(ebitda->derivation, HasSubstr("DepreciationAmortisationImpairmentExpense 10000"));
  const risk::FigureSource* total_assets = SourceOf(a, "total_assets");
  ASSERT_NE(total_assets, nullptr);
  EXPECT_EQ(total_assets->derivation,
            "total_assets = fixed_assets (FixedAssets 120000) + current_assets (CurrentAssets 80000)");
  const risk::FigureSource* total_liabilities = SourceOf(a, "total_liabilities");
  ASSERT_NE(total_liabilities, nullptr);
  EXPECT_THAT(total_liabilities->derivation, HasSubstr("total_liabilities = total_assets ("));
  EXPECT_THAT(total_liabilities->derivation, HasSubstr("net_assets (NetAssetsLiabilities 120000)"));

  // Comparatives: 2015-08-01..2016-07-31, turnover 450,000, net assets 90,000.
  ASSERT_TRUE(imported.prior.has_value());
  const risk::Accounts& p = *imported.prior;
  EXPECT_EQ(risk::FormatIsoDate(p.period.start), "2015-08-01");
  EXPECT_EQ(risk::FormatIsoDate(p.period.end), "2016-07-31");
  EXPECT_THAT(p.revenue, Optional(450000.0));
  EXPECT_THAT(p.net_assets, Optional(90000.0));
  EXPECT_EQ(p.total_assets, std::nullopt);  // no prior fixed or current assets tagged
  EXPECT_EQ(p.ebitda, std::nullopt);
  EXPECT_TRUE(imported.notes.empty()) << Notes(imported);
}

// Same figures under FRC 2021 and 2026 namespaces: matched by URI family.
TEST(MapAccountsTest, LaterFrcTaxonomiesMapTheSame) {
  for (const char* core : {kFrc2021, kFrc2026}) {
    ImportedAccounts imported = MapOk(SmallCompany(core));
    EXPECT_THAT(imported.current.revenue, Optional(500000.0)) << core;
    EXPECT_THAT(imported.current.current_liabilities, Optional(60000.0)) << core;
    EXPECT_THAT(imported.current.total_liabilities, Optional(80000.0)) << core;
    EXPECT_EQ(SourceOf(imported.current, "revenue")->concept_name,
              std::string("TurnoverRevenue {") + core + "}");
  }
}

TEST(MapAccountsTest, CreditorsByEitherDimensionOrBoth) {
  // Current/non-current financial instrument dimension only.
  DocumentBuilder instruments;
  instruments.Instant("i", "2018-03-31")
      .Instant("i-cur", "2018-03-31", {kCurrentInstruments})
      .Instant("i-non", "2018-03-31", {kNonCurrentInstruments})
      .FrcCompany("2018-03-31", "2017-04-01")
      .Number(kFrc2014, "Creditors", "i-cur", 12345)
      .Number(kFrc2014, "Creditors", "i-non", 999);
  EXPECT_THAT(MapOk(instruments).current.current_liabilities, Optional(12345.0));

  // Both dimensions on one context (data-sources §1 "or both").
  DocumentBuilder both;
  both.Instant("i", "2018-03-31")
      .Instant("i-both", "2018-03-31", {kWithinOneYear, kCurrentInstruments})
      .FrcCompany("2018-03-31", "2017-04-01")
      .Number(kFrc2014, "Creditors", "i-both", 4321);
  EXPECT_THAT(MapOk(both).current.current_liabilities, Optional(4321.0));

  // Creditors without a dimension is not "within one year" (data-sources §4
  // "a within one year creditors line tagged without its dimension. Do not
  // invent a total"): left missing unless the net current assets line gives
  // it back (below).
  DocumentBuilder undimensioned;
  undimensioned.Instant("i", "2018-03-31")
      .FrcCompany("2018-03-31", "2017-04-01")
      .Number(kFrc2014, "Creditors", "i", 7000);
  EXPECT_EQ(MapOk(undimensioned).current.current_liabilities, std::nullopt);

  // Current assets 9,000 + prepayments shown outside them 500 - net current
  // assets 2,500 = creditors within one year 7,000.
  DocumentBuilder from_totals;
  from_totals.Instant("i", "2018-03-31")
      .FrcCompany("2018-03-31", "2017-04-01")
      .Number(kFrc2014, "Creditors", "i", 7000)
      .Number(kFrc2014, "CurrentAssets", "i", 9000)
      .Number(kFrc2014, "PrepaymentsAccruedIncomeNotExpressedWithinCurrentAssetSubtotal", "i", 500)
      .Number(kFrc2014, "NetCurrentAssetsLiabilities", "i", 2500);
  const risk::Accounts a = MapOk(from_totals).current;
  EXPECT_THAT(a.current_liabilities, Optional(7000.0));
  EXPECT_EQ(SourceOf(a, "current_liabilities")->derivation,
            "current_liabilities = current_assets (CurrentAssets 9000) + prepayments_outside_current_assets "
            "(PrepaymentsAccruedIncomeNotExpressedWithinCurrentAssetSubtotal 500) - net_current_assets "
            "(NetCurrentAssetsLiabilities 2500)");
}

// Old UK GAAP 2009 names (prefix "uk-gaap-pt" bound to the 2009 core):
// CreditorsDueWithinOneYear, ShareholderFunds, TurnoverGrossOperatingRevenue.
TEST(MapAccountsTest, UkGaap2009Names) {
  DocumentBuilder b("Prod223_2125_09324595_20171130.html", "09324595");
  b.Duration("d", "2016-12-01", "2017-11-30")
      .Instant("e", "2017-11-30")
      .Text(kUkGaap2009Business, "UKCompaniesHouseRegisteredNumber", "d", "09324595")
      .Text(kUkGaap2009Business, "BalanceSheetDate", "d", "2017-11-30")
      .Text(kUkGaap2009Business, "StartDateForPeriodCoveredByReport", "d", "2016-12-01")
      .Text(kUkGaap2009Business, "EntityDormant", "d", "false")
      .Number(kUkGaap2009, "TurnoverGrossOperatingRevenue", "d", 250000)
      .Number(kUkGaap2009, "ProfitLossForPeriod", "d", 12000)
      .Number(kUkGaap2009, "FixedAssets", "e", 3000)
      .Number(kUkGaap2009, "CurrentAssets", "e", 47000)
      .Number(kUkGaap2009, "CashBankInHand", "e", 20000)
      .Number(kUkGaap2009, "CreditorsDueWithinOneYear", "e", 30000)
      .Number(kUkGaap2009, "CreditorsDueAfterOneYear", "e", 5000)
      .Number(kUkGaap2009, "ProfitLossAccountReserve", "e", 14900)
      .Number(kUkGaap2009, "ShareholderFunds", "e", 15000);
  ImportedAccounts imported = MapOk(b);
  const risk::Accounts& a = imported.current;
  EXPECT_EQ(imported.company_number, "09324595");
  EXPECT_THAT(a.revenue, Optional(250000.0));
  EXPECT_THAT(a.net_income, Optional(12000.0));
  EXPECT_THAT(a.cash, Optional(20000.0));
  EXPECT_THAT(a.current_liabilities, Optional(30000.0));
  EXPECT_THAT(a.retained_earnings, Optional(14900.0));
  EXPECT_THAT(a.net_assets, Optional(15000.0));  // shareholders' funds
  // 3,000 + 47,000 = 50,000; 50,000 - 15,000 = 35,000 (= 30,000 + 5,000).
  EXPECT_THAT(a.total_assets, Optional(50000.0));
  EXPECT_THAT(a.total_liabilities, Optional(35000.0));
  EXPECT_EQ(a.ebitda, std::nullopt);  // no operating profit, no D&A
  EXPECT_FALSE(a.profit_and_loss_omitted);
  EXPECT_EQ(imported.prior, std::nullopt);
}

// UK GAAP 2004 .xml (figures of Prod224_0042_02531662_20160930.xml): the
// context identifier is the company name with a made-up scheme, the number
// comes from ae:CompaniesHouseRegisteredNumber; 2004 creditors names; only a
// balance sheet and the fixed-asset note: no profit and loss account.
TEST(MapAccountsTest, UkGaap2004XmlNamesAndFilletedAccounts) {
  DocumentBuilder b("Prod224_0042_02531662_20160930.xml", "Arcteam Ltd");
  b.Duration("y2016", "2015-10-01", "2016-09-30")
      .Duration("y2015", "2014-10-01", "2015-09-30")
      .Instant("e2016", "2016-09-30")
      .Instant("e2015", "2015-09-30")
      .Text(kAe, "CompanyNotDormant", "y2016", "true", false)
      .Text(kGcd2004, "EntityCurrentLegalName", "y2016", "Arcteam Ltd", false)
      .Text(kAe, "CompaniesHouseRegisteredNumber", "y2016", "02531662", false)
      .Text(kGcd2004, "BalanceSheetDate", "e2016", "2016-09-30", false)
      .Number(kUkGaap2004, "ProfitLossAccountReserve", "e2016", -97280)
      .Number(kUkGaap2004, "ShareholderFunds", "e2016", -96280)
      .Number(kUkGaap2004, "NetAssetsLiabilitiesIncludingPensionAssetLiability", "e2016", -96280)
      .Number(kUkGaap2004, "CreditorsDueAfterOneYearTotalNoncurrentLiabilities", "e2016", 954893)
      .Number(kUkGaap2004, "TotalAssetsLessCurrentLiabilities", "e2016", 858613)
      .Number(kUkGaap2004, "CreditorsDueWithinOneYearTotalCurrentLiabilities", "e2016", 183682)
      .Number(kUkGaap2004, "CreditorsDueWithinOneYearTotalCurrentLiabilities", "e2015", 224066)
      .Number(kUkGaap2004, "CurrentAssets", "e2016", 174150)
      .Number(kUkGaap2004, "CashBankInHand", "e2016", 167254)
      .Number(kUkGaap2004, "FixedAssets", "e2016", 868145)
      .Number(kUkGaap2004, "TangibleFixedAssets", "e2016", 868145)
      .Number(kUkGaap2004, "TangibleFixedAssetsDepreciationChargeForPeriod", "y2016", 6075);
  ImportedAccounts imported = MapOk(b);
  EXPECT_EQ(imported.company_number, "02531662");
  EXPECT_EQ(imported.company_name, "Arcteam Ltd");
  EXPECT_FALSE(imported.dormant);
  const risk::Accounts& a = imported.current;
  EXPECT_THAT(a.current_liabilities, Optional(183682.0));
  EXPECT_THAT(a.cash, Optional(167254.0));
  EXPECT_THAT(a.net_assets, Optional(-96280.0));
  EXPECT_THAT(a.retained_earnings, Optional(-97280.0));
  EXPECT_THAT(a.tangible_fixed_assets, Optional(868145.0));
  // 868,145 + 174,150 = 1,042,295 (also 858,613 + 183,682).
  EXPECT_THAT(a.total_assets, Optional(1042295.0));
  // 1,042,295 - (-96,280) = 1,138,575 (= 183,682 + 954,893).
  EXPECT_THAT(a.total_liabilities, Optional(1138575.0));
  // Filleted: only the depreciation charge of the fixed-asset note is a
  // duration figure; no turnover or profit: P&L missing, never zero.
  EXPECT_TRUE(a.profit_and_loss_omitted);
  EXPECT_EQ(a.revenue, std::nullopt);
  EXPECT_EQ(a.depreciation_amortisation, std::nullopt);
  EXPECT_EQ(a.ebitda, std::nullopt);
  EXPECT_EQ(a.net_income, std::nullopt);
  EXPECT_EQ(SourceOf(a, "depreciation_amortisation"), nullptr);
  EXPECT_THAT(Notes(imported), HasSubstr("no profit and loss account tagged"));
  ASSERT_TRUE(imported.prior.has_value());
  EXPECT_THAT(imported.prior->current_liabilities, Optional(224066.0));
  EXPECT_TRUE(imported.prior->profit_and_loss_omitted);
}

// A micro-entity (FRS 105) balance sheet alone: the P&L is not filed.
TEST(MapAccountsTest, FilletedMicroEntityHasNoProfitAndLoss) {
  DocumentBuilder b;
  b.Duration("cy", "2017-01-01", "2017-12-31")
      .Instant("b", "2017-12-31")
      .Instant("b-within", "2017-12-31", {kWithinOneYear})
      .FrcCompany("2017-12-31", "2017-01-01")
      .Number(kFrc2014, "FixedAssets", "b", 1500)
      .Number(kFrc2014, "CurrentAssets", "b", 8500)
      .Number(kFrc2014, "Creditors", "b-within", 4000)
      .Number(kFrc2014, "NetCurrentAssetsLiabilities", "b", 4500)
      .Number(kFrc2014, "TotalAssetsLessCurrentLiabilities", "b", 6000)
      .Number(kFrc2014, "NetAssetsLiabilities", "b", 6000)
      .Number(kFrc2014, "Equity", "b", 6000);
  ImportedAccounts imported = MapOk(b);
  const risk::Accounts& a = imported.current;
  EXPECT_TRUE(a.profit_and_loss_omitted);
  for (const auto& figure : {a.revenue, a.staff_costs, a.operating_profit, a.ebitda, a.depreciation_amortisation,
                             a.interest_payable, a.profit_before_tax, a.net_income, a.funds_from_operations}) {
    EXPECT_EQ(figure, std::nullopt);
  }
  EXPECT_THAT(a.total_assets, Optional(10000.0));      // 1,500 + 8,500
  EXPECT_THAT(a.total_liabilities, Optional(4000.0));  // 10,000 - 6,000
  EXPECT_THAT(a.import_notes, ::testing::Contains(HasSubstr("profit-and-loss figures left missing")));
}

// A group reporting under IFRS (ifrs-full): Assets and Liabilities are
// tagged, intangibles and borrowings come in parts.
TEST(MapAccountsTest, IfrsGroup) {
  DocumentBuilder b("group.html", "01234567");
  b.Duration("FY", "2022-01-01", "2022-12-31")
      .Instant("BS", "2022-12-31")
      .FrcCompany("2022-12-31", "2022-01-01")
      .Number(kIfrs, "Revenue", "FY", 265000000)
      .Number(kIfrs, "EmployeeBenefitsExpense", "FY", 150000000)
      .Number(kIfrs, "ProfitLossFromOperatingActivities", "FY", 60000000)
      .Number(kIfrs, "DepreciationAndAmortisationExpense", "FY", 25000000)
      .Number(kIfrs, "FinanceCosts", "FY", 12000000)
      .Number(kIfrs, "ProfitLossBeforeTax", "FY", 48000000)
      .Number(kIfrs, "ProfitLoss", "FY", 36000000)
      .Number(kIfrs, "CashAndCashEquivalents", "BS", 20000000)
      .Number(kIfrs, "CurrentAssets", "BS", 70000000)
      .Number(kIfrs, "CurrentLiabilities", "BS", 55000000)
      .Number(kIfrs, "Assets", "BS", 500000000)
      .Number(kIfrs, "Liabilities", "BS", 320000000)
      .Number(kIfrs, "Equity", "BS", 180000000)
      .Number(kIfrs, "RetainedEarnings", "BS", 90000000)
      .Number(kIfrs, "PropertyPlantAndEquipment", "BS", 210000000)
      .Number(kIfrs, "Goodwill", "BS", 150000000)
      .Number(kIfrs, "IntangibleAssetsOtherThanGoodwill", "BS", 30000000)
      .Number(kIfrs, "CurrentBorrowings", "BS", 10000000)
      .Number(kIfrs, "NoncurrentBorrowings", "BS", 155000000)
      .Number(kIfrs, "LeaseLiabilities", "BS", 40000000);
  ImportedAccounts imported = MapOk(b);
  const risk::Accounts& a = imported.current;
  EXPECT_THAT(a.revenue, Optional(265e6));
  EXPECT_THAT(a.staff_costs, Optional(150e6));
  EXPECT_THAT(a.operating_profit, Optional(60e6));
  EXPECT_THAT(a.depreciation_amortisation, Optional(25e6));
  EXPECT_THAT(a.ebitda, Optional(85e6));  // 60m + 25m
  EXPECT_THAT(a.interest_payable, Optional(12e6));
  EXPECT_THAT(a.profit_before_tax, Optional(48e6));
  EXPECT_THAT(a.net_income, Optional(36e6));
  EXPECT_THAT(a.funds_from_operations, Optional(61e6));  // 36m + 25m
  EXPECT_THAT(a.cash, Optional(20e6));
  EXPECT_THAT(a.current_assets, Optional(70e6));
  EXPECT_THAT(a.current_liabilities, Optional(55e6));
  EXPECT_THAT(a.total_assets, Optional(500e6));  // tagged, not derived
  EXPECT_EQ(SourceOf(a, "total_assets")->derivation, "");
  EXPECT_THAT(a.total_liabilities, Optional(320e6));
  EXPECT_THAT(a.net_assets, Optional(180e6));
  EXPECT_THAT(a.retained_earnings, Optional(90e6));
  EXPECT_THAT(a.tangible_fixed_assets, Optional(210e6));
  EXPECT_THAT(a.intangible_assets, Optional(180e6));  // 150m goodwill + 30m other
  EXPECT_THAT(SourceOf(a, "intangible_assets")->derivation, HasSubstr("goodwill (Goodwill 150000000)"));
  EXPECT_THAT(a.borrowings, Optional(165e6));  // 10m current + 155m non-current
  EXPECT_THAT(SourceOf(a, "borrowings")->derivation,
              HasSubstr("borrowings = borrowings_within_one_year (CurrentBorrowings 10000000)"));
  EXPECT_THAT(a.lease_liabilities, Optional(40e6));
}

// FRS 102 group accounts: consolidated figures carry
// GroupCompanyDataDimension = Consolidated, the parent company's own figures
// carry no dimension. The group is what is overseen: consolidated figures
// only, never mixed with the parent's.
TEST(MapAccountsTest, GroupAccountsReadTheConsolidatedFigures) {
  const Dim kConsolidated{"GroupCompanyDataDimension", "Consolidated"};
  DocumentBuilder b("group.html", "07654321");
  b.Duration("cy", "2022-01-01", "2022-12-31")
      .Duration("cy-group", "2022-01-01", "2022-12-31", {kConsolidated}, kFrcBusiness)
      .Instant("b", "2022-12-31")
      .Instant("b-group", "2022-12-31", {kConsolidated}, kFrcBusiness)
      .Instant("b-group-within", "2022-12-31", {kConsolidated, kWithinOneYear})
      .FrcCompany("2022-12-31", "2022-01-01")
      .Number(kFrc2014, "TurnoverRevenue", "cy-group", 265000000)
      .Number(kFrc2014, "OperatingProfitLoss", "cy-group", 60000000)
      .Number(kFrc2014, "ProfitLoss", "cy", 1000000)  // the holding company's own profit
      .Number(kFrc2014, "NetAssetsLiabilities", "b", 50000000)  // the holding company's
      .Number(kFrc2014, "NetAssetsLiabilities", "b-group", 180000000)
      .Number(kFrc2014, "Creditors", "b-group-within", 55000000);
  ImportedAccounts imported = MapOk(b);
  EXPECT_TRUE(imported.consolidated);
  const risk::Accounts& a = imported.current;
  EXPECT_THAT(a.revenue, Optional(265e6));
  EXPECT_THAT(a.operating_profit, Optional(60e6));
  EXPECT_EQ(a.net_income, std::nullopt);  // only the parent's is tagged: not the group's
  EXPECT_THAT(a.net_assets, Optional(180e6));
  EXPECT_THAT(a.current_liabilities, Optional(55e6));
  EXPECT_EQ(SourceOf(a, "net_assets")->context, "b-group");
  EXPECT_THAT(Notes(imported), HasSubstr("group accounts: the consolidated figures are read"));
  // A single company's filing is read as before.
  EXPECT_FALSE(MapOk(SmallCompany()).consolidated);
}

// Depreciation tagged only in the fixed-asset note (data-sources §4): the
// total column (no class dimension) gives D&A, so EBITDA is known.
TEST(MapAccountsTest, DepreciationFromTheFixedAssetNote) {
  const Dim kMotorVehicles{"PropertyPlantEquipmentClassesDimension", "MotorVehicles"};
  DocumentBuilder b;
  b.Duration("cy", "2016-08-01", "2017-07-31")
      .Duration("cy-mv", "2016-08-01", "2017-07-31", {kMotorVehicles})
      .Instant("b", "2017-07-31")
      .FrcCompany("2017-07-31", "2016-08-01")
      .Number(kFrc2014, "OperatingProfitLoss", "cy", 15000)
      .Number(kFrc2014, "ProfitLoss", "cy", 11000)
      .Number(kFrc2014, "IncreaseFromDepreciationChargeForYearPropertyPlantEquipment", "cy-mv", 1200)
      .Number(kFrc2014, "IncreaseFromDepreciationChargeForYearPropertyPlantEquipment", "cy", 3400);
  const risk::Accounts a = MapOk(b).current;
  EXPECT_THAT(a.depreciation_amortisation, Optional(3400.0));  // the total, not the motor-vehicle class
  EXPECT_THAT(a.ebitda, Optional(18400.0));                    // 15,000 + 3,400
  EXPECT_THAT(a.funds_from_operations, Optional(14400.0));     // 11,000 + 3,400
  EXPECT_THAT(SourceOf(a, "depreciation_amortisation")->derivation,
              HasSubstr("IncreaseFromDepreciationChargeForYearPropertyPlantEquipment 3400"));
  EXPECT_THAT(SourceOf(a, "ebitda")->derivation, HasSubstr("(depreciation_amortisation = depreciation_ppe"));
}

// The same fact in the statements, the notes and ix:hidden is one fact; a
// conflicting duplicate keeps the first visible one and is noted.
TEST(MapAccountsTest, RepeatedAndConflictingFacts) {
  DocumentBuilder b;
  b.Duration("cy", "2016-08-01", "2017-07-31")
      .Duration("cy2", "2016-08-01", "2017-07-31")  // two contexts, same dates
      .Instant("b", "2017-07-31")
      .FrcCompany("2017-07-31", "2016-08-01")
      .Number(kFrc2014, "TurnoverRevenue", "cy", 33242, /*hidden=*/true)
      .Number(kFrc2014, "TurnoverRevenue", "cy", 33242)
      .Number(kFrc2014, "TurnoverRevenue", "cy2", 33242)
      .Number(kFrc2014, "CashBankOnHand", "b", 900, /*hidden=*/true)
      .Number(kFrc2014, "CashBankOnHand", "b", 1000)
      .Number(kFrc2014, "CashBankOnHand", "b", 1100);
  ImportedAccounts imported = MapOk(b);
  EXPECT_THAT(imported.current.revenue, Optional(33242.0));
  EXPECT_EQ(SourceOf(imported.current, "revenue")->context, "cy");  // visible copy cited
  EXPECT_THAT(imported.current.cash, Optional(1000.0));  // first non-hidden
  ASSERT_EQ(imported.notes.size(), 1u) << Notes(imported);
  EXPECT_THAT(imported.notes[0], HasSubstr("conflicting values for CashBankOnHand"));
  EXPECT_THAT(imported.notes[0], HasSubstr("kept 1000"));
}

// The same figure shown in pounds and in thousands (decimals="-3") is one
// fact: 1,234,567 rounds to 1,235 thousand. The precise value is kept.
TEST(MapAccountsTest, CopiesAtDifferentPrecisionAgree) {
  DocumentBuilder b;
  b.Duration("cy", "2016-08-01", "2017-07-31")
      .FrcCompany("2017-07-31", "2016-08-01")
      .Number(kFrc2014, "TurnoverRevenue", "cy", 1235000)
      .WithDecimals("-3")
      .Number(kFrc2014, "TurnoverRevenue", "cy", 1234567)
      .WithDecimals("0")
      .Number(kFrc2014, "StaffCostsEmployeeBenefitsExpense", "cy", 700000)
      .WithDecimals("-3")
      .Number(kFrc2014, "StaffCostsEmployeeBenefitsExpense", "cy", 712345)
      .WithDecimals("0");
  ImportedAccounts imported = MapOk(b);
  EXPECT_THAT(imported.current.revenue, Optional(1234567.0));
  // 712,345 is 712 thousand, not 700: a conflict, the first kept and noted.
  EXPECT_THAT(imported.current.staff_costs, Optional(700000.0));
  ASSERT_EQ(imported.notes.size(), 1u) << Notes(imported);
  EXPECT_THAT(imported.notes[0], HasSubstr("conflicting values for StaffCostsEmployeeBenefitsExpense"));
}

// Comparatives tagged one day before the prior year end, current balance
// sheet tagged a day before the balance-sheet date: used, and noted.
TEST(MapAccountsTest, DatesOffByADayAreToleratedAndNoted) {
  DocumentBuilder b;
  b.Duration("cy", "2016-08-01", "2017-07-31")
      .Instant("b", "2017-07-30")
      .Instant("pb", "2016-07-30")
      .FrcCompany("2017-07-31", "2016-08-01")
      .Number(kFrc2014, "TurnoverRevenue", "cy", 1000)
      .Number(kFrc2014, "NetAssetsLiabilities", "b", 5000)
      .Number(kFrc2014, "NetAssetsLiabilities", "pb", 4000);
  ImportedAccounts imported = MapOk(b);
  EXPECT_THAT(imported.current.net_assets, Optional(5000.0));
  ASSERT_TRUE(imported.prior.has_value());
  EXPECT_THAT(imported.prior->net_assets, Optional(4000.0));
  EXPECT_EQ(risk::FormatIsoDate(imported.prior->period.end), "2016-07-31");
  EXPECT_EQ(risk::FormatIsoDate(imported.prior->period.start), "2015-08-01");
  EXPECT_THAT(Notes(imported), HasSubstr("instant 2017-07-30 (one day off)"));
  EXPECT_THAT(Notes(imported), HasSubstr("comparative balance sheet tagged at 2016-07-30"));
  // Two days off the balance-sheet date is not the current balance sheet.
  DocumentBuilder far;
  far.Instant("b", "2017-07-29").FrcCompany("2017-07-31", "2016-08-01").Number(kFrc2014, "NetAssetsLiabilities", "b", 1);
  EXPECT_EQ(MapOk(far).current.net_assets, std::nullopt);
}

// BalanceSheetDate wins over a report period ending after it.
TEST(MapAccountsTest, BalanceSheetDateWinsOverReportedPeriodEnd) {
  DocumentBuilder b;
  b.Instant("b", "2017-08-31")
      .Instant("later", "2018-05-31")
      .FrcCompany("2017-08-31", "2017-08-31")
      .Text(kFrcBusiness, "EndDateForPeriodCoveredByReport", "b", "2018-05-31")
      .Text(kFrcBusiness, "EntityDormantTruefalse", "b", "true")
      .Number(kFrc2014, "NetAssetsLiabilities", "b", 1)
      .Number(kFrc2014, "NetAssetsLiabilities", "later", 2);
  ImportedAccounts imported = MapOk(b);
  EXPECT_EQ(risk::FormatIsoDate(imported.current.period.end), "2017-08-31");
  EXPECT_EQ(risk::FormatIsoDate(imported.current.period.start), "2016-09-01");
  EXPECT_THAT(imported.current.net_assets, Optional(1.0));
  EXPECT_TRUE(imported.dormant);
  EXPECT_THAT(Notes(imported), HasSubstr("differs from the balance-sheet date 2017-08-31"));
  EXPECT_THAT(Notes(imported), HasSubstr("reported period start 2017-08-31 is not within"));
  EXPECT_THAT(Notes(imported), HasSubstr("dormant"));
}

// sign="-" on creditors the page adds as positive: noted with its value,
// not stored (the domain rejects a negative liability), never flipped.
TEST(MapAccountsTest, ImplausibleSignIsKeptAndNoted) {
  DocumentBuilder b;
  b.Instant("b", "2017-07-31")
      .Instant("b-within", "2017-07-31", {kWithinOneYear})
      .FrcCompany("2017-07-31", "2016-08-01")
      .Number(kFrc2014, "Creditors", "b-within", -473)
      .Number(kFrc2014, "NetCurrentAssetsLiabilities", "b", -58221);  // a signed figure: no note
  ImportedAccounts imported = MapOk(b);
  EXPECT_EQ(imported.current.current_liabilities, std::nullopt);
  EXPECT_EQ(SourceOf(imported.current, "current_liabilities"), nullptr);
  EXPECT_THAT(Notes(imported), HasSubstr("implausible sign: current_liabilities tagged negative (-473"));
  EXPECT_THAT(Notes(imported), HasSubstr("current_liabilities is left missing"));
}

// Equity tagged only by class: no total is invented (data-sources §4).
TEST(MapAccountsTest, EquityOnlyByClassLeavesNetAssetsMissing) {
  DocumentBuilder b;
  b.Instant("b", "2017-07-31")
      .Instant("b-sc", "2017-07-31", {kShareCapital})
      .Instant("b-re", "2017-07-31", {kRetainedEarnings})
      .FrcCompany("2017-07-31", "2016-08-01")
      .Number(kFrc2014, "FixedAssets", "b", 100)
      .Number(kFrc2014, "CurrentAssets", "b", 900)
      .Number(kFrc2014, "Equity", "b-sc", 100)
      .Number(kFrc2014, "Equity", "b-re", 5000)
      .Number(kFrc2014, "CapitalEmployed", "b", 5100);  // trap: not equity
  const risk::Accounts a = MapOk(b).current;
  EXPECT_EQ(a.net_assets, std::nullopt);
  EXPECT_THAT(a.retained_earnings, Optional(5000.0));
  EXPECT_THAT(a.total_assets, Optional(1000.0));
  EXPECT_EQ(a.total_liabilities, std::nullopt);  // never from a missing input
}

// Figures that contradict each other: net assets above the assets the
// balance sheet shows would make total liabilities negative. The derived
// figure is left missing and noted, so the record still stores.
TEST(MapAccountsTest, ContradictoryFiguresDeriveNothingImpossible) {
  DocumentBuilder b;
  b.Instant("b", "2017-07-31")
      .FrcCompany("2017-07-31", "2016-08-01")
      .Number(kFrc2014, "FixedAssets", "b", 100)
      .Number(kFrc2014, "CurrentAssets", "b", 900)
      .Number(kFrc2014, "NetAssetsLiabilities", "b", 1500);
  ImportedAccounts imported = MapOk(b);
  EXPECT_THAT(imported.current.total_assets, Optional(1000.0));
  EXPECT_EQ(imported.current.total_liabilities, std::nullopt);  // 1,000 - 1,500 < 0
  EXPECT_THAT(Notes(imported), HasSubstr("total_liabilities left missing"));

  // Total assets less current liabilities + creditors below current assets.
  DocumentBuilder c;
  c.Instant("b", "2017-07-31")
      .Instant("b-within", "2017-07-31", {kWithinOneYear})
      .FrcCompany("2017-07-31", "2016-08-01")
      .Number(kFrc2014, "CurrentAssets", "b", 900)
      .Number(kFrc2014, "TotalAssetsLessCurrentLiabilities", "b", 100)
      .Number(kFrc2014, "Creditors", "b-within", 300);
  imported = MapOk(c);
  EXPECT_EQ(imported.current.total_assets, std::nullopt);  // 100 + 300 = 400 < 900
  EXPECT_THAT(Notes(imported), HasSubstr("is less than current_assets"));
}

// Borrowings = bank (by maturity) + directors' loans + group undertakings.
TEST(MapAccountsTest, BorrowingsFromComponents) {
  DocumentBuilder b;
  b.Instant("b", "2017-07-31")
      .Instant("b-within", "2017-07-31", {kWithinOneYear})
      .Instant("b-after", "2017-07-31", {kAfterOneYear})
      .FrcCompany("2017-07-31", "2016-08-01")
      .Number(kFrc2014, "BankBorrowingsOverdrafts", "b-within", 10000)
      .Number(kFrc2014, "BankBorrowingsOverdrafts", "b-after", 40000)
      .Number(kFrc2014, "LoansFromDirectors", "b-within", 2500)
      .Number(kFrc2014, "AmountsOwedToGroupUndertakings", "b-after", 100000);
  ImportedAccounts imported = MapOk(b);
  // (10,000 + 40,000) + 2,500 + 100,000 = 152,500.
  EXPECT_THAT(imported.current.borrowings, Optional(152500.0));
  const std::string derivation = SourceOf(imported.current, "borrowings")->derivation;
  EXPECT_THAT(derivation, HasSubstr("bank_borrowings (bank_borrowings = bank_borrowings_within_one_year"));
  EXPECT_THAT(derivation, HasSubstr("group_borrowings"));
  EXPECT_THAT(Notes(imported), HasSubstr("borrowings include amounts owed to group undertakings (100000)"));
}

TEST(MapAccountsTest, CompanyNumberPaddedOrFromContextOrMissing) {
  DocumentBuilder padded("p.html", "9707484");
  padded.Instant("b", "2017-07-31").FrcCompany("2017-07-31", "2016-08-01");
  ImportedAccounts imported = MapOk(padded);
  EXPECT_EQ(imported.company_number, "09707484");
  EXPECT_THAT(Notes(imported), HasSubstr("padded to 8 characters"));

  // No registered-number fact: the Companies House context identifier.
  DocumentBuilder from_context("c.html", "SC123456");
  from_context.Instant("b", "2017-07-31").Text(kFrcBusiness, "BalanceSheetDate", "b", "2017-07-31");
  imported = MapOk(from_context);
  EXPECT_EQ(imported.company_number, "SC123456");
  EXPECT_THAT(Notes(imported), HasSubstr("taken from the identifier of context 'b'"));

  // Contexts naming another company: the registered number decides, noted.
  DocumentBuilder other("o.html", "01234567");
  other.Instant("b", "2017-07-31").FrcCompany("2017-07-31", "2016-08-01");
  other.Text(kFrcBusiness, "UKCompaniesHouseRegisteredNumber", "b", "09707484");  // after the first: ignored
  imported = MapOk(other);
  EXPECT_EQ(imported.company_number, "01234567");
  DocumentBuilder mismatch("m.html", "01234567");
  mismatch.Instant("b", "2017-07-31")
      .Text(kFrcBusiness, "UKCompaniesHouseRegisteredNumber", "b", "09707484")
      .Text(kFrcBusiness, "BalanceSheetDate", "b", "2017-07-31");
  imported = MapOk(mismatch);
  EXPECT_EQ(imported.company_number, "09707484");
  EXPECT_THAT(Notes(imported), HasSubstr("context 'b' identifies company 01234567, not the registered number 09707484"));

  // Neither: the document is rejected, by name.
  DocumentBuilder none("none.xml", "Arcteam Ltd");
  none.Instant("b", "2017-07-31").Text(kFrcBusiness, "BalanceSheetDate", "b", "2017-07-31");
  absl::StatusOr<ImportedAccounts> rejected = MapAccounts(none.document(), Map());
  EXPECT_EQ(rejected.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(rejected.status().message(), HasSubstr("none.xml: no company number"));
}

TEST(MapAccountsTest, NoDatesAndNoContextsIsRejected) {
  DocumentBuilder b("empty.html");
  b.Text(kFrcBusiness, "UKCompaniesHouseRegisteredNumber", "x", "09707484");
  absl::StatusOr<ImportedAccounts> rejected = MapAccounts(b.document(), Map());
  EXPECT_EQ(rejected.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(rejected.status().message(), HasSubstr("empty.html: no balance-sheet date"));
}

// A duration of more than 18 months (Companies Act 2006 s.392), measured
// forward from its start as the domain's validation measures it, is not the
// year's profit and loss: 2015-02-28 + 18 months = 2016-08-28 < 2016-08-31.
TEST(MapAccountsTest, DurationsLongerThanEighteenMonthsAreNotThePeriod) {
  DocumentBuilder b;
  b.Duration("long", "2015-02-28", "2016-08-31")
      .Text(testing::kFrcBusiness, "UKCompaniesHouseRegisteredNumber", "long", "09707484")
      .Text(testing::kFrcBusiness, "BalanceSheetDate", "long", "2016-08-31")
      .Number(kFrc2014, "TurnoverRevenue", "long", 100);
  ImportedAccounts imported = MapOk(b);
  EXPECT_EQ(imported.current.revenue, std::nullopt);
  EXPECT_EQ(risk::FormatIsoDate(imported.current.period.start), "2015-09-01");
}

// A short duration just after the prior year end (2017-08-03..2017-08-05,
// within the week's tolerance of 2017-07-31) would make a prior period that
// starts after it ends: it is not the comparatives. Found by fuzzing.
TEST(MapAccountsTest, ComparativesNeverStartAfterTheyEnd) {
  DocumentBuilder b;
  b.Duration("cy", "2017-08-01", "2018-07-31")
      .Duration("odd", "2017-08-03", "2017-08-05")
      .FrcCompany("2018-07-31", "2017-08-01")
      .Number(kFrc2014, "TurnoverRevenue", "cy", 100)
      .Number(kFrc2014, "TurnoverRevenue", "odd", 5);
  ImportedAccounts imported = MapOk(b);
  EXPECT_THAT(imported.current.revenue, Optional(100.0));
  EXPECT_EQ(imported.prior, std::nullopt);
}

// Period ends so early that the period arithmetic (up to three years back)
// would leave QuantLib's defined range (1901-2199) are rejected with a status.
TEST(MapAccountsTest, DatesAtTheEdgeOfTheCalendarAreRejected) {
  for (const char* date : {"1901-01-01", "1901-02-01", "1904-12-31"}) {
    DocumentBuilder b("edge.html");
    b.Instant("b", date).Duration("d", "1901-01-01", date).FrcCompany(date, "1901-01-01");
    b.Number(kFrc2014, "CashBankOnHand", "b", 1);
    absl::StatusOr<ImportedAccounts> rejected = MapAccounts(b.document(), Map());
    EXPECT_EQ(rejected.status().code(), absl::StatusCode::kInvalidArgument) << date;
    EXPECT_THAT(rejected.status().message(), HasSubstr("edge.html: period end")) << date;
  }
  // From 1905 on, and up to the last day QuantLib knows, dates map.
  for (const char* date : {"1905-01-01", "2199-12-31"}) {
    DocumentBuilder b("edge.html");
    b.Instant("b", date).Instant("early", "1901-01-01").FrcCompany(date, date);
    b.Number(kFrc2014, "CashBankOnHand", "b", 1);
    EXPECT_THAT(MapOk(b).current.cash, Optional(1.0)) << date;
  }
}

// Without BalanceSheetDate the latest instant is the period end (noted).
TEST(MapAccountsTest, PeriodEndFromTheLatestInstant) {
  DocumentBuilder b;
  b.Instant("pb", "2016-07-31")
      .Instant("b", "2017-07-31")
      .Text(kFrcBusiness, "UKCompaniesHouseRegisteredNumber", "b", "09707484")
      .Number(kFrc2014, "CashBankOnHand", "b", 10)
      .Number(kFrc2014, "CashBankOnHand", "pb", 20);
  ImportedAccounts imported = MapOk(b);
  EXPECT_EQ(risk::FormatIsoDate(imported.current.period.end), "2017-07-31");
  EXPECT_THAT(imported.current.cash, Optional(10.0));
  ASSERT_TRUE(imported.prior.has_value());
  EXPECT_THAT(imported.prior->cash, Optional(20.0));
  EXPECT_THAT(Notes(imported), HasSubstr("latest instant"));
}

// Company facts but no figure for the period: imported empty, and said so.
TEST(MapAccountsTest, NoFigureForThePeriodIsSaid) {
  DocumentBuilder b;
  b.Instant("old", "2015-07-31").FrcCompany("2017-07-31", "2016-08-01").Number(kFrc2014, "CashBankOnHand", "old", 5);
  ImportedAccounts imported = MapOk(b);
  EXPECT_EQ(imported.current.cash, std::nullopt);
  EXPECT_TRUE(imported.current.figure_sources.empty());
  EXPECT_EQ(imported.prior, std::nullopt);  // 2015-07-31 is not the prior year end 2016-07-31
  EXPECT_THAT(Notes(imported), HasSubstr("no figure of the accounts is tagged for 2016-08-01..2017-07-31"));
}

// Amounts in another currency are never read as pounds.
TEST(MapAccountsTest, OtherCurrenciesAreNotImported) {
  DocumentBuilder b;
  b.Instant("b", "2017-07-31")
      .Currency("GBP", "GBP")
      .Currency("USD", "USD")
      .FrcCompany("2017-07-31", "2016-08-01")
      .Number(kFrc2014, "CashBankOnHand", "b", 700)
      .InUnit("USD")
      .Number(kFrc2014, "NetAssetsLiabilities", "b", 900)
      .InUnit("GBP");
  ImportedAccounts imported = MapOk(b);
  EXPECT_EQ(imported.current.cash, std::nullopt);
  EXPECT_THAT(imported.current.net_assets, Optional(900.0));
  EXPECT_THAT(Notes(imported), HasSubstr("figures reported in USD are not imported"));
}

// A value no double holds (an absurd scale) is ignored, never stored.
TEST(MapAccountsTest, NonFiniteValuesAreIgnored) {
  DocumentBuilder b;
  b.Instant("b", "2017-07-31")
      .FrcCompany("2017-07-31", "2016-08-01")
      .Number(kFrc2014, "CashBankOnHand", "b", std::numeric_limits<double>::infinity())
      .Number(kFrc2014, "NetAssetsLiabilities", "b", 10);
  ImportedAccounts imported = MapOk(b);
  EXPECT_EQ(imported.current.cash, std::nullopt);
  EXPECT_THAT(imported.current.net_assets, Optional(10.0));
  EXPECT_THAT(Notes(imported), HasSubstr("CashBankOnHand (line 5) is not a finite number: ignored"));
}

// Profit for the year tagged only in the retained-earnings column of the
// statement of changes in equity (data-sources §4); comparatives tagged at
// the current period's start date (2016-08-01, one day after the prior year
// end 2016-07-31).
TEST(MapAccountsTest, ProfitOnlyInRetainedEarningsAndComparativesAtPeriodStart) {
  DocumentBuilder b;
  b.Duration("cy-re", "2016-08-01", "2017-07-31", {kRetainedEarnings})
      .Instant("b", "2017-07-31")
      .Instant("start", "2016-08-01")
      .FrcCompany("2017-07-31", "2016-08-01")
      .Number(kFrc2014, "ProfitLoss", "cy-re", 8000)
      .Number(kFrc2014, "NetAssetsLiabilities", "b", 20000)
      .Number(kFrc2014, "NetAssetsLiabilities", "start", 12000);
  ImportedAccounts imported = MapOk(b);
  EXPECT_THAT(imported.current.net_income, Optional(8000.0));
  EXPECT_FALSE(imported.current.profit_and_loss_omitted);
  ASSERT_TRUE(imported.prior.has_value());
  EXPECT_THAT(imported.prior->net_assets, Optional(12000.0));
  EXPECT_THAT(Notes(imported), HasSubstr("comparative balance sheet tagged at 2016-08-01"));
}

// D&A = depreciation + amortisation from the notes; bank borrowings from
// separate loans and overdrafts lines.
TEST(MapAccountsTest, DepreciationPlusAmortisationAndBankLoansPlusOverdrafts) {
  DocumentBuilder b;
  b.Duration("cy", "2016-08-01", "2017-07-31")
      .Instant("b", "2017-07-31")
      .FrcCompany("2017-07-31", "2016-08-01")
      .Number(kFrc2014, "OperatingProfitLoss", "cy", 50000)
      .Number(kFrc2014, "DepreciationExpensePropertyPlantEquipment", "cy", 7000)
      .Number(kFrc2014, "AmortisationExpenseIntangibleAssets", "cy", 3000)
      .Number(kFrc2014, "BankBorrowings", "b", 60000)
      .Number(kFrc2014, "BankOverdrafts", "b", 5000);
  const risk::Accounts a = MapOk(b).current;
  EXPECT_THAT(a.depreciation_amortisation, Optional(10000.0));  // 7,000 + 3,000
  EXPECT_THAT(a.ebitda, Optional(60000.0));                     // 50,000 + 10,000
  EXPECT_THAT(a.borrowings, Optional(65000.0));                 // 60,000 + 5,000
  EXPECT_THAT(SourceOf(a, "borrowings")->derivation,
              HasSubstr("bank_borrowings (bank_borrowings = bank_loans (BankBorrowings 60000) + bank_overdrafts "
                        "(BankOverdrafts 5000))"));
}

}  // namespace
}  // namespace oversight::client::accounts
