#pragma once
// oversightd as a library: the store, the alert hub, the worker pool and the
// gRPC server with health checking and reflection, started and stopped
// together. The binary (server/main) and the in-process tests both use it.

#include <cstddef>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "server/alerts/alert_hub.h"
#include "server/auth/authorizer.h"
#include "server/service/oversight_service.h"
#include "server/service/stream_limiter.h"
#include "server/service/work_pool.h"
#include "server/store/store.h"

namespace oversight::server {

struct ServerConfig {
  std::string listen_address = "127.0.0.1:0";  // port 0: pick a free one
  // Null means plaintext; the caller decides whether that is allowed.
  std::shared_ptr<grpc::ServerCredentials> credentials;
  int max_message_bytes = 16 * 1024 * 1024;  // both directions
  std::size_t workers = 4;                   // threads for blocking work
  std::size_t max_streams_per_caller = 0;    // 0 = no cap
  ServiceLimits limits;
  AlertHubOptions hub;
};

class OversightServer {
 public:
  // INVALID_ARGUMENT naming the address when it cannot be bound.
  static absl::StatusOr<std::unique_ptr<OversightServer>> Start(
      std::unique_ptr<Store> store, std::unique_ptr<Authorizer> authorizer, ServerConfig config);
  ~OversightServer();  // Shutdown(no grace)

  int port() const { return port_; }
  // "127.0.0.1:PORT" with the chosen port.
  const std::string& address() const { return address_; }
  Store& store() { return *store_; }
  AlertHub& hub() { return *hub_; }

  // Graceful: health turns NOT_SERVING, alert streams end with UNAVAILABLE
  // and their resume sequence, in-flight calls get until `grace` to finish,
  // then the rest are cancelled. Idempotent.
  void Shutdown(absl::Duration grace);
  // Blocks until Shutdown has completed.
  void Wait();

 private:
  OversightServer() = default;

  std::unique_ptr<Store> store_;
  std::unique_ptr<Authorizer> authorizer_;
  std::unique_ptr<AlertHub> hub_;
  std::unique_ptr<WorkPool> pool_;
  std::unique_ptr<StreamLimiter> stream_limiter_;
  std::unique_ptr<OversightService> service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::string address_;
  absl::Mutex mu_;
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace oversight::server
