#pragma once
#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace oversight::server {

// Lower-case hex SHA-256 (FIPS 180-4) of the parts, each prefixed with its
// length so that ("ab", "c") and ("a", "bc") differ. SHA-256 rather than a
// fast 64-bit hash because the value decides whether an idempotency key is
// being reused for a different record: a collision would silently drop data.
std::string Sha256Hex(absl::Span<const absl::string_view> parts);

}  // namespace oversight::server
