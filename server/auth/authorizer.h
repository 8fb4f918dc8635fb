#pragma once
// The one authorisation point of oversightd. Every RPC handler calls
// Authorizer::Authorize (through server/service/call_scope.h) before it does
// any work, and filters list and stream results through MaySee, so that the
// security model can be replaced in one place: DevelopmentAuthorizer today,
// bearer tokens and mutual-TLS identities with per-provider and
// per-authority scoping tomorrow, without touching a handler.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace grpc {
class CallbackServerContext;
class Status;
}  // namespace grpc

namespace oversight::server {

// One value per RPC of oversight.v1.OversightService, so that a policy can
// say exactly which calls a role may make.
enum class Operation {
  kSubmit,
  kBulkSubmit,
  kGetProvider,
  kListProviders,
  kGetAssessmentHistory,
  kExplainAssessment,
  kGetConcentration,
  kListScenarios,
  kRunStress,
  kRescore,
  kSubscribeAlerts,
  kListAlerts,
  kAcknowledgeAlert,
  kIssueToken,
  kRevokeToken,
  kListTokens,
  kQueryAudit,
};
inline constexpr int kOperationCount = 17;

absl::string_view OperationName(Operation op);    // "Submit", "BulkSubmit", ...
absl::string_view OperationMethod(Operation op);  // "/oversight.v1.OversightService/Submit"
// True for operations that change stored state (ingest, scoring,
// acknowledgement, token administration).
bool IsMutation(Operation op);

// Mirrors oversight.v1.Role without depending on the generated code.
enum class Role { kRegulator, kScoringJob, kProvider, kLocalAuthority, kAdmin };
absl::string_view RoleName(Role role);  // regulator, scoring_job, provider, local_authority, admin

// Who is calling. Produced only by an Authorizer.
struct Principal {
  std::string id;               // token id, certificate subject, or "development"
  Role role = Role::kRegulator;
  std::string provider_id;      // kProvider: the one provider it acts for
  std::string local_authority;  // kLocalAuthority: the one authority it acts for
};

// What a call, or one item of a result, is about. Empty fields mean "not
// about one provider / authority" (a market-wide query).
struct ResourceRef {
  std::string provider_id;
  std::vector<std::string> local_authorities;
  // What the audit trail names when it is not a provider: "alert/42",
  // "token/abc", "market".
  std::string object;

  static ResourceRef Market();
  static ResourceRef ForProvider(absl::string_view provider_id);
  static ResourceRef ForObject(absl::string_view object);
  // The audit trail's name for it: object if set, else the provider id,
  // else "market".
  std::string AuditName() const;
};

class Authorizer {
 public:
  virtual ~Authorizer() = default;

  // Decides whether the caller may perform `op` on `resource`. Returns the
  // caller's identity, or UNAUTHENTICATED (no or bad credentials) or
  // PERMISSION_DENIED (known caller, not allowed). Called once per RPC,
  // before any work, from a worker thread (it may block, e.g. on the store).
  virtual absl::StatusOr<Principal> Authorize(grpc::CallbackServerContext* context,
                                              Operation op,
                                              const ResourceRef& resource) = 0;

  // The filter hook for list and stream results: whether `principal` may see
  // an item about `item` (a provider, an alert with its authorities). Must
  // not block: it runs on the alert fan-out path.
  virtual bool MaySee(const Principal& principal, const ResourceRef& item) const = 0;

  // Called once when an authorised call ends, with its outcome; the place
  // for the audit trail. `principal` is null when authorisation failed.
  virtual void RecordOutcome(const Principal* principal, Operation op,
                             const ResourceRef& resource, const grpc::Status& outcome);
};

}  // namespace oversight::server
