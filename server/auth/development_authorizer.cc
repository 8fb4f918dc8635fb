#include "server/auth/development_authorizer.h"

namespace oversight::server {

absl::StatusOr<Principal> DevelopmentAuthorizer::Authorize(grpc::CallbackServerContext*,
                                                           Operation, const ResourceRef&) {
  return Principal{.id = std::string(kPrincipalId), .role = Role::kAdmin};
}

bool DevelopmentAuthorizer::MaySee(const Principal&, const ResourceRef&) const { return true; }

}  // namespace oversight::server
