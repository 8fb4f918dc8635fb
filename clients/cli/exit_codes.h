#pragma once
// Exit codes of `oversight`, for schedulers (cron, systemd timers, CI):
// documented in `oversight --help` and docs/cli.md.

#include <string>

#include "absl/strings/string_view.h"
#include "grpcpp/support/status.h"

namespace oversight::client {

enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 1,           // bad command line or an invalid request
  kExitPartial = 2,         // some records rejected, some providers failed, or a server error
  kExitUnavailable = 3,     // server unreachable or deadline exceeded
  kExitAuth = 4,            // authentication or permission refused
  kExitNotFound = 5,        // the provider, alert or scenario does not exist
};

int ExitCodeFor(grpc::StatusCode code);

// Prints "oversight: WHAT: CODE: message" to stderr, then one line per field
// violation carried in the google.rpc.BadRequest details, and returns the
// exit code for the status.
int ReportRpcError(absl::string_view what, const grpc::Status& status);

// "INVALID_ARGUMENT", "UNAVAILABLE", ...
std::string StatusCodeName(grpc::StatusCode code);

}  // namespace oversight::client
