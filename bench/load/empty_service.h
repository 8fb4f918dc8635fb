#pragma once
// The physical baseline for the load generator: oversight.v1.OversightService
// on the same gRPC callback API, the same messages and the same process
// shape as oversightd (a separate process on 127.0.0.1, plaintext), with
// handlers that do no work: no store, no scoring, no authorisation. What the
// load generator measures against it is the cost of gRPC, HTTP/2, Protobuf
// and the loopback network on this machine; oversightd's figures divided by
// these are the share of the physical limit the service reaches.
//
// Each handler answers in the shape the real one does, so response sizes are
// comparable: BulkSubmit returns one RecordResult per record read, GetProvider
// echoes the provider, ListProviders returns a page of `page_size` summaries,
// and SubscribeAlerts holds the stream open until the client cancels it.

#include "oversight/v1/oversight.grpc.pb.h"

namespace oversight::bench {

class EmptyOversightService final : public oversight::v1::OversightService::CallbackService {
 public:
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
  grpc::ServerWriteReactor<oversight::v1::Alert>* SubscribeAlerts(
      grpc::CallbackServerContext* context,
      const oversight::v1::SubscribeAlertsRequest* request) override;
};

}  // namespace oversight::bench
