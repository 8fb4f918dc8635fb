#pragma once
// --health_listen: a second, plaintext gRPC server that serves nothing but
// grpc.health.v1.Health, for probes that cannot speak TLS: the kubelet's
// native gRPC probes have no TLS or client-certificate options, and
// Docker's HEALTHCHECK would otherwise need a client certificate when the
// API port requires mutual TLS. It answers only SERVING / NOT_SERVING, so
// it may listen on a non-loopback address without --insecure.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "grpcpp/server.h"

namespace oversight::server {

// Not thread-safe: oversightd calls it from one thread at a time.
class HealthListener {
 public:
  // Binds `grpc_address` ("0.0.0.0:8081"; port 0 picks a free one) and
  // starts NOT_SERVING. INVALID_ARGUMENT naming --health_listen when the
  // address cannot be bound.
  static absl::StatusOr<std::unique_ptr<HealthListener>> Start(absl::string_view grpc_address);
  ~HealthListener();  // Shutdown()

  // The overall status ("") and that of oversight.v1.OversightService.
  void SetServing(bool serving);
  // NOT_SERVING, then stops. Idempotent.
  void Shutdown();

  // "0.0.0.0:PORT" with the bound port.
  const std::string& address() const { return address_; }

 private:
  HealthListener() = default;

  std::unique_ptr<grpc::Server> server_;
  std::string address_;
  bool shut_down_ = false;
};

}  // namespace oversight::server
