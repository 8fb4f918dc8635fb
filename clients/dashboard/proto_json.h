#pragma once
// Protobuf messages as the JSON the page reads: the proto3 JSON mapping with
// the .proto field names (snake_case), enums by name ("RATING_RED"), every
// non-optional field present, 64-bit integers as strings.

#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "nlohmann/json.hpp"

namespace oversight::client::dashboard {

absl::StatusOr<nlohmann::json> ToJson(const google::protobuf::Message& message);

}  // namespace oversight::client::dashboard
