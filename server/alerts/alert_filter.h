#pragma once
// Which alerts a subscriber or a listing wants (oversight.v1.AlertFilter).

#include "absl/status/status.h"
#include "oversight/v1/oversight.pb.h"

namespace oversight::server {

// INVALID_ARGUMENT with field violations (paths start with `field`, e.g.
// "filter.min_severity") for a severity or region the API does not define.
absl::Status ValidateAlertFilter(const oversight::v1::AlertFilter& filter,
                                 absl::string_view field);

// Every set criterion must hold: severity at least min_severity; the same
// provider; the region among the alert's regions; the authority among the
// alert's local authorities. An empty filter matches every alert.
bool AlertMatches(const oversight::v1::AlertFilter& filter, const oversight::v1::Alert& alert);

}  // namespace oversight::server
