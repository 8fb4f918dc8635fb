#pragma once
// The two-provider market the scoring tests submit.
#include <vector>

#include "gtest/gtest.h"
#include "server/repository/submission.h"
#include "tests/server/codec_test_records.h"

namespace oversight::server {

namespace scoring_test {
namespace v1 = ::oversight::v1;
namespace rec = ::oversight::testing_records;

// P001: leveraged, going-concern doubt, 30 children from Leeds.
// P002: unleveraged, 10 children from Leeds and 5 from Manchester.
inline void SubmitMarket(Store& store) {
  v1::Provider second = rec::Provider("P002", "Birch Homes Ltd");
  second.set_companies_house_number("SC123456");
  second.set_ownership(v1::OWNERSHIP_OTHER_PRIVATE);
  v1::Accounts second_accounts = rec::Accounts("P002", /*going_concern_doubt=*/false);
  second_accounts.set_borrowings(0);
  second_accounts.set_interest_payable(0);
  const std::vector<v1::SubmitRequest> batch = {
      rec::Submit(rec::Provider("P001"), "p1"),
      rec::Submit(rec::Accounts("P001"), "a1"),
      rec::Submit(rec::Facility("P001"), "f1"),
      rec::Submit(rec::Setting("P001"), "s1"),
      rec::Submit(rec::Placement("P001", 30), "pl1"),
      rec::Submit(second, "p2"),
      rec::Submit(second_accounts, "a2"),
      rec::Submit(rec::Setting("P002", "1234567"), "s2"),
      rec::Submit(rec::Placement("P002", 10), "pl2"),
      rec::Submit(rec::Placement("P002", 5, "Manchester", v1::REGION_NORTH_WEST), "pl3"),
  };
  auto response = SubmitRecords(store, batch);
  ASSERT_TRUE(response.ok()) << response.status();
  ASSERT_EQ(response->rejected(), 0) << response->DebugString();
}

}  // namespace scoring_test

}  // namespace oversight::server
