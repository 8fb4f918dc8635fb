// The names records are quoted by, in explanations and validation errors
// alike (risk/domain/record_citation.h): each kind with and without a
// source, as docs/data-format.md shows them.
#include "risk/domain/record_citation.h"
#include "risk/domain/iso_date.h"

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

// The Append forms write the same citation after what the buffer holds,
// a large version number and a null date included.
TEST(RecordCitation, AppendFormsWriteTheSameCitationAfterTheBuffersText) {
  Accounts accounts;
  accounts.provider_id = "P001";
  accounts.period = FinancialPeriod{Date(1, QuantLib::April, 2024), Date(31, QuantLib::March, 2025)};
  accounts.provenance = Provenance{"sample/accounts.csv:12", 4294967296};
  std::string out = "prefix|";
  AppendAccountsCitation(out, accounts);
  EXPECT_EQ(out, "prefix|" + CiteAccounts(accounts));
  EXPECT_EQ(out, "prefix|accounts P001 2025-03-31 (sample/accounts.csv:12, v4294967296)");

  DebtFacility facility;
  facility.provider_id = "P001";
  facility.facility_id = "TL-2";
  facility.provenance = Provenance{"f.csv:2", 1};
  AppendFacilityCitation(out, facility);
  EXPECT_EQ(out, "prefix|" + CiteAccounts(accounts) + "facility P001/TL-2 (f.csv:2, v1)");

  RelatedPartyFlows flows;
  flows.provider_id = "P002";  // period left null: the date is left out, as FormatIsoDate gives ""
  std::string flows_text;
  AppendRelatedPartyFlowsCitation(flows_text, flows);
  EXPECT_EQ(flows_text, "related_party_flows P002 ");
  EXPECT_EQ(flows_text, CiteRelatedPartyFlows(flows));
  EXPECT_EQ(FormatIsoDate(Date()), "");
  std::string dates = "d:";
  AppendIsoDate(dates, Date(29, QuantLib::February, 2028));
  AppendIsoDate(dates, Date());
  AppendIsoDate(dates, Date(1, QuantLib::January, 1901));
  EXPECT_EQ(dates, "d:2028-02-291901-01-01");
}

}  // namespace
}  // namespace oversight::risk
