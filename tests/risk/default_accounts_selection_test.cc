// Which accounts the failure models read (risk/default/accounts_selection.h):
// point-in-time selection by period end and filing date, and the prior year.
#include <gtest/gtest.h>

#include "risk/default/accounts_selection.h"

namespace oversight::risk {
namespace {

Accounts Year(int end_year, Date filed = Date()) {
  Accounts a;
  a.provider_id = "P009";
  a.period = {Date(1, QuantLib::April, end_year - 1), Date(31, QuantLib::March, end_year)};
  a.filing_date = filed;
  return a;
}

TEST(AccountsSelection, LatestIsByPeriodEndAmongPublishedAccounts) {
  ProviderData data;
  data.accounts = {Year(2023), Year(2025, Date(15, QuantLib::December, 2025)), Year(2024)};
  // Before the 2025 accounts were filed, the 2024 accounts are the latest.
  const Accounts* mid = LatestAccountsAtOrBefore(data, Date(1, QuantLib::September, 2025));
  ASSERT_NE(mid, nullptr);
  EXPECT_EQ(mid->period.end, Date(31, QuantLib::March, 2024)) << FormatIsoDate(mid->period.end);
  const Accounts* after = LatestAccountsAtOrBefore(data, Date(1, QuantLib::January, 2026));
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(after->period.end, Date(31, QuantLib::March, 2025));
  EXPECT_EQ(LatestAccountsAtOrBefore(data, Date(1, QuantLib::January, 2023)), nullptr);
}

TEST(AccountsSelection, PriorYearIsAdjacentAndNotAfterAGap) {
  ProviderData data;
  data.accounts = {Year(2025), Year(2024), Year(2022)};
  const Accounts& latest = data.accounts[0];
  const Accounts* prior = PriorYearAccounts(data, latest);
  ASSERT_NE(prior, nullptr);
  EXPECT_EQ(prior->period.end, Date(31, QuantLib::March, 2024));
  // 2024's prior would be 2023, which is missing; 2022 is a year too far.
  EXPECT_EQ(PriorYearAccounts(data, data.accounts[1]), nullptr);
}

TEST(AccountsSelection, DescribesWithProvenance) {
  Accounts a = Year(2024);
  EXPECT_EQ(DescribeAccounts(a), "accounts P009 2024-03-31");
  a.provenance = {"sample/accounts.csv:3", 4};
  EXPECT_EQ(DescribeAccounts(a), "accounts P009 2024-03-31 (sample/accounts.csv:3, v4)");
}

}  // namespace
}  // namespace oversight::risk
