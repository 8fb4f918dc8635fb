// Reads sample files written for the project in each layout Ofsted has
// published (../shared/data-sources.md §3, and the public copy of
// provider_at_march.csv in BenGoodair/childrens_social_care_data for the
// March column set). Every expected value below is read off the sample file
// by hand.
#include "clients/import/ofsted/ofsted_register.h"

#include <fstream>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace oversight::client::ofsted {
namespace {

using risk::InspectionJudgement;
using risk::Region;
using risk::SettingType;
using ::testing::HasSubstr;

std::string ReadSample(const std::string& name) {
  std::ifstream in(std::string(OVERSIGHT_OFSTED_DATA_DIR) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open sample " << name;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

OfstedRegister ReadSampleRegister(const std::string& name) {
  absl::StatusOr<OfstedRegister> read = ReadOfstedRegister(name, ReadSample(name));
  EXPECT_TRUE(read.ok()) << read.status();
  return read.ok() ? *read : OfstedRegister{};
}

// The fields a test checks, in one comparable line per setting.
struct Expected {
  int line;
  std::string urn;
  SettingType type;
  std::string name;
  std::string local_authority;
  Region region;
  std::optional<int> places;
  InspectionJudgement judgement;
  std::string owner;
  std::string registration_date;  // ISO, empty when null
};

void ExpectSetting(const OfstedSettingRow& got, const Expected& want) {
  SCOPED_TRACE("URN " + want.urn);
  EXPECT_EQ(got.line, want.line);
  EXPECT_EQ(got.urn, want.urn);
  EXPECT_EQ(got.type, want.type);
  EXPECT_EQ(got.name, want.name);
  EXPECT_EQ(got.local_authority, want.local_authority);
  EXPECT_EQ(got.region, want.region) << "got " << risk::RegionName(got.region);
  EXPECT_EQ(got.places, want.places);
  EXPECT_EQ(got.judgement, want.judgement)
      << "got " << risk::InspectionJudgementName(got.judgement);
  EXPECT_EQ(got.owner_name, want.owner);
  EXPECT_EQ(risk::FormatIsoDate(got.registration_date), want.registration_date);
}

void ExpectProblem(const OfstedRowProblem& got, int line, const std::string& column,
                   const std::string& reason_part) {
  EXPECT_EQ(got.line, line) << got.column << ": " << got.reason;
  EXPECT_EQ(got.column, column) << "line " << got.line << ": " << got.reason;
  EXPECT_THAT(got.reason, HasSubstr(reason_part)) << "line " << got.line;
}

TEST(OfstedRegisterTest, ProviderAtMarchWithPreambleBomAndCrlf) {
  const OfstedRegister reg = ReadSampleRegister("provider_at_march_2023.csv");
  EXPECT_EQ(reg.layout, "provider_at_march");
  ASSERT_EQ(reg.settings.size(), 5u);
  // Line 6: Ofsted's combined region is split by the Government Office Region.
  ExpectSetting(reg.settings[0], {5, "SC123456", SettingType::kChildrensHome, "REDACTED", "Lancashire",
                                  Region::kNorthWest, 4, InspectionJudgement::kGood,
                                  "The Acme Care Group Ltd.", "2015-04-01"});
  ExpectSetting(reg.settings[1], {6, "SC234567", SettingType::kFosteringAgency, "Bright Futures Fostering",
                                  "Leeds", Region::kYorkshireAndTheHumber, std::nullopt,
                                  InspectionJudgement::kOutstanding, "Bright Futures Fostering Limited",
                                  "2008-09-12"});
  ExpectSetting(reg.settings[2], {7, "1234567", SettingType::kChildrensHome, "Oak House School", "Kent",
                                  Region::kSouthEast, 12, InspectionJudgement::kRequiresImprovement,
                                  "Oakfield Trust", "2022-03-07"});
  ExpectSetting(reg.settings[3], {11, "SC678901", SettingType::kChildrensHome, "REDACTED", "Birmingham",
                                  Region::kWestMidlands, 3, InspectionJudgement::kInadequate,
                                  "ACME CARE GROUP LIMITED", "2019-02-28"});
  // A quoted owner with a comma; a blank judgement is "not yet inspected".
  ExpectSetting(reg.settings[4], {12, "SC789012", SettingType::kChildrensHome, "REDACTED", "Derbyshire",
                                  Region::kEastMidlands, 2, InspectionJudgement::kNotYetInspected,
                                  "Smith, Jones & Partners Ltd", "2021-06-15"});
  EXPECT_EQ(reg.settings[2].provision_type,
            "Residential special school (registered as a children's home)");
  EXPECT_EQ(reg.settings[2].sector, "Voluntary");
  EXPECT_EQ(reg.settings[0].registration_status, "Active");

  // Secure home (LA), LA children's home, supported accommodation.
  EXPECT_EQ(reg.skipped_out_of_scope, 3);

  ASSERT_EQ(reg.rejected.size(), 3u);
  ExpectProblem(reg.rejected[0], 13, "URN", "\"SC12345\" is not a URN");
  ExpectProblem(reg.rejected[1], 14, "Places", "children's home");
  ExpectProblem(reg.rejected[2], 15, "Registration date", "31/02/2020");
  EXPECT_TRUE(reg.notes.empty());
}

TEST(OfstedRegisterTest, TwoHeaderRowsOf2016WithOldJudgements) {
  const OfstedRegister reg = ReadSampleRegister("Ofsted_provider_level_2016.csv");
  EXPECT_EQ(reg.layout, "2016_two_header_rows");
  ASSERT_EQ(reg.settings.size(), 4u);
  EXPECT_TRUE(reg.rejected.empty());
  ExpectSetting(reg.settings[0], {3, "SC040123", SettingType::kChildrensHome, "REDACTED", "Sheffield",
                                  Region::kYorkshireAndTheHumber, 6,
                                  InspectionJudgement::kRequiresImprovement, "Castle Homes Ltd",
                                  "2004-06-02"});
  ExpectSetting(reg.settings[1], {4, "SC040124", SettingType::kChildrensHome, "REDACTED", "Norfolk",
                                  Region::kEastOfEngland, 3, InspectionJudgement::kRequiresImprovement,
                                  "Castle Homes Ltd", "2010-01-17"});
  ExpectSetting(reg.settings[2], {5, "SC040125", SettingType::kFosteringAgency, "Harbour Fostering",
                                  "Bristol", Region::kSouthWest, std::nullopt,
                                  InspectionJudgement::kRequiresImprovement,
                                  "Harbour Fostering (UK) Limited", "2003-07-09"});
  ExpectSetting(reg.settings[3], {6, "SC040126", SettingType::kChildrensHome, "REDACTED", "Nottingham",
                                  Region::kEastMidlands, 5, InspectionJudgement::kNotYetInspected,
                                  "Castle Homes Ltd", "2015-08-14"});
}

TEST(OfstedRegisterTest, JoinersAndLeaversWithNewlinesInHeaderCells) {
  const OfstedRegister reg = ReadSampleRegister("childrens_homes_joiners_leavers_2025.csv");
  EXPECT_EQ(reg.layout, "joiners_leavers");
  ASSERT_EQ(reg.settings.size(), 2u);
  // The header spans physical lines 2-5; the first record starts on line 6.
  ExpectSetting(reg.settings[0], {6, "2600123", SettingType::kChildrensHome, "REDACTED", "Cumberland",
                                  Region::kNorthWest, 2, InspectionJudgement::kNotYetInspected,
                                  "Acme Care Group", "2024-06-04"});
  ExpectSetting(reg.settings[1], {7, "SC555111", SettingType::kChildrensHome, "REDACTED", "Essex",
                                  Region::kEastOfEngland, 4, InspectionJudgement::kNotYetInspected,
                                  "Harbour Fostering UK Ltd", "2012-02-11"});
  EXPECT_EQ(reg.settings[0].reason, "Joiner");
  EXPECT_EQ(reg.settings[1].reason, "Leaver - resigned");
  ASSERT_EQ(reg.rejected.size(), 1u);
  ExpectProblem(reg.rejected[0], 8, "Places", "\"x\"");
  // This layout has no judgement column: said once, not per row.
  EXPECT_THAT(reg.notes, ::testing::ElementsAre(HasSubstr("no overall judgement column")));
}

TEST(OfstedRegisterTest, PlacesAtAugustWithOrganisationNameAndThousands) {
  const OfstedRegister reg = ReadSampleRegister("Providers_places_at_31_Aug_2023.csv");
  EXPECT_EQ(reg.layout, "places_at_31_aug");
  ASSERT_EQ(reg.settings.size(), 3u);
  EXPECT_TRUE(reg.rejected.empty());
  ExpectSetting(reg.settings[0], {2, "SC600001", SettingType::kFosteringAgency, "Northern Lights Fostering",
                                  "Newcastle upon Tyne", Region::kNorthEast, 1250,
                                  InspectionJudgement::kGood, "Northern Lights Holdings plc", ""});
  ExpectSetting(reg.settings[1], {3, "SC600002", SettingType::kChildrensHome, "REDACTED", "Wigan",
                                  Region::kNorthWest, 0, InspectionJudgement::kNotYetInspected,
                                  "Northern Lights Holdings plc", ""});
  ExpectSetting(reg.settings[2], {4, "SC600003", SettingType::kChildrensHome, "REDACTED", "Medway",
                                  Region::kSouthEast, 4, InspectionJudgement::kNotYetInspected,
                                  "St. Mary's Children's Trust", ""});
}

TEST(OfstedRegisterTest, InYearWithIsoDatesGovernmentOfficeRegionAndBadRows) {
  const OfstedRegister reg = ReadSampleRegister("Provider_level_in_year_2022-23.csv");
  EXPECT_EQ(reg.layout, "in_year");
  ASSERT_EQ(reg.settings.size(), 1u);
  ExpectSetting(reg.settings[0], {2, "SC700001", SettingType::kChildrensHome, "REDACTED", "Coventry",
                                  Region::kWestMidlands, 3, InspectionJudgement::kGood,
                                  "Acme Care Group Ltd", "2022-09-01"});
  ASSERT_EQ(reg.rejected.size(), 5u);
  ExpectProblem(reg.rejected[0], 3, "Overall experiences and progress of children and young people",
                "unknown judgement \"Met\"");
  ExpectProblem(reg.rejected[1], 4, "Provision type", "unknown provision type \"Childrens hostel\"");
  // One row, two problems: each named.
  ExpectProblem(reg.rejected[2], 5, "Local authority", "blank");
  ExpectProblem(reg.rejected[3], 5, "Government Office Region", "\"Wales\"");
  ExpectProblem(reg.rejected[4], 6, "URN", "already on line 2");
}

TEST(OfstedRegisterTest, ClosedHomes) {
  const OfstedRegister reg = ReadSampleRegister("Closed_childrens_homes_31Mar2023.csv");
  EXPECT_EQ(reg.layout, "closed");
  ASSERT_EQ(reg.settings.size(), 1u);
  EXPECT_EQ(reg.settings[0].urn, "SC800001");
  EXPECT_EQ(risk::FormatIsoDate(reg.settings[0].date_closed), "2022-11-30");
  EXPECT_EQ(reg.settings[0].registration_status, "Closed");
  EXPECT_FALSE(IsOnRegister(reg.settings[0]));
}

TEST(OfstedRegisterTest, OnTheRegister) {
  OfstedSettingRow row;
  EXPECT_TRUE(IsOnRegister(row)) << "no status and no closure: a register file";
  row.registration_status = "Active";
  EXPECT_TRUE(IsOnRegister(row));
  row.registration_status = "Suspended";
  EXPECT_TRUE(IsOnRegister(row));
  row.registration_status = "Resigned";
  EXPECT_FALSE(IsOnRegister(row));
  row.registration_status = "Active";
  row.date_closed = risk::Date(30, QuantLib::November, 2022);
  EXPECT_FALSE(IsOnRegister(row));
}

TEST(OfstedRegisterTest, NoRecognisableHeaderNamesTheFile) {
  absl::StatusOr<OfstedRegister> read =
      ReadOfstedRegister("accounts.csv", "provider_id,revenue,operating_profit\nP001,100,10\n");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(read.status().message()), HasSubstr("accounts.csv"));
  EXPECT_THAT(std::string(read.status().message()), HasSubstr("no Ofsted provider header"));
}

TEST(OfstedRegisterTest, HeaderBelowTheTwentiethRowIsNotSearchedFor) {
  std::string text;
  for (int i = 0; i < 20; ++i) text += "preamble\n";
  text += "URN,Provision type,Local authority,Ofsted region,Places\nSC000001,Children's home,Kent,South East,3\n";
  absl::StatusOr<OfstedRegister> read = ReadOfstedRegister("late.csv", text);
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(std::string(read.status().message()), HasSubstr("late.csv"));
}

TEST(OfstedRegisterTest, UnterminatedQuoteFailsNamingFileAndLine) {
  absl::StatusOr<OfstedRegister> read = ReadOfstedRegister(
      "broken.csv", "URN,Provision type,Local authority,Ofsted region,Places\nSC000001,\"Children's home,Kent\n");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(read.status().message()), HasSubstr("broken.csv: line 2"));
}

TEST(OfstedRegisterTest, MissingRequiredColumnFailsNamingIt) {
  absl::StatusOr<OfstedRegister> read = ReadOfstedRegister(
      "no_la.csv", "URN,Provision type,Name,Ofsted region,Places\nSC000001,Children's home,X,London,3\n");
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(std::string(read.status().message()), HasSubstr("no_la.csv: the header has no Local authority"));
}

TEST(OfstedRegisterTest, CombinedOfstedRegionWithoutGovernmentOfficeRegion) {
  // Durham is in the North East (ONS); Cumbria is not in either region, so
  // the combined region cannot be split for it.
  absl::StatusOr<OfstedRegister> read = ReadOfstedRegister(
      "combined.csv",
      "URN,Provision type,Local authority,Ofsted region,Places\n"
      "SC000001,Children's home,Durham,\"North East, Yorkshire and the Humber\",3\n"
      "SC000002,Children's home,Cumbria,\"North East, Yorkshire and the Humber\",3\n");
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_EQ(read->settings.size(), 1u);
  EXPECT_EQ(read->settings[0].region, risk::Region::kNorthEast);
  ASSERT_EQ(read->rejected.size(), 1u);
  ExpectProblem(read->rejected[0], 3, "Ofsted region", "Government Office Region");
}

TEST(OfstedRegisterTest, OutOfScopeTypeIsSkippedWhateverItsSector) {
  absl::StatusOr<OfstedRegister> read = ReadOfstedRegister(
      "scope.csv",
      "URN,Provision type,Local authority,Ofsted region,Sector,Places\n"
      "SC000001,Boarding School,Kent,South East,Academy,70\n"
      "SC000002,Secure Training Centre,Kent,South East,Private,70\n"
      "SC000003,Children's home,Kent,South East,Academy,3\n"
      "SC000004,Children's home,Kent,South East,Charity,3\n");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->skipped_out_of_scope, 3);
  ASSERT_EQ(read->rejected.size(), 1u);
  ExpectProblem(read->rejected[0], 5, "Sector", "unknown sector \"Charity\"");
}

TEST(OfstedRegisterTest, DatedStatusColumnsReadTheLatest) {
  // 2023-25 leavers files carry the status at the start and at the end of
  // the year; the end of the year is the one that says the setting left.
  absl::StatusOr<OfstedRegister> read = ReadOfstedRegister(
      "leavers.csv",
      "URN,Provision type,Local authority,Ofsted Region,Places,Registration status (as at 1 April 2024),"
      "Registration status (as at 31 March 2025),Leaver status\n"
      "SC000001,Children's home,Kent,South East,3,Active,Resigned,Leaver\n");
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_EQ(read->settings.size(), 1u);
  EXPECT_EQ(read->settings[0].registration_status, "Resigned");
  EXPECT_EQ(read->settings[0].reason, "Leaver");
  EXPECT_EQ(read->layout, "joiners_leavers");
}

}  // namespace
}  // namespace oversight::client::ofsted
