#include "clients/cli/exit_codes.h"

#include <iostream>

#include "absl/status/status.h"
#include "proto/codec/status_codec.h"

namespace oversight::client {

int ExitCodeFor(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return kExitOk;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::OUT_OF_RANGE:
    case grpc::StatusCode::FAILED_PRECONDITION:
      return kExitUsage;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return kExitUnavailable;
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
      return kExitAuth;
    case grpc::StatusCode::NOT_FOUND:
      return kExitNotFound;
    default:
      return kExitPartial;
  }
}

std::string StatusCodeName(grpc::StatusCode code) {
  return absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
}

int ReportRpcError(absl::string_view what, const grpc::Status& status) {
  std::cerr << "oversight: " << what << ": " << StatusCodeName(status.error_code()) << ": "
            << status.error_message() << "\n";
  for (const risk::FieldViolation& violation : codec::FieldViolationsOf(status)) {
    std::cerr << "  " << violation.field << ": " << violation.reason << "\n";
  }
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
    std::cerr << "  (is oversightd running at the --server address? for a plaintext development "
                 "server add --insecure)\n";
  }
  return ExitCodeFor(status.error_code());
}

}  // namespace oversight::client
