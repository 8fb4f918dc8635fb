#pragma once
#include "absl/strings/string_view.h"
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "risk/domain/iso_date.h"
#include "risk/domain/region.h"

namespace oversight::risk {

enum class AlertSeverity { kInfo, kWarning, kCritical };

enum class AlertKind {
  kRatingWorsened,
  kCovenantBreached,
  kCovenantHeadroomLow,
  kRefinancingWithoutLiquidity,
  kGoingConcernDoubt,
  kLeverageHigh,
  kExcessProfitHigh,
  kAccountsOverdue,
  kBusinessFailure,
};

// What a regulator must see. `key` is stable: re-running the same scoring
// produces the same key, and the store keeps one alert per key, so a re-run
// never repeats an alert.
struct Alert {
  std::string key;             // e.g. "covenant_breached/P007/F1/2026-11-24"
  std::string provider_id;
  AlertKind kind = AlertKind::kRatingWorsened;
  AlertSeverity severity = AlertSeverity::kWarning;
  Date as_of;
  std::string title;           // one line
  std::string detail;          // the figures that triggered it
  std::vector<std::string> local_authorities;  // authorities with children placed
  std::vector<Region> regions;
};

absl::string_view AlertSeverityName(AlertSeverity severity);  // info, warning, critical
absl::string_view AlertKindName(AlertKind kind);              // rating_worsened, covenant_breached, ...
absl::StatusOr<AlertSeverity> ParseAlertSeverity(absl::string_view text);
absl::StatusOr<AlertKind> ParseAlertKind(absl::string_view text);

}  // namespace oversight::risk
