// Names of the Companies House accounts bulk product
// (/work/shared/data-sources.md section 1; docs/import.md).
#include "clients/import/archive/bulk_names.h"

#include <gtest/gtest.h>

namespace oversight::client::archive {
namespace {

std::string Iso(const std::optional<risk::Date>& d) {
  return d.has_value() ? risk::FormatIsoDate(*d) : "nullopt";
}

TEST(PadCompanyNumberTest, PadsDigitsAndKeepsPrefixes) {
  EXPECT_EQ(PadCompanyNumber("9707484"), "09707484");  // Prod223_2125_09707484 line 446
  EXPECT_EQ(PadCompanyNumber("09707484"), "09707484");
  EXPECT_EQ(PadCompanyNumber(" 2531662 "), "02531662");
  EXPECT_EQ(PadCompanyNumber("1"), "00000001");
  EXPECT_EQ(PadCompanyNumber("SC123456"), "SC123456");
  EXPECT_EQ(PadCompanyNumber("sc12345"), "SC012345");
  EXPECT_EQ(PadCompanyNumber("NI1234"), "NI001234");
  EXPECT_EQ(PadCompanyNumber("OC301234"), "OC301234");
  EXPECT_EQ(PadCompanyNumber(""), "");
  EXPECT_EQ(PadCompanyNumber("Monkton Flats"), "Monkton Flats");  // not a number: kept as written, not guessed
}

TEST(ParseBulkMemberNameTest, ReadsCompanyNumberAndBalanceSheetDate) {
  auto m = ParseBulkMemberName("Prod223_2125_09707484_20170731.html");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->company_number, "09707484");
  EXPECT_EQ(risk::FormatIsoDate(m->balance_sheet_date), "2017-07-31");

  auto xml = ParseBulkMemberName("Prod224_0042_02961990_20160831.xml");
  ASSERT_TRUE(xml.has_value());
  EXPECT_EQ(xml->company_number, "02961990");
  EXPECT_EQ(risk::FormatIsoDate(xml->balance_sheet_date), "2016-08-31");

  auto padded = ParseBulkMemberName("Prod223_2125_9707484_20170731.html");
  ASSERT_TRUE(padded.has_value());
  EXPECT_EQ(padded->company_number, "09707484");

  auto scottish = ParseBulkMemberName("folder/Prod223_1_SC123456_20240331.html");
  ASSERT_TRUE(scottish.has_value());
  EXPECT_EQ(scottish->company_number, "SC123456");
}

TEST(ParseBulkMemberNameTest, RejectsNamesOffThePattern) {
  for (const char* name :
       {"Prod223_2125_09707484_20170731.xhtml", "Prod223_2125_09707484_2017073.html",
        "Prod223_2125_09707484_20170231.html",  // 31 February
        "Prod_2125_09707484_20170731.html", "ProdX_2125_09707484_20170731.html",
        "Prod223_2125__20170731.html", "Prod223_2125_09_707484_20170731.html",
        "accounts.html", ""}) {
    EXPECT_FALSE(ParseBulkMemberName(name).has_value()) << name;
  }
}

TEST(ParseBulkArchiveDateTest, DailyAndMonthlyNames) {
  EXPECT_EQ(Iso(ParseBulkArchiveDate("Accounts_Bulk_Data-2024-03-05.zip")), "2024-03-05");
  EXPECT_EQ(Iso(ParseBulkArchiveDate("/data/ch/Accounts_Bulk_Data-2017-10-02.zip")), "2017-10-02");
  EXPECT_EQ(Iso(ParseBulkArchiveDate("Accounts_Monthly_Data-March2024.zip")), "2024-03-31");
  EXPECT_EQ(Iso(ParseBulkArchiveDate("Accounts_Monthly_Data-February2024.zip")), "2024-02-29");
  EXPECT_EQ(Iso(ParseBulkArchiveDate("Accounts_Monthly_Data-February2023.zip")), "2023-02-28");
  EXPECT_EQ(Iso(ParseBulkArchiveDate("Accounts_Monthly_Data-Sep2016.zip")), "2016-09-30");
  for (const char* name : {"Accounts_Bulk_Data-2024-02-30.zip", "Accounts_Bulk_Data-2024-03-05",
                           "Accounts_Monthly_Data-Marchy2024.zip", "Accounts_Monthly_Data-2024.zip",
                           "accounts.zip", ""}) {
    EXPECT_FALSE(ParseBulkArchiveDate(name).has_value()) << name;
  }
}

}  // namespace
}  // namespace oversight::client::archive
