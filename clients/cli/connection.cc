#include "clients/cli/connection.h"

#include "clients/channel/client_channel.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace oversight::client {

Connection::Connection(GlobalOptions options, std::shared_ptr<grpc::Channel> channel)
    : options_(std::move(options)),
      channel_(std::move(channel)),
      stub_(oversight::v1::OversightService::NewStub(channel_)) {}

absl::StatusOr<Connection> Connection::Open(const GlobalOptions& options) {
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      MakeChannelCredentials({.insecure = options.insecure,
                              .tls_ca = options.tls_ca,
                              .tls_cert = options.tls_cert,
                              .tls_key = options.tls_key});
  if (!credentials.ok()) return credentials.status();
  return Connection(options, grpc::CreateCustomChannel(options.server, *credentials,
                                                         ClientChannelArguments()));
}

std::unique_ptr<grpc::ClientContext> Connection::NewContext(absl::Duration default_timeout) const {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!options_.token.empty()) context->AddMetadata("authorization", "Bearer " + options_.token);
  const absl::Duration timeout = options_.timeout.value_or(default_timeout);
  if (timeout != absl::InfiniteDuration()) {
    context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  }
  return context;
}

std::unique_ptr<grpc::ClientContext> Connection::NewStreamContext() const {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!options_.token.empty()) context->AddMetadata("authorization", "Bearer " + options_.token);
  return context;
}

}  // namespace oversight::client
