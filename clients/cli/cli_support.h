#pragma once
// Small helpers the subcommands share.

#include <iostream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clients/cli/command.h"
#include "clients/cli/connection.h"
#include "clients/records/record_fields.h"

namespace oversight::client {

// Opens the channel, printing why not (bad TLS file) to stderr.
inline absl::StatusOr<Connection> OpenOrReport(const CommandContext& context) {
  absl::StatusOr<Connection> connection = Connection::Open(context.options);
  if (!connection.ok()) std::cerr << "oversight: " << connection.status().message() << "\n";
  return connection;
}

// Parses a snake_case option value into the proto enum `E`; false (with a
// message naming the option) when the value is not one of its names. An
// empty value leaves *out unchanged.
template <typename E>
bool ParseEnumOption(const std::string& flag, const std::string& text, E* out) {
  if (text.empty()) return true;
  absl::StatusOr<int> value = ParseEnumValue(*google::protobuf::GetEnumDescriptor<E>(), text);
  if (!value.ok()) {
    std::cerr << "oversight: --" << flag << ": " << value.status().message() << "\n";
    return false;
  }
  *out = static_cast<E>(*value);
  return true;
}

// Parses a duration option ("20s"); false with a message when malformed.
bool ParseDurationOption(const std::string& flag, const std::string& text, absl::Duration* out);

// Writes `contents` to `path` atomically: a temporary file in the same
// directory, flushed and renamed over the target, so a reader or a crash
// never sees half a file.
absl::Status WriteFileAtomically(const std::string& path, const std::string& contents);

}  // namespace oversight::client
