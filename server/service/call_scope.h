#pragma once
// What every RPC does around its own work, in one place: check the caller
// still wants an answer, authorise once through the Authorizer before any
// work, and when the call ends log one structured line (method, outcome,
// duration, principal, object) and hand the outcome to the Authorizer for
// the audit trail. Handlers never call the Authorizer directly.

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/status.h"
#include "server/auth/authorizer.h"

namespace oversight::server {

class CallScope {
 public:
  CallScope(Authorizer& authorizer, grpc::CallbackServerContext* context, Operation op,
            ResourceRef resource);

  // CANCELLED when the client has gone, DEADLINE_EXCEEDED when its deadline
  // has passed: queued work is not started for nobody.
  grpc::Status CheckStillWanted() const;
  // Authenticates the caller, then asks the Authorizer whether it may make
  // this call; OK or the status to end the call with. A caller that
  // authenticated but was denied is still named in the log and the audit.
  grpc::Status Authorize();
  // Valid after Authorize() returned OK.
  const Principal& principal() const { return *principal_; }
  bool MaySee(const ResourceRef& item) const;

  // Logs the call and records its outcome; returns `status` unchanged.
  // Call once.
  grpc::Status End(grpc::Status status);

  Operation op() const { return op_; }
  const ResourceRef& resource() const { return resource_; }
  grpc::CallbackServerContext* context() const { return context_; }

 private:
  Authorizer& authorizer_;
  grpc::CallbackServerContext* context_;
  Operation op_;
  ResourceRef resource_;
  absl::Time started_;
  std::string peer_;  // copied at the start: the context may be gone by End()
  std::optional<Principal> principal_;  // set once authenticated
  bool permitted_ = false;
};

}  // namespace oversight::server
