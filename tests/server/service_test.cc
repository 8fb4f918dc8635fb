// oversightd in process, on an ephemeral loopback port, through the
// generated stubs, on SQLite and PostgreSQL: each RPC's answer and error
// codes, the bulk and idempotency rules, the alert stream's resume and
// back-pressure guarantees, health and reflection.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "clients/records/record_reader.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "oversight/v1/oversight.grpc.pb.h"
#include "proto/codec/status_codec.h"
#include "server/auth/development_authorizer.h"
#include "server/service/alert_stream_reactor.h"
#include "server/service/oversight_server.h"
#include "tests/support/test_support.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;
using test_support::Backend;
using ::testing::ElementsAreArray;

// Only so that a bug fails the test instead of hanging it.
std::chrono::system_clock::time_point Generous() {
  return std::chrono::system_clock::now() + std::chrono::seconds(120);
}

v1::SubmitRequest ProviderRequest(const std::string& id, const std::string& key,
                                  const std::string& name = "Acme Care Ltd") {
  v1::SubmitRequest request;
  request.set_idempotency_key(key);
  v1::Provider* provider = request.mutable_record()->mutable_provider();
  provider->set_provider_id(id);
  provider->set_name(name);
  provider->set_kind(v1::PROVIDER_KIND_CHILDRENS_HOMES);
  provider->set_ownership(v1::OWNERSHIP_PRIVATE_EQUITY);
  return request;
}

std::vector<std::string> FieldsOf(const std::vector<risk::FieldViolation>& violations) {
  std::vector<std::string> fields;
  for (const risk::FieldViolation& v : violations) fields.push_back(v.field);
  return fields;
}

// `count` alerts committed in one assessment, as scoring commits them.
std::vector<std::int64_t> CommitAlerts(Store& store, const std::string& provider_id,
                                       const std::string& prefix, int count,
                                       std::size_t detail_bytes = 0) {
  AssessmentRow assessment{.provider_id = provider_id,
                           .as_of = "2026-03-31",
                           .rating = 2,
                           .score = 1.0,
                           .inputs_fingerprint = absl::StrCat("fp-", prefix),
                           .payload = ""};
  std::vector<AlertRow> rows;
  for (int i = 0; i < count; ++i) {
    v1::Alert alert;
    alert.set_key(absl::StrCat(prefix, "-", i));
    alert.set_provider_id(provider_id);
    alert.set_kind(v1::ALERT_KIND_LEVERAGE_HIGH);
    alert.set_severity(i % 2 == 0 ? v1::ALERT_SEVERITY_WARNING : v1::ALERT_SEVERITY_CRITICAL);
    alert.set_as_of("2026-03-31");
    alert.set_title(absl::StrCat("alert ", prefix, " ", i));
    alert.set_detail(std::string(detail_bytes, 'x'));
    alert.add_local_authorities("Camden");
    alert.add_regions(v1::REGION_LONDON);
    rows.push_back(AlertRow{.alert_key = alert.key(),
                            .provider_id = provider_id,
                            .severity = alert.severity(),
                            .as_of = "2026-03-31",
                            .payload = alert.SerializeAsString()});
  }
  absl::StatusOr<AssessmentWriteResult> written = store.PutAssessment(assessment, rows);
  EXPECT_TRUE(written.ok()) << written.status();
  std::vector<std::int64_t> sequences;
  if (written.ok()) {
    for (const AlertRow& row : written->new_alerts) sequences.push_back(row.sequence);
  }
  return sequences;
}

class ServiceTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { StartServer(ServerConfig{}); }

  void StartServer(ServerConfig config) {
    absl::StatusOr<std::unique_ptr<Store>> store = test_support::OpenFreshStore(GetParam());
    ASSERT_TRUE(store.ok()) << store.status();
    config.listen_address = "127.0.0.1:0";
    config.hub.notification_wait = absl::Milliseconds(200);
    absl::StatusOr<std::unique_ptr<OversightServer>> server = OversightServer::Start(
        *std::move(store), std::make_unique<DevelopmentAuthorizer>(), std::move(config));
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    channel_ = NewChannel();
    stub_ = v1::OversightService::NewStub(channel_);
  }

  std::shared_ptr<grpc::Channel> NewChannel(grpc::ChannelArguments args = {}) {
    return grpc::CreateCustomChannel(server_->address(), grpc::InsecureChannelCredentials(), args);
  }

  grpc::Status Submit(const v1::SubmitRequest& request, v1::SubmitResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(Generous());
    return stub_->Submit(&context, request, response);
  }

  grpc::Status GetProvider(const std::string& id, v1::ProviderView* view) {
    grpc::ClientContext context;
    context.set_deadline(Generous());
    v1::GetProviderRequest request;
    request.set_provider_id(id);
    return stub_->GetProvider(&context, request, view);
  }

  // Waits until the hub has `count` live subscribers (a stream that is
  // still replaying is not yet one).
  void AwaitSubscribers(std::size_t count) {
    for (int i = 0; i < 6000 && server_->hub().subscriber_count() != count; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_EQ(server_->hub().subscriber_count(), count);
  }

  std::unique_ptr<OversightServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::OversightService::Stub> stub_;
};

// --- Submit -------------------------------------------------------------------

TEST_P(ServiceTest, SubmitStoresAndTheSameRequestAgainAnswersTheSame) {
  v1::SubmitResponse first;
  ASSERT_TRUE(Submit(ProviderRequest("P001", "k1"), &first).ok());
  EXPECT_EQ(first.outcome(), v1::SUBMIT_OUTCOME_STORED);
  EXPECT_EQ(first.version(), 1);
  EXPECT_FALSE(first.record_key().empty());

  v1::SubmitResponse again;
  grpc::Status status = Submit(ProviderRequest("P001", "k1"), &again);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(again.SerializeAsString(), first.SerializeAsString())
      << "first: " << first.ShortDebugString() << " again: " << again.ShortDebugString();

  v1::ProviderView view;
  ASSERT_TRUE(GetProvider("P001", &view).ok());
  EXPECT_EQ(view.provider().name(), "Acme Care Ltd");
}

