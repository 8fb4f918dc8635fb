#pragma once
// Admits every caller as one administrator principal named "development".
// For a developer's own machine only: oversightd installs it solely when
// started with --insecure on a loopback address, and says so loudly.
// Role::kAdmin may do everything Role::kRegulator may, so this principal is
// both the regulator and the administrator.

#include "server/auth/authorizer.h"

namespace oversight::server {

class DevelopmentAuthorizer final : public Authorizer {
 public:
  static constexpr absl::string_view kPrincipalId = "development";

  absl::StatusOr<Principal> Authorize(grpc::CallbackServerContext* context, Operation op,
                                      const ResourceRef& resource) override;
  bool MaySee(const Principal& principal, const ResourceRef& item) const override;
};

}  // namespace oversight::server
