#pragma once
// Where `oversight alerts tail` has got to: the sequence number of the last
// alert it printed, kept in a small file so that a restarted tail resumes
// after it. The file holds one decimal number and a newline and is replaced
// atomically, so a crash leaves either the old or the new number.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace oversight::client {

// 0 when the file does not exist (nothing received yet); INVALID_ARGUMENT
// when it exists but does not hold a sequence number.
absl::StatusOr<std::int64_t> ReadAlertCursor(const std::string& path);
absl::Status WriteAlertCursor(const std::string& path, std::int64_t sequence);

}  // namespace oversight::client
