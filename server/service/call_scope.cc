#include "server/service/call_scope.h"

#include <chrono>
#include <utility>

#include "proto/codec/status_codec.h"
#include "server/auth/audit_trail.h"
#include "server/service/structured_log.h"

namespace oversight::server {

CallScope::CallScope(Authorizer& authorizer, grpc::CallbackServerContext* context, Operation op,
                     ResourceRef resource)
    : authorizer_(authorizer),
      context_(context),
      op_(op),
      resource_(std::move(resource)),
      started_(absl::Now()),
      peer_(context != nullptr ? context->peer() : std::string("-")) {}

grpc::Status CallScope::CheckStillWanted() const {
  if (context_ == nullptr) return grpc::Status::OK;
  if (context_->IsCancelled()) return grpc::Status(grpc::StatusCode::CANCELLED, "the caller cancelled");
  if (context_->deadline() < std::chrono::system_clock::now()) {
    return grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED,
                        "the caller's deadline passed before the work started");
  }
  return grpc::Status::OK;
}

grpc::Status CallScope::Authorize() {
  absl::StatusOr<Principal> principal = authorizer_.Authenticate(context_);
  if (!principal.ok()) return codec::ToGrpcStatus(principal.status());
  principal_ = *std::move(principal);
  if (absl::Status permitted = authorizer_.Permit(*principal_, op_, resource_); !permitted.ok()) {
    return codec::ToGrpcStatus(permitted);
  }
  permitted_ = true;
  return grpc::Status::OK;
}

bool CallScope::MaySee(const ResourceRef& item) const {
  return permitted_ && authorizer_.MaySee(*principal_, item);
}

grpc::Status CallScope::End(grpc::Status status) {
  const absl::Duration elapsed = absl::Now() - started_;
  const bool failed = !status.ok();
  const bool server_fault = status.error_code() == grpc::StatusCode::INTERNAL ||
                            status.error_code() == grpc::StatusCode::UNKNOWN ||
                            status.error_code() == grpc::StatusCode::DATA_LOSS ||
                            status.error_code() == grpc::StatusCode::UNAVAILABLE;
  {
    LogLine line(server_fault ? "error" : "info", "request");
    line.Add("method", OperationName(op_))
        .Add("code", StatusCodeName(status.error_code()))
        .Add("duration_ms", absl::ToDoubleMilliseconds(elapsed))
        .Add("principal", principal_.has_value() ? principal_->id : std::string("-"))
        .Add("object", resource_.AuditName());
    line.Add("peer", peer_);
    if (failed) line.Add("message", status.error_message());
  }
  authorizer_.RecordOutcome(principal_.has_value() ? &*principal_ : nullptr, op_, resource_, status);
  return status;
}

}  // namespace oversight::server
