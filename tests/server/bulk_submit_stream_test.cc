// BulkSubmit streams over many batches (issue #9): the batches are written
// one at a time in stream order, so results, versions and the record limit
// come out as if the records had been submitted one by one; cancellation
// leaves a prefix. oversightd in process on an ephemeral loopback port, on
// SQLite and PostgreSQL.

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "oversight/v1/oversight.grpc.pb.h"
#include "server/auth/development_authorizer.h"
#include "server/service/oversight_server.h"
#include "tests/support/test_support.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;
using test_support::Backend;

// Only so that a bug fails the test instead of hanging it.
std::chrono::system_clock::time_point Generous() {
  return std::chrono::system_clock::now() + std::chrono::seconds(120);
}

v1::SubmitRequest ProviderRequest(const std::string& id, const std::string& key,
                                  const std::string& name) {
  v1::SubmitRequest request;
  request.set_idempotency_key(key);
  v1::Provider* provider = request.mutable_record()->mutable_provider();
  provider->set_provider_id(id);
  provider->set_name(name);
  provider->set_kind(v1::PROVIDER_KIND_CHILDRENS_HOMES);
  provider->set_ownership(v1::OWNERSHIP_PRIVATE_EQUITY);
  return request;
}

class BulkSubmitStreamTest : public ::testing::TestWithParam<Backend> {
 protected:
  void StartServer(int bulk_batch, std::int64_t max_bulk_records) {
    absl::StatusOr<std::unique_ptr<Store>> store = test_support::OpenFreshStore(GetParam());
    ASSERT_TRUE(store.ok()) << store.status();
    ServerConfig config;
    config.listen_address = "127.0.0.1:0";
    config.limits.bulk_batch = bulk_batch;
    config.limits.max_bulk_records = max_bulk_records;
    absl::StatusOr<std::unique_ptr<OversightServer>> server = OversightServer::Start(
        *std::move(store), std::make_unique<DevelopmentAuthorizer>(), std::move(config));
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::OversightService::NewStub(
        grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  }

  // The providers' current names, by id.
  std::map<std::string, std::string> StoredNames() {
    std::map<std::string, std::string> names;
    auto providers = server_->store().CurrentRecordsOfKind(RecordKind::kProvider);
    EXPECT_TRUE(providers.ok()) << providers.status();
    if (!providers.ok()) return names;
    for (const StoredRecord& record : *providers) {
      v1::Provider provider;
      EXPECT_TRUE(provider.ParseFromString(record.payload)) << record.provider_id;
      names[record.provider_id] = provider.name();
    }
    return names;
  }

  std::unique_ptr<OversightServer> server_;
  std::unique_ptr<v1::OversightService::Stub> stub_;
};

// 103 records in batches of 4 (26 batches, the last one short): the invalid
// ones are rejected alone at their stream positions, and a provider sent
// again three batches later becomes version 2 with the later name, which
// needs the earlier batch written first.
TEST_P(BulkSubmitStreamTest, ManyBatchesAreWrittenInStreamOrder) {
  StartServer(/*bulk_batch=*/4, /*max_bulk_records=*/1000);
  constexpr int kRecords = 103;
  grpc::ClientContext context;
  context.set_deadline(Generous());
  v1::BulkSubmitResponse response;
  auto writer = stub_->BulkSubmit(&context, &response);
  for (int i = 0; i < kRecords; ++i) {
    v1::SubmitRequest request;
    if (i % 10 == 9) {
      // Provider i - 9 again, 9 positions (two batches and more) later.
      request = ProviderRequest(absl::StrCat("P", i - 9), absl::StrCat("k", i), absl::StrCat("renamed ", i - 9));
    } else {
      request = ProviderRequest(absl::StrCat("P", i), absl::StrCat("k", i), absl::StrCat("name ", i));
    }
    if (i == 6 || i == 50 || i == 101) request.mutable_record()->mutable_provider()->clear_name();
    ASSERT_TRUE(writer->Write(request)) << i;
  }
  ASSERT_TRUE(writer->WritesDone());
  const grpc::Status status = writer->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();

  EXPECT_EQ(response.rejected(), 3);
  EXPECT_EQ(response.stored(), kRecords - 3);
  ASSERT_EQ(response.results_size(), kRecords);
  for (int i = 0; i < kRecords; ++i) {
    const auto& result = response.results(i);
    EXPECT_EQ(result.index(), i) << "results must be in stream order";
    if (i == 6 || i == 50 || i == 101) {
      EXPECT_TRUE(result.has_error()) << i;
      continue;
    }
    ASSERT_TRUE(result.has_result()) << i << ": " << result.error().message();
    // Record 59 sends P50 again, whose first record (50) was rejected.
    const int expected_version = i % 10 == 9 && i != 59 ? 2 : 1;
    EXPECT_EQ(result.result().version(), expected_version) << "record " << i;
  }
  const std::map<std::string, std::string> names = StoredNames();
  EXPECT_EQ(names.size(), 91u);  // 103 - 10 resubmissions - 3 rejected + P50 (by record 59)
  EXPECT_EQ(names.at("P0"), "renamed 0");
  EXPECT_EQ(names.at("P90"), "renamed 90");
  EXPECT_EQ(names.at("P100"), "name 100");
  EXPECT_EQ(names.count("P6"), 0u) << "the rejected record must leave nothing behind";
}

// Past the per-stream record limit the call ends with RESOURCE_EXHAUSTED;
// every batch read before the one that crossed it is written, none after.
TEST_P(BulkSubmitStreamTest, RecordLimitKeepsTheBatchesBeforeIt) {
  StartServer(/*bulk_batch=*/4, /*max_bulk_records=*/10);
  grpc::ClientContext context;
  context.set_deadline(Generous());
  v1::BulkSubmitResponse response;
  auto writer = stub_->BulkSubmit(&context, &response);
  for (int i = 0; i < 15; ++i) {
    // The server may end the call before the client is done writing.
    if (!writer->Write(ProviderRequest(absl::StrCat("P", i), absl::StrCat("k", i), "n"))) break;
  }
  writer->WritesDone();
  const grpc::Status status = writer->Finish();
  ASSERT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("the first 8 were processed"));
  const std::map<std::string, std::string> names = StoredNames();
  EXPECT_EQ(names.size(), 8u);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(names.count(absl::StrCat("P", i)), 1u) << i;
}

