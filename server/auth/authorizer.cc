#include "server/auth/authorizer.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "grpcpp/support/status.h"

namespace oversight::server {
namespace {

constexpr std::array<absl::string_view, kOperationCount> kNames = {
    "Submit",        "BulkSubmit",        "GetProvider",   "ListProviders",
    "GetAssessmentHistory", "ExplainAssessment", "GetConcentration", "ListScenarios",
    "RunStress",     "Rescore",           "SubscribeAlerts", "ListAlerts",
    "AcknowledgeAlert", "IssueToken",     "RevokeToken",   "ListTokens",
    "QueryAudit",    "ListKnownCompanies", "PutOwnerAlias", "DeleteOwnerAlias",
    "ListOwnerAliases", "ReplaceUnmatchedOwners", "ListUnmatchedOwners",
};

constexpr std::array<absl::string_view, kOperationCount> kMethods = {
    "/oversight.v1.OversightService/Submit",
    "/oversight.v1.OversightService/BulkSubmit",
    "/oversight.v1.OversightService/GetProvider",
    "/oversight.v1.OversightService/ListProviders",
    "/oversight.v1.OversightService/GetAssessmentHistory",
    "/oversight.v1.OversightService/ExplainAssessment",
    "/oversight.v1.OversightService/GetConcentration",
    "/oversight.v1.OversightService/ListScenarios",
    "/oversight.v1.OversightService/RunStress",
    "/oversight.v1.OversightService/Rescore",
    "/oversight.v1.OversightService/SubscribeAlerts",
    "/oversight.v1.OversightService/ListAlerts",
    "/oversight.v1.OversightService/AcknowledgeAlert",
    "/oversight.v1.OversightService/IssueToken",
    "/oversight.v1.OversightService/RevokeToken",
    "/oversight.v1.OversightService/ListTokens",
    "/oversight.v1.OversightService/QueryAudit",
    "/oversight.v1.OversightService/ListKnownCompanies",
    "/oversight.v1.OversightService/PutOwnerAlias",
    "/oversight.v1.OversightService/DeleteOwnerAlias",
    "/oversight.v1.OversightService/ListOwnerAliases",
    "/oversight.v1.OversightService/ReplaceUnmatchedOwners",
    "/oversight.v1.OversightService/ListUnmatchedOwners",
};

}  // namespace

absl::string_view OperationName(Operation op) { return kNames[static_cast<int>(op)]; }

absl::string_view OperationMethod(Operation op) { return kMethods[static_cast<int>(op)]; }

bool IsMutation(Operation op) {
  switch (op) {
    case Operation::kSubmit:
    case Operation::kBulkSubmit:
    case Operation::kRescore:
    case Operation::kAcknowledgeAlert:
    case Operation::kIssueToken:
    case Operation::kRevokeToken:
    case Operation::kPutOwnerAlias:
    case Operation::kDeleteOwnerAlias:
    case Operation::kReplaceUnmatchedOwners:
      return true;
    default:
      return false;
  }
}

std::optional<Role> ParseRoleName(absl::string_view name) {
  for (int i = 0; i < kRoleCount; ++i) {
    const Role role = static_cast<Role>(i);
    if (name == RoleName(role)) return role;
  }
  if (name == "scoring-job") return Role::kScoringJob;
  if (name == "local-authority") return Role::kLocalAuthority;
  return std::nullopt;
}

int RoleToWire(Role role) { return static_cast<int>(role) + 1; }

std::optional<Role> RoleFromWire(int wire) {
  if (wire < 1 || wire > kRoleCount) return std::nullopt;
  return static_cast<Role>(wire - 1);
}

absl::string_view RoleName(Role role) {
  switch (role) {
    case Role::kRegulator:
      return "regulator";
    case Role::kScoringJob:
      return "scoring_job";
    case Role::kProvider:
      return "provider";
    case Role::kLocalAuthority:
      return "local_authority";
    case Role::kAdmin:
      return "admin";
  }
  return "unknown";
}

ResourceRef ResourceRef::Market() { return ResourceRef{.object = "market"}; }

ResourceRef ResourceRef::ForProvider(absl::string_view provider_id) {
  return ResourceRef{.provider_id = std::string(provider_id)};
}

ResourceRef ResourceRef::ForObject(absl::string_view object) {
  return ResourceRef{.object = std::string(object)};
}

std::string ResourceRef::AuditName() const {
  if (!object.empty()) return object;
  if (!provider_id.empty()) return provider_id;
  return "market";
}

absl::StatusOr<Principal> Authorizer::Authorize(grpc::CallbackServerContext* context,
                                                Operation op, const ResourceRef& resource) {
  absl::StatusOr<Principal> principal = Authenticate(context);
  if (!principal.ok()) return principal.status();
  if (absl::Status permitted = Permit(*principal, op, resource); !permitted.ok()) return permitted;
  return principal;
}

void Authorizer::RecordOutcome(const Principal*, Operation, const ResourceRef&,
                               const grpc::Status&) {}

}  // namespace oversight::server
