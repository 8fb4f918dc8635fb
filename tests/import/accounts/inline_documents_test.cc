// Small inline XBRL pages written as Companies House filers write them, read
// by the XBRL reader and mapped: the path a real filing takes. Expected
// figures are worked out by hand from the markup of each test.
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/import/accounts/map_accounts.h"
#include "clients/import/xbrl/xbrl_reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace oversight::client::accounts {
namespace {

using ::testing::HasSubstr;
using ::testing::Optional;

std::string Context(absl::string_view id, absl::string_view period, absl::string_view segment = "") {
  return absl::StrCat("<xbrli:context id=\"", id,
                      "\"><xbrli:entity><xbrli:identifier scheme=\"http://www.companieshouse.gov.uk/\">01234567"
                      "</xbrli:identifier>",
                      segment.empty() ? "" : absl::StrCat("<xbrli:segment>", segment, "</xbrli:segment>"),
                      "</xbrli:entity><xbrli:period>", period, "</xbrli:period></xbrli:context>\n");
}
std::string Instant(absl::string_view date) { return absl::StrCat("<xbrli:instant>", date, "</xbrli:instant>"); }
std::string Duration(absl::string_view start, absl::string_view end) {
  return absl::StrCat("<xbrli:startDate>", start, "</xbrli:startDate><xbrli:endDate>", end, "</xbrli:endDate>");
}
std::string Member(absl::string_view prefix, absl::string_view dimension, absl::string_view member) {
  return absl::StrCat("<xbrldi:explicitMember dimension=\"", prefix, ":", dimension, "\">", prefix, ":", member,
                      "</xbrldi:explicitMember>");
}

// A page whose core namespace is bound to `core_prefix` = `core_uri` (the
// prefix is the filer's choice: "prefixes lie").
std::string Page(absl::string_view core_prefix, absl::string_view core_uri, absl::string_view bus_prefix,
                 absl::string_view bus_uri, absl::string_view hidden, absl::string_view contexts,
                 absl::string_view body) {
  return absl::StrCat(R"(<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"
 xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xbrldi="http://xbrl.org/2006/xbrldi"
 xmlns:iso4217="http://www.xbrl.org/2003/iso4217"
 xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2010-04-20"
 xmlns:ixt2="http://www.xbrl.org/inlineXBRL/transformation/2011-07-31"
 xmlns:)", core_prefix, "=\"", core_uri, "\" xmlns:", bus_prefix, "=\"", bus_uri, R"(">
<head><title>accounts</title></head><body>
<div style="display:none"><ix:header><ix:hidden>
)", hidden, R"(
</ix:hidden><ix:resources>
)", contexts, R"(<xbrli:unit id="GBP"><xbrli:measure>iso4217:GBP</xbrli:measure></xbrli:unit>
</ix:resources></ix:header></div>
)", body, R"(
</body></html>
)");
}

std::string Number(absl::string_view name, absl::string_view context, absl::string_view text,
                   absl::string_view attrs = "format=\"ixt2:numdotdecimal\"") {
  return absl::StrCat("<ix:nonFraction name=\"", name, "\" contextRef=\"", context,
                      "\" unitRef=\"GBP\" decimals=\"0\" ", attrs, ">", text, "</ix:nonFraction>\n");
}
std::string Text(absl::string_view name, absl::string_view context, absl::string_view text,
                 absl::string_view attrs = "") {
  return absl::StrCat("<ix:nonNumeric name=\"", name, "\" contextRef=\"", context, "\" ", attrs, ">", text,
                      "</ix:nonNumeric>\n");
}

ImportedAccounts ReadAndMap(const std::string& page) {
  absl::StatusOr<xbrl::XbrlDocument> document = xbrl::ParseXbrlDocument("page.html", page);
  EXPECT_TRUE(document.ok()) << document.status();
  if (!document.ok()) return {};
  absl::StatusOr<ConceptMap> map = LoadBuiltInConceptMap();
  EXPECT_TRUE(map.ok()) << map.status();
  absl::StatusOr<ImportedAccounts> imported = MapAccounts(*document, *map);
  EXPECT_TRUE(imported.ok()) << imported.status();
  return imported.ok() ? *imported : ImportedAccounts{};
}

