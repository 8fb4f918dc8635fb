#include "server/service/oversight_server.h"

#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "server/service/structured_log.h"

namespace oversight::server {
namespace {

constexpr char kServiceName[] = "oversight.v1.OversightService";

// The address with its port replaced by the one the server bound.
std::string WithPort(absl::string_view address, int port) {
  const std::size_t colon = address.rfind(':');
  return absl::StrCat(address.substr(0, colon), ":", port);
}

}  // namespace

absl::StatusOr<std::unique_ptr<OversightServer>> OversightServer::Start(
    std::unique_ptr<Store> store, std::unique_ptr<Authorizer> authorizer, ServerConfig config) {
  std::unique_ptr<OversightServer> server(new OversightServer());
  server->store_ = std::move(store);
  server->authorizer_ = std::move(authorizer);
  if (!config.hub.on_error) {
    config.hub.on_error = [](const absl::Status& status) {
      LogLine("error", "alert_hub").Add("message", status.ToString());
    };
  }
  server->hub_ = std::make_unique<AlertHub>(*server->store_, config.hub);
  if (absl::Status started = server->hub_->Start(); !started.ok()) return started;
  server->pool_ = std::make_unique<WorkPool>(config.workers);
  server->stream_limiter_ = std::make_unique<StreamLimiter>(config.max_streams_per_caller);
  server->service_ = std::make_unique<OversightService>(
      *server->store_, *server->hub_, *server->authorizer_, *server->pool_,
      *server->stream_limiter_, config.limits);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  std::shared_ptr<grpc::ServerCredentials> credentials =
      config.credentials ? config.credentials : grpc::InsecureServerCredentials();
  builder.AddListeningPort(config.listen_address, credentials, &server->port_);
  builder.SetMaxReceiveMessageSize(config.max_message_bytes);
  builder.SetMaxSendMessageSize(config.max_message_bytes);
  builder.RegisterService(server->service_.get());
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    server->hub_->Stop();
    return absl::InvalidArgumentError(
        absl::StrCat("listen: cannot listen on ", config.listen_address,
                     " (address in use, not local, or malformed; expected HOST:PORT)"));
  }
  server->address_ = WithPort(config.listen_address, server->port_);
  // Serving means: the store opened and migrated, the hub read it.
  grpc::HealthCheckServiceInterface* health = server->server_->GetHealthCheckService();
  health->SetServingStatus(true);
  health->SetServingStatus(kServiceName, true);
  return server;
}

OversightServer::~OversightServer() { Shutdown(absl::ZeroDuration()); }

void OversightServer::Shutdown(absl::Duration grace) {
  {
    absl::MutexLock lock(&mu_);
    if (shut_down_) return;
    shut_down_ = true;
  }
  if (server_ != nullptr) {
    if (grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService()) {
      health->SetServingStatus(false);
    }
  }
  // Streams end first, each with the sequence to resume after, so that
  // clients reconnect to another replica without a gap.
  if (hub_ != nullptr) hub_->Stop();
  if (server_ != nullptr) {
    server_->Shutdown(std::chrono::system_clock::now() +
                      std::chrono::milliseconds(absl::ToInt64Milliseconds(grace)));
    server_->Wait();
  }
  // Runs the tasks still queued (they finish their calls), then joins.
  if (pool_ != nullptr) pool_->Stop();
}

void OversightServer::Wait() {
  if (server_ != nullptr) server_->Wait();
}

}  // namespace oversight::server
