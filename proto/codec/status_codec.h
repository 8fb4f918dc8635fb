#pragma once
// The error model on the wire, in both directions.
//
// Server side: an absl::Status becomes a grpc::Status with the same code and
// message; when it is INVALID_ARGUMENT and carries the risk core's field
// violations (risk::FieldViolationsOf), a google.rpc.Status holding a
// google.rpc.BadRequest is serialized into the grpc::Status's binary error
// details, which gRPC sends as the "grpc-status-details-bin" trailer.
//
// Client side: the field violations come back out of a grpc::Status (or a
// google.rpc.Status from a bulk result), and an absl::Status can be rebuilt
// with them attached, so client code can use risk::FieldViolationsOf too.

#include <vector>

#include "absl/status/status.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/status.h"
#include "risk/domain/validation.h"

namespace oversight::codec {

// absl and gRPC share the canonical code numbering, so codes map one to one.
grpc::Status ToGrpcStatus(const absl::Status& status);
// The rich form on its own, e.g. for one rejected record of a BulkSubmit.
// OK gives code 0 and no message.
google::rpc::Status ToRpcStatus(const absl::Status& status);

std::vector<risk::FieldViolation> FieldViolationsOf(const grpc::Status& status);
std::vector<risk::FieldViolation> FieldViolationsOf(const google::rpc::Status& status);

// Same code and message; the violations (if any) attached as the risk core
// attaches them, so risk::FieldViolationsOf reads them.
absl::Status FromGrpcStatus(const grpc::Status& status);
absl::Status FromRpcStatus(const google::rpc::Status& status);

}  // namespace oversight::codec
