// The names records are quoted by, in explanations and validation errors
// alike (risk/domain/record_citation.h): each kind with and without a
// source, as docs/data-format.md shows them.
#include "risk/domain/record_citation.h"

#include <gtest/gtest.h>

namespace oversight::risk {
namespace {

const Date kEnd(31, QuantLib::March, 2025);
const Provenance kSource{"sample/file.csv:7", 3};

TEST(RecordCitation, EachKindWithAndWithoutItsSource) {
  Accounts accounts;
  accounts.provider_id = "P001";
  accounts.period = {Date(1, QuantLib::April, 2024), kEnd};
  EXPECT_EQ(CiteAccounts(accounts), "accounts P001 2025-03-31");
  accounts.provenance = kSource;
  EXPECT_EQ(CiteAccounts(accounts), "accounts P001 2025-03-31 (sample/file.csv:7, v3)");

  Provider provider;
  provider.provider_id = "P001";
  EXPECT_EQ(CiteProvider(provider), "provider P001");
  provider.provenance = kSource;
  EXPECT_EQ(CiteProvider(provider), "provider P001 (sample/file.csv:7, v3)");

  RelatedPartyFlows flows;
  flows.provider_id = "P001";
  flows.period = accounts.period;
  flows.provenance = kSource;
  EXPECT_EQ(CiteRelatedPartyFlows(flows), "related_party_flows P001 2025-03-31 (sample/file.csv:7, v3)");

  DebtFacility facility;
  facility.provider_id = "P001";
  facility.facility_id = "RCF-1";
  EXPECT_EQ(CiteFacility(facility), "facility P001/RCF-1");

  Setting setting;
  setting.provider_id = "P001";
  setting.urn = "SC123456";
  setting.provenance = kSource;
  EXPECT_EQ(CiteSetting(setting), "setting P001 SC123456 (sample/file.csv:7, v3)");

  PlacementReturn placement;
  placement.provider_id = "P001";
  placement.placing_local_authority = "Kent";
  placement.as_of = kEnd;
  EXPECT_EQ(CitePlacement(placement), "placement P001 Kent 2025-03-31");

  EquityObservation equity;
  equity.provider_id = "P001";
  equity.as_of = kEnd;
  equity.provenance = kSource;
  EXPECT_EQ(CiteEquityObservation(equity), "equity_observation P001 2025-03-31 (sample/file.csv:7, v3)");
}

}  // namespace
}  // namespace oversight::risk
