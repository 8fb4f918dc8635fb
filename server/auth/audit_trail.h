#pragma once
// The append-only audit trail: one entry per call (who, which method, which
// object, when, and the gRPC outcome), denied and unauthenticated calls
// included, written to the store's audit table, which has no update or
// delete. Regulators and administrators read it back with QueryAudit.

#include "absl/strings/string_view.h"
#include "grpcpp/support/status.h"
#include "server/auth/authorizer.h"
#include "server/store/store.h"

namespace oversight::server {

// "OK", "PERMISSION_DENIED", ...: what the audit table's outcome column holds.
absl::string_view StatusCodeName(grpc::StatusCode code);

// The audit trail's principal for a call that never authenticated.
inline constexpr absl::string_view kUnauthenticatedPrincipal = "unauthenticated";

class AuditTrail {
 public:
  explicit AuditTrail(Store& store) : store_(store) {}

  // Appends the entry synchronously, so that it is durable before the
  // caller's next call can be. A store failure cannot undo the call: it is
  // logged as event=audit_write_failed (level error) for the operator.
  void Record(const Principal* principal, Operation op, const ResourceRef& resource,
              grpc::StatusCode outcome);

 private:
  Store& store_;
};

}  // namespace oversight::server
