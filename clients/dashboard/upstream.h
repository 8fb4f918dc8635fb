#pragma once
// The gateway's only way to oversightd. It exposes the read RPCs and nothing
// else, so the dashboard cannot change the store whatever a browser sends:
// no Submit, Rescore, AcknowledgeAlert or token administration is reachable.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "clients/dashboard/gateway_options.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/sync_stream.h"
#include "oversight/v1/oversight.grpc.pb.h"

namespace oversight::client::dashboard {

class ReadOnlyOversight {
 public:
  // Reads the TLS files (INVALID_ARGUMENT naming the option when one cannot
  // be read); does not contact the server.
  static absl::StatusOr<std::shared_ptr<ReadOnlyOversight>> Open(const UpstreamOptions& options);

  // A context with the bearer token; `timeout` = InfiniteDuration() for the
  // live stream, which follows events until cancelled.
  std::unique_ptr<grpc::ClientContext> NewContext(absl::Duration timeout) const;

  grpc::Status ListProviders(grpc::ClientContext* context, const v1::ListProvidersRequest& request,
                             v1::ListProvidersResponse* response) const;
  grpc::Status GetProvider(grpc::ClientContext* context, const v1::GetProviderRequest& request,
                           v1::ProviderView* response) const;
  grpc::Status ExplainAssessment(grpc::ClientContext* context,
                                 const v1::ExplainAssessmentRequest& request,
                                 v1::Assessment* response) const;
  grpc::Status GetAssessmentHistory(grpc::ClientContext* context,
                                    const v1::GetAssessmentHistoryRequest& request,
                                    v1::AssessmentHistory* response) const;
  grpc::Status GetConcentration(grpc::ClientContext* context,
                                const v1::GetConcentrationRequest& request,
                                v1::Concentration* response) const;
  grpc::Status ListAlerts(grpc::ClientContext* context, const v1::ListAlertsRequest& request,
                          v1::ListAlertsResponse* response) const;
  std::unique_ptr<grpc::ClientReader<v1::Alert>> SubscribeAlerts(
      grpc::ClientContext* context, const v1::SubscribeAlertsRequest& request) const;

  const std::string& server() const { return server_; }

 private:
  ReadOnlyOversight(std::string server, std::string token, std::shared_ptr<grpc::Channel> channel);

  std::string server_;
  std::string token_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::OversightService::Stub> stub_;
};

}  // namespace oversight::client::dashboard
