#include "server/auth/peer_certificate_authorizer.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "grpc/grpc_security_constants.h"
#include "grpcpp/security/auth_context.h"
#include "grpcpp/server_context.h"

namespace oversight::server {

absl::StatusOr<Principal> PeerCertificateAuthorizer::Authorize(grpc::CallbackServerContext* context,
                                                               Operation op, const ResourceRef&) {
  std::shared_ptr<const grpc::AuthContext> auth =
      context == nullptr ? nullptr : context->auth_context();
  if (auth == nullptr || !auth->IsPeerAuthenticated()) {
    return absl::UnauthenticatedError(
        "no verified client certificate: present one signed by the server's --tls_client_ca");
  }
  std::string subject;
  for (const grpc::string_ref& value : auth->FindPropertyValues(GRPC_X509_CN_PROPERTY_NAME)) {
    subject.assign(value.data(), value.size());
  }
  if (subject.empty()) {
    for (const grpc::string_ref& value : auth->GetPeerIdentity()) {
      subject.assign(value.data(), value.size());
    }
  }
  switch (op) {
    case Operation::kIssueToken:
    case Operation::kRevokeToken:
    case Operation::kListTokens:
    case Operation::kQueryAudit:
      return absl::PermissionDeniedError(absl::StrCat(
          "certificate ", subject, " may not administer tokens or read the audit trail"));
    default:
      break;
  }
  return Principal{.id = absl::StrCat("cert:", subject), .role = Role::kRegulator};
}

bool PeerCertificateAuthorizer::MaySee(const Principal&, const ResourceRef&) const { return true; }

}  // namespace oversight::server
