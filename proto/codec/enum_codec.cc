#include "proto/codec/enum_codec.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "risk/domain/validation.h"

namespace oversight::codec {
namespace {

namespace v1 = ::oversight::v1;

// One table per enumeration, read in both directions so the two cannot
// disagree. The proto's UNSPECIFIED value is never in a table; the decoders
// below decide what it means.

constexpr std::pair<risk::ProviderKind, v1::ProviderKind> kProviderKinds[] = {
    {risk::ProviderKind::kChildrensHomes, v1::PROVIDER_KIND_CHILDRENS_HOMES},
    {risk::ProviderKind::kIndependentFosteringAgency, v1::PROVIDER_KIND_INDEPENDENT_FOSTERING_AGENCY},
    {risk::ProviderKind::kBoth, v1::PROVIDER_KIND_BOTH},
};
constexpr std::pair<risk::Ownership, v1::Ownership> kOwnerships[] = {
    {risk::Ownership::kPrivateEquity, v1::OWNERSHIP_PRIVATE_EQUITY},
    {risk::Ownership::kListed, v1::OWNERSHIP_LISTED},
    {risk::Ownership::kOtherPrivate, v1::OWNERSHIP_OTHER_PRIVATE},
    {risk::Ownership::kVoluntary, v1::OWNERSHIP_VOLUNTARY},
    {risk::Ownership::kLocalAuthority, v1::OWNERSHIP_LOCAL_AUTHORITY},
};
constexpr std::pair<risk::CompanyStatus, v1::CompanyStatus> kCompanyStatuses[] = {
    {risk::CompanyStatus::kUnknown, v1::COMPANY_STATUS_UNSPECIFIED},
    {risk::CompanyStatus::kActive, v1::COMPANY_STATUS_ACTIVE},
    {risk::CompanyStatus::kAdministration, v1::COMPANY_STATUS_ADMINISTRATION},
    {risk::CompanyStatus::kReceivership, v1::COMPANY_STATUS_RECEIVERSHIP},
    {risk::CompanyStatus::kLiquidation, v1::COMPANY_STATUS_LIQUIDATION},
    {risk::CompanyStatus::kVoluntaryArrangement, v1::COMPANY_STATUS_VOLUNTARY_ARRANGEMENT},
    {risk::CompanyStatus::kInsolvencyProceedings, v1::COMPANY_STATUS_INSOLVENCY_PROCEEDINGS},
    {risk::CompanyStatus::kDissolved, v1::COMPANY_STATUS_DISSOLVED},
};
constexpr std::pair<risk::Region, v1::Region> kRegions[] = {
    {risk::Region::kNorthEast, v1::REGION_NORTH_EAST},
    {risk::Region::kNorthWest, v1::REGION_NORTH_WEST},
    {risk::Region::kYorkshireAndTheHumber, v1::REGION_YORKSHIRE_AND_THE_HUMBER},
    {risk::Region::kEastMidlands, v1::REGION_EAST_MIDLANDS},
    {risk::Region::kWestMidlands, v1::REGION_WEST_MIDLANDS},
    {risk::Region::kEastOfEngland, v1::REGION_EAST_OF_ENGLAND},
    {risk::Region::kLondon, v1::REGION_LONDON},
    {risk::Region::kSouthEast, v1::REGION_SOUTH_EAST},
    {risk::Region::kSouthWest, v1::REGION_SOUTH_WEST},
};
constexpr std::pair<risk::SettingType, v1::SettingType> kSettingTypes[] = {
    {risk::SettingType::kChildrensHome, v1::SETTING_TYPE_CHILDRENS_HOME},
    {risk::SettingType::kFosteringAgency, v1::SETTING_TYPE_FOSTERING_AGENCY},
};
constexpr std::pair<risk::InspectionJudgement, v1::InspectionJudgement> kJudgements[] = {
    {risk::InspectionJudgement::kNotYetInspected, v1::INSPECTION_JUDGEMENT_NOT_YET_INSPECTED},
    {risk::InspectionJudgement::kOutstanding, v1::INSPECTION_JUDGEMENT_OUTSTANDING},
    {risk::InspectionJudgement::kGood, v1::INSPECTION_JUDGEMENT_GOOD},
    {risk::InspectionJudgement::kRequiresImprovement, v1::INSPECTION_JUDGEMENT_REQUIRES_IMPROVEMENT},
    {risk::InspectionJudgement::kInadequate, v1::INSPECTION_JUDGEMENT_INADEQUATE},
};
constexpr std::pair<risk::RateType, v1::RateType> kRateTypes[] = {
    {risk::RateType::kFixed, v1::RATE_TYPE_FIXED},
    {risk::RateType::kFloating, v1::RATE_TYPE_FLOATING},
};
constexpr std::pair<risk::Rating, v1::Rating> kRatings[] = {
    {risk::Rating::kGreen, v1::RATING_GREEN},
    {risk::Rating::kAmber, v1::RATING_AMBER},
    {risk::Rating::kRed, v1::RATING_RED},
    {risk::Rating::kBlack, v1::RATING_BLACK},
};
constexpr std::pair<risk::Band, v1::Band> kBands[] = {
    {risk::Band::kLow, v1::BAND_LOW},
    {risk::Band::kMedium, v1::BAND_MEDIUM},
    {risk::Band::kHigh, v1::BAND_HIGH},
    {risk::Band::kVeryHigh, v1::BAND_VERY_HIGH},
};
constexpr std::pair<risk::AlertSeverity, v1::AlertSeverity> kSeverities[] = {
    {risk::AlertSeverity::kInfo, v1::ALERT_SEVERITY_INFO},
    {risk::AlertSeverity::kWarning, v1::ALERT_SEVERITY_WARNING},
    {risk::AlertSeverity::kCritical, v1::ALERT_SEVERITY_CRITICAL},
};
constexpr std::pair<risk::AlertKind, v1::AlertKind> kAlertKinds[] = {
    {risk::AlertKind::kRatingWorsened, v1::ALERT_KIND_RATING_WORSENED},
    {risk::AlertKind::kCovenantBreached, v1::ALERT_KIND_COVENANT_BREACHED},
    {risk::AlertKind::kCovenantHeadroomLow, v1::ALERT_KIND_COVENANT_HEADROOM_LOW},
    {risk::AlertKind::kRefinancingWithoutLiquidity, v1::ALERT_KIND_REFINANCING_WITHOUT_LIQUIDITY},
    {risk::AlertKind::kGoingConcernDoubt, v1::ALERT_KIND_GOING_CONCERN_DOUBT},
    {risk::AlertKind::kLeverageHigh, v1::ALERT_KIND_LEVERAGE_HIGH},
    {risk::AlertKind::kExcessProfitHigh, v1::ALERT_KIND_EXCESS_PROFIT_HIGH},
    {risk::AlertKind::kAccountsOverdue, v1::ALERT_KIND_ACCOUNTS_OVERDUE},
    {risk::AlertKind::kBusinessFailure, v1::ALERT_KIND_BUSINESS_FAILURE},
};

template <typename Domain, typename Wire, std::size_t N>
Wire Encode(const std::pair<Domain, Wire> (&table)[N], Domain value, Wire fallback) {
  for (const auto& [domain, wire] : table) {
    if (domain == value) return wire;
  }
  return fallback;  // unreachable for a complete table
}

absl::Status Invalid(absl::string_view field, std::string reason) {
  risk::Violations violations;
  violations.Add(std::string(field), std::move(reason));
  return violations.ToStatus();
}

// `unspecified`: what *_UNSPECIFIED (0) decodes to, or nullptr when required.
template <typename Domain, typename Wire, std::size_t N>
absl::StatusOr<Domain> Decode(const std::pair<Domain, Wire> (&table)[N], Wire value,
                              absl::string_view field, const Domain* unspecified,
                              absl::string_view type_name) {
  for (const auto& [domain, wire] : table) {
    if (wire == value) return domain;
  }
  if (static_cast<int>(value) == 0) {
    if (unspecified != nullptr) return *unspecified;
    return Invalid(field, absl::StrCat("required: ", type_name, " must be specified"));
  }
  return Invalid(field, absl::StrCat("unknown ", type_name, " value ", static_cast<int>(value)));
}

}  // namespace

v1::ProviderKind ToProto(risk::ProviderKind v) { return Encode(kProviderKinds, v, v1::PROVIDER_KIND_UNSPECIFIED); }
v1::Ownership ToProto(risk::Ownership v) { return Encode(kOwnerships, v, v1::OWNERSHIP_UNSPECIFIED); }
v1::CompanyStatus ToProto(risk::CompanyStatus v) { return Encode(kCompanyStatuses, v, v1::COMPANY_STATUS_UNSPECIFIED); }
v1::Region ToProto(risk::Region v) { return Encode(kRegions, v, v1::REGION_UNSPECIFIED); }
v1::SettingType ToProto(risk::SettingType v) { return Encode(kSettingTypes, v, v1::SETTING_TYPE_UNSPECIFIED); }
v1::InspectionJudgement ToProto(risk::InspectionJudgement v) {
  return Encode(kJudgements, v, v1::INSPECTION_JUDGEMENT_UNSPECIFIED);
}
v1::RateType ToProto(risk::RateType v) { return Encode(kRateTypes, v, v1::RATE_TYPE_UNSPECIFIED); }
v1::Rating ToProto(risk::Rating v) { return Encode(kRatings, v, v1::RATING_UNSPECIFIED); }
v1::Band ToProto(risk::Band v) { return Encode(kBands, v, v1::BAND_UNSPECIFIED); }
v1::AlertSeverity ToProto(risk::AlertSeverity v) { return Encode(kSeverities, v, v1::ALERT_SEVERITY_UNSPECIFIED); }
v1::AlertKind ToProto(risk::AlertKind v) { return Encode(kAlertKinds, v, v1::ALERT_KIND_UNSPECIFIED); }

absl::StatusOr<risk::ProviderKind> FromProto(v1::ProviderKind v, absl::string_view field) {
  return Decode<risk::ProviderKind>(kProviderKinds, v, field, nullptr, "provider kind");
}
absl::StatusOr<risk::Ownership> FromProto(v1::Ownership v, absl::string_view field) {
  return Decode<risk::Ownership>(kOwnerships, v, field, nullptr, "ownership");
}
absl::StatusOr<risk::Region> FromProto(v1::Region v, absl::string_view field) {
  return Decode<risk::Region>(kRegions, v, field, nullptr, "region");
}
absl::StatusOr<risk::SettingType> FromProto(v1::SettingType v, absl::string_view field) {
  return Decode<risk::SettingType>(kSettingTypes, v, field, nullptr, "setting type");
}
absl::StatusOr<risk::RateType> FromProto(v1::RateType v, absl::string_view field) {
  return Decode<risk::RateType>(kRateTypes, v, field, nullptr, "rate type");
}
absl::StatusOr<risk::Rating> FromProto(v1::Rating v, absl::string_view field) {
  return Decode<risk::Rating>(kRatings, v, field, nullptr, "rating");
}
absl::StatusOr<risk::Band> FromProto(v1::Band v, absl::string_view field) {
  return Decode<risk::Band>(kBands, v, field, nullptr, "band");
}
absl::StatusOr<risk::AlertSeverity> FromProto(v1::AlertSeverity v, absl::string_view field) {
  return Decode<risk::AlertSeverity>(kSeverities, v, field, nullptr, "alert severity");
}
absl::StatusOr<risk::AlertKind> FromProto(v1::AlertKind v, absl::string_view field) {
  return Decode<risk::AlertKind>(kAlertKinds, v, field, nullptr, "alert kind");
}
absl::StatusOr<risk::CompanyStatus> FromProto(v1::CompanyStatus v, absl::string_view field) {
  static constexpr risk::CompanyStatus kUnknown = risk::CompanyStatus::kUnknown;
  return Decode<risk::CompanyStatus>(kCompanyStatuses, v, field, &kUnknown, "company status");
}
absl::StatusOr<risk::InspectionJudgement> FromProto(v1::InspectionJudgement v, absl::string_view field) {
  static constexpr risk::InspectionJudgement kNotYet = risk::InspectionJudgement::kNotYetInspected;
  return Decode<risk::InspectionJudgement>(kJudgements, v, field, &kNotYet, "inspection judgement");
}

}  // namespace oversight::codec
