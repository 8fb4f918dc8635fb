#include "server/auth/development_authorizer.h"

#include "grpcpp/support/status.h"

namespace oversight::server {

absl::StatusOr<Principal> DevelopmentAuthorizer::Authenticate(grpc::CallbackServerContext*) {
  return Principal{.id = std::string(kPrincipalId), .role = Role::kAdmin, .subject = "development"};
}

absl::Status DevelopmentAuthorizer::Permit(Principal&, Operation, const ResourceRef&) {
  return absl::OkStatus();
}

bool DevelopmentAuthorizer::MaySee(const Principal&, const ResourceRef&) const { return true; }

void DevelopmentAuthorizer::RecordOutcome(const Principal* principal, Operation op,
                                          const ResourceRef& resource, const grpc::Status& outcome) {
  if (audit_.has_value()) audit_->Record(principal, op, resource, outcome.error_code());
}

}  // namespace oversight::server
