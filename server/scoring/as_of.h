#pragma once
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "risk/domain/iso_date.h"

namespace oversight::server {

// The civil date of `now` in UTC: the service's "today".
risk::Date TodayUtc(absl::Time now = absl::Now());

// An API "as_of" field: empty means today (UTC); otherwise YYYY-MM-DD, with
// INVALID_ARGUMENT naming `field` (and carrying it as a field violation).
absl::StatusOr<risk::Date> ResolveAsOf(absl::string_view text, absl::string_view field = "as_of",
                                       absl::Time now = absl::Now());

}  // namespace oversight::server
