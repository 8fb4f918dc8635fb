// The field table agrees with the domain's validation on signs: a figure the
// domain rejects when negative is one the mapping treats as implausible when
// tagged negative, so a mapped record never fails validation on a sign.
#include "clients/import/accounts/account_field.h"

#include "gtest/gtest.h"
#include "risk/domain/validation.h"

namespace oversight::client::accounts {
namespace {

TEST(AccountFieldTest, SignExpectationsMatchValidateAccounts) {
  const char* fields[] = {"revenue",          "staff_costs",       "other_operating_costs", "rent_costs",
                          "ebitda",           "depreciation_amortisation", "operating_profit", "interest_payable",
                          "profit_before_tax", "net_income",       "funds_from_operations", "cash",
                          "current_assets",   "current_liabilities", "total_assets",        "total_liabilities",
                          "borrowings",       "lease_liabilities", "net_assets",            "retained_earnings",
                          "tangible_fixed_assets", "intangible_assets"};
  for (const char* name : fields) {
    const AccountField* field = FindAccountField(name);
    ASSERT_NE(field, nullptr) << name;
    ASSERT_NE(field->member, nullptr) << name;
    risk::Accounts accounts;
    accounts.provider_id = "09707484";
    accounts.period = {risk::ParseIsoDate("2016-08-01").value(), risk::ParseIsoDate("2017-07-31").value()};
    accounts.*(field->member) = -1.0;
    const bool rejected = !risk::ValidateAccounts(accounts).ok();
    EXPECT_EQ(field->expected_non_negative, rejected)
        << name << ": the mapping expects " << (field->expected_non_negative ? "a positive" : "a signed")
        << " figure, validation " << (rejected ? "rejects" : "accepts") << " -1";
  }
  EXPECT_EQ(FindAccountField("turnover"), nullptr);
}

}  // namespace
}  // namespace oversight::client::accounts
