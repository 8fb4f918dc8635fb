#pragma once
// Secrets never reach a log line: bearer tokens (ours, "ovt_<id>_<secret>",
// and anything after "Bearer "), passwords in store URLs and key=value
// connection strings, and PEM private keys. The structured logger passes
// every value through RedactSecrets, so a message that quotes a request by
// mistake still cannot leak one.

#include <string>

#include "absl/strings/string_view.h"

namespace oversight::server {

inline constexpr absl::string_view kRedacted = "REDACTED";

// `text` with every secret replaced by REDACTED. A token keeps its id
// ("ovt_1a2b..._REDACTED") so that an operator can still tell which token
// it was and revoke it.
std::string RedactSecrets(absl::string_view text);

}  // namespace oversight::server