// FRC 2021 core bound to "ns5", business facts under "d": dates in the
// ixt2:datedaymonthyear layout "31.3.22"; creditors under each dimension
// kind; brackets printed outside the tags; a net loss with sign="-".
TEST(InlineDocumentsTest, Frc2021SmallCompanyThroughTheReader) {
  const char* core = "http://xbrl.frc.org.uk/fr/2021-01-01/core";
  const std::string contexts = absl::StrCat(
      Context("D1", Duration("2021-04-01", "2022-03-31")), Context("I1", Instant("2022-03-31")),
      Context("I0", Instant("2021-03-31")),
      Context("I1w", Instant("2022-03-31"), Member("ns5", "MaturitiesOrExpirationPeriodsDimension", "WithinOneYear")),
      Context("I1a", Instant("2022-03-31"),
              Member("ns5", "FinancialInstrumentCurrentNon-currentDimension", "Non-currentFinancialInstruments")),
      Context("I0w", Instant("2021-03-31"), Member("ns5", "MaturitiesOrExpirationPeriodsDimension", "WithinOneYear")));
  const std::string hidden = absl::StrCat(
      Text("d:UKCompaniesHouseRegisteredNumber", "D1", "1234567"),
      Text("d:BalanceSheetDate", "D1", "31.3.22", "format=\"ixt2:datedaymonthyear\""),
      Text("d:StartDateForPeriodCoveredByReport", "D1", "1.4.21", "format=\"ixt2:datedaymonthyear\""),
      Text("d:EntityDormantTruefalse", "D1", "false"));
  const std::string body = absl::StrCat(
      "<p>Turnover ", Number("ns5:TurnoverRevenue", "D1", "1,250,000"), "</p>",
      "<p>Staff costs (", Number("ns5:StaffCostsEmployeeBenefitsExpense", "D1", "800,000"), ")</p>",
      "<p>Operating loss (", Number("ns5:OperatingProfitLoss", "D1", "12,500", "format=\"ixt2:numdotdecimal\" sign=\"-\""),
      ")</p>", "<p>Depreciation ", Number("ns5:DepreciationExpensePropertyPlantEquipment", "D1", "30,000"), "</p>",
      "<p>Loss for the year (", Number("ns5:ProfitLoss", "D1", "15,000", "format=\"ixt2:numdotdecimal\" sign=\"-\""),
      ")</p>", "<p>Fixed assets ", Number("ns5:FixedAssets", "I1", "400,000"), "</p>",
      "<p>Current assets ", Number("ns5:CurrentAssets", "I1", "350,000"), "</p>",
      "<p>Cash ", Number("ns5:CashBankOnHand", "I1", "120,000"), "</p>",
      "<p>Creditors within one year (", Number("ns5:Creditors", "I1w", "300,000"), ")</p>",
      "<p>Creditors after one year (", Number("ns5:Creditors", "I1a", "150,000"), ")</p>",
      "<p>Net assets ", Number("ns5:NetAssetsLiabilities", "I1", "300,000"), "</p>",
      "<p>Prior creditors (", Number("ns5:Creditors", "I0w", "280,000"), ")</p>",
      "<p>Note: turnover again ", Number("ns5:TurnoverRevenue", "D1", "1,250,000"), "</p>");
  ImportedAccounts imported =
      ReadAndMap(Page("ns5", core, "d", "http://xbrl.frc.org.uk/cd/2021-01-01/business", hidden, contexts, body));
  EXPECT_EQ(imported.company_number, "01234567");
  const risk::Accounts& a = imported.current;
  EXPECT_EQ(risk::FormatIsoDate(a.period.start), "2021-04-01");
  EXPECT_EQ(risk::FormatIsoDate(a.period.end), "2022-03-31");
  EXPECT_THAT(a.revenue, Optional(1250000.0));  // tagged twice, same value: one fact
  EXPECT_THAT(a.staff_costs, Optional(800000.0));  // brackets are HTML: positive
  EXPECT_THAT(a.operating_profit, Optional(-12500.0));
  EXPECT_THAT(a.net_income, Optional(-15000.0));
  EXPECT_THAT(a.depreciation_amortisation, Optional(30000.0));
  EXPECT_THAT(a.ebitda, Optional(17500.0));                  // -12,500 + 30,000
  EXPECT_THAT(a.funds_from_operations, Optional(15000.0));   // -15,000 + 30,000
  EXPECT_THAT(a.cash, Optional(120000.0));
  EXPECT_THAT(a.current_liabilities, Optional(300000.0));
  EXPECT_THAT(a.total_assets, Optional(750000.0));       // 400,000 + 350,000
  EXPECT_THAT(a.total_liabilities, Optional(450000.0));  // 750,000 - 300,000 = 300,000 + 150,000
  ASSERT_TRUE(imported.prior.has_value());
  EXPECT_THAT(imported.prior->current_liabilities, Optional(280000.0));
  EXPECT_EQ(imported.prior->revenue, std::nullopt);
  EXPECT_TRUE(imported.prior->profit_and_loss_omitted);  // no comparative P&L on this page
  ASSERT_EQ(imported.notes.size(), 2u) << absl::StrJoin(imported.notes, "\n");
  EXPECT_THAT(imported.notes[0], HasSubstr("'1234567' read as 01234567"));
  EXPECT_THAT(imported.notes[1], HasSubstr("prior year: no profit and loss account tagged"));
}

