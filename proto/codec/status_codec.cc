#include "proto/codec/status_codec.h"

#include <string>
#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/string_view.h"

namespace oversight::codec {
namespace {

google::rpc::BadRequest ToBadRequest(const std::vector<risk::FieldViolation>& violations) {
  google::rpc::BadRequest bad_request;
  for (const risk::FieldViolation& v : violations) {
    google::rpc::BadRequest::FieldViolation* out = bad_request.add_field_violations();
    out->set_field(v.field);
    out->set_description(v.reason);
  }
  return bad_request;
}

// Rebuilds `code`/`message` with the violations attached exactly as the risk
// core attaches them (whatever its payload encoding is).
absl::Status WithViolations(absl::StatusCode code, absl::string_view message,
                            const std::vector<risk::FieldViolation>& violations) {
  absl::Status status(code, message);
  if (violations.empty() || status.ok()) return status;
  risk::Violations carrier;
  for (const risk::FieldViolation& v : violations) carrier.Add(v.field, v.reason);
  carrier.ToStatus().ForEachPayload(
      [&status](absl::string_view type_url, const absl::Cord& payload) {
        status.SetPayload(type_url, payload);
      });
  return status;
}

}  // namespace

google::rpc::Status ToRpcStatus(const absl::Status& status) {
  google::rpc::Status rpc;
  rpc.set_code(static_cast<int>(status.code()));
  rpc.set_message(std::string(status.message()));
  if (status.code() == absl::StatusCode::kInvalidArgument) {
    std::vector<risk::FieldViolation> violations = risk::FieldViolationsOf(status);
    if (!violations.empty()) rpc.add_details()->PackFrom(ToBadRequest(violations));
  }
  return rpc;
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  google::rpc::Status rpc = ToRpcStatus(status);
  if (rpc.details_size() == 0) return grpc::Status(code, std::string(status.message()));
  return grpc::Status(code, std::string(status.message()), rpc.SerializeAsString());
}

std::vector<risk::FieldViolation> FieldViolationsOf(const google::rpc::Status& status) {
  std::vector<risk::FieldViolation> violations;
  for (const google::protobuf::Any& detail : status.details()) {
    google::rpc::BadRequest bad_request;
    if (!detail.Is<google::rpc::BadRequest>() || !detail.UnpackTo(&bad_request)) continue;
    for (const auto& v : bad_request.field_violations()) {
      violations.push_back(risk::FieldViolation{.field = v.field(), .reason = v.description()});
    }
  }
  return violations;
}

std::vector<risk::FieldViolation> FieldViolationsOf(const grpc::Status& status) {
  if (status.ok() || status.error_details().empty()) return {};
  google::rpc::Status rpc;
  if (!rpc.ParseFromString(status.error_details())) return {};
  return FieldViolationsOf(rpc);
}

absl::Status FromRpcStatus(const google::rpc::Status& status) {
  return WithViolations(static_cast<absl::StatusCode>(status.code()), status.message(),
                        FieldViolationsOf(status));
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return WithViolations(static_cast<absl::StatusCode>(status.error_code()), status.error_message(),
                        FieldViolationsOf(status));
}

}  // namespace oversight::codec
