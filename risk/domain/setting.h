#pragma once
#include "absl/strings/string_view.h"
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "risk/domain/accounts.h"
#include "risk/domain/iso_date.h"
#include "risk/domain/provenance.h"
#include "risk/domain/region.h"

namespace oversight::risk {

enum class SettingType { kChildrensHome, kFosteringAgency };

// Ofsted's overall judgement at the latest full inspection.
enum class InspectionJudgement {
  kNotYetInspected,
  kOutstanding,
  kGood,
  kRequiresImprovement,
  kInadequate,
};

// One Ofsted-registered setting (a children's home or a fostering agency).
struct Setting {
  std::string provider_id;
  std::string urn;                 // Ofsted unique reference number, "SC123456" or 7 digits
  SettingType type = SettingType::kChildrensHome;
  std::string name;                // may be "REDACTED" for children's homes
  std::string local_authority;     // the authority the setting is in
  Region region = Region::kLondon;
  int registered_places = 0;       // 0 allowed for fostering agencies (Ofsted leaves it blank)
  InspectionJudgement latest_judgement = InspectionJudgement::kNotYetInspected;
  std::string owner_name;          // Ofsted's "Organisation which owns the provider"
  Provenance provenance;
};

// Children placed with the provider by one local authority at a date, by
// setting type: the placement return the department collects.
struct PlacementReturn {
  std::string provider_id;
  Date as_of;
  std::string placing_local_authority;   // the authority that placed (and pays for) the children
  Region region = Region::kLondon;       // the placing authority's region
  SettingType setting_type = SettingType::kChildrensHome;
  int children_placed = 0;
  int registered_places = 0;             // places the provider offers this authority's area
  Pounds average_weekly_fee = 0;         // average price per placement-week
  Provenance provenance;
};

absl::string_view SettingTypeName(SettingType type);                  // childrens_home, fostering_agency
absl::string_view InspectionJudgementName(InspectionJudgement value); // not_yet_inspected, outstanding, good, requires_improvement, inadequate
absl::StatusOr<SettingType> ParseSettingType(absl::string_view text);
absl::StatusOr<InspectionJudgement> ParseInspectionJudgement(absl::string_view text);

}  // namespace oversight::risk