// A filleted micro-entity under UK GAAP 2009, core bound to "uk-gaap-pt":
// a dash printed outside any tag is absent; ixt:zerodash in a tag is 0.
TEST(InlineDocumentsTest, UkGaap2009FilletedMicroEntity) {
  const std::string contexts =
      absl::StrCat(Context("current-mud", Instant("2017-11-30")), Context("dur", Duration("2016-12-01", "2017-11-30")));
  const std::string hidden = absl::StrCat(Text("bus:UKCompaniesHouseRegisteredNumber", "dur", "01234567"),
                                          Text("bus:BalanceSheetDate", "dur", "2017-11-30"),
                                          Text("bus:StartDateForPeriodCoveredByReport", "dur", "2016-12-01"),
                                          Text("bus:EntityDormant", "dur", "false"));
  const std::string body = absl::StrCat(
      "<p>Fixed assets ", Number("uk-gaap-pt:FixedAssets", "current-mud", "6,497", "format=\"ixt:numcommadot\""),
      "</p><p>Current assets ", Number("uk-gaap-pt:CurrentAssets", "current-mud", "77", "format=\"ixt:numcommadot\""),
      "</p><p>Called up share capital not paid ",
      Number("uk-gaap-pt:CalledUpShareCapitalNotPaidNotExpressedAsCurrentAsset", "current-mud", "-",
             "format=\"ixt:zerodash\""),
      "</p><p>Cash at bank -</p><p>Creditors ",
      Number("uk-gaap-pt:CreditorsDueWithinOneYear", "current-mud", "4,810", "format=\"ixt:numcommadot\""),
      "</p><p>Net liabilities (",
      Number("uk-gaap-pt:NetAssetsLiabilitiesIncludingPensionAssetLiability", "current-mud", "33,787",
             "format=\"ixt:numcommadot\" sign=\"-\""),
      ")</p>");
  ImportedAccounts imported = ReadAndMap(Page("uk-gaap-pt", "http://www.xbrl.org/uk/gaap/core/2009-09-01", "bus",
                                              "http://www.xbrl.org/uk/cd/business/2009-09-01", hidden, contexts, body));
  const risk::Accounts& a = imported.current;
  EXPECT_TRUE(a.profit_and_loss_omitted);
  EXPECT_EQ(a.revenue, std::nullopt);
  EXPECT_EQ(a.cash, std::nullopt);  // the dash outside any tag is not a figure
  EXPECT_THAT(a.current_liabilities, Optional(4810.0));
  EXPECT_THAT(a.net_assets, Optional(-33787.0));
  // 6,497 + 77 + 0 (zerodash) = 6,574; 6,574 - (-33,787) = 40,361.
  EXPECT_THAT(a.total_assets, Optional(6574.0));
  EXPECT_THAT(a.total_liabilities, Optional(40361.0));
  EXPECT_EQ(imported.prior, std::nullopt);
}

}  // namespace
}  // namespace oversight::client::accounts
