// The error model on the wire: absl::Status <-> grpc::Status with a
// google.rpc.BadRequest in the binary error details ("grpc-status-details-bin").
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "proto/codec/codec.h"
#include "risk/domain/validation.h"
#include "tests/server/codec_test_records.h"

namespace oversight::codec {
namespace {

namespace v1 = ::oversight::v1;
namespace rec = ::oversight::testing_records;

absl::Status TwoViolations() {
  risk::Violations v;
  v.Add("accounts.period.end", "day does not exist in that month (got \"2025-02-30\")");
  v.Add("accounts.net_assets", "does not equal total_assets - total_liabilities");
  return v.ToStatus();
}

TEST(StatusCodec, InvalidArgumentCarriesBadRequestInBinaryDetails) {
  const absl::Status status = TwoViolations();
  const grpc::Status grpc_status = ToGrpcStatus(status);
  EXPECT_EQ(grpc_status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(grpc_status.error_message(), std::string(status.message()));
  ASSERT_FALSE(grpc_status.error_details().empty());

  // Decode the trailer as any gRPC client would: google.rpc.Status, then Any.
  google::rpc::Status rpc;
  ASSERT_TRUE(rpc.ParseFromString(grpc_status.error_details()));
  EXPECT_EQ(rpc.code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(rpc.message(), grpc_status.error_message());
  ASSERT_EQ(rpc.details_size(), 1);
  EXPECT_EQ(rpc.details(0).type_url(), "type.googleapis.com/google.rpc.BadRequest");
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(rpc.details(0).UnpackTo(&bad_request));
  ASSERT_EQ(bad_request.field_violations_size(), 2);
  EXPECT_EQ(bad_request.field_violations(0).field(), "accounts.period.end");
  EXPECT_EQ(bad_request.field_violations(1).field(), "accounts.net_assets");
  EXPECT_THAT(bad_request.field_violations(0).description(), ::testing::HasSubstr("2025-02-30"));
}

TEST(StatusCodec, ClientRecoversTheViolations) {
  const grpc::Status grpc_status = ToGrpcStatus(TwoViolations());
  const auto violations = FieldViolationsOf(grpc_status);
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[1].field, "accounts.net_assets");

  const absl::Status back = FromGrpcStatus(grpc_status);
  EXPECT_EQ(back.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(back.message(), grpc_status.error_message());
  const auto recovered = risk::FieldViolationsOf(back);
  ASSERT_EQ(recovered.size(), 2u);
  EXPECT_EQ(recovered[0].field, "accounts.period.end");
  EXPECT_EQ(recovered[0].reason, violations[0].reason);
}

TEST(StatusCodec, CodecErrorsTravelEndToEnd) {
  v1::Provider provider = rec::Provider("bad id!");
  provider.set_kind(v1::PROVIDER_KIND_UNSPECIFIED);
  const auto decoded = FromProto(provider);
  ASSERT_FALSE(decoded.ok());
  const auto violations = FieldViolationsOf(ToGrpcStatus(decoded.status()));
  std::vector<std::string> fields;
  for (const auto& v : violations) fields.push_back(v.field);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("provider.kind", "provider.provider_id"));
}

TEST(StatusCodec, OtherCodesKeepCodeAndMessageWithoutDetails) {
  const grpc::Status not_found = ToGrpcStatus(absl::NotFoundError("provider P404 is not registered"));
  EXPECT_EQ(not_found.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(not_found.error_message(), "provider P404 is not registered");
  EXPECT_TRUE(not_found.error_details().empty());
  EXPECT_TRUE(FieldViolationsOf(not_found).empty());

  const grpc::Status precondition =
      ToGrpcStatus(absl::FailedPreconditionError("provider P009 is not registered: submit the provider first"));
  EXPECT_EQ(precondition.error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  // INVALID_ARGUMENT without structured violations: no details either.
  EXPECT_TRUE(ToGrpcStatus(absl::InvalidArgumentError("bad")).error_details().empty());
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

TEST(StatusCodec, BulkResultStatusRoundTrips) {
  const google::rpc::Status rpc = ToRpcStatus(TwoViolations());
  EXPECT_EQ(rpc.code(), 3);
  EXPECT_EQ(FieldViolationsOf(rpc).size(), 2u);
  const absl::Status back = FromRpcStatus(rpc);
  EXPECT_TRUE(absl::IsInvalidArgument(back));
  EXPECT_EQ(risk::FieldViolationsOf(back).size(), 2u);

  const google::rpc::Status ok = ToRpcStatus(absl::OkStatus());
  EXPECT_EQ(ok.code(), 0);
  EXPECT_TRUE(ok.message().empty());
  EXPECT_EQ(ok.details_size(), 0);
}

}  // namespace
}  // namespace oversight::codec
