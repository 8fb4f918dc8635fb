// The name tables of the domain's enumerations.
#include "absl/strings/string_view.h"
#include "risk/domain/enum_names.h"

#include "risk/alerts/alert.h"
#include "risk/assessment/assessment.h"
#include "risk/domain/debt_facility.h"
#include "risk/domain/provider.h"
#include "risk/domain/region.h"
#include "risk/domain/setting.h"

namespace oversight::risk {
namespace {

using internal::EnumName;

constexpr std::array<EnumName<Region>, 9> kRegionNames = {{
    {Region::kNorthEast, "north_east"},
    {Region::kNorthWest, "north_west"},
    {Region::kYorkshireAndTheHumber, "yorkshire_and_the_humber"},
    {Region::kEastMidlands, "east_midlands"},
    {Region::kWestMidlands, "west_midlands"},
    {Region::kEastOfEngland, "east_of_england"},
    {Region::kLondon, "london"},
    {Region::kSouthEast, "south_east"},
    {Region::kSouthWest, "south_west"},
}};
constexpr std::array<EnumName<Region>, 9> kRegionLabels = {{
    {Region::kNorthEast, "North East"},
    {Region::kNorthWest, "North West"},
    {Region::kYorkshireAndTheHumber, "Yorkshire and The Humber"},
    {Region::kEastMidlands, "East Midlands"},
    {Region::kWestMidlands, "West Midlands"},
    {Region::kEastOfEngland, "East of England"},
    {Region::kLondon, "London"},
    {Region::kSouthEast, "South East"},
    {Region::kSouthWest, "South West"},
}};
constexpr std::array<EnumName<ProviderKind>, 3> kProviderKindNames = {{
    {ProviderKind::kChildrensHomes, "childrens_homes"},
    {ProviderKind::kIndependentFosteringAgency, "independent_fostering_agency"},
    {ProviderKind::kBoth, "both"},
}};
constexpr std::array<EnumName<Ownership>, 5> kOwnershipNames = {{
    {Ownership::kPrivateEquity, "private_equity"},
    {Ownership::kListed, "listed"},
    {Ownership::kOtherPrivate, "other_private"},
    {Ownership::kVoluntary, "voluntary"},
    {Ownership::kLocalAuthority, "local_authority"},
}};
constexpr std::array<EnumName<CompanyStatus>, 8> kCompanyStatusNames = {{
    {CompanyStatus::kUnknown, "unknown"},
    {CompanyStatus::kActive, "active"},
    {CompanyStatus::kAdministration, "administration"},
    {CompanyStatus::kReceivership, "receivership"},
    {CompanyStatus::kLiquidation, "liquidation"},
    {CompanyStatus::kVoluntaryArrangement, "voluntary_arrangement"},
    {CompanyStatus::kInsolvencyProceedings, "insolvency_proceedings"},
    {CompanyStatus::kDissolved, "dissolved"},
}};
constexpr std::array<EnumName<RateType>, 2> kRateTypeNames = {{
    {RateType::kFixed, "fixed"},
    {RateType::kFloating, "floating"},
}};
constexpr std::array<EnumName<SettingType>, 2> kSettingTypeNames = {{
    {SettingType::kChildrensHome, "childrens_home"},
    {SettingType::kFosteringAgency, "fostering_agency"},
}};
constexpr std::array<EnumName<InspectionJudgement>, 5> kJudgementNames = {{
    {InspectionJudgement::kNotYetInspected, "not_yet_inspected"},
    {InspectionJudgement::kOutstanding, "outstanding"},
    {InspectionJudgement::kGood, "good"},
    {InspectionJudgement::kRequiresImprovement, "requires_improvement"},
    {InspectionJudgement::kInadequate, "inadequate"},
}};
constexpr std::array<EnumName<Rating>, 4> kRatingNames = {{
    {Rating::kGreen, "green"},
    {Rating::kAmber, "amber"},
    {Rating::kRed, "red"},
    {Rating::kBlack, "black"},
}};
constexpr std::array<EnumName<Band>, 4> kBandNames = {{
    {Band::kLow, "low"},
    {Band::kMedium, "medium"},
    {Band::kHigh, "high"},
    {Band::kVeryHigh, "very_high"},
}};
constexpr std::array<EnumName<AlertSeverity>, 3> kSeverityNames = {{
    {AlertSeverity::kInfo, "info"},
    {AlertSeverity::kWarning, "warning"},
    {AlertSeverity::kCritical, "critical"},
}};
constexpr std::array<EnumName<AlertKind>, 9> kAlertKindNames = {{
    {AlertKind::kRatingWorsened, "rating_worsened"},
    {AlertKind::kCovenantBreached, "covenant_breached"},
    {AlertKind::kCovenantHeadroomLow, "covenant_headroom_low"},
    {AlertKind::kRefinancingWithoutLiquidity, "refinancing_without_liquidity"},
    {AlertKind::kGoingConcernDoubt, "going_concern_doubt"},
    {AlertKind::kLeverageHigh, "leverage_high"},
    {AlertKind::kExcessProfitHigh, "excess_profit_high"},
    {AlertKind::kAccountsOverdue, "accounts_overdue"},
    {AlertKind::kBusinessFailure, "business_failure"},
}};

}  // namespace

absl::string_view RegionName(Region v) { return internal::NameOf(kRegionNames, v); }
absl::string_view RegionLabel(Region v) { return internal::NameOf(kRegionLabels, v); }
absl::StatusOr<Region> ParseRegion(absl::string_view text) {
  // Labels normalise to the names ("Yorkshire and The Humber" -> yorkshire_and_the_humber).
  return internal::ParseEnum(kRegionNames, text, "region");
}
absl::string_view ProviderKindName(ProviderKind v) { return internal::NameOf(kProviderKindNames, v); }
absl::StatusOr<ProviderKind> ParseProviderKind(absl::string_view text) {
  return internal::ParseEnum(kProviderKindNames, text, "kind");
}
absl::string_view OwnershipName(Ownership v) { return internal::NameOf(kOwnershipNames, v); }
absl::StatusOr<Ownership> ParseOwnership(absl::string_view text) {
  return internal::ParseEnum(kOwnershipNames, text, "ownership");
}
absl::string_view CompanyStatusName(CompanyStatus v) { return internal::NameOf(kCompanyStatusNames, v); }
absl::StatusOr<CompanyStatus> ParseCompanyStatus(absl::string_view text) {
  return internal::ParseEnum(kCompanyStatusNames, text, "company_status");
}
bool IsBusinessFailure(CompanyStatus status) {
  switch (status) {
    case CompanyStatus::kAdministration:
    case CompanyStatus::kReceivership:
    case CompanyStatus::kLiquidation:
    case CompanyStatus::kVoluntaryArrangement:
    case CompanyStatus::kInsolvencyProceedings:
      return true;
    default:
      return false;
  }
}
absl::string_view RateTypeName(RateType v) { return internal::NameOf(kRateTypeNames, v); }
absl::StatusOr<RateType> ParseRateType(absl::string_view text) {
  return internal::ParseEnum(kRateTypeNames, text, "rate_type");
}
absl::string_view SettingTypeName(SettingType v) { return internal::NameOf(kSettingTypeNames, v); }
absl::StatusOr<SettingType> ParseSettingType(absl::string_view text) {
  return internal::ParseEnum(kSettingTypeNames, text, "setting_type");
}
absl::string_view InspectionJudgementName(InspectionJudgement v) {
  return internal::NameOf(kJudgementNames, v);
}
absl::StatusOr<InspectionJudgement> ParseInspectionJudgement(absl::string_view text) {
  return internal::ParseEnum(kJudgementNames, text, "latest_judgement");
}
absl::string_view RatingName(Rating v) { return internal::NameOf(kRatingNames, v); }
absl::StatusOr<Rating> ParseRating(absl::string_view text) {
  return internal::ParseEnum(kRatingNames, text, "rating");
}
absl::string_view BandName(Band v) { return internal::NameOf(kBandNames, v); }
absl::string_view AlertSeverityName(AlertSeverity v) { return internal::NameOf(kSeverityNames, v); }
absl::StatusOr<AlertSeverity> ParseAlertSeverity(absl::string_view text) {
  return internal::ParseEnum(kSeverityNames, text, "severity");
}
absl::string_view AlertKindName(AlertKind v) { return internal::NameOf(kAlertKindNames, v); }
absl::StatusOr<AlertKind> ParseAlertKind(absl::string_view text) {
  return internal::ParseEnum(kAlertKindNames, text, "kind");
}

}  // namespace oversight::risk
