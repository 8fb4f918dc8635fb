// The benchmarks' synthetic filings must import like real ones, or the
// throughput figures would measure an error path: each kind of page is read
// by ParseXbrlDocument, mapped by MapAccounts and checked against the
// figures the generator drew (independent arithmetic: the balance sheet is
// built to add up, so risk::ValidateAccounts must accept both columns).

#include "bench/import/synthetic_filing.h"

#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/import/accounts/map_accounts.h"
#include "clients/import/xbrl/xbrl_reader.h"
#include "gtest/gtest.h"
#include "risk/domain/validation.h"

namespace oversight::bench {
namespace {

namespace accounts = ::oversight::client::accounts;
namespace xbrl = ::oversight::client::xbrl;

accounts::ImportedAccounts Import(const SyntheticFilingOptions& options, const std::string& page) {
  absl::StatusOr<accounts::ConceptMap> map = accounts::LoadBuiltInConceptMap();
  EXPECT_TRUE(map.ok()) << map.status();
  absl::StatusOr<xbrl::XbrlDocument> document =
      xbrl::ParseXbrlDocument(absl::StrCat("Prod224_0107_", options.company_number, "_20250930.html"), page);
  EXPECT_TRUE(document.ok()) << document.status();
  if (!document.ok() || !map.ok()) return {};
  absl::StatusOr<accounts::ImportedAccounts> imported = accounts::MapAccounts(*document, *map);
  EXPECT_TRUE(imported.ok()) << imported.status();
  return imported.ok() ? *std::move(imported) : accounts::ImportedAccounts{};
}

SyntheticFilingOptions Small() {
  SyntheticFilingOptions options;
  options.company_number = "12345678";
  options.period_end_year = 2025;
  options.target_bytes = 40 * 1024;
  return options;
}

TEST(SyntheticFiling, SmallCompanyPageImportsWithBothYears) {
  const SyntheticFilingOptions options = Small();
  const std::string page = SyntheticFiling(options);
  EXPECT_GE(page.size(), options.target_bytes) << "page of " << page.size() << " bytes";
  EXPECT_LT(page.size(), options.target_bytes + 64 * 1024) << "page of " << page.size() << " bytes";

  const accounts::ImportedAccounts imported = Import(options, page);
  EXPECT_EQ(imported.company_number, "12345678");
  EXPECT_EQ(imported.current.period.end, risk::Date(30, QuantLib::September, 2025));
  EXPECT_EQ(imported.current.period.start, risk::Date(1, QuantLib::October, 2024));
  EXPECT_FALSE(imported.dormant);
  EXPECT_FALSE(imported.consolidated);
  EXPECT_FALSE(imported.current.profit_and_loss_omitted) << absl::StrJoin(imported.notes, "\n");
  EXPECT_TRUE(imported.current.revenue.has_value());
  EXPECT_TRUE(imported.current.net_income.has_value());
  EXPECT_TRUE(imported.current.net_assets.has_value());
  EXPECT_TRUE(imported.current.current_liabilities.has_value());
  EXPECT_TRUE(risk::ValidateAccounts(imported.current).ok()) << risk::ValidateAccounts(imported.current);
  ASSERT_TRUE(imported.prior.has_value());
  EXPECT_EQ(imported.prior->period.end, risk::Date(30, QuantLib::September, 2024));
  EXPECT_TRUE(risk::ValidateAccounts(*imported.prior).ok()) << risk::ValidateAccounts(*imported.prior);
  for (const std::string& note : imported.notes) {
    EXPECT_EQ(note.find("conflict"), std::string::npos) << "the generator tagged one figure twice: " << note;
  }
}

TEST(SyntheticFiling, FilletedPageHasNoProfitAndLoss) {
  SyntheticFilingOptions options = Small();
  options.filleted = true;
  const accounts::ImportedAccounts imported = Import(options, SyntheticFiling(options));
  EXPECT_TRUE(imported.current.profit_and_loss_omitted);
  EXPECT_FALSE(imported.current.revenue.has_value());
  EXPECT_TRUE(imported.current.net_assets.has_value());
}

TEST(SyntheticFiling, GroupPageIsReadAsConsolidatedInThousands) {
  SyntheticFilingOptions options = Small();
  options.group = true;
  options.company_number = "SC012345";
  options.target_bytes = 1 << 20;
  const accounts::ImportedAccounts imported = Import(options, SyntheticFiling(options));
  EXPECT_EQ(imported.company_number, "SC012345");
  EXPECT_TRUE(imported.consolidated);
  ASSERT_TRUE(imported.current.revenue.has_value());
  // scale="3": the page shows thousands, the value is pounds.
  EXPECT_EQ(std::fmod(*imported.current.revenue, 1000.0), 0.0) << "revenue " << *imported.current.revenue;
  EXPECT_GE(*imported.current.revenue, 1000.0) << "revenue " << *imported.current.revenue;
  EXPECT_TRUE(risk::ValidateAccounts(imported.current).ok()) << risk::ValidateAccounts(imported.current);
}

TEST(SyntheticFiling, SameOptionsSamePage) {
  const SyntheticFilingOptions options = Small();
  EXPECT_EQ(SyntheticFiling(options), SyntheticFiling(options));
  SyntheticFilingOptions other = options;
  other.seed = 99;
  EXPECT_NE(SyntheticFiling(options), SyntheticFiling(other));
}

}  // namespace
}  // namespace oversight::bench
