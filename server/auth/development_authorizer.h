#pragma once
// Admits every caller as one administrator principal named "development",
// with no credentials and every operation allowed. For a developer's own
// machine only: oversightd installs it solely when started with --insecure
// on a loopback address, and says so loudly. Calls are still written to the
// audit trail when a store is given, so a demo shows what production
// records.

#include <optional>

#include "server/auth/audit_trail.h"
#include "server/auth/authorizer.h"
#include "server/store/store.h"

namespace oversight::server {

class DevelopmentAuthorizer final : public Authorizer {
 public:
  static constexpr absl::string_view kPrincipalId = "development";

  DevelopmentAuthorizer() = default;
  // Audits every call to `audit_store`, which must outlive the authorizer.
  explicit DevelopmentAuthorizer(Store& audit_store) : audit_(AuditTrail(audit_store)) {}

  absl::StatusOr<Principal> Authenticate(grpc::CallbackServerContext* context) override;
  absl::Status Permit(Principal& principal, Operation op, const ResourceRef& resource) override;
  bool MaySee(const Principal& principal, const ResourceRef& item) const override;
  void RecordOutcome(const Principal* principal, Operation op, const ResourceRef& resource,
                     const grpc::Status& outcome) override;

 private:
  std::optional<AuditTrail> audit_;
};

}  // namespace oversight::server
