#include "bench/load/empty_service.h"

#include <cstdint>

#include "absl/strings/str_format.h"

namespace oversight::bench {
namespace {

namespace v1 = ::oversight::v1;

class EmptyBulkReactor final : public grpc::ServerReadReactor<v1::SubmitRequest> {
 public:
  explicit EmptyBulkReactor(v1::BulkSubmitResponse* response) : response_(response) {
    StartRead(&request_);
  }
  void OnReadDone(bool ok) override {
    if (!ok) {  // the client half-closed: answer with one result per record
      response_->set_stored(next_index_);
      Finish(grpc::Status::OK);
      return;
    }
    v1::BulkSubmitResponse::RecordResult* result = response_->add_results();
    result->set_index(next_index_++);
    result->mutable_result()->set_outcome(v1::SUBMIT_OUTCOME_STORED);
    result->mutable_result()->set_version(1);
    StartRead(&request_);
  }
  void OnDone() override { delete this; }

 private:
  v1::BulkSubmitResponse* response_;
  v1::SubmitRequest request_;
  std::int64_t next_index_ = 0;
};

// Holds the stream open, writing nothing, until the client cancels.
class IdleAlertReactor final : public grpc::ServerWriteReactor<v1::Alert> {
 public:
  void OnCancel() override { Finish(grpc::Status::CANCELLED); }
  void OnDone() override { delete this; }
};

}  // namespace

grpc::ServerUnaryReactor* EmptyOversightService::Submit(grpc::CallbackServerContext* context,
                                                        const v1::SubmitRequest*,
                                                        v1::SubmitResponse* response) {
  response->set_outcome(v1::SUBMIT_OUTCOME_STORED);
  response->set_version(1);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerReadReactor<v1::SubmitRequest>* EmptyOversightService::BulkSubmit(
    grpc::CallbackServerContext*, v1::BulkSubmitResponse* response) {
  return new EmptyBulkReactor(response);
}

grpc::ServerUnaryReactor* EmptyOversightService::GetProvider(grpc::CallbackServerContext* context,
                                                             const v1::GetProviderRequest* request,
                                                             v1::ProviderView* response) {
  response->mutable_provider()->set_provider_id(request->provider_id());
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerUnaryReactor* EmptyOversightService::ListProviders(
    grpc::CallbackServerContext* context, const v1::ListProvidersRequest* request,
    v1::ListProvidersResponse* response) {
  const int page = request->page_size() == 0 ? 50 : request->page_size();
  for (int i = 0; i < page; ++i) {
    v1::ProviderSummary* summary = response->add_providers();
    summary->set_provider_id(absl::StrFormat("S%06d", i));
    summary->set_rank(i + 1);
  }
  response->set_total(page);
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

grpc::ServerWriteReactor<v1::Alert>* EmptyOversightService::SubscribeAlerts(
    grpc::CallbackServerContext*, const v1::SubscribeAlertsRequest*) {
  return new IdleAlertReactor();
}

}  // namespace oversight::bench
