#include "clients/dashboard/upstream.h"

#include "clients/channel/client_channel.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace oversight::client::dashboard {

ReadOnlyOversight::ReadOnlyOversight(std::string server, std::string token,
                                     std::shared_ptr<grpc::Channel> channel)
    : server_(std::move(server)),
      token_(std::move(token)),
      channel_(std::move(channel)),
      stub_(v1::OversightService::NewStub(channel_)) {}

absl::StatusOr<std::shared_ptr<ReadOnlyOversight>> ReadOnlyOversight::Open(
    const UpstreamOptions& options) {
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      client::MakeChannelCredentials({.insecure = options.insecure,
                                      .tls_ca = options.tls_ca,
                                      .tls_cert = options.tls_cert,
                                      .tls_key = options.tls_key});
  if (!credentials.ok()) return credentials.status();
  grpc::ChannelArguments arguments = client::ClientChannelArguments();
  // A live stream is idle between alerts: keepalive pings find a peer that
  // vanished without closing the connection (a cable, a crashed host).
  arguments.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
  arguments.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
  arguments.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 0);
  return std::shared_ptr<ReadOnlyOversight>(new ReadOnlyOversight(
      options.server, options.token,
      grpc::CreateCustomChannel(options.server, *credentials, arguments)));
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
