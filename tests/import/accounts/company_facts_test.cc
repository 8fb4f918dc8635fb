// Company facts: the registered number, the filing's date layouts.
#include "clients/import/accounts/company_facts.h"

#include "gtest/gtest.h"

namespace oversight::client::accounts {
namespace {

TEST(NormaliseCompanyNumberTest, PadsToEightCharacters) {
  // data-sources §4: "9707484" is written without its leading zero.
  EXPECT_EQ(NormaliseCompanyNumber("9707484"), "09707484");
  EXPECT_EQ(NormaliseCompanyNumber(" 09707484 "), "09707484");
  EXPECT_EQ(NormaliseCompanyNumber("sc12345"), "SC012345");
  EXPECT_EQ(NormaliseCompanyNumber("SC123456"), "SC123456");
  EXPECT_EQ(NormaliseCompanyNumber("123456789"), std::nullopt);
  EXPECT_EQ(NormaliseCompanyNumber("Arcteam Ltd"), std::nullopt);
  EXPECT_EQ(NormaliseCompanyNumber(""), std::nullopt);
  EXPECT_EQ(NormaliseCompanyNumber("00000000"), std::nullopt);
}

TEST(ParseFilingDateTest, ReadsTheLayoutsSeenInRealFilings) {
  // Layouts of the real filings' BalanceSheetDate facts (data-sources §4 corpus).
  struct Case {
    const char* text;
    const char* iso;
  } cases[] = {
      {"2017-07-31", "2017-07-31"},      {"31 July 2017", "2017-07-31"}, {"31 August 2017", "2017-08-31"},
      {"31.8.17", "2017-08-31"},         {"1.9.16", "2016-09-01"},        {"31/03/2018", "2018-03-31"},
      {" 30 Sept 2017 ", "2017-09-30"},  {"1st April 2017", "2017-04-01"}, {"31-12-2017", "2017-12-31"},
      {"31 Dec. 2017", "2017-12-31"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<risk::Date> date = ParseFilingDate(c.text, "BalanceSheetDate");
    ASSERT_TRUE(date.ok()) << c.text << ": " << date.status();
    EXPECT_EQ(risk::FormatIsoDate(*date), c.iso) << c.text;
  }
  for (const char* bad : {"", "31 Jully 2017", "30.2.17", "2017-02-30", "next year", "31/12"}) {
    absl::StatusOr<risk::Date> date = ParseFilingDate(bad, "BalanceSheetDate");
    EXPECT_FALSE(date.ok()) << bad;
    if (!date.ok()) {
      EXPECT_NE(date.status().message().find("BalanceSheetDate"), std::string::npos) << date.status();
    }
  }
}

}  // namespace
}  // namespace oversight::client::accounts
