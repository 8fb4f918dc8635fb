#include "server/alerts/alert_filter.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "risk/domain/validation.h"

namespace oversight::server {

absl::Status ValidateAlertFilter(const oversight::v1::AlertFilter& filter,
                                 absl::string_view field) {
  risk::Violations violations;
  if (!oversight::v1::AlertSeverity_IsValid(filter.min_severity())) {
    violations.Add(absl::StrCat(field, ".min_severity"),
                   absl::StrCat("unknown severity ", filter.min_severity()));
  }
  if (!oversight::v1::Region_IsValid(filter.region())) {
    violations.Add(absl::StrCat(field, ".region"),
                   absl::StrCat("unknown region ", filter.region()));
  }
  return violations.ToStatus();
}

bool AlertMatches(const oversight::v1::AlertFilter& filter, const oversight::v1::Alert& alert) {
  if (filter.min_severity() != oversight::v1::ALERT_SEVERITY_UNSPECIFIED &&
      alert.severity() < filter.min_severity()) {
    return false;
  }
  if (!filter.provider_id().empty() && alert.provider_id() != filter.provider_id()) {
    return false;
  }
  if (filter.region() != oversight::v1::REGION_UNSPECIFIED &&
      std::find(alert.regions().begin(), alert.regions().end(), filter.region()) ==
          alert.regions().end()) {
    return false;
  }
  if (!filter.local_authority().empty() &&
      std::find(alert.local_authorities().begin(), alert.local_authorities().end(),
                filter.local_authority()) == alert.local_authorities().end()) {
    return false;
  }
  return true;
}

}  // namespace oversight::server
