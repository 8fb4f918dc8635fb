// Company numbers as Companies House writes them: eight digits, or a
// two-letter register prefix and six digits.
#include "clients/import/companies/company_number.h"

#include "gtest/gtest.h"

namespace oversight::client::companies {
namespace {

TEST(CompanyNumberTest, Recognition) {
  EXPECT_TRUE(IsCompanyNumber("09707484"));
  EXPECT_TRUE(IsCompanyNumber("SC123456"));
  EXPECT_TRUE(IsCompanyNumber("OC301234"));
  for (const char* bad : {"9707484", "097074840", "sc123456", "S1234567", "SC12345X", ""}) {
    EXPECT_FALSE(IsCompanyNumber(bad)) << bad;
  }
}

TEST(CompanyNumberTest, PaddingRestoresLeadingZeros) {
  EXPECT_EQ(PadCompanyNumber("9707484"), "09707484");
  EXPECT_EQ(PadCompanyNumber(" 123 "), "00000123");
  EXPECT_EQ(PadCompanyNumber("09707484"), "09707484");
  EXPECT_EQ(PadCompanyNumber("sc123456"), "SC123456");
  EXPECT_EQ(PadCompanyNumber("HRB 12345"), "HRB 12345") << "a foreign registration is kept as written";
}

TEST(CompanyNumberTest, FromLinksAndFileNames) {
  EXPECT_EQ(CompanyNumberFromLink("/company/09707484/filing-history/MzM3NzE2"), "09707484");
  EXPECT_EQ(CompanyNumberFromLink("/company/SC123456"), "SC123456");
  EXPECT_EQ(CompanyNumberFromLink("/officers/abc/appointments"), std::nullopt);
  EXPECT_EQ(CompanyNumberFromFileName("saved/09707484-psc.json"), "09707484");
  EXPECT_EQ(CompanyNumberFromFileName("psc_sc123456.json"), "SC123456");
  EXPECT_EQ(CompanyNumberFromFileName("filing_history_2023.json"), std::nullopt);
  EXPECT_EQ(CompanyNumberFromFileName("psc09707484.json"), std::nullopt)
      << "inside a longer run nothing says where the number starts";
  EXPECT_EQ(CompanyNumberFromFileName("09707484/psc.json"), std::nullopt)
      << "only the file's own name counts";
}

}  // namespace
}  // namespace oversight::client::companies
