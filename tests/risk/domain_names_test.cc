// ISO dates and the enumerations' stable names: the textual forms used on
// the wire, in files and in the store must round-trip exactly.
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_format.h"

#include "risk/alerts/alert.h"
#include "risk/assessment/assessment.h"
#include "risk/domain/provider.h"
#include "risk/domain/region.h"
#include "risk/domain/setting.h"

namespace oversight::risk {
namespace {

TEST(IsoDate, ParsesAndFormatsRoundTrip) {
  auto date = ParseIsoDate("2024-02-29");
  ASSERT_TRUE(date.ok()) << date.status();
  EXPECT_EQ(date->dayOfMonth(), 29);
  EXPECT_EQ(date->month(), QuantLib::February);
  EXPECT_EQ(date->year(), 2024);
  EXPECT_EQ(FormatIsoDate(*date), "2024-02-29");
}

TEST(IsoDate, RejectsImpossibleDatesNamingTheField) {
  auto not_leap = ParseIsoDate("2023-02-29", "accounts.period.end");
  ASSERT_FALSE(not_leap.ok());
  EXPECT_EQ(not_leap.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(not_leap.status().message().find("accounts.period.end"), absl::string_view::npos);
  EXPECT_FALSE(ParseIsoDate("2024-13-01").ok());
  EXPECT_FALSE(ParseIsoDate("2024-1-01").ok());
  EXPECT_FALSE(ParseIsoDate("31/03/2024").ok());
  EXPECT_FALSE(ParseIsoDate("1899-12-31").ok());  // outside QuantLib's range
  EXPECT_FALSE(ParseIsoDate("").ok());
}

// Every day QuantLib can hold, 1901-01-01 to 2199-12-31, parses to
// QuantLib's own Date(d, m, y), and the day after each month's last is
// refused (ParseIsoDate counts month lengths itself; iso_date.cc).
TEST(IsoDate, EveryDayParsesToQuantLibsDateAndNoDayAfterAMonthsLast) {
  int days = 0;
  for (int year = 1901; year <= 2199; ++year) {
    for (int month = 1; month <= 12; ++month) {
      const auto q_month = static_cast<QuantLib::Month>(month);
      const int last = Date::endOfMonth(Date(1, q_month, year)).dayOfMonth();
      for (int day = 1; day <= last; ++day) {
        const Date expected(day, q_month, year);
        const absl::StatusOr<Date> parsed = ParseIsoDate(FormatIsoDate(expected));
        ASSERT_TRUE(parsed.ok()) << FormatIsoDate(expected) << ": " << parsed.status();
        ASSERT_EQ(*parsed, expected) << FormatIsoDate(expected);
        ++days;
      }
      const std::string after = absl::StrFormat("%04d-%02d-%02d", year, month, last + 1);
      ASSERT_FALSE(ParseIsoDate(after).ok()) << after;
    }
  }
  EXPECT_EQ(days, Date(31, QuantLib::December, 2199) - Date(1, QuantLib::January, 1901) + 1);
}

TEST(IsoDate, NullDateFormatsEmpty) { EXPECT_EQ(FormatIsoDate(Date()), ""); }

TEST(EnumNames, EveryRegionRoundTripsByNameAndLabel) {
  for (Region region : kAllRegions) {
    auto by_name = ParseRegion(RegionName(region));
    ASSERT_TRUE(by_name.ok()) << by_name.status();
    EXPECT_EQ(*by_name, region);
    auto by_label = ParseRegion(RegionLabel(region));
    ASSERT_TRUE(by_label.ok()) << by_label.status();
    EXPECT_EQ(*by_label, region);
  }
}

TEST(EnumNames, ParsingIsForgivingOfCaseSpacesAndApostrophes) {
  EXPECT_EQ(*ParseSettingType("Children's home"), SettingType::kChildrensHome);
  EXPECT_EQ(*ParseProviderKind("INDEPENDENT-FOSTERING-AGENCY"),
            ProviderKind::kIndependentFosteringAgency);
  EXPECT_EQ(*ParseInspectionJudgement("Requires improvement"),
            InspectionJudgement::kRequiresImprovement);
}

TEST(EnumNames, UnknownValueListsTheAlternatives) {
  auto bad = ParseOwnership("hedge_fund");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("private_equity"), absl::string_view::npos);
  EXPECT_NE(bad.status().message().find("ownership"), absl::string_view::npos);
}

TEST(EnumNames, BusinessFailureStatuses) {
  EXPECT_TRUE(IsBusinessFailure(CompanyStatus::kAdministration));
  EXPECT_TRUE(IsBusinessFailure(CompanyStatus::kLiquidation));
  EXPECT_FALSE(IsBusinessFailure(CompanyStatus::kActive));
  EXPECT_FALSE(IsBusinessFailure(CompanyStatus::kUnknown));
  EXPECT_FALSE(IsBusinessFailure(CompanyStatus::kDissolved));
}

TEST(EnumNames, RatingsAndAlertNamesRoundTrip) {
  for (Rating r : {Rating::kGreen, Rating::kAmber, Rating::kRed, Rating::kBlack}) {
    EXPECT_EQ(*ParseRating(RatingName(r)), r);
  }
  EXPECT_EQ(*ParseAlertKind(AlertKindName(AlertKind::kCovenantBreached)),
            AlertKind::kCovenantBreached);
  EXPECT_EQ(*ParseAlertSeverity("critical"), AlertSeverity::kCritical);
}

}  // namespace
}  // namespace oversight::risk