// A client that cancels mid-stream gets CANCELLED; the server stays up, and
// what it had read before the cancellation was written in stream order (a
// prefix of the stream; the records read of a partial batch are written too).
TEST_P(BulkSubmitStreamTest, CancelledStreamEndsCleanly) {
  StartServer(/*bulk_batch=*/4, /*max_bulk_records=*/1000);
  {
    grpc::ClientContext context;
    context.set_deadline(Generous());
    v1::BulkSubmitResponse response;
    auto writer = stub_->BulkSubmit(&context, &response);
    for (int i = 0; i < 10; ++i) {
      ASSERT_TRUE(writer->Write(ProviderRequest(absl::StrCat("P", i), absl::StrCat("k", i), "n")));
    }
    context.TryCancel();
    EXPECT_EQ(writer->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  const std::map<std::string, std::string> names = StoredNames();
  ASSERT_LE(names.size(), 10u);
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(names.count(absl::StrCat("P", i)), 1u) << "not a prefix of the stream: P" << i << " missing";
  }
  // And the server takes the next stream.
  grpc::ClientContext context;
  context.set_deadline(Generous());
  v1::BulkSubmitResponse response;
  auto writer = stub_->BulkSubmit(&context, &response);
  ASSERT_TRUE(writer->Write(ProviderRequest("Q1", "q1", "n")));
  ASSERT_TRUE(writer->WritesDone());
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_EQ(response.stored(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, BulkSubmitStreamTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendTestName);

}  // namespace
}  // namespace oversight::server
