#include "server/auth/audit_trail.h"

#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "server/auth/secret_redaction.h"

namespace oversight::server {

absl::string_view StatusCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK: return "OK";
    case grpc::StatusCode::CANCELLED: return "CANCELLED";
    case grpc::StatusCode::UNKNOWN: return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED: return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND: return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS: return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED: return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION: return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED: return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE: return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED: return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL: return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE: return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS: return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED: return "UNAUTHENTICATED";
    default: return "UNKNOWN";
  }
}

void AuditTrail::Record(const Principal* principal, Operation op, const ResourceRef& resource,
                        grpc::StatusCode outcome) {
  AuditRow row;
  // row.at empty: the store stamps it with its own clock (RFC 3339 UTC).
  row.principal = principal != nullptr ? principal->id : std::string(kUnauthenticatedPrincipal);
  row.role = principal != nullptr ? RoleToWire(principal->role) : 0;
  row.method = std::string(OperationMethod(op));
  // Objects come from requests: keep a hostile one bounded and secret-free.
  row.object = RedactSecrets(resource.AuditName().substr(0, 256));
  row.outcome = std::string(StatusCodeName(outcome));
  absl::StatusOr<std::int64_t> appended = store_.AppendAudit(row);
  if (!appended.ok()) {
    // No dependency on the service's logger from here: one line on stderr in
    // the same key=value form.
    const std::string line = absl::StrCat(
        "level=error event=audit_write_failed method=", OperationName(op), " principal=\"",
        row.principal, "\" outcome=", row.outcome, " message=\"",
        RedactSecrets(appended.status().message()), "\"\n");
    std::fputs(line.c_str(), stderr);
  }
}

}  // namespace oversight::server
