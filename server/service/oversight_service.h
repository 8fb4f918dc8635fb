#pragma once
// oversight.v1.OversightService on gRPC's callback API. Thin by design: each
// handler authorises through its CallScope, translates the request, calls
// the repository, scoring or store, and maps absl::Status to grpc::Status.
// Blocking work runs on the WorkPool, never on gRPC's callback threads.

#include <cstddef>
#include <cstdint>

#include <functional>
#include <string>

#include "absl/time/time.h"
#include "risk/config/risk_config.h"
#include "oversight/v1/oversight.grpc.pb.h"
#include "server/alerts/alert_hub.h"
#include "server/auth/authorizer.h"
#include "server/scoring/ranked_market_cache.h"
#include "server/service/alert_stream_reactor.h"
#include "server/service/call_scope.h"
#include "server/service/stream_limiter.h"
#include "server/service/work_pool.h"
#include "server/store/store.h"

namespace oversight::server {

struct ServiceLimits {
  risk::RiskConfig risk_config;
  std::string config_id = "default";  // identifies risk_config in assessment fingerprints
  // Used when a Rescore or RunStress request leaves as_of empty; empty = today (UTC).
  std::string as_of_default;
  int bulk_batch = 256;                   // BulkSubmit records written per store transaction
  std::int64_t max_bulk_records = 100000;  // per BulkSubmit stream (the response lists each)
  AlertStreamOptions alert_stream;
  int max_list_alerts = 1000;
};

class OversightService final : public oversight::v1::OversightService::CallbackService {
 public:
  OversightService(Store& store, AlertHub& hub, Authorizer& authorizer, WorkPool& pool,
                   StreamLimiter& stream_limiter, ServiceLimits limits);

  grpc::ServerUnaryReactor* Submit(grpc::CallbackServerContext* context,
                                   const oversight::v1::SubmitRequest* request,
                                   oversight::v1::SubmitResponse* response) override;
  grpc::ServerReadReactor<oversight::v1::SubmitRequest>* BulkSubmit(
      grpc::CallbackServerContext* context, oversight::v1::BulkSubmitResponse* response) override;
  grpc::ServerUnaryReactor* GetProvider(grpc::CallbackServerContext* context,
                                        const oversight::v1::GetProviderRequest* request,
                                        oversight::v1::ProviderView* response) override;
  grpc::ServerUnaryReactor* ListProviders(grpc::CallbackServerContext* context,
                                          const oversight::v1::ListProvidersRequest* request,
                                          oversight::v1::ListProvidersResponse* response) override;
  grpc::ServerUnaryReactor* GetAssessmentHistory(
      grpc::CallbackServerContext* context,
      const oversight::v1::GetAssessmentHistoryRequest* request,
      oversight::v1::AssessmentHistory* response) override;
  grpc::ServerUnaryReactor* ExplainAssessment(grpc::CallbackServerContext* context,
                                              const oversight::v1::ExplainAssessmentRequest* request,
                                              oversight::v1::Assessment* response) override;
  grpc::ServerUnaryReactor* GetConcentration(grpc::CallbackServerContext* context,
                                             const oversight::v1::GetConcentrationRequest* request,
                                             oversight::v1::Concentration* response) override;
  grpc::ServerUnaryReactor* ListScenarios(grpc::CallbackServerContext* context,
                                          const oversight::v1::ListScenariosRequest* request,
                                          oversight::v1::ListScenariosResponse* response) override;
  grpc::ServerUnaryReactor* RunStress(grpc::CallbackServerContext* context,
                                      const oversight::v1::RunStressRequest* request,
                                      oversight::v1::RunStressResponse* response) override;
  grpc::ServerUnaryReactor* Rescore(grpc::CallbackServerContext* context,
                                    const oversight::v1::RescoreRequest* request,
                                    oversight::v1::RescoreResponse* response) override;
  grpc::ServerWriteReactor<oversight::v1::Alert>* SubscribeAlerts(
      grpc::CallbackServerContext* context,
      const oversight::v1::SubscribeAlertsRequest* request) override;
  grpc::ServerUnaryReactor* ListAlerts(grpc::CallbackServerContext* context,
                                       const oversight::v1::ListAlertsRequest* request,
                                       oversight::v1::ListAlertsResponse* response) override;
  grpc::ServerUnaryReactor* AcknowledgeAlert(grpc::CallbackServerContext* context,
                                             const oversight::v1::AcknowledgeAlertRequest* request,
                                             oversight::v1::AcknowledgeAlertResponse* response) override;
  grpc::ServerUnaryReactor* IssueToken(grpc::CallbackServerContext* context,
                                       const oversight::v1::IssueTokenRequest* request,
                                       oversight::v1::IssueTokenResponse* response) override;
  grpc::ServerUnaryReactor* RevokeToken(grpc::CallbackServerContext* context,
                                        const oversight::v1::RevokeTokenRequest* request,
                                        oversight::v1::RevokeTokenResponse* response) override;
  grpc::ServerUnaryReactor* ListTokens(grpc::CallbackServerContext* context,
                                       const oversight::v1::ListTokensRequest* request,
                                       oversight::v1::ListTokensResponse* response) override;
  grpc::ServerUnaryReactor* QueryAudit(grpc::CallbackServerContext* context,
                                       const oversight::v1::QueryAuditRequest* request,
                                       oversight::v1::QueryAuditResponse* response) override;

