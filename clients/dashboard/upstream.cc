#include "clients/dashboard/upstream.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace oversight::client::dashboard {
namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path, absl::string_view option) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat(option, ": cannot read \"", path, "\""));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

ReadOnlyOversight::ReadOnlyOversight(std::string server, std::string token,
                                     std::shared_ptr<grpc::Channel> channel)
    : server_(std::move(server)),
      token_(std::move(token)),
      channel_(std::move(channel)),
      stub_(v1::OversightService::NewStub(channel_)) {}

absl::StatusOr<std::shared_ptr<ReadOnlyOversight>> ReadOnlyOversight::Open(
    const UpstreamOptions& options) {
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (options.insecure) {
    credentials = grpc::InsecureChannelCredentials();
  } else {
    grpc::SslCredentialsOptions ssl;
    if (!options.tls_ca.empty()) {
      absl::StatusOr<std::string> ca = ReadPem(options.tls_ca, "--tls_ca");
      if (!ca.ok()) return ca.status();
      ssl.pem_root_certs = *ca;
    }
    if (!options.tls_cert.empty()) {
      absl::StatusOr<std::string> cert = ReadPem(options.tls_cert, "--tls_cert");
      if (!cert.ok()) return cert.status();
      absl::StatusOr<std::string> key = ReadPem(options.tls_key, "--tls_key");
      if (!key.ok()) return key.status();
      ssl.pem_cert_chain = *cert;
      ssl.pem_private_key = *key;
    }
    credentials = grpc::SslCredentials(ssl);
  }
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  // A wall screen must notice a restarted server within seconds; the gRPC
  // defaults back off to two minutes.
  arguments.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 250);
  arguments.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 250);
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 5000);
  // A live stream is idle between alerts: keepalive pings find a peer that
  // vanished without closing the connection (a cable, a crashed host).
  arguments.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
  arguments.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
  arguments.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 0);
  return std::shared_ptr<ReadOnlyOversight>(new ReadOnlyOversight(
      options.server, options.token,
      grpc::CreateCustomChannel(options.server, credentials, arguments)));
}

std::unique_ptr<grpc::ClientContext> ReadOnlyOversight::NewContext(absl::Duration timeout) const {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token_.empty()) context->AddMetadata("authorization", "Bearer " + token_);
  if (timeout != absl::InfiniteDuration()) {
    context->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  }
  return context;
}

grpc::Status ReadOnlyOversight::ListProviders(grpc::ClientContext* context,
                                              const v1::ListProvidersRequest& request,
                                              v1::ListProvidersResponse* response) const {
  return stub_->ListProviders(context, request, response);
}

grpc::Status ReadOnlyOversight::GetProvider(grpc::ClientContext* context,
                                            const v1::GetProviderRequest& request,
                                            v1::ProviderView* response) const {
  return stub_->GetProvider(context, request, response);
}

grpc::Status ReadOnlyOversight::ExplainAssessment(grpc::ClientContext* context,
                                                  const v1::ExplainAssessmentRequest& request,
                                                  v1::Assessment* response) const {
  return stub_->ExplainAssessment(context, request, response);
}

grpc::Status ReadOnlyOversight::GetAssessmentHistory(grpc::ClientContext* context,
                                                     const v1::GetAssessmentHistoryRequest& request,
                                                     v1::AssessmentHistory* response) const {
  return stub_->GetAssessmentHistory(context, request, response);
}

grpc::Status ReadOnlyOversight::GetConcentration(grpc::ClientContext* context,
                                                 const v1::GetConcentrationRequest& request,
                                                 v1::Concentration* response) const {
  return stub_->GetConcentration(context, request, response);
}

grpc::Status ReadOnlyOversight::ListAlerts(grpc::ClientContext* context,
                                           const v1::ListAlertsRequest& request,
                                           v1::ListAlertsResponse* response) const {
  return stub_->ListAlerts(context, request, response);
}

std::unique_ptr<grpc::ClientReader<v1::Alert>> ReadOnlyOversight::SubscribeAlerts(
    grpc::ClientContext* context, const v1::SubscribeAlertsRequest& request) const {
  return stub_->SubscribeAlerts(context, request);
}

}  // namespace oversight::client::dashboard
