// Cell values of Ofsted's provider files: URNs, dates, places, judgements,
// regions and scope. Expected values follow Ofsted's published definitions
// (../shared/data-sources.md §3) and the mapping documented in
// clients/import/ofsted/ofsted_values.h.
#include "clients/import/ofsted/ofsted_values.h"

#include "gtest/gtest.h"

namespace oversight::client::ofsted {
namespace {

using risk::InspectionJudgement;
using risk::Region;

TEST(OfstedValuesTest, UrnsAreScWithSixDigitsOrSevenDigits) {
  EXPECT_TRUE(IsOfstedUrn("SC123456"));
  EXPECT_TRUE(IsOfstedUrn("2500001"));
  for (const char* bad : {"SC12345", "SC1234567", "sc123456", "123456", "12345678", "SC12A456", "", "EY123456"}) {
    EXPECT_FALSE(IsOfstedUrn(bad)) << bad;
  }
}

TEST(OfstedValuesTest, DatesDayFirstOrIso) {
  EXPECT_EQ(risk::FormatIsoDate(*ParseOfstedDate("31/03/2023")), "2023-03-31");
  EXPECT_EQ(risk::FormatIsoDate(*ParseOfstedDate("7/3/2022")), "2022-03-07");
  EXPECT_EQ(risk::FormatIsoDate(*ParseOfstedDate("2022-09-01")), "2022-09-01");
  EXPECT_EQ(*ParseOfstedDate(""), risk::Date());
  for (const char* bad : {"29/02/2023", "03/31/2023", "2023/03/31", "31-03-2023", "1/1/23", "today"}) {
    EXPECT_FALSE(ParseOfstedDate(bad).ok()) << bad;
  }
}

TEST(OfstedValuesTest, Places) {
  EXPECT_EQ(*ParseOfstedPlaces("4"), 4);
  EXPECT_EQ(*ParseOfstedPlaces("6,490"), 6490);
  EXPECT_EQ(*ParseOfstedPlaces(" "), std::nullopt);
  EXPECT_EQ(*ParseOfstedPlaces("NULL"), std::nullopt) << "2017's export of an empty cell";
  for (const char* bad : {"-1", "4.5", "four", "12345678"}) EXPECT_FALSE(ParseOfstedPlaces(bad).ok()) << bad;
}

TEST(OfstedValuesTest, JudgementsMapByGradeOnTheFourPointScale) {
  EXPECT_EQ(*ParseOfstedJudgement("Outstanding"), InspectionJudgement::kOutstanding);
  EXPECT_EQ(*ParseOfstedJudgement("Good"), InspectionJudgement::kGood);
  EXPECT_EQ(*ParseOfstedJudgement("Requires improvement to be good"), InspectionJudgement::kRequiresImprovement);
  EXPECT_EQ(*ParseOfstedJudgement("Requires improvement"), InspectionJudgement::kRequiresImprovement);
  EXPECT_EQ(*ParseOfstedJudgement("Adequate"), InspectionJudgement::kRequiresImprovement);
  EXPECT_EQ(*ParseOfstedJudgement("Satisfactory"), InspectionJudgement::kRequiresImprovement);
  EXPECT_EQ(*ParseOfstedJudgement("INADEQUATE"), InspectionJudgement::kInadequate);
  EXPECT_EQ(*ParseOfstedJudgement(""), InspectionJudgement::kNotYetInspected);
  EXPECT_EQ(*ParseOfstedJudgement("Not yet inspected"), InspectionJudgement::kNotYetInspected);
  EXPECT_EQ(*ParseOfstedJudgement("Not judged"), InspectionJudgement::kNotYetInspected);
  EXPECT_EQ(*ParseOfstedJudgement("Requires Improvement"), InspectionJudgement::kRequiresImprovement);
  EXPECT_FALSE(ParseOfstedJudgement("Met").ok());
}

TEST(OfstedValuesTest, RegionsIncludingOfstedSpellings) {
  EXPECT_EQ(*ParseOfstedRegion("Yorkshire and The Humber"), Region::kYorkshireAndTheHumber);
  EXPECT_EQ(*ParseOfstedRegion("Yorkshire and Humber"), Region::kYorkshireAndTheHumber);
  EXPECT_EQ(*ParseOfstedRegion("north west"), Region::kNorthWest);
  EXPECT_EQ(*ParseOfstedRegion("East of England"), Region::kEastOfEngland);
  EXPECT_EQ(*ParseOfstedRegion("London"), Region::kLondon);
  EXPECT_FALSE(ParseOfstedRegion("North East, Yorkshire and the Humber").ok());
  EXPECT_FALSE(ParseOfstedRegion("Wales").ok());
}

TEST(OfstedValuesTest, CombinedRegionSplitByAuthority) {
  EXPECT_TRUE(IsCombinedNorthEastYorkshireRegion("North East, Yorkshire and the Humber"));
  EXPECT_FALSE(IsCombinedNorthEastYorkshireRegion("North East"));
  // ONS local authority to region lookup.
  EXPECT_EQ(RegionOfNorthEastOrYorkshireAuthority("Durham"), Region::kNorthEast);
  EXPECT_EQ(RegionOfNorthEastOrYorkshireAuthority("Stockton-on-Tees"), Region::kNorthEast);
  EXPECT_EQ(RegionOfNorthEastOrYorkshireAuthority("Kingston upon Hull"), Region::kYorkshireAndTheHumber);
  EXPECT_EQ(RegionOfNorthEastOrYorkshireAuthority("North East Lincolnshire"), Region::kYorkshireAndTheHumber);
  EXPECT_EQ(RegionOfNorthEastOrYorkshireAuthority("York"), Region::kYorkshireAndTheHumber);
  EXPECT_EQ(RegionOfNorthEastOrYorkshireAuthority("Cumbria"), std::nullopt);
  EXPECT_EQ(RegionOfNorthEastOrYorkshireAuthority("Lincolnshire"), std::nullopt) << "East Midlands";
}

TEST(OfstedValuesTest, ProvisionTypesAndSectorsInScope) {
  using K = ProvisionScope::Kind;
  EXPECT_EQ(ClassifyProvisionType("Children's home")->type, risk::SettingType::kChildrensHome);
  EXPECT_EQ(ClassifyProvisionType("Children\xE2\x80\x99s home")->kind, K::kInScope);
  EXPECT_EQ(ClassifyProvisionType("Residential special school (registered as a children's home)")->type,
            risk::SettingType::kChildrensHome);
  EXPECT_EQ(ClassifyProvisionType("Independent Fostering Agency")->type, risk::SettingType::kFosteringAgency);
  EXPECT_EQ(ClassifyProvisionType("Secure children's home")->kind, K::kOutOfScope);
  EXPECT_EQ(ClassifyProvisionType("Supported Accommodation")->kind, K::kOutOfScope);
  EXPECT_EQ(ClassifyProvisionType("Residential special school (>295 days/year)")->type,
            risk::SettingType::kChildrensHome);
  EXPECT_EQ(ClassifyProvisionType("Secure Training Centre")->kind, K::kOutOfScope);
  EXPECT_EQ(ClassifyProvisionType("Residential Special School")->kind, K::kOutOfScope);
  EXPECT_FALSE(ClassifyProvisionType("Childrens hostel").ok());
  EXPECT_TRUE(*SectorInScope("Private"));
  EXPECT_TRUE(*SectorInScope("Voluntary"));
  EXPECT_FALSE(*SectorInScope("Local Authority"));
  EXPECT_FALSE(*SectorInScope("Local authority"));
  EXPECT_FALSE(*SectorInScope("Academy"));
  EXPECT_FALSE(SectorInScope("Charity").ok());
}

}  // namespace
}  // namespace oversight::client::ofsted
