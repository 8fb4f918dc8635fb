#include "server/main/health_listener.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"

namespace oversight::server {
namespace {

constexpr char kServiceName[] = "oversight.v1.OversightService";

}  // namespace

absl::StatusOr<std::unique_ptr<HealthListener>> HealthListener::Start(
    absl::string_view grpc_address) {
  std::unique_ptr<HealthListener> listener(new HealthListener());
  // gRPC's default health service is the only service registered: nothing
  // of the API is reachable through this port.
  grpc::EnableDefaultHealthCheckService(true);
  grpc::ServerBuilder builder;
  int port = 0;
  const std::string address(grpc_address);
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &port);
  listener->server_ = builder.BuildAndStart();
  if (listener->server_ == nullptr || port == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--health_listen: cannot listen on ", address,
                     " (address in use, not local, or malformed; expected HOST:PORT)"));
  }
  listener->address_ = absl::StrCat(address.substr(0, address.rfind(':')), ":", port);
  listener->SetServing(false);
  return listener;
}

HealthListener::~HealthListener() { Shutdown(); }

void HealthListener::SetServing(bool serving) {
  if (shut_down_) return;
  grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
  if (health == nullptr) return;
  health->SetServingStatus(serving);
  health->SetServingStatus(kServiceName, serving);
}

void HealthListener::Shutdown() {
  if (shut_down_ || server_ == nullptr) return;
  SetServing(false);
  shut_down_ = true;
  // Health checks are single short calls: no grace needed.
  server_->Shutdown(std::chrono::system_clock::now());
  server_->Wait();
}

}  // namespace oversight::server
