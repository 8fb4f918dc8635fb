#pragma once
// The client's channel to oversightd: TLS (optionally mutual) by default,
// plaintext only with --insecure; every call carries the bearer token and a
// deadline.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clients/cli/options.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "oversight/v1/oversight.grpc.pb.h"

namespace oversight::client {

class Connection {
 public:
  // Reads the TLS files; INVALID_ARGUMENT naming the option when one cannot
  // be read. Does not contact the server.
  static absl::StatusOr<Connection> Open(const GlobalOptions& options);

  // A context with the token and a deadline of --timeout, else `default_timeout`.
  // Pass absl::InfiniteDuration() for streams that follow live events.
  std::unique_ptr<grpc::ClientContext> NewContext(absl::Duration default_timeout) const;

  // A context with the token and no deadline, for streams that follow live
  // events until cancelled (--timeout does not apply).
  std::unique_ptr<grpc::ClientContext> NewStreamContext() const;

  oversight::v1::OversightService::Stub& stub() const { return *stub_; }
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  const GlobalOptions& options() const { return options_; }

 private:
  Connection(GlobalOptions options, std::shared_ptr<grpc::Channel> channel);

  GlobalOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
  std::shared_ptr<oversight::v1::OversightService::Stub> stub_;
};

}  // namespace oversight::client
