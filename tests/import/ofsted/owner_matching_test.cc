// Owner names to providers: the names Ofsted writes against the shared
// normalisation (risk/domain/owner_name.h, whose rules tests/risk tests one
// by one), alias over name, ambiguity and the unmatched list. Expected values
// are worked by hand from those rules.
#include "clients/import/ofsted/owner_matching.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace oversight::client::ofsted {
namespace {

using ::testing::ElementsAre;
using Kind = OwnerMatch::Kind;

TEST(NormaliseOwnerNameTest, EqualNames) {
  const std::vector<std::pair<std::string, std::string>> equal = {
      {"The Acme Care Group Ltd.", "ACME CARE GROUP LIMITED"},
      {"Acme Care Group (The)", "Acme Care Group"},
      {"A & B Care Ltd", "A and B Care Limited"},
      {"St. Mary's Children's Trust", "ST MARYS CHILDRENS TRUST"},
      {"St Mary\xE2\x80\x99s Children\xE2\x80\x99s Trust", "St Mary's Children's Trust"},
      {"Harbour Fostering (UK) Limited", "Harbour Fostering UK Ltd"},
      {"Harbour Fostering U.K. Ltd", "Harbour Fostering"},
      {"Northern Lights Holdings plc", "Northern Lights Holdings Public Limited Company"},
      {"Smith,  Jones-Partners LLP", "smith jones partners"},
      {"Kind Hearts CIC", "Kind Hearts Community Interest Company"},
  };
  for (const auto& [a, b] : equal) {
    EXPECT_EQ(NormaliseOwnerName(a), NormaliseOwnerName(b)) << "\"" << a << "\" vs \"" << b << "\"";
  }
  EXPECT_EQ(NormaliseOwnerName("The Acme Care Group Ltd."), "acme care group");
}

TEST(NormaliseOwnerNameTest, DifferentNamesStayDifferent) {
  const std::vector<std::pair<std::string, std::string>> different = {
      {"Acme Care", "Acme Care Group"},
      {"Acme Care Ltd", "Acme Care Holdings Ltd"},
      {"Acme Care Services", "Acme Care"},
      {"Bright Futures Fostering", "Brighter Futures Fostering"},
  };
  for (const auto& [a, b] : different) {
    EXPECT_NE(NormaliseOwnerName(a), NormaliseOwnerName(b)) << "\"" << a << "\" vs \"" << b << "\"";
  }
}

TEST(NormaliseOwnerNameTest, NeverEmptiesAName) {
  EXPECT_EQ(NormaliseOwnerName("Limited"), "limited");
  EXPECT_EQ(NormaliseOwnerName("UK Ltd"), "uk");
  EXPECT_EQ(NormaliseOwnerName("The"), "the");
  EXPECT_EQ(NormaliseOwnerName("  ...  "), "");
}

OwnerDirectory SampleDirectory() {
  return OwnerDirectory(
      {{"P001", "Acme Care Group Limited"},
       {"P002", "Castle Homes Ltd"},
       {"P003", "Castle Homes Limited"},  // a second company with the same name
       {"P004", "Harbour Fostering Ltd"},
       {"P005", "Northern Lights Holdings plc"}},
      {{"Harbour Fostering (UK) Limited", "P005"},  // the analyst's alias beats the name
       {"Oakfield Trust", "P004"}});
}

TEST(OwnerDirectoryTest, MatchKinds) {
  const OwnerDirectory directory = SampleDirectory();

  OwnerMatch by_name = directory.Match("The Acme Care Group Ltd.");
  EXPECT_EQ(by_name.kind, Kind::kName);
  EXPECT_EQ(by_name.provider_id, "P001");
  EXPECT_EQ(by_name.normalised, "acme care group");

  OwnerMatch by_alias = directory.Match("HARBOUR FOSTERING UK LTD");
  EXPECT_EQ(by_alias.kind, Kind::kAlias);
  EXPECT_EQ(by_alias.provider_id, "P005") << "alias must win over the name match P004";

  OwnerMatch ambiguous = directory.Match("Castle Homes Ltd");
  EXPECT_EQ(ambiguous.kind, Kind::kAmbiguous);
  EXPECT_TRUE(ambiguous.provider_id.empty());
  EXPECT_THAT(ambiguous.candidates, ElementsAre("P002", "P003"));

  OwnerMatch unmatched = directory.Match("Acme Care");
  EXPECT_EQ(unmatched.kind, Kind::kUnmatched) << "no fuzzy matching: Acme Care is not Acme Care Group";
  EXPECT_TRUE(unmatched.provider_id.empty());
  EXPECT_EQ(directory.Match("").kind, Kind::kUnmatched);
}

TEST(OwnerDirectoryTest, AliasesToDifferentProvidersAreAmbiguous) {
  const OwnerDirectory directory({{"P001", "Acme Care Group Ltd"}},
                                 {{"Acme Care Group Ltd", "P007"}, {"ACME CARE GROUP LIMITED", "P008"}});
  OwnerMatch match = directory.Match("Acme Care Group");
  EXPECT_EQ(match.kind, Kind::kAmbiguous);
  EXPECT_THAT(match.candidates, ElementsAre("P007", "P008"));
}

OfstedSettingRow Row(const std::string& urn, const std::string& owner) {
  OfstedSettingRow row;
  row.urn = urn;
  row.owner_name = owner;
  return row;
}

TEST(SummariseUnmatchedTest, GroupsByNormalisedNameMostSettingsFirst) {
  OfstedRegister reg;
  reg.settings = {Row("SC000001", "Acme Care Group Ltd"),  // matched by name
                  Row("SC000002", "Castle Homes Ltd"),     // ambiguous
                  Row("SC000003", "Zebra Homes Ltd"),      // unmatched x1
                  Row("SC000004", "Kestrel Care Ltd"),     // unmatched x2, two spellings
                  Row("SC000005", "KESTREL CARE LIMITED"),
                  Row("SC000006", "Castle Homes Limited"),
                  Row("SC000007", ""),     // blank owner: nothing to alias, not listed
                  Row("SC000008", " . ")};
  const std::vector<UnmatchedOwnerSummary> summary = SummariseUnmatched(reg, SampleDirectory());
  ASSERT_EQ(summary.size(), 3u);

  EXPECT_EQ(summary[0].owner_name, "Castle Homes Ltd");  // 2 settings; "C" before "K"
  EXPECT_TRUE(summary[0].ambiguous);
  EXPECT_THAT(summary[0].candidates, ElementsAre("P002", "P003"));
  EXPECT_EQ(summary[0].settings, 2);
  EXPECT_THAT(summary[0].urns, ElementsAre("SC000002", "SC000006"));

  EXPECT_EQ(summary[1].owner_name, "Kestrel Care Ltd");
  EXPECT_EQ(summary[1].normalised, "kestrel care");
  EXPECT_FALSE(summary[1].ambiguous);
  EXPECT_EQ(summary[1].settings, 2);

  EXPECT_EQ(summary[2].owner_name, "Zebra Homes Ltd");
  EXPECT_EQ(summary[2].settings, 1);
}

TEST(SummariseUnmatchedTest, ListsAtMostTwentyUrns) {
  OfstedRegister reg;
  for (int i = 0; i < 25; ++i) reg.settings.push_back(Row("SC1000" + std::to_string(10 + i), "Nobody Ltd"));
  const std::vector<UnmatchedOwnerSummary> summary = SummariseUnmatched(reg, SampleDirectory());
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary[0].settings, 25);
  EXPECT_EQ(summary[0].urns.size(), 20u);
  EXPECT_EQ(summary[0].urns.front(), "SC100010");
}

}  // namespace
}  // namespace oversight::client::ofsted
