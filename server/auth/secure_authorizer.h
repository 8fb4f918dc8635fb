#pragma once
// The production authorizer of oversightd (every mode but --insecure):
//   1. authentication: the bearer token in "authorization: Bearer <token>"
//      (TokenService::VerifyToken), else, under mutual TLS, the verified
//      client certificate (CertificateIdentities); otherwise UNAUTHENTICATED;
//   2. the caller's request rate (RateLimiter): RESOURCE_EXHAUSTED;
//   3. the role x operation matrix (access_policy.h): PERMISSION_DENIED;
//   4. scope, for providers and local authorities (ProviderScopeIndex): the
//      object of the call must be one of their providers, or
//      PERMISSION_DENIED whether or not it exists; lists and streams are
//      filtered by MaySee;
//   5. the audit trail: every call, allowed or not (AuditTrail).

#include <functional>
#include <memory>
#include <optional>

#include "absl/time/time.h"
#include "server/auth/audit_trail.h"
#include "server/auth/authorizer.h"
#include "server/auth/certificate_identity.h"
#include "server/auth/provider_scope.h"
#include "server/auth/rate_limiter.h"
#include "server/store/store.h"

namespace oversight::server {

struct SecureAuthorizerOptions {
  // Set when the server requires client certificates (--tls_client_ca):
  // how a verified certificate maps to a principal. Unset: tokens only.
  std::optional<CertificateIdentities> certificates;
  double requests_per_second = 100;  // per caller, sustained; <= 0 = no limit
  double request_burst = 200;        // per caller, at once
  // How stale the provider scopes may be when another replica writes.
  absl::Duration scope_max_age = absl::Seconds(30);
  // The clock for expiry and the rate limit; tests may fix it.
  std::function<absl::Time()> now = [] { return absl::Now(); };
};

class SecureAuthorizer final : public Authorizer {
 public:
  // `store` must outlive the authorizer (OversightServer destroys the
  // authorizer first).
  SecureAuthorizer(Store& store, SecureAuthorizerOptions options);

  absl::StatusOr<Principal> Authenticate(grpc::CallbackServerContext* context) override;
  absl::Status Permit(Principal& principal, Operation op, const ResourceRef& resource) override;
  bool MaySee(const Principal& principal, const ResourceRef& item) const override;
  void RecordOutcome(const Principal* principal, Operation op, const ResourceRef& resource,
                     const grpc::Status& outcome) override;

 private:
  Store& store_;
  SecureAuthorizerOptions options_;
  RateLimiter rate_limiter_;
  ProviderScopeIndex scopes_;
  AuditTrail audit_;
};

}  // namespace oversight::server
