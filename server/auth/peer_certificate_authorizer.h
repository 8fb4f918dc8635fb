#pragma once
// The interim authorizer for TLS deployments until bearer tokens arrive:
// a caller whose client certificate was verified against --tls_client_ca is
// a regulator named by its certificate subject; anyone else is
// UNAUTHENTICATED. Token and audit administration is refused to everyone
// (PERMISSION_DENIED): it needs the token authorizer.

#include "server/auth/authorizer.h"

namespace oversight::server {

class PeerCertificateAuthorizer final : public Authorizer {
 public:
  absl::StatusOr<Principal> Authorize(grpc::CallbackServerContext* context, Operation op,
                                      const ResourceRef& resource) override;
  bool MaySee(const Principal& principal, const ResourceRef& item) const override;
};

}  // namespace oversight::server
