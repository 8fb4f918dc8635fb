#pragma once
// The one authorisation point of oversightd. Every RPC passes through
// Authorizer::Authenticate and Authorizer::Permit (by way of
// server/service/call_scope.h) before it does any work, and list and stream
// results are filtered through MaySee, so the whole security model lives
// here: who the caller is (bearer token or client certificate), what its
// role may call, which providers it may see, and the audit trail of what it
// did. Handlers never decide access themselves.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
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
  // Real-data import support (issue #12).
  kListKnownCompanies,
  kPutOwnerAlias,
  kDeleteOwnerAlias,
  kListOwnerAliases,
  kReplaceUnmatchedOwners,
  kListUnmatchedOwners,
};
inline constexpr int kOperationCount = 23;

absl::string_view OperationName(Operation op);    // "Submit", "BulkSubmit", ...
absl::string_view OperationMethod(Operation op);  // "/oversight.v1.OversightService/Submit"
// True for operations that change stored state (ingest, scoring,
// acknowledgement, token administration, owner aliases, unmatched owners).
bool IsMutation(Operation op);

// Mirrors oversight.v1.Role without depending on the generated code.
enum class Role { kRegulator, kScoringJob, kProvider, kLocalAuthority, kAdmin };
inline constexpr int kRoleCount = 5;
absl::string_view RoleName(Role role);  // regulator, scoring_job, provider, local_authority, admin
std::optional<Role> ParseRoleName(absl::string_view name);  // the names above; "scoring-job" and "local-authority" too
// The oversight.v1.Role number stored in the tokens and audit tables
// (ROLE_REGULATOR = 1 ... ROLE_ADMIN = 5; 0 = unspecified).
int RoleToWire(Role role);
std::optional<Role> RoleFromWire(int wire);

// The providers a scoped caller (provider or local authority) may see,
// resolved once per call when it is authorised (see ProviderScopeIndex).
using ProviderSet = absl::flat_hash_set<std::string>;

// Who is calling. Produced only by an Authorizer.
struct Principal {
  // "token:<token id>", "cert:<certificate common name>" or "development".
  // Unique per caller: the audit trail, the rate limiter and the stream
  // limiter are keyed by it.
  std::string id;
  Role role = Role::kRegulator;
  std::string subject;          // who it is for, as the administrator wrote it (display only)
  std::string provider_id;      // kProvider: the provider it acts for
  std::string local_authority;  // kLocalAuthority: the authority it acts for
  // kProvider / kLocalAuthority after Permit: every provider it may see.
  // Null for the market-wide roles.
  std::shared_ptr<const ProviderSet> visible_providers;
};

// What a call, or one item of a result, is about. Empty fields mean "not
// about one provider / authority" (a market-wide query).
struct ResourceRef {
  std::string provider_id;
  std::vector<std::string> local_authorities;
  // What the audit trail names when it is not a provider: "alert/42",
  // "token/abc", "market".
  std::string object;
  // For a write: the kind of record it carries ("provider", "accounts", ...
  // as server/store RecordKindName). Provider records (registration, name,
  // parent group) are the administrator's, never a provider's own: the
  // parent group decides what a provider's token may see.
  std::string record_kind;

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

  // Who is calling: the principal named by the bearer token or the verified
  // client certificate, or UNAUTHENTICATED (no, malformed, unknown,
  // expired or revoked credentials). Called once per RPC, before any work,
  // from a worker thread (it may block on the store).
  virtual absl::StatusOr<Principal> Authenticate(grpc::CallbackServerContext* context) = 0;

  // Whether `principal` may perform `op` on `resource`: OK, PERMISSION_DENIED
  // (outside its role or scope; never says whether the object exists) or
  // RESOURCE_EXHAUSTED (its request rate). Fills principal.visible_providers
  // for scoped roles. Called right after Authenticate; may block.
  virtual absl::Status Permit(Principal& principal, Operation op, const ResourceRef& resource) = 0;

  // Authenticate, then Permit.
  absl::StatusOr<Principal> Authorize(grpc::CallbackServerContext* context, Operation op,
                                      const ResourceRef& resource);

  // The filter hook for list and stream results, and for each record of a
  // BulkSubmit: whether `principal` may see (or, for a record, write) an
  // item about `item` (a provider, an alert with its authorities). Must not
  // block: it runs on the alert fan-out path.
  virtual bool MaySee(const Principal& principal, const ResourceRef& item) const = 0;

  // Called once when a call ends, with its outcome; the place for the audit
  // trail. `principal` is null when authentication failed, and set (but not
  // permitted) when the call was denied.
  virtual void RecordOutcome(const Principal* principal, Operation op,
                             const ResourceRef& resource, const grpc::Status& outcome);
};

}  // namespace oversight::server