  // Real-data import support (issue #12): import_support_handlers.cc.
  grpc::ServerUnaryReactor* ListKnownCompanies(
      grpc::CallbackServerContext* context, const oversight::v1::ListKnownCompaniesRequest* request,
      oversight::v1::ListKnownCompaniesResponse* response) override;
  grpc::ServerUnaryReactor* PutOwnerAlias(grpc::CallbackServerContext* context,
                                          const oversight::v1::PutOwnerAliasRequest* request,
                                          oversight::v1::OwnerAlias* response) override;
  grpc::ServerUnaryReactor* DeleteOwnerAlias(grpc::CallbackServerContext* context,
                                             const oversight::v1::DeleteOwnerAliasRequest* request,
                                             oversight::v1::DeleteOwnerAliasResponse* response) override;
  grpc::ServerUnaryReactor* ListOwnerAliases(grpc::CallbackServerContext* context,
                                             const oversight::v1::ListOwnerAliasesRequest* request,
                                             oversight::v1::ListOwnerAliasesResponse* response) override;
  grpc::ServerUnaryReactor* ReplaceUnmatchedOwners(
      grpc::CallbackServerContext* context,
      const oversight::v1::ReplaceUnmatchedOwnersRequest* request,
      oversight::v1::ReplaceUnmatchedOwnersResponse* response) override;
  grpc::ServerUnaryReactor* ListUnmatchedOwners(
      grpc::CallbackServerContext* context, const oversight::v1::ListUnmatchedOwnersRequest* request,
      oversight::v1::ListUnmatchedOwnersResponse* response) override;

 private:
  // The one path of every unary RPC: on a pool thread, skip work nobody
  // waits for, authorise, run `work(scope)` (returns grpc::Status), log and
  // audit, finish.
  template <typename Work>
  grpc::ServerUnaryReactor* RunUnary(grpc::CallbackServerContext* context, Operation op,
                                     ResourceRef resource, Work work);
  // RunUnary for handlers defined in other files (import_support_handlers.cc),
  // which cannot instantiate the template defined in oversight_service.cc.
  grpc::ServerUnaryReactor* RunUnaryCall(grpc::CallbackServerContext* context, Operation op,
                                         ResourceRef resource,
                                         std::function<grpc::Status(CallScope&)> work);

  Store& store_;
  AlertHub& hub_;
  Authorizer& authorizer_;
  WorkPool& pool_;
  StreamLimiter& stream_limiter_;
  const ServiceLimits limits_;
  // ListProviders' ranking, rebuilt only when the store changes.
  RankedMarketCache ranked_market_{store_};
};

}  // namespace oversight::server
