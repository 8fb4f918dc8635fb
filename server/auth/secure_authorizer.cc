#include "server/auth/secure_authorizer.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "grpc/grpc_security_constants.h"
#include "grpcpp/security/auth_context.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/status.h"
#include "server/auth/access_policy.h"
#include "server/auth/token_service.h"

namespace oversight::server {
namespace {

constexpr absl::string_view kAuthorization = "authorization";
constexpr absl::string_view kBearer = "bearer ";

absl::Status NoCredentials(bool certificates) {
  return absl::UnauthenticatedError(absl::StrCat(
      "no credentials: send \"authorization: Bearer <token>\"",
      certificates ? " or present a client certificate signed by the server's client CA" : ""));
}

}  // namespace

SecureAuthorizer::SecureAuthorizer(Store& store, SecureAuthorizerOptions options)
    : store_(store),
      options_(std::move(options)),
      rate_limiter_(options_.requests_per_second, options_.request_burst),
      scopes_(store, options_.scope_max_age),
      audit_(store) {}

absl::StatusOr<Principal> SecureAuthorizer::Authenticate(grpc::CallbackServerContext* context) {
  const bool certificates = options_.certificates.has_value();
  if (context == nullptr) return NoCredentials(certificates);
  const auto& metadata = context->client_metadata();
  const auto [first, last] = metadata.equal_range(grpc::string_ref(kAuthorization.data(), kAuthorization.size()));
  if (first != last) {
    if (std::next(first) != last) {
      return absl::UnauthenticatedError("more than one authorization header: send exactly one");
    }
    const absl::string_view value(first->second.data(), first->second.size());
    if (value.size() <= kBearer.size() ||
        !absl::EqualsIgnoreCase(value.substr(0, kBearer.size()), kBearer)) {
      return absl::UnauthenticatedError(
          "the authorization header is not \"Bearer <token>\" (the only scheme oversightd accepts)");
    }
    return VerifyToken(store_, absl::StripAsciiWhitespace(value.substr(kBearer.size())), options_.now());
  }
  if (!certificates) return NoCredentials(false);
  std::shared_ptr<const grpc::AuthContext> auth = context->auth_context();
  if (auth == nullptr || !auth->IsPeerAuthenticated()) return NoCredentials(true);
  std::vector<grpc::string_ref> names = auth->FindPropertyValues(GRPC_X509_CN_PROPERTY_NAME);
  if (names.size() != 1) {
    return absl::UnauthenticatedError("the client certificate must have exactly one subject common name");
  }
  return options_.certificates->Resolve(absl::string_view(names.front().data(), names.front().size()));
}

absl::Status SecureAuthorizer::Permit(Principal& principal, Operation op, const ResourceRef& resource) {
  if (!rate_limiter_.TryAcquire(principal.id, options_.now())) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "caller ", principal.id, " is over its request rate (", rate_limiter_.per_second(),
        " calls a second, bursts of ", rate_limiter_.burst(), "): slow down and retry"));
  }
  if (!RoleMayCall(principal.role, op)) {
    return absl::PermissionDeniedError(
        absl::StrCat("role ", RoleName(principal.role), " may not call ", OperationName(op)));
  }
  if (!IsScopedRole(principal.role)) return absl::OkStatus();

  const absl::Status out_of_scope = absl::PermissionDeniedError(absl::StrCat(
      principal.id, " may not ", IsMutation(op) ? "write to" : "see", " ", resource.AuditName()));
  if (principal.role == Role::kProvider) {
    if (resource.record_kind == "provider") {
      return absl::PermissionDeniedError(
          "provider records (registration, name, parent group) are written by an administrator");
    }
    absl::StatusOr<std::shared_ptr<const ProviderSet>> providers =
        scopes_.ProvidersActedForBy(principal.provider_id);
    if (!providers.ok()) return providers.status();
    principal.visible_providers = *std::move(providers);
  } else {
    absl::StatusOr<std::shared_ptr<const ProviderSet>> providers =
        scopes_.ProvidersPlacedWithBy(principal.local_authority);
    if (!providers.ok()) return providers.status();
    principal.visible_providers = *std::move(providers);
    if (op == Operation::kGetConcentration &&
        (resource.local_authorities.size() != 1 ||
         resource.local_authorities.front() != principal.local_authority)) {
      return absl::PermissionDeniedError(absl::StrCat(
          principal.id, " may see the concentration of its own authority's placements only"));
    }
  }
  if (!resource.provider_id.empty() && !principal.visible_providers->contains(resource.provider_id)) {
    return out_of_scope;
  }
  return absl::OkStatus();
}

bool SecureAuthorizer::MaySee(const Principal& principal, const ResourceRef& item) const {
  if (!IsScopedRole(principal.role)) return true;
  if (principal.role == Role::kProvider && item.record_kind == "provider") return false;
  if (principal.visible_providers != nullptr && !item.provider_id.empty() &&
      principal.visible_providers->contains(item.provider_id)) {
    return true;
  }
  // An alert names the authorities whose children the provider held when
  // it was raised: those authorities receive it.
  return principal.role == Role::kLocalAuthority &&
         std::find(item.local_authorities.begin(), item.local_authorities.end(),
                   principal.local_authority) != item.local_authorities.end();
}

void SecureAuthorizer::RecordOutcome(const Principal* principal, Operation op,
                                     const ResourceRef& resource, const grpc::Status& outcome) {
  audit_.Record(principal, op, resource, outcome.error_code());
  // Records may have changed groups or placements: scopes are re-read.
  if ((op == Operation::kSubmit || op == Operation::kBulkSubmit) && principal != nullptr) {
    scopes_.Invalidate();
  }
}

}  // namespace oversight::server
