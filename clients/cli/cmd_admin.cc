// oversight token issue | revoke | list, and oversight health.

#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/time/clock.h"
#include "clients/cli/cli_support.h"
#include "clients/cli/command.h"
#include "clients/cli/exit_codes.h"
#include "clients/cli/flags.h"
#include "clients/cli/proto_text.h"
#include "clients/cli/table.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace oversight::client {

namespace v1 = oversight::v1;

int RunTokenIssue(const CommandContext& context) {
  v1::IssueTokenRequest request;
  v1::Role role = v1::ROLE_UNSPECIFIED;
  if (!ParseEnumOption("role", absl::GetFlag(FLAGS_role), &role)) return kExitUsage;
  if (role == v1::ROLE_UNSPECIFIED || absl::GetFlag(FLAGS_subject).empty()) {
    std::cerr << "oversight token issue: --role and --subject are required\n";
    return kExitUsage;
  }
  request.set_role(role);
  request.set_subject(absl::GetFlag(FLAGS_subject));
  request.set_provider_id(absl::GetFlag(FLAGS_provider));
  request.set_local_authority(absl::GetFlag(FLAGS_local_authority));
  if (!absl::GetFlag(FLAGS_ttl).empty()) {
    absl::Duration ttl;
    if (!ParseDurationOption("ttl", absl::GetFlag(FLAGS_ttl), &ttl)) return kExitUsage;
    request.set_ttl_seconds(absl::ToInt64Seconds(ttl));
  }
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  v1::IssueTokenResponse response;
  auto call = connection->NewContext(kQueryTimeout);
  grpc::Status status = connection->stub().IssueToken(call.get(), request, &response);
  if (!status.ok()) return ReportRpcError("token issue", status);
  if (context.options.format == OutputFormat::kJson) {
    std::cout << ProtoJson(response) << "\n";
  } else {
    Table table;
    table.Column("token_id", "token id").Column("expires_at", "expires").Column("token", "token");
    table.Row({TextCell(response.token_id()), TextCell(response.expires_at()), TextCell(response.token())});
    table.Print(std::cout, context.options.format);
    if (context.options.format == OutputFormat::kTable) {
      std::cout << "\nkeep the token now: it is not shown again\n";
    }
  }
  return kExitOk;
}

int RunTokenRevoke(const CommandContext& context) {
  v1::RevokeTokenRequest request;
  request.set_token_id(context.args[0]);
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  v1::RevokeTokenResponse response;
  auto call = connection->NewContext(kQueryTimeout);
  grpc::Status status = connection->stub().RevokeToken(call.get(), request, &response);
  if (!status.ok()) return ReportRpcError("token revoke", status);
  if (context.options.format == OutputFormat::kJson) {
    std::cout << "{\"revoked\": \"" << request.token_id() << "\"}\n";
  } else {
    std::cout << "revoked " << request.token_id() << "\n";
  }
  return kExitOk;
}

int RunTokenList(const CommandContext& context) {
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  v1::ListTokensResponse response;
  auto call = connection->NewContext(kQueryTimeout);
  grpc::Status status = connection->stub().ListTokens(call.get(), v1::ListTokensRequest(), &response);
  if (!status.ok()) return ReportRpcError("token list", status);
  Table table;
  table.Column("token_id", "token id").Column("role", "role").Column("subject", "subject")
      .Column("provider_id", "provider").Column("local_authority", "local authority")
      .Column("created_at", "created").Column("expires_at", "expires").Column("revoked_at", "revoked");
  for (const v1::TokenInfo& t : response.tokens()) {
    table.Row({TextCell(t.token_id()), TextCell(RoleName(t.role())), TextCell(t.subject()), TextCell(t.provider_id()),
               TextCell(t.local_authority()), TextCell(t.created_at()), TextCell(t.expires_at()), TextCell(t.revoked_at())});
  }
  table.Print(std::cout, context.options.format);
  return kExitOk;
}

int RunHealth(const CommandContext& context) {
  absl::Duration wait = absl::ZeroDuration();
  if (!absl::GetFlag(FLAGS_wait).empty() && !ParseDurationOption("wait", absl::GetFlag(FLAGS_wait), &wait)) {
    return kExitUsage;
  }
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  auto health = grpc::health::v1::Health::NewStub(connection->channel());
  const absl::Time give_up = absl::Now() + wait;
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status;
  for (;;) {
    auto call = connection->NewContext(absl::Seconds(5));
    // Waiting for the channel to connect is what --wait asks for.
    if (wait > absl::ZeroDuration()) {
      call->set_wait_for_ready(true);
      call->set_deadline(absl::ToChronoTime(std::min(give_up, absl::Now() + absl::Seconds(5))));
    }
    status = health->Check(call.get(), grpc::health::v1::HealthCheckRequest(), &response);
    if (status.ok() && response.status() == grpc::health::v1::HealthCheckResponse::SERVING) break;
    if (absl::Now() >= give_up) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  if (!status.ok()) return ReportRpcError("health", status);
  const std::string name = grpc::health::v1::HealthCheckResponse::ServingStatus_Name(response.status());
  if (context.options.format == OutputFormat::kJson) {
    std::cout << "{\"server\": \"" << context.options.server << "\", \"status\": \"" << name << "\"}\n";
  } else {
    std::cout << context.options.server << " " << name << "\n";
  }
  return response.status() == grpc::health::v1::HealthCheckResponse::SERVING ? kExitOk : kExitUnavailable;
}

}  // namespace oversight::client
