#pragma once
// The wire form of a stored alert: the store keeps the serialized
// oversight.v1.Alert without its sequence and state; the row's columns are
// the truth for those.

#include <memory>

#include "absl/status/statusor.h"
#include "oversight/v1/oversight.pb.h"
#include "server/store/store.h"

namespace oversight::server {

// Alerts are shared read-only between every subscriber they go to.
using AlertPtr = std::shared_ptr<const oversight::v1::Alert>;

// DATA_LOSS naming the sequence when the payload does not parse.
absl::StatusOr<oversight::v1::Alert> AlertFromRow(const AlertRow& row);

}  // namespace oversight::server
