#include "server/auth/access_policy.h"

namespace oversight::server {

bool RoleMayCall(Role role, Operation op) {
  using O = Operation;
  switch (role) {
    case Role::kRegulator:
      switch (op) {
        case O::kGetProvider: case O::kListProviders: case O::kGetAssessmentHistory:
        case O::kExplainAssessment: case O::kGetConcentration: case O::kListScenarios:
        case O::kRunStress: case O::kSubscribeAlerts: case O::kListAlerts:
        case O::kAcknowledgeAlert: case O::kQueryAudit: case O::kListKnownCompanies:
        case O::kPutOwnerAlias: case O::kDeleteOwnerAlias: case O::kListOwnerAliases:
        case O::kReplaceUnmatchedOwners: case O::kListUnmatchedOwners:
          return true;
        default:
          return false;
      }
    case Role::kScoringJob:
      switch (op) {
        case O::kRescore: case O::kListScenarios: case O::kListKnownCompanies:
        case O::kListOwnerAliases: case O::kReplaceUnmatchedOwners: case O::kListUnmatchedOwners:
          return true;
        default:
          return false;
      }
    case Role::kProvider:
      switch (op) {
        case O::kSubmit: case O::kBulkSubmit: case O::kGetProvider: case O::kListProviders:
        case O::kGetAssessmentHistory: case O::kExplainAssessment: case O::kListScenarios:
        case O::kSubscribeAlerts: case O::kListAlerts: case O::kListKnownCompanies:
          return true;
        default:
          return false;
      }
    case Role::kLocalAuthority:
      switch (op) {
        case O::kGetProvider: case O::kListProviders: case O::kGetAssessmentHistory:
        case O::kExplainAssessment: case O::kGetConcentration: case O::kListScenarios:
        case O::kSubscribeAlerts: case O::kListAlerts: case O::kListKnownCompanies:
          return true;
        default:
          return false;
      }
    case Role::kAdmin:
      switch (op) {
        case O::kSubmit: case O::kBulkSubmit: case O::kGetProvider: case O::kListProviders:
        case O::kListScenarios: case O::kIssueToken: case O::kRevokeToken: case O::kListTokens:
        case O::kQueryAudit: case O::kListKnownCompanies: case O::kPutOwnerAlias:
        case O::kDeleteOwnerAlias: case O::kListOwnerAliases: case O::kReplaceUnmatchedOwners:
        case O::kListUnmatchedOwners:
          return true;
        default:
          return false;
      }
  }
  return false;
}

bool IsScopedRole(Role role) { return role == Role::kProvider || role == Role::kLocalAuthority; }

}  // namespace oversight::server
