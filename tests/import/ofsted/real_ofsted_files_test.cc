// Excerpts of Ofsted's real provider files, 2014 to 2023 (provenance in
// tests/import/data/ofsted/real/README.md). Every expected value is read off
// the excerpt by hand; the row counts list the lines they come from.
#include <fstream>
#include <sstream>
#include <string>

#include "clients/import/ofsted/ofsted_register.h"
#include "clients/import/ofsted/owner_matching.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace oversight::client::ofsted {
namespace {

using risk::InspectionJudgement;
using risk::Region;
using risk::SettingType;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

OfstedRegister ReadReal(const std::string& name) {
  const std::string path = std::string(OVERSIGHT_OFSTED_DATA_DIR) + "/real/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  absl::StatusOr<OfstedRegister> read = ReadOfstedRegister(name, bytes.str());
  EXPECT_TRUE(read.ok()) << read.status();
  if (!read.ok()) return {};
  for (const OfstedRowProblem& problem : read->rejected) {
    ADD_FAILURE() << name << ":" << problem.line << ": " << problem.column << ": " << problem.reason;
  }
  return *read;
}

const OfstedSettingRow* FindUrn(const OfstedRegister& reg, const std::string& urn) {
  for (const OfstedSettingRow& setting : reg.settings) {
    if (setting.urn == urn) return &setting;
  }
  ADD_FAILURE() << "URN " << urn << " not read";
  return nullptr;
}

TEST(RealOfstedFilesTest, March2023) {
  const OfstedRegister reg = ReadReal("provider_at_march_2023_excerpt.csv");
  EXPECT_EQ(reg.layout, "provider_at_march");
  // Lines 5-24: a boarding school (5) and two local-authority homes (7, 24)
  // are out of scope; the other 17 are read.
  EXPECT_EQ(reg.skipped_out_of_scope, 3);
  ASSERT_EQ(reg.settings.size(), 17u);
  EXPECT_EQ(reg.settings.front().line, 6);
  EXPECT_EQ(reg.settings.back().line, 23);

  const OfstedSettingRow* school = FindUrn(reg, "2611190");
  ASSERT_NE(school, nullptr);
  EXPECT_EQ(school->type, SettingType::kChildrensHome);
  EXPECT_EQ(school->local_authority, "West Northamptonshire");
  EXPECT_EQ(school->region, Region::kEastMidlands);
  EXPECT_EQ(school->places, 20);
  EXPECT_EQ(school->judgement, InspectionJudgement::kRequiresImprovement);
  EXPECT_EQ(school->owner_name, "Cambian Autism Services Limited");
  EXPECT_EQ(school->name, "REDACTED");
  for (const OfstedSettingRow& setting : reg.settings) EXPECT_TRUE(IsOnRegister(setting)) << setting.urn;
  EXPECT_EQ(risk::FormatIsoDate(school->registration_date), "2021-01-08");

  // Ofsted region "North East, Yorkshire and the Humber": the GOR decides.
  const OfstedSettingRow* kirklees = FindUrn(reg, "2612008");
  ASSERT_NE(kirklees, nullptr);
  EXPECT_EQ(kirklees->region, Region::kYorkshireAndTheHumber);
  EXPECT_EQ(kirklees->judgement, InspectionJudgement::kOutstanding);
  const OfstedSettingRow* northumberland = FindUrn(reg, "2613661");
  ASSERT_NE(northumberland, nullptr);
  EXPECT_EQ(northumberland->region, Region::kNorthEast);

  const OfstedSettingRow* ifa = FindUrn(reg, "SC376060");
  ASSERT_NE(ifa, nullptr);
  EXPECT_EQ(ifa->type, SettingType::kFosteringAgency);
  EXPECT_EQ(ifa->name, "Pilgrims Corner Fostering Ltd");
  EXPECT_EQ(ifa->owner_name, "Pilgrims Corner Fostering Limited");
  EXPECT_EQ(ifa->places, std::nullopt);
  EXPECT_EQ(ifa->local_authority, "Kent");
  EXPECT_EQ(ifa->region, Region::kSouthEast);
}

TEST(RealOfstedFilesTest, March2023OwnersAgainstADirectory) {
  const OfstedRegister reg = ReadReal("provider_at_march_2023_excerpt.csv");
  const OwnerDirectory directory({{"P1", "COMPASS CHILDREN'S HOMES LIMITED"}, {"P2", "Cambian Autism Services Ltd"}},
                                 {});
  EXPECT_EQ(directory.Match("Compass Childrens Homes Ltd").provider_id, "P1");
  // Three Compass homes (lines 9, 14, 17) and the Cambian school (line 6)
  // match; the other 13 settings have 13 different owners, none matching
  // (Cambian Childcare Ltd is not Cambian Autism Services).
  const std::vector<UnmatchedOwnerSummary> unmatched = SummariseUnmatched(reg, directory);
  ASSERT_EQ(unmatched.size(), 13u);
  EXPECT_EQ(unmatched.front().owner_name, "Birtenshaw");
  EXPECT_EQ(unmatched[1].owner_name, "Cambian Childcare Ltd");
  EXPECT_EQ(unmatched.back().owner_name, "iMapcentre Ltd");
  for (const UnmatchedOwnerSummary& owner : unmatched) {
    EXPECT_EQ(owner.settings, 1) << owner.owner_name;
    EXPECT_FALSE(owner.ambiguous) << owner.owner_name;
  }
}

TEST(RealOfstedFilesTest, March2016GroupHeadingsAboveTheHeader) {
  const OfstedRegister reg = ReadReal("providers_at_16_excerpt.csv");
  EXPECT_EQ(reg.layout, "2016_two_header_rows");
  // Lines 3-22: a holiday scheme (3), residential special schools (6, 7, 8,
  // 16, 20) and boarding schools (11, 15, 18) are out of scope.
  EXPECT_EQ(reg.skipped_out_of_scope, 9);
  ASSERT_EQ(reg.settings.size(), 11u);
  EXPECT_THAT(reg.notes, ElementsAre(HasSubstr("no owner column")));

  const OfstedSettingRow* islington = FindUrn(reg, "1159682");
  ASSERT_NE(islington, nullptr);
  EXPECT_EQ(islington->line, 4);
  EXPECT_EQ(islington->local_authority, "Islington");
  EXPECT_EQ(islington->region, Region::kLondon);
  EXPECT_EQ(islington->places, 5);
  EXPECT_EQ(islington->judgement, InspectionJudgement::kRequiresImprovement);
  EXPECT_EQ(islington->registration_status, "Active");

  const OfstedSettingRow* adequate = FindUrn(reg, "SC007286");
  ASSERT_NE(adequate, nullptr);
  EXPECT_EQ(adequate->judgement, InspectionJudgement::kRequiresImprovement) << "Adequate is grade 3";
  const OfstedSettingRow* leeds = FindUrn(reg, "SC001531");
  ASSERT_NE(leeds, nullptr);
  EXPECT_EQ(leeds->region, Region::kYorkshireAndTheHumber);
  EXPECT_EQ(leeds->judgement, InspectionJudgement::kOutstanding);
}

TEST(RealOfstedFilesTest, March2015CombinedRegionSplitByLocalAuthority) {
  const OfstedRegister reg = ReadReal("providers_at_15_excerpt.csv");
  ASSERT_EQ(reg.settings.size(), 5u);
  EXPECT_THAT(reg.notes, ElementsAre(HasSubstr("no Places column"), HasSubstr("no owner column")));
  const std::vector<std::pair<std::string, Region>> expected = {
      {"Sunderland", Region::kNorthEast},
      {"Leeds", Region::kYorkshireAndTheHumber},
      {"Northumberland", Region::kNorthEast},
      {"East Riding of Yorkshire", Region::kYorkshireAndTheHumber},
      {"Newcastle upon Tyne", Region::kNorthEast},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(reg.settings[i].local_authority, expected[i].first);
    EXPECT_EQ(reg.settings[i].region, expected[i].second) << expected[i].first;
    EXPECT_EQ(reg.settings[i].places, std::nullopt);
  }
  EXPECT_EQ(reg.settings[1].type, SettingType::kFosteringAgency) << "\"Independent Fostering agency\"";
  EXPECT_EQ(reg.settings[1].name, "Barnardo's Fostering Service");
  EXPECT_EQ(reg.settings[3].judgement, InspectionJudgement::kRequiresImprovement);
  EXPECT_EQ(reg.settings[0].judgement, InspectionJudgement::kOutstanding);
}

TEST(RealOfstedFilesTest, Leavers2022) {
  const OfstedRegister reg = ReadReal("joiners_leavers_22_excerpt.csv");
  EXPECT_EQ(reg.layout, "joiners_leavers");
  EXPECT_EQ(reg.skipped_out_of_scope, 3);  // holiday schemes on lines 5, 6, 9
  ASSERT_EQ(reg.settings.size(), 9u);

  const OfstedSettingRow& ifa = reg.settings.front();
  EXPECT_EQ(ifa.line, 7);
  EXPECT_EQ(ifa.urn, "1183032");
  EXPECT_EQ(ifa.type, SettingType::kFosteringAgency);
  EXPECT_EQ(ifa.name, "Regional Foster Families - South Central");
  EXPECT_EQ(ifa.reason, "Leaver");
  EXPECT_EQ(ifa.registration_status, "Resigned");
  EXPECT_EQ(risk::FormatIsoDate(ifa.registration_date), "2015-12-16");
  EXPECT_EQ(risk::FormatIsoDate(ifa.date_closed), "2021-09-16");

  // Every row of this excerpt is a leaver: none is still registered.
  for (const OfstedSettingRow& setting : reg.settings) EXPECT_FALSE(IsOnRegister(setting)) << setting.urn;

  const OfstedSettingRow* tyneside = FindUrn(reg, "1234319");
  ASSERT_NE(tyneside, nullptr);
  EXPECT_EQ(tyneside->region, Region::kNorthEast);
  EXPECT_EQ(tyneside->places, 6);
}

TEST(RealOfstedFilesTest, September2014) {
  const OfstedRegister reg = ReadReal("providers_at_sept_14_excerpt.csv");
  EXPECT_EQ(reg.skipped_out_of_scope, 3);  // adoption support, boarding, academy boarding
  ASSERT_EQ(reg.settings.size(), 6u);
  EXPECT_EQ(reg.settings[0].urn, "SC064454");
  EXPECT_EQ(reg.settings[0].local_authority, "Barnsley");
  EXPECT_EQ(reg.settings[0].region, Region::kYorkshireAndTheHumber);
  EXPECT_EQ(reg.settings[0].places, 2);
  EXPECT_EQ(reg.settings[3].type, SettingType::kFosteringAgency);
  // Before 2016 a residential special school open over 295 days a year was
  // the children's home registration.
  const OfstedSettingRow& school = reg.settings[5];
  EXPECT_EQ(school.type, SettingType::kChildrensHome);
  EXPECT_EQ(school.local_authority, "Derby, City of");
  EXPECT_EQ(school.places, 12);
  EXPECT_EQ(school.line, 10);
}

}  // namespace
}  // namespace oversight::client::ofsted
