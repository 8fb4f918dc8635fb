#pragma once
// Human and JSON renderings of API messages shared by the subcommands.

#include <optional>
#include <string>

#include "google/protobuf/message.h"
#include "oversight/v1/oversight.pb.h"

namespace oversight::client {

// Proto JSON with the proto field names and every field present, on one line
// or indented.
std::string ProtoJson(const google::protobuf::Message& message, bool one_line = false);

// "amber", "very_high", "north_west", "covenant_breached", ...
std::string RatingName(oversight::v1::Rating rating);
std::string BandName(oversight::v1::Band band);
std::string RegionName(oversight::v1::Region region);
std::string SeverityName(oversight::v1::AlertSeverity severity);
std::string AlertKindName(oversight::v1::AlertKind kind);
std::string RoleName(oversight::v1::Role role);

// The value of a proto3 `optional double` as std::optional.
template <typename M, typename Has, typename Get>
std::optional<double> OptionalOf(const M& message, Has has, Get get) {
  if (!(message.*has)()) return std::nullopt;
  return (message.*get)();
}

// "#12 2026-11-24 critical P007 covenant_breached: Covenant breached on F1"
std::string AlertLine(const oversight::v1::Alert& alert);

}  // namespace oversight::client