TEST_P(ServiceTest, SubmitReusingAKeyForDifferentContentIsAlreadyExists) {
  v1::SubmitResponse response;
  ASSERT_TRUE(Submit(ProviderRequest("P001", "k1"), &response).ok());
  grpc::Status status = Submit(ProviderRequest("P001", "k1", "Another Name Ltd"), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
  v1::ProviderView view;
  ASSERT_TRUE(GetProvider("P001", &view).ok());
  EXPECT_EQ(view.provider().name(), "Acme Care Ltd") << "the reused key must not write";
}

TEST_P(ServiceTest, SubmitOfAnInvalidRecordIsInvalidArgumentNamingTheField) {
  v1::SubmitRequest request = ProviderRequest("P001", "k1");
  request.mutable_record()->mutable_provider()->set_kind(v1::PROVIDER_KIND_UNSPECIFIED);
  v1::SubmitResponse response;
  grpc::Status status = Submit(request, &response);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_THAT(FieldsOf(codec::FieldViolationsOf(status)), ::testing::Contains("provider.kind"))
      << status.error_message();
  v1::ProviderView view;
  EXPECT_EQ(GetProvider("P001", &view).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_P(ServiceTest, SubmitForAnUnregisteredProviderIsFailedPrecondition) {
  v1::SubmitRequest request;
  request.set_idempotency_key("k-acc");
  v1::Accounts* accounts = request.mutable_record()->mutable_accounts();
  accounts->set_provider_id("P404");
  accounts->mutable_period()->set_start("2024-04-01");
  accounts->mutable_period()->set_end("2025-03-31");
  accounts->set_revenue(1000000);
  v1::SubmitResponse response;
  grpc::Status status = Submit(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
}

// --- BulkSubmit ----------------------------------------------------------------

TEST_P(ServiceTest, BulkSubmitStoresTheValidRecordsAndRejectsTheInvalidOneAlone) {
  v1::SubmitRequest bad = ProviderRequest("P002", "b2");
  bad.mutable_record()->mutable_provider()->set_ownership(v1::OWNERSHIP_UNSPECIFIED);
  grpc::ClientContext context;
  context.set_deadline(Generous());
  v1::BulkSubmitResponse response;
  std::unique_ptr<grpc::ClientWriter<v1::SubmitRequest>> writer =
      stub_->BulkSubmit(&context, &response);
  ASSERT_TRUE(writer->Write(ProviderRequest("P001", "b1")));
  ASSERT_TRUE(writer->Write(bad));
  ASSERT_TRUE(writer->Write(ProviderRequest("P003", "b3")));
  ASSERT_TRUE(writer->WritesDone());
  grpc::Status status = writer->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();

  EXPECT_EQ(response.stored(), 2);
  EXPECT_EQ(response.rejected(), 1);
  ASSERT_EQ(response.results_size(), 3) << response.ShortDebugString();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(response.results(i).index(), i);
  EXPECT_EQ(response.results(1).error().code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_THAT(FieldsOf(codec::FieldViolationsOf(response.results(1).error())),
              ::testing::Contains("provider.ownership"));
  EXPECT_EQ(response.results(0).result().outcome(), v1::SUBMIT_OUTCOME_STORED);

  v1::ProviderView view;
  EXPECT_TRUE(GetProvider("P001", &view).ok());
  EXPECT_TRUE(GetProvider("P003", &view).ok());
  EXPECT_EQ(GetProvider("P002", &view).error_code(), grpc::StatusCode::NOT_FOUND)
      << "the rejected record must leave the store unchanged";
}

TEST_P(ServiceTest, BulkSubmitSpanningSeveralBatchesNumbersResultsByStreamPosition) {
  ServerConfig config;
  config.limits.bulk_batch = 4;
  StartServer(config);
  grpc::ClientContext context;
  context.set_deadline(Generous());
  v1::BulkSubmitResponse response;
  auto writer = stub_->BulkSubmit(&context, &response);
  for (int i = 0; i < 10; ++i) {
    v1::SubmitRequest request = ProviderRequest(absl::StrCat("P", i), absl::StrCat("k", i));
    if (i == 6) request.mutable_record()->mutable_provider()->clear_name();
    ASSERT_TRUE(writer->Write(request));
  }
  ASSERT_TRUE(writer->WritesDone());
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(response.stored(), 9);
  EXPECT_EQ(response.rejected(), 1);
  ASSERT_EQ(response.results_size(), 10);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(response.results(i).index(), i);
  EXPECT_TRUE(response.results(6).has_error());
  EXPECT_THAT(FieldsOf(codec::FieldViolationsOf(response.results(6).error())),
              ::testing::Contains("provider.name"));
}

// --- Queries -------------------------------------------------------------------

TEST_P(ServiceTest, GetProviderNeedsAnIdAndAnswersNotFoundForAnUnknownOne) {
  v1::ProviderView view;
  grpc::Status status = GetProvider("", &view);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(FieldsOf(codec::FieldViolationsOf(status)), ElementsAreArray({"provider_id"}));
  EXPECT_EQ(GetProvider("NOPE", &view).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_P(ServiceTest, ExplainAndHistoryOfAnUnscoredProviderAreNotFoundAndEmpty) {
  v1::SubmitResponse submitted;
  ASSERT_TRUE(Submit(ProviderRequest("P001", "k1"), &submitted).ok());
  {
    grpc::ClientContext context;
    v1::ExplainAssessmentRequest request;
    request.set_provider_id("P001");
    v1::Assessment assessment;
    EXPECT_EQ(stub_->ExplainAssessment(&context, request, &assessment).error_code(),
              grpc::StatusCode::NOT_FOUND);
  }
  {
    grpc::ClientContext context;
    v1::GetAssessmentHistoryRequest request;
    request.set_provider_id("P001");
    v1::AssessmentHistory history;
    ASSERT_TRUE(stub_->GetAssessmentHistory(&context, request, &history).ok());
    EXPECT_EQ(history.assessments_size(), 0);
  }
  {
    grpc::ClientContext context;
    v1::GetAssessmentHistoryRequest request;
    request.set_provider_id("UNKNOWN");
    v1::AssessmentHistory history;
    EXPECT_EQ(stub_->GetAssessmentHistory(&context, request, &history).error_code(),
              grpc::StatusCode::NOT_FOUND);
  }
  {
    grpc::ClientContext context;
    v1::ExplainAssessmentRequest request;
    request.set_provider_id("P001");
    request.set_as_of("2026-02-30");
    v1::Assessment assessment;
    grpc::Status status = stub_->ExplainAssessment(&context, request, &assessment);
    ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(FieldsOf(codec::FieldViolationsOf(status)), ::testing::Contains("as_of"));
  }
}

// --- Alerts: listing and acknowledgement ------------------------------------------

TEST_P(ServiceTest, ListAlertsFiltersAndAcknowledgeRecordsTheCaller) {
  std::vector<std::int64_t> p1 = CommitAlerts(server_->store(), "P001", "a", 4);
  std::vector<std::int64_t> p2 = CommitAlerts(server_->store(), "P002", "b", 2);
  ASSERT_EQ(p1.size(), 4u);
  {
    grpc::ClientContext context;
    v1::ListAlertsRequest request;
    request.mutable_filter()->set_provider_id("P001");
    request.mutable_filter()->set_min_severity(v1::ALERT_SEVERITY_CRITICAL);
    v1::ListAlertsResponse response;
    ASSERT_TRUE(stub_->ListAlerts(&context, request, &response).ok());
    // Odd positions are critical (see CommitAlerts).
    ASSERT_EQ(response.alerts_size(), 2);
    EXPECT_EQ(response.alerts(0).sequence(), p1[1]);
    EXPECT_EQ(response.alerts(1).sequence(), p1[3]);
  }
  {
    grpc::ClientContext context;
    v1::AcknowledgeAlertRequest request;
    request.set_sequence(p2[0]);
    v1::AcknowledgeAlertResponse response;
    ASSERT_TRUE(stub_->AcknowledgeAlert(&context, request, &response).ok());
    EXPECT_EQ(response.alert().sequence(), p2[0]);
    EXPECT_EQ(response.alert().acknowledged_by(), DevelopmentAuthorizer::kPrincipalId);
    EXPECT_FALSE(response.alert().acknowledged_at().empty());
  }
  {
    grpc::ClientContext context;
    v1::ListAlertsRequest request;
    request.set_unacknowledged_only(true);
    request.set_after_sequence(p1.back());
    v1::ListAlertsResponse response;
    ASSERT_TRUE(stub_->ListAlerts(&context, request, &response).ok());
    ASSERT_EQ(response.alerts_size(), 1);
    EXPECT_EQ(response.alerts(0).sequence(), p2[1]);
  }
}

TEST_P(ServiceTest, AlertRequestsOutOfRangeAreRefusedWithTheirField) {
  {
    grpc::ClientContext context;
    v1::AcknowledgeAlertRequest request;
    v1::AcknowledgeAlertResponse response;
    grpc::Status status = stub_->AcknowledgeAlert(&context, request, &response);
    ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(FieldsOf(codec::FieldViolationsOf(status)), ElementsAreArray({"sequence"}));
  }
  {
    grpc::ClientContext context;
    v1::AcknowledgeAlertRequest request;
    request.set_sequence(424242);
    v1::AcknowledgeAlertResponse response;
    EXPECT_EQ(stub_->AcknowledgeAlert(&context, request, &response).error_code(),
              grpc::StatusCode::NOT_FOUND);
  }
  {
    grpc::ClientContext context;
    v1::ListAlertsRequest request;
    request.set_limit(5000);
    request.mutable_filter()->set_region(static_cast<v1::Region>(99));
    v1::ListAlertsResponse response;
    grpc::Status status = stub_->ListAlerts(&context, request, &response);
    ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(FieldsOf(codec::FieldViolationsOf(status)),
                ::testing::UnorderedElementsAre("limit", "filter.region"));
  }
  {
    grpc::ClientContext context;
    context.set_deadline(Generous());
    v1::SubscribeAlertsRequest request;
    request.set_after_sequence(-1);
    auto reader = stub_->SubscribeAlerts(&context, request);
    v1::Alert alert;
    EXPECT_FALSE(reader->Read(&alert));
    grpc::Status status = reader->Finish();
    ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(FieldsOf(codec::FieldViolationsOf(status)), ElementsAreArray({"after_sequence"}));
  }
}

// --- Alerts: the live stream ---------------------------------------------------------

TEST_P(ServiceTest, SubscriberThatDisconnectsAndResumesSeesEveryAlertExactlyOnce) {
  std::vector<std::int64_t> all = CommitAlerts(server_->store(), "P001", "a", 6);
  std::vector<std::int64_t> received;
  {
    // First connection: replays, takes 4, then goes away.
    grpc::ClientContext context;
    context.set_deadline(Generous());
    auto reader = stub_->SubscribeAlerts(&context, v1::SubscribeAlertsRequest());
    v1::Alert alert;
    for (int i = 0; i < 4; ++i) {
      ASSERT_TRUE(reader->Read(&alert));
      received.push_back(alert.sequence());
    }
    context.TryCancel();
    while (reader->Read(&alert)) {
      received.push_back(alert.sequence());  // whatever was already in flight counts as seen
    }
    reader->Finish();
  }
  // Committed while nobody listens, and then while the second one replays.
  for (std::int64_t s : CommitAlerts(server_->store(), "P002", "b", 5)) all.push_back(s);
  server_->hub().Kick();

  grpc::ClientContext context;
  context.set_deadline(Generous());
  v1::SubscribeAlertsRequest resume;
  resume.set_after_sequence(received.back());
  auto reader = stub_->SubscribeAlerts(&context, resume);
  v1::Alert alert;
  while (received.size() < all.size() - 0 && received.size() < 11) {
    ASSERT_TRUE(reader->Read(&alert));
    received.push_back(alert.sequence());
  }
  // Now live: new alerts arrive on the same stream.
  AwaitSubscribers(1);
  for (std::int64_t s : CommitAlerts(server_->store(), "P003", "c", 3)) all.push_back(s);
  server_->hub().Kick();
  while (received.size() < all.size()) {
    ASSERT_TRUE(reader->Read(&alert));
    received.push_back(alert.sequence());
  }
  EXPECT_EQ(received, all);
  context.TryCancel();
  while (reader->Read(&alert)) ADD_FAILURE() << "unexpected extra alert " << alert.sequence();
  reader->Finish();
}

TEST_P(ServiceTest, FilteredSubscriberReceivesOnlyMatchingAlerts) {
  std::vector<std::int64_t> p1 = CommitAlerts(server_->store(), "P001", "a", 3);
  CommitAlerts(server_->store(), "P002", "b", 3);
  grpc::ClientContext context;
  context.set_deadline(Generous());
  v1::SubscribeAlertsRequest request;
  request.mutable_filter()->set_provider_id("P001");
  auto reader = stub_->SubscribeAlerts(&context, request);
  v1::Alert alert;
  std::vector<std::int64_t> received;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(reader->Read(&alert));
    EXPECT_EQ(alert.provider_id(), "P001");
    received.push_back(alert.sequence());
  }
  AwaitSubscribers(1);
  CommitAlerts(server_->store(), "P002", "c", 2);
  for (std::int64_t s : CommitAlerts(server_->store(), "P001", "d", 2)) p1.push_back(s);
  server_->hub().Kick();
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(reader->Read(&alert));
    EXPECT_EQ(alert.provider_id(), "P001");
    received.push_back(alert.sequence());
  }
  EXPECT_EQ(received, p1);
  context.TryCancel();
  reader->Finish();
}

TEST_P(ServiceTest, StalledSubscriberEndsResourceExhaustedWithoutDelayingAHealthyOne) {
  ServerConfig config;
  config.limits.alert_stream.buffer_capacity = 8;
  config.hub.ring_capacity = 16;
  StartServer(config);

  // The stalled client never reads until the end; no BDP probing, so its
  // transport window stays small and the server's buffer fills.
  grpc::ChannelArguments stalled_args;
  stalled_args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  auto stalled_stub = v1::OversightService::NewStub(NewChannel(stalled_args));
  grpc::ClientContext stalled_context;
  stalled_context.set_deadline(Generous());
  auto stalled = stalled_stub->SubscribeAlerts(&stalled_context, v1::SubscribeAlertsRequest());

  grpc::ClientContext healthy_context;
  healthy_context.set_deadline(Generous());
  auto healthy = stub_->SubscribeAlerts(&healthy_context, v1::SubscribeAlertsRequest());
  AwaitSubscribers(2);

  // Rounds of 4 alerts of 32 KiB each; the healthy client reads every round
  // before the next is committed, so it never has more than 4 waiting.
  std::vector<std::int64_t> all;
  std::vector<std::int64_t> healthy_received;
  v1::Alert alert;
  for (int round = 0; round < 200 && server_->hub().subscriber_count() == 2; ++round) {
    for (std::int64_t s : CommitAlerts(server_->store(), "P001", absl::StrCat("r", round), 4, 32 * 1024)) {
      all.push_back(s);
    }
    server_->hub().Kick();
    while (healthy_received.size() < all.size()) {
      ASSERT_TRUE(healthy->Read(&alert)) << "the healthy subscriber's stream ended";
      healthy_received.push_back(alert.sequence());
    }
  }
  ASSERT_EQ(server_->hub().subscriber_count(), 1u)
      << "the stalled subscriber was never dropped after " << all.size() << " alerts";
  EXPECT_EQ(healthy_received, all);

  // The stalled client wakes up: it gets what was sent, then the status.
  std::vector<std::int64_t> stalled_received;
  while (stalled->Read(&alert)) stalled_received.push_back(alert.sequence());
  grpc::Status status = stalled->Finish();
  ASSERT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
  ASSERT_FALSE(stalled_received.empty());
  EXPECT_TRUE(absl::StrContains(status.error_message(),
                                absl::StrCat("after_sequence=", stalled_received.back())))
      << status.error_message() << " / last received " << stalled_received.back();
  auto trailer = stalled_context.GetServerTrailingMetadata().find(kResumeAfterTrailer);
  ASSERT_NE(trailer, stalled_context.GetServerTrailingMetadata().end());
  EXPECT_EQ(std::string(trailer->second.data(), trailer->second.size()),
            std::to_string(stalled_received.back()));
  // What it got is a gap-free prefix of everything committed.
  EXPECT_EQ(stalled_received,
            std::vector<std::int64_t>(all.begin(), all.begin() + stalled_received.size()));
  healthy_context.TryCancel();
  while (healthy->Read(&alert)) {
  }
  healthy->Finish();
}

TEST_P(ServiceTest, ShutdownEndsStreamsUnavailableWithTheResumeSequence) {
  std::vector<std::int64_t> all = CommitAlerts(server_->store(), "P001", "a", 2);
  grpc::ClientContext context;
  context.set_deadline(Generous());
  auto reader = stub_->SubscribeAlerts(&context, v1::SubscribeAlertsRequest());
  v1::Alert alert;
  ASSERT_TRUE(reader->Read(&alert));
  ASSERT_TRUE(reader->Read(&alert));
  AwaitSubscribers(1);
  server_->Shutdown(absl::Seconds(30));
  EXPECT_FALSE(reader->Read(&alert));
  grpc::Status status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  EXPECT_TRUE(absl::StrContains(status.error_message(), absl::StrCat("after_sequence=", all.back())))
      << status.error_message();
}

// --- Health and reflection ------------------------------------------------------------

TEST_P(ServiceTest, HealthReportsServingForTheServerAndTheService) {
  auto health = grpc::health::v1::Health::NewStub(channel_);
  for (const char* service : {"", "oversight.v1.OversightService"}) {
    grpc::ClientContext context;
    context.set_deadline(Generous());
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    ASSERT_TRUE(health->Check(&context, request, &response).ok()) << service;
    EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING) << service;
  }
}

TEST_P(ServiceTest, ReflectionListsTheOversightService) {
  // grpc.reflection.v1alpha.ServerReflectionRequest{list_services: ""} is
  // field 7, length 0; its .proto is not installed, so the bytes are written
  // by hand and the answer searched for the service name.
  grpc::GenericStub generic(channel_);
  grpc::CompletionQueue cq;
  grpc::ClientContext context;
  context.set_deadline(Generous());
  auto call = generic.PrepareCall(&context, "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &cq);
  void* tag = nullptr;
  bool ok = false;
  call->StartCall(reinterpret_cast<void*>(1));
  ASSERT_TRUE(cq.Next(&tag, &ok) && ok);
  const char request_bytes[] = {0x3a, 0x00};
  grpc::Slice slice(request_bytes, sizeof(request_bytes));
  grpc::ByteBuffer request(&slice, 1);
  call->Write(request, reinterpret_cast<void*>(2));
  ASSERT_TRUE(cq.Next(&tag, &ok) && ok);
  grpc::ByteBuffer response;
  call->Read(&response, reinterpret_cast<void*>(3));
  ASSERT_TRUE(cq.Next(&tag, &ok) && ok);
  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(response.Dump(&slices).ok());
  std::string bytes;
  for (const grpc::Slice& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  EXPECT_TRUE(absl::StrContains(bytes, "oversight.v1.OversightService"));
  call->WritesDone(reinterpret_cast<void*>(4));
  ASSERT_TRUE(cq.Next(&tag, &ok));
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(5));
  ASSERT_TRUE(cq.Next(&tag, &ok));
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
}

// --- The sample market, end to end ---------------------------------------------------

TEST_P(ServiceTest, SampleMarketLoadsScoresAndStreamsItsAlertsOnce) {
  // A subscriber from before anything exists sees exactly the new alerts.
  grpc::ClientContext stream_context;
  stream_context.set_deadline(Generous());
  auto stream = stub_->SubscribeAlerts(&stream_context, v1::SubscribeAlertsRequest());
  AwaitSubscribers(1);

  grpc::ClientContext bulk_context;
  bulk_context.set_deadline(Generous());
  v1::BulkSubmitResponse bulk;
  auto writer = stub_->BulkSubmit(&bulk_context, &bulk);
  int sent = 0;
  for (const char* file : {"providers.csv", "accounts.csv", "related_party_flows.csv",
                           "facilities.csv", "settings.csv", "placements.csv",
                           "equity_observations.csv"}) {
    absl::StatusOr<std::vector<client::ParsedRecord>> records =
        client::ReadRecordsFile(absl::StrCat("deploy/sample/", file));
    ASSERT_TRUE(records.ok()) << records.status();
    for (const client::ParsedRecord& parsed : *records) {
      v1::SubmitRequest request;
      request.set_idempotency_key(parsed.source);
      *request.mutable_record() = parsed.record;
      ASSERT_TRUE(writer->Write(request));
      ++sent;
    }
  }
  ASSERT_TRUE(writer->WritesDone());
  grpc::Status bulk_status = writer->Finish();
  ASSERT_TRUE(bulk_status.ok()) << bulk_status.error_message();
  EXPECT_EQ(bulk.rejected(), 0) << bulk.ShortDebugString().substr(0, 2000);
  EXPECT_EQ(bulk.stored(), sent);

  v1::RescoreResponse rescored;
  {
    grpc::ClientContext context;
    context.set_deadline(Generous());
    v1::RescoreRequest request;
    request.set_as_of("2026-03-31");
    grpc::Status status = stub_->Rescore(&context, request, &rescored);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  EXPECT_EQ(rescored.assessed(), 40) << rescored.ShortDebugString().substr(0, 2000);
  EXPECT_EQ(rescored.failures_size(), 0);
  ASSERT_GT(rescored.new_alerts_size(), 0) << "the sample market is built to raise alerts";

  std::vector<std::int64_t> expected;
  for (const v1::Alert& a : rescored.new_alerts()) expected.push_back(a.sequence());
  std::vector<std::int64_t> streamed;
  v1::Alert alert;
  while (streamed.size() < expected.size()) {
    ASSERT_TRUE(stream->Read(&alert));
    streamed.push_back(alert.sequence());
  }
  EXPECT_EQ(streamed, expected);

  // Re-scoring the same date with the same inputs writes and raises nothing.
  {
    grpc::ClientContext context;
    v1::RescoreRequest request;
    request.set_as_of("2026-03-31");
    v1::RescoreResponse again;
    ASSERT_TRUE(stub_->Rescore(&context, request, &again).ok());
    EXPECT_EQ(again.assessed(), 0);
    EXPECT_EQ(again.unchanged(), 40);
    EXPECT_EQ(again.new_alerts_size(), 0);
  }
  // The market queries answer over the scored market.
  v1::ListProvidersResponse ranked;
  {
    grpc::ClientContext context;
    v1::ListProvidersRequest request;
    request.set_page_size(500);
    ASSERT_TRUE(stub_->ListProviders(&context, request, &ranked).ok());
    EXPECT_EQ(ranked.total(), 40);
    ASSERT_EQ(ranked.providers_size(), 40);
    EXPECT_EQ(ranked.providers(0).rank(), 1);
  }
  {
    grpc::ClientContext context;
    v1::ExplainAssessmentRequest request;
    request.set_provider_id(ranked.providers(0).provider_id());
    v1::Assessment assessment;
    ASSERT_TRUE(stub_->ExplainAssessment(&context, request, &assessment).ok());
    EXPECT_EQ(assessment.as_of(), "2026-03-31");
    EXPECT_EQ(assessment.rating(), ranked.providers(0).rating());
  }
  {
    grpc::ClientContext context;
    v1::GetAssessmentHistoryRequest request;
    request.set_provider_id(ranked.providers(0).provider_id());
    v1::AssessmentHistory history;
    ASSERT_TRUE(stub_->GetAssessmentHistory(&context, request, &history).ok());
    EXPECT_EQ(history.assessments_size(), 1);
  }
  v1::ListScenariosResponse scenarios;
  {
    grpc::ClientContext context;
    ASSERT_TRUE(stub_->ListScenarios(&context, v1::ListScenariosRequest(), &scenarios).ok());
    ASSERT_GT(scenarios.scenarios_size(), 0);
  }
  {
    grpc::ClientContext context;
    context.set_deadline(Generous());
    v1::RunStressRequest request;
    request.set_scenario(scenarios.scenarios(0).name());
    request.set_provider_id(ranked.providers(0).provider_id());
    request.set_as_of("2026-03-31");
    v1::RunStressResponse stressed;
    grpc::Status status = stub_->RunStress(&context, request, &stressed);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(stressed.outcomes_size(), 1);
  }
  {
    grpc::ClientContext context;
    v1::GetConcentrationRequest request;
    request.set_region(v1::REGION_LONDON);
    v1::Concentration concentration;
    grpc::Status status = stub_->GetConcentration(&context, request, &concentration);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_GE(concentration.hhi(), 0.0);
    EXPECT_LE(concentration.hhi(), 10000.0);
  }
  stream_context.TryCancel();
  while (stream->Read(&alert)) {
  }
  stream->Finish();
}

INSTANTIATE_TEST_SUITE_P(Backends, ServiceTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendTestName);

}  // namespace
}  // namespace oversight::server
