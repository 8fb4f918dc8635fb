// oversightd's security end to end: an in-process server on 127.0.0.1:0
// serving TLS with certificates made at test time by deploy/dev-certs.sh,
// the SecureAuthorizer on a SQLite store holding the sample market
// (deploy/sample), and real clients with bearer tokens or client
// certificates. Covers the whole role x operation matrix, provider and
// local-authority scoping, every way a credential can be bad, plaintext and
// mutual TLS, rate and stream limits, message size, the audit trail of
// every call, and that no secret reaches the log.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "clients/records/record_reader.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "oversight/v1/oversight.grpc.pb.h"
#include "server/auth/audit_trail.h"
#include "server/auth/secure_authorizer.h"
#include "server/auth/token_service.h"
#include "server/main/tls_credentials.h"
#include "server/service/oversight_server.h"
#include "server/service/structured_log.h"
#include "tests/support/test_support.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kAsOf[] = "2026-03-31";

std::chrono::system_clock::time_point Generous() {
  return std::chrono::system_clock::now() + std::chrono::seconds(120);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// Certificates from deploy/dev-certs.sh, once per test binary.
const std::string& CertDir() {
  static const std::string* dir = [] {
    std::string path = absl::StrCat(::testing::TempDir(), "/oversight-sec-certs-", ::getpid());
    std::filesystem::remove_all(path);
    const std::string command =
        absl::StrCat("sh ", OVERSIGHT_SOURCE_DIR, "/deploy/dev-certs.sh ", path,
                     " regulator:dev provider:P001 local_authority:Camden nobody >/dev/null");
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    return new std::string(path);
  }();
  return *dir;
}

std::string ClientFile(const std::string& name, const std::string& extension) {
  return absl::StrCat(CertDir(), "/client-", name, ".", extension);
}

struct StartedServer {
  std::unique_ptr<OversightServer> server;
  Store* store = nullptr;
};

StartedServer StartSecureServer(bool mutual, SecureAuthorizerOptions options, ServerConfig config = {}) {
  StartedServer started;
  absl::StatusOr<std::unique_ptr<Store>> store = test_support::OpenFreshStore(test_support::Backend::kSqlite);
  EXPECT_TRUE(store.ok()) << store.status();
  if (!store.ok()) return started;
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      MakeTlsCredentials({.cert_path = CertDir() + "/server.pem",
                          .key_path = CertDir() + "/server.key",
                          .client_ca_path = mutual ? CertDir() + "/ca.pem" : ""});
  EXPECT_TRUE(credentials.ok()) << credentials.status();
  if (!credentials.ok()) return started;
  if (mutual) options.certificates = CertificateIdentities();
  started.store = store->get();
  auto authorizer = std::make_unique<SecureAuthorizer>(**store, std::move(options));
  config.listen_address = "127.0.0.1:0";
  config.credentials = *credentials;
  config.hub.notification_wait = absl::Milliseconds(200);
  absl::StatusOr<std::unique_ptr<OversightServer>> server =
      OversightServer::Start(*std::move(store), std::move(authorizer), std::move(config));
  EXPECT_TRUE(server.ok()) << server.status();
  if (server.ok()) started.server = *std::move(server);
  return started;
}

// A TLS channel that trusts the development CA, optionally presenting a
// client certificate ("regulator-dev", "provider-P001", ...).
std::shared_ptr<grpc::Channel> TlsChannel(const std::string& address, const std::string& client = "") {
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = ReadFile(CertDir() + "/ca.pem");
  if (!client.empty()) {
    ssl.pem_cert_chain = ReadFile(ClientFile(client, "pem"));
    ssl.pem_private_key = ReadFile(ClientFile(client, "key"));
  }
  return grpc::CreateChannel(address, grpc::SslCredentials(ssl));
}

std::unique_ptr<grpc::ClientContext> Context(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(Generous());
  if (!token.empty()) context->AddMetadata("authorization", absl::StrCat("Bearer ", token));
  return context;
}

std::string Issue(Store& store, Role role, const std::string& scope = "", absl::Time now = absl::Now(),
                  absl::Duration ttl = absl::ZeroDuration()) {
  TokenRequest request{.role = role, .subject = absl::StrCat("test ", RoleName(role)), .ttl = ttl};
  if (role == Role::kProvider) request.provider_id = scope;
  if (role == Role::kLocalAuthority) request.local_authority = scope;
  absl::StatusOr<IssuedToken> issued = IssueToken(store, request, now);
  EXPECT_TRUE(issued.ok()) << issued.status();
  return issued.ok() ? issued->token : "";
}

std::string TokenPrincipal(const std::string& token) { return absl::StrCat("token:", token.substr(4, 16)); }

// Audit entries of `principal` after entry id `after`, once there are at
// least `count` (stream calls are audited when their reactor is released,
// just after the client saw the status).
std::vector<AuditRow> AwaitAudit(Store& store, const std::string& principal, std::size_t count,
                                 std::int64_t after = 0) {
  std::vector<AuditRow> rows;
  for (int attempt = 0; attempt < 3000; ++attempt) {
    absl::StatusOr<std::vector<AuditRow>> got =
        store.QueryAudit(AuditQuery{.after_id = after, .principal = principal, .limit = 1000});
    EXPECT_TRUE(got.ok()) << got.status();
    if (!got.ok()) break;
    rows = *std::move(got);
    if (rows.size() >= count) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return rows;
}

std::int64_t LastAuditId(Store& store) {
  std::int64_t last = 0;
  while (true) {
    absl::StatusOr<std::vector<AuditRow>> rows = store.QueryAudit(AuditQuery{.after_id = last, .limit = 1000});
    if (!rows.ok() || rows->empty()) return last;
    last = rows->back().id;
  }
}

// --- The shared server: the sample market, scored ------------------------------------

struct Market {
  StartedServer started;
  std::unique_ptr<v1::OversightService::Stub> stub;
  std::map<Role, std::string> tokens;
  std::vector<client::ParsedRecord> records;
  std::string provider;        // X: a provider with an alert
  std::set<std::string> group;  // X and the providers of its parent group
  std::string authority;       // L: an authority named by that alert
  std::set<std::string> placed_with_authority;  // providers with children of L (from the CSV)
  std::string outsider;        // Y: outside X's group, no children of L
  v1::Alert alert;             // about X, naming L
  std::string scenario;
};

Market* market = nullptr;

class SecurityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    market = new Market();
    market->started = StartSecureServer(false, SecureAuthorizerOptions{.requests_per_second = 0});
    ASSERT_NE(market->started.server, nullptr);
    Store& store = *market->started.store;
    market->stub = v1::OversightService::NewStub(TlsChannel(market->started.server->address()));
    for (Role role : {Role::kAdmin, Role::kScoringJob, Role::kRegulator}) {
      market->tokens[role] = Issue(store, role);
    }

    // Load the sample market as the administrator.
    grpc::ClientContext* bulk_context = nullptr;
    auto owned_context = Context(market->tokens[Role::kAdmin]);
    bulk_context = owned_context.get();
    v1::BulkSubmitResponse bulk;
    auto writer = market->stub->BulkSubmit(bulk_context, &bulk);
    for (const char* file : {"providers.csv", "accounts.csv", "related_party_flows.csv", "facilities.csv",
                             "settings.csv", "placements.csv", "equity_observations.csv"}) {
      absl::StatusOr<std::vector<client::ParsedRecord>> records =
          client::ReadRecordsFile(absl::StrCat(OVERSIGHT_SOURCE_DIR, "/deploy/sample/", file));
      ASSERT_TRUE(records.ok()) << records.status();
      for (client::ParsedRecord& parsed : *records) {
        v1::SubmitRequest request;
        request.set_idempotency_key(parsed.source);
        *request.mutable_record() = parsed.record;
        ASSERT_TRUE(writer->Write(request));
        market->records.push_back(std::move(parsed));
      }
    }
    ASSERT_TRUE(writer->WritesDone());
    grpc::Status loaded = writer->Finish();
    ASSERT_TRUE(loaded.ok()) << loaded.error_message();
    ASSERT_EQ(bulk.rejected(), 0);

    // Score it as the scoring job.
    v1::RescoreRequest rescore;
    rescore.set_as_of(kAsOf);
    v1::RescoreResponse scored;
    grpc::Status status = market->stub->Rescore(Context(market->tokens[Role::kScoringJob]).get(), rescore, &scored);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_GT(scored.new_alerts_size(), 0);

    // X, L and Y from the data, independently of the server's scope index.
    for (const v1::Alert& alert : scored.new_alerts()) {
      if (alert.local_authorities_size() > 0) {
        market->alert = alert;
        break;
      }
    }
    ASSERT_FALSE(market->alert.provider_id().empty());
    market->provider = market->alert.provider_id();
    market->authority = market->alert.local_authorities(0);
    std::map<std::string, std::string> group_of;
    for (const client::ParsedRecord& parsed : market->records) {
      if (parsed.record.has_provider()) {
        group_of[parsed.record.provider().provider_id()] = parsed.record.provider().parent_group();
      }
      if (parsed.record.has_placement() && parsed.record.placement().placing_local_authority() == market->authority &&
          parsed.record.placement().children_placed() > 0) {
        market->placed_with_authority.insert(parsed.record.placement().provider_id());
      }
    }
    for (const auto& [id, group] : group_of) {
      if (id == market->provider || (!group.empty() && group == group_of[market->provider])) {
        market->group.insert(id);
      }
    }
    for (const auto& [id, group] : group_of) {
      if (!market->group.contains(id) && !market->placed_with_authority.contains(id)) {
        market->outsider = id;
        break;
      }
    }
    ASSERT_FALSE(market->outsider.empty());
    market->tokens[Role::kProvider] = Issue(store, Role::kProvider, market->provider);
    market->tokens[Role::kLocalAuthority] = Issue(store, Role::kLocalAuthority, market->authority);

    v1::ListScenariosResponse scenarios;
    ASSERT_TRUE(market->stub
                    ->ListScenarios(Context(market->tokens[Role::kRegulator]).get(), v1::ListScenariosRequest(),
                                    &scenarios)
                    .ok());
    ASSERT_GT(scenarios.scenarios_size(), 0);
    market->scenario = scenarios.scenarios(0).name();
  }

  static void TearDownTestSuite() {
    delete market;
    market = nullptr;
  }

  void SetUp() override { ASSERT_NE(market, nullptr); ASSERT_NE(market->stub, nullptr); }

  Store& store() { return *market->started.store; }
  v1::OversightService::Stub& stub() { return *market->stub; }

  // A placement record of `provider` from the sample, as loaded.
  v1::SubmitRequest SampleRecordOf(const std::string& provider, bool provider_record = false) {
    for (const client::ParsedRecord& parsed : market->records) {
      const bool match = provider_record ? parsed.record.has_provider() && parsed.record.provider().provider_id() == provider
                                         : parsed.record.has_placement() && parsed.record.placement().provider_id() == provider;
      if (match) {
        v1::SubmitRequest request;
        request.set_idempotency_key(parsed.source);
        *request.mutable_record() = parsed.record;
        return request;
      }
    }
    ADD_FAILURE() << "no sample record of " << provider;
    return {};
  }

  // Makes one call of `op` as the holder of `token` (empty = none) and
  // returns its code. For SubscribeAlerts, OK means the first alert arrived.
  grpc::StatusCode Call(Operation op, const std::string& token) {
    auto context = Context(token);
    switch (op) {
      case Operation::kSubmit: {
        v1::SubmitResponse response;
        return stub().Submit(context.get(), SampleRecordOf(market->provider), &response).error_code();
      }
      case Operation::kBulkSubmit: {
        v1::BulkSubmitResponse response;
        auto writer = stub().BulkSubmit(context.get(), &response);
        writer->Write(SampleRecordOf(market->provider));
        writer->WritesDone();
        return writer->Finish().error_code();
      }
      case Operation::kGetProvider: {
        v1::GetProviderRequest request;
        request.set_provider_id(market->provider);
        v1::ProviderView response;
        return stub().GetProvider(context.get(), request, &response).error_code();
      }
      case Operation::kListProviders: {
        v1::ListProvidersResponse response;
        return stub().ListProviders(context.get(), v1::ListProvidersRequest(), &response).error_code();
      }
      case Operation::kGetAssessmentHistory: {
        v1::GetAssessmentHistoryRequest request;
        request.set_provider_id(market->provider);
        v1::AssessmentHistory response;
        return stub().GetAssessmentHistory(context.get(), request, &response).error_code();
      }
      case Operation::kExplainAssessment: {
        v1::ExplainAssessmentRequest request;
        request.set_provider_id(market->provider);
        v1::Assessment response;
        return stub().ExplainAssessment(context.get(), request, &response).error_code();
      }
      case Operation::kGetConcentration: {
        v1::GetConcentrationRequest request;
        request.set_local_authority(market->authority);
        v1::Concentration response;
        return stub().GetConcentration(context.get(), request, &response).error_code();
      }
      case Operation::kListScenarios: {
        v1::ListScenariosResponse response;
        return stub().ListScenarios(context.get(), v1::ListScenariosRequest(), &response).error_code();
      }
      case Operation::kRunStress: {
        v1::RunStressRequest request;
        request.set_scenario(market->scenario);
        request.set_provider_id(market->provider);
        request.set_as_of(kAsOf);
        v1::RunStressResponse response;
        return stub().RunStress(context.get(), request, &response).error_code();
      }
      case Operation::kRescore: {
        v1::RescoreRequest request;
        request.set_provider_id(market->provider);
        request.set_as_of(kAsOf);
        v1::RescoreResponse response;
        return stub().Rescore(context.get(), request, &response).error_code();
      }
      case Operation::kSubscribeAlerts: {
        auto reader = stub().SubscribeAlerts(context.get(), v1::SubscribeAlertsRequest());
        v1::Alert alert;
        if (reader->Read(&alert)) {
          context->TryCancel();
          while (reader->Read(&alert)) {
          }
          reader->Finish();
          return grpc::StatusCode::OK;
        }
        return reader->Finish().error_code();
      }
      case Operation::kListAlerts: {
        v1::ListAlertsResponse response;
        return stub().ListAlerts(context.get(), v1::ListAlertsRequest(), &response).error_code();
      }
      case Operation::kAcknowledgeAlert: {
        v1::AcknowledgeAlertRequest request;
        request.set_sequence(market->alert.sequence());
        v1::AcknowledgeAlertResponse response;
        return stub().AcknowledgeAlert(context.get(), request, &response).error_code();
      }
      case Operation::kIssueToken: {
        v1::IssueTokenRequest request;
        request.set_role(v1::ROLE_REGULATOR);
        request.set_subject("matrix");
        v1::IssueTokenResponse response;
        return stub().IssueToken(context.get(), request, &response).error_code();
      }
      case Operation::kRevokeToken: {
        v1::RevokeTokenRequest request;
        request.set_token_id("0000000000000000");
        v1::RevokeTokenResponse response;
        return stub().RevokeToken(context.get(), request, &response).error_code();
      }
      case Operation::kListTokens: {
        v1::ListTokensResponse response;
        return stub().ListTokens(context.get(), v1::ListTokensRequest(), &response).error_code();
      }
      case Operation::kQueryAudit: {
        v1::QueryAuditResponse response;
        return stub().QueryAudit(context.get(), v1::QueryAuditRequest(), &response).error_code();
      }
      case Operation::kListKnownCompanies: {
        v1::ListKnownCompaniesResponse response;
        return stub().ListKnownCompanies(context.get(), v1::ListKnownCompaniesRequest(), &response).error_code();
      }
      case Operation::kPutOwnerAlias: {
        v1::PutOwnerAliasRequest request;
        request.mutable_alias()->set_owner_name("Matrix Owner Ltd");
        request.mutable_alias()->set_provider_id(market->provider);
        v1::OwnerAlias response;
        return stub().PutOwnerAlias(context.get(), request, &response).error_code();
      }
      case Operation::kDeleteOwnerAlias: {
        v1::DeleteOwnerAliasRequest request;
        request.set_owner_name("Matrix Owner Ltd");
        v1::DeleteOwnerAliasResponse response;
        return stub().DeleteOwnerAlias(context.get(), request, &response).error_code();
      }
      case Operation::kListOwnerAliases: {
        v1::ListOwnerAliasesResponse response;
        return stub().ListOwnerAliases(context.get(), v1::ListOwnerAliasesRequest(), &response).error_code();
      }
      case Operation::kReplaceUnmatchedOwners: {
        v1::ReplaceUnmatchedOwnersRequest request;
        request.set_source("matrix.csv");
        v1::UnmatchedOwner* owner = request.add_owners();
        owner->set_owner_name("Unknown Owner Ltd");
        owner->set_settings(1);
        owner->add_urns("SC000001");
        v1::ReplaceUnmatchedOwnersResponse response;
        return stub().ReplaceUnmatchedOwners(context.get(), request, &response).error_code();
      }
      case Operation::kListUnmatchedOwners: {
        v1::ListUnmatchedOwnersResponse response;
        return stub().ListUnmatchedOwners(context.get(), v1::ListUnmatchedOwnersRequest(), &response).error_code();
      }
    }
    return grpc::StatusCode::UNKNOWN;
  }
};

// The expected outcome of every RPC for every role (docs/security.md,
// "Roles"): the code when the role may make the call with the matrix's
// request, PERMISSION_DENIED when it may not.
struct MatrixRow {
  Operation op;
  // regulator, scoring_job, provider, local_authority, admin
  std::array<bool, kRoleCount> allowed;
  grpc::StatusCode when_allowed = grpc::StatusCode::OK;
};

const std::vector<MatrixRow>& Matrix() {
  using O = Operation;
  static const auto* rows = new std::vector<MatrixRow>{
      {O::kSubmit, {false, false, true, false, true}},
      {O::kBulkSubmit, {false, false, true, false, true}},
      {O::kGetProvider, {true, false, true, true, true}},
      {O::kListProviders, {true, false, true, true, true}},
      {O::kGetAssessmentHistory, {true, false, true, true, false}},
      {O::kExplainAssessment, {true, false, true, true, false}},
      {O::kGetConcentration, {true, false, false, true, false}},
      {O::kListScenarios, {true, true, true, true, true}},
      {O::kRunStress, {true, false, false, false, false}},
      {O::kRescore, {false, true, false, false, false}},
      {O::kSubscribeAlerts, {true, false, true, true, false}},
      {O::kListAlerts, {true, false, true, true, false}},
      {O::kAcknowledgeAlert, {true, false, false, false, false}},
      {O::kIssueToken, {false, false, false, false, true}},
      // An unknown token id: the administrator may learn it does not exist.
      {O::kRevokeToken, {false, false, false, false, true}, grpc::StatusCode::NOT_FOUND},
      {O::kListTokens, {false, false, false, false, true}},
      {O::kQueryAudit, {true, false, false, false, true}},
      // Import support (issue #12): scoped roles see their own companies.
      {O::kListKnownCompanies, {true, true, true, true, true}},
      {O::kPutOwnerAlias, {true, false, false, false, true}},
      {O::kDeleteOwnerAlias, {true, false, false, false, true}},
      {O::kListOwnerAliases, {true, true, false, false, true}},
      {O::kReplaceUnmatchedOwners, {true, true, false, false, true}},
      {O::kListUnmatchedOwners, {true, true, false, false, true}},
  };
  return *rows;
}

TEST_F(SecurityTest, EveryRoleGetsTheDocumentedAnswerFromEveryRpcAndEveryCallIsAudited) {
  ASSERT_EQ(Matrix().size(), static_cast<std::size_t>(kOperationCount));
  for (int r = 0; r < kRoleCount; ++r) {
    const Role role = static_cast<Role>(r);
    const std::string& token = market->tokens[role];
    const std::int64_t audit_before = LastAuditId(store());
    std::map<std::string, std::string> expected_audit;  // method -> outcome
    for (const MatrixRow& row : Matrix()) {
      const grpc::StatusCode expected =
          row.allowed[r] ? row.when_allowed : grpc::StatusCode::PERMISSION_DENIED;
      const grpc::StatusCode got = Call(row.op, token);
      EXPECT_EQ(got, expected) << RoleName(role) << " x " << OperationName(row.op) << ": got "
                               << StatusCodeName(got) << ", expected " << StatusCodeName(expected);
      // The stream the matrix cancels itself ends CANCELLED.
      expected_audit[std::string(OperationMethod(row.op))] =
          row.op == Operation::kSubscribeAlerts && got == grpc::StatusCode::OK
              ? "CANCELLED"
              : std::string(StatusCodeName(got));
    }
    std::vector<AuditRow> audit = AwaitAudit(store(), TokenPrincipal(token), kOperationCount, audit_before);
    ASSERT_EQ(audit.size(), static_cast<std::size_t>(kOperationCount)) << RoleName(role);
    for (const AuditRow& entry : audit) {
      EXPECT_EQ(entry.role, RoleToWire(role)) << entry.method;
      if (expected_audit[entry.method] == "CANCELLED") {
        // The client's cancel races the stream's next write: either ending.
        EXPECT_THAT(entry.outcome, ::testing::AnyOf("CANCELLED", "UNAVAILABLE")) << RoleName(role);
      } else {
        EXPECT_EQ(entry.outcome, expected_audit[entry.method]) << RoleName(role) << " " << entry.method;
      }
      EXPECT_FALSE(entry.at.empty());
      EXPECT_FALSE(entry.object.empty());
    }
  }
}

TEST_F(SecurityTest, WithoutCredentialsEveryRpcIsUnauthenticatedAndAudited) {
  const std::int64_t audit_before = LastAuditId(store());
  for (const MatrixRow& row : Matrix()) {
    EXPECT_EQ(Call(row.op, ""), grpc::StatusCode::UNAUTHENTICATED) << OperationName(row.op);
  }
  std::vector<AuditRow> audit =
      AwaitAudit(store(), std::string(kUnauthenticatedPrincipal), kOperationCount, audit_before);
  ASSERT_EQ(audit.size(), static_cast<std::size_t>(kOperationCount));
  for (const AuditRow& entry : audit) {
    EXPECT_EQ(entry.outcome, "UNAUTHENTICATED") << entry.method;
    EXPECT_EQ(entry.role, 0) << entry.method;
  }
}

TEST_F(SecurityTest, ProviderCannotReadSubmitForOrSubscribeToAnotherProvider) {
  const std::string& token = market->tokens[Role::kProvider];
  const std::int64_t audit_before = LastAuditId(store());
  int calls = 0;
  // Another provider, existing or not: the same refusal.
  for (const std::string& other : {market->outsider, std::string("P999")}) {
    v1::GetProviderRequest request;
    request.set_provider_id(other);
    v1::ProviderView view;
    grpc::Status status = stub().GetProvider(Context(token).get(), request, &view);
    ++calls;
    EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << other << ": " << status.error_message();
    v1::ExplainAssessmentRequest explain;
    explain.set_provider_id(other);
    v1::Assessment assessment;
    EXPECT_EQ(stub().ExplainAssessment(Context(token).get(), explain, &assessment).error_code(),
              grpc::StatusCode::PERMISSION_DENIED) << other;
    ++calls;
  }
  {
    v1::SubmitResponse response;
    EXPECT_EQ(stub().Submit(Context(token).get(), SampleRecordOf(market->outsider), &response).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
    ++calls;
    // Its own provider record (name, parent group) is the administrator's.
    v1::SubmitRequest own = SampleRecordOf(market->provider, /*provider_record=*/true);
    own.set_idempotency_key("regroup");
    own.mutable_record()->mutable_provider()->set_parent_group("SOMEONE-ELSES-GROUP");
    EXPECT_EQ(stub().Submit(Context(token).get(), own, &response).error_code(), grpc::StatusCode::PERMISSION_DENIED);
    ++calls;
  }
  {
    // In one stream, the other provider's record is refused alone.
    v1::BulkSubmitResponse response;
    auto context = Context(token);
    auto writer = stub().BulkSubmit(context.get(), &response);
    ASSERT_TRUE(writer->Write(SampleRecordOf(market->provider)));
    ASSERT_TRUE(writer->Write(SampleRecordOf(market->outsider)));
    ASSERT_TRUE(writer->WritesDone());
    ASSERT_TRUE(writer->Finish().ok());
    ++calls;
    ASSERT_EQ(response.results_size(), 2);
    EXPECT_FALSE(response.results(0).has_error()) << response.results(0).ShortDebugString();
    EXPECT_EQ(response.results(1).error().code(), static_cast<int>(grpc::StatusCode::PERMISSION_DENIED));
    EXPECT_EQ(response.rejected(), 1);
  }
  {
    v1::SubscribeAlertsRequest request;
    request.mutable_filter()->set_provider_id(market->outsider);
    auto context = Context(token);
    auto reader = stub().SubscribeAlerts(context.get(), request);
    v1::Alert alert;
    EXPECT_FALSE(reader->Read(&alert));
    EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::PERMISSION_DENIED);
    ++calls;
  }
  {
    // Lists hold its own group only.
    v1::ListAlertsRequest request;
    request.set_limit(1000);
    v1::ListAlertsResponse alerts;
    ASSERT_TRUE(stub().ListAlerts(Context(token).get(), request, &alerts).ok());
    ++calls;
    ASSERT_GT(alerts.alerts_size(), 0);
    for (const v1::Alert& alert : alerts.alerts()) {
      EXPECT_TRUE(market->group.contains(alert.provider_id())) << alert.provider_id();
    }
    v1::ListProvidersRequest list;
    list.set_page_size(500);
    v1::ListProvidersResponse providers;
    ASSERT_TRUE(stub().ListProviders(Context(token).get(), list, &providers).ok());
    ++calls;
    std::set<std::string> seen;
    for (const v1::ProviderSummary& summary : providers.providers()) seen.insert(summary.provider_id());
    EXPECT_TRUE(seen.contains(market->provider));
    for (const std::string& id : seen) EXPECT_TRUE(market->group.contains(id)) << id;
  }
  std::vector<AuditRow> audit = AwaitAudit(store(), TokenPrincipal(token), calls, audit_before);
  ASSERT_EQ(audit.size(), static_cast<std::size_t>(calls));
  int denied = 0;
  for (const AuditRow& entry : audit) denied += entry.outcome == "PERMISSION_DENIED";
  EXPECT_EQ(denied, 7) << "GetProvider x2, Explain x2, Submit x2, SubscribeAlerts";
  EXPECT_TRUE(std::any_of(audit.begin(), audit.end(),
                          [&](const AuditRow& e) { return e.object == market->outsider; }));
}

std::set<std::string> KnownCompanies(v1::OversightService::Stub& stub, const std::string& token) {
  v1::ListKnownCompaniesResponse response;
  grpc::Status status = stub.ListKnownCompanies(Context(token).get(), v1::ListKnownCompaniesRequest(), &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  std::set<std::string> ids;
  for (const v1::Provider& provider : response.providers()) ids.insert(provider.provider_id());
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(response.providers_size())) << "each provider once";
  return ids;
}

TEST_F(SecurityTest, KnownCompaniesAreScopedLikeEveryOtherList) {
  std::set<std::string> all;
  for (const client::ParsedRecord& parsed : market->records) {
    if (parsed.record.has_provider()) all.insert(parsed.record.provider().provider_id());
  }
  for (Role role : {Role::kRegulator, Role::kScoringJob, Role::kAdmin}) {
    EXPECT_EQ(KnownCompanies(stub(), market->tokens[role]), all) << RoleName(role) << " sees the market";
  }
  // A provider sees its own company (and its group's), never another.
  const std::set<std::string> own = KnownCompanies(stub(), market->tokens[Role::kProvider]);
  EXPECT_TRUE(own.contains(market->provider));
  EXPECT_FALSE(own.contains(market->outsider));
  for (const std::string& id : own) EXPECT_TRUE(market->group.contains(id)) << id << " is outside the group";
  // A local authority sees the providers holding its children.
  const std::set<std::string> placed = KnownCompanies(stub(), market->tokens[Role::kLocalAuthority]);
  EXPECT_FALSE(placed.empty());
  EXPECT_FALSE(placed.contains(market->outsider));
  for (const std::string& id : placed) {
    EXPECT_TRUE(market->placed_with_authority.contains(id)) << id << " holds no children of " << market->authority;
  }
}

TEST_F(SecurityTest, LocalAuthoritySeesOnlyProvidersHoldingItsChildren) {
  const std::string& token = market->tokens[Role::kLocalAuthority];
  const std::int64_t audit_before = LastAuditId(store());
  v1::GetProviderRequest request;
  request.set_provider_id(market->outsider);
  v1::ProviderView view;
  EXPECT_EQ(stub().GetProvider(Context(token).get(), request, &view).error_code(),
            grpc::StatusCode::PERMISSION_DENIED)
      << market->outsider << " holds no children of " << market->authority;
  v1::ExplainAssessmentRequest explain;
  explain.set_provider_id(market->provider);
  v1::Assessment assessment;
  grpc::Status explained = stub().ExplainAssessment(Context(token).get(), explain, &assessment);
  EXPECT_TRUE(explained.ok()) << explained.error_message();

  v1::ListProvidersRequest list;
  list.set_page_size(500);
  v1::ListProvidersResponse providers;
  ASSERT_TRUE(stub().ListProviders(Context(token).get(), list, &providers).ok());
  ASSERT_GT(providers.providers_size(), 0);
  for (const v1::ProviderSummary& summary : providers.providers()) {
    EXPECT_TRUE(market->placed_with_authority.contains(summary.provider_id()))
        << summary.provider_id() << " holds no children of " << market->authority;
  }
  v1::ListAlertsRequest alerts_request;
  alerts_request.set_limit(1000);
  v1::ListAlertsResponse alerts;
  ASSERT_TRUE(stub().ListAlerts(Context(token).get(), alerts_request, &alerts).ok());
  ASSERT_GT(alerts.alerts_size(), 0);
  for (const v1::Alert& alert : alerts.alerts()) {
    const bool names_authority = std::find(alert.local_authorities().begin(), alert.local_authorities().end(),
                                           market->authority) != alert.local_authorities().end();
    EXPECT_TRUE(names_authority || market->placed_with_authority.contains(alert.provider_id()))
        << alert.ShortDebugString();
  }
  v1::GetConcentrationRequest elsewhere;
  elsewhere.set_region(v1::REGION_LONDON);
  v1::Concentration concentration;
  EXPECT_EQ(stub().GetConcentration(Context(token).get(), elsewhere, &concentration).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  std::vector<AuditRow> audit = AwaitAudit(store(), TokenPrincipal(token), 5, audit_before);
  ASSERT_EQ(audit.size(), 5u);
  EXPECT_EQ(audit[0].outcome, "PERMISSION_DENIED");
  EXPECT_EQ(audit[0].object, market->outsider);
  EXPECT_EQ(audit[0].method, "/oversight.v1.OversightService/GetProvider");
}

TEST_F(SecurityTest, ExpiredRevokedMissingMalformedAndForgedTokensAreUnauthenticated) {
  std::vector<std::string> lines;
  absl::Mutex lines_mu;
  SetLogSink([&](absl::string_view line) {
    absl::MutexLock lock(&lines_mu);
    lines.emplace_back(line);
  });
  const std::int64_t audit_before = LastAuditId(store());
  const std::string expired =
      Issue(store(), Role::kRegulator, "", absl::Now() - absl::Hours(48), absl::Hours(24));
  // Issued and revoked over the API, as an operator would.
  v1::IssueTokenRequest issue;
  issue.set_role(v1::ROLE_REGULATOR);
  issue.set_subject("leaver");
  v1::IssueTokenResponse issued;
  ASSERT_TRUE(stub().IssueToken(Context(market->tokens[Role::kAdmin]).get(), issue, &issued).ok());
  EXPECT_TRUE(absl::StartsWith(issued.token(), absl::StrCat("ovt_", issued.token_id(), "_")));
  v1::ListScenariosResponse scenarios;
  ASSERT_TRUE(stub().ListScenarios(Context(issued.token()).get(), {}, &scenarios).ok()) << "works before";
  v1::RevokeTokenRequest revoke;
  revoke.set_token_id(issued.token_id());
  v1::RevokeTokenResponse revoked;
  ASSERT_TRUE(stub().RevokeToken(Context(market->tokens[Role::kAdmin]).get(), revoke, &revoked).ok());
  std::string forged = market->tokens[Role::kAdmin];
  forged.back() = forged.back() == '0' ? '1' : '0';

  struct Case {
    std::string name;
    std::string header;  // the whole authorization value; empty = none
  };
  const std::vector<Case> cases = {
      {"expired", "Bearer " + expired},
      {"revoked", "Bearer " + issued.token()},
      {"missing", ""},
      {"malformed", "Bearer not-a-token"},
      {"other scheme", "Basic YWRtaW46YWRtaW4="},
      {"forged secret", "Bearer " + forged},
  };
  for (const Case& c : cases) {
    grpc::ClientContext context;
    context.set_deadline(Generous());
    if (!c.header.empty()) context.AddMetadata("authorization", c.header);
    v1::ListScenariosResponse response;
    grpc::Status status = stub().ListScenarios(&context, {}, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << c.name << ": " << status.error_message();
    EXPECT_THAT(status.error_message(), Not(HasSubstr(forged.substr(21)))) << c.name;
  }
  std::vector<AuditRow> audit =
      AwaitAudit(store(), std::string(kUnauthenticatedPrincipal), cases.size(), audit_before);
  EXPECT_EQ(audit.size(), cases.size());
  for (const AuditRow& entry : audit) EXPECT_EQ(entry.outcome, "UNAUTHENTICATED");
  // The revocation itself is audited under the administrator.
  std::vector<AuditRow> admin = AwaitAudit(store(), TokenPrincipal(market->tokens[Role::kAdmin]), 2, audit_before);
  EXPECT_TRUE(std::any_of(admin.begin(), admin.end(), [&](const AuditRow& e) {
    return e.object == absl::StrCat("token/", issued.token_id()) && e.outcome == "OK";
  }));

  SetLogSink(nullptr);
  // No secret of any token that was issued, used or forged reached the log.
  absl::MutexLock lock(&lines_mu);
  ASSERT_FALSE(lines.empty());
  for (const std::string& line : lines) {
    for (const std::string& token : {issued.token(), expired, forged, market->tokens[Role::kAdmin]}) {
      EXPECT_THAT(line, Not(HasSubstr(token.substr(21)))) << "secret of " << token.substr(0, 20) << " logged";
    }
  }
}

TEST_F(SecurityTest, ListTokensShowsNoSecretAndIssueTokenValidatesItsRequest) {
  v1::ListTokensResponse tokens;
  ASSERT_TRUE(stub().ListTokens(Context(market->tokens[Role::kAdmin]).get(), {}, &tokens).ok());
  ASSERT_GE(tokens.tokens_size(), 5);
  const std::string listed = tokens.SerializeAsString();
  for (const auto& [role, token] : market->tokens) {
    EXPECT_THAT(listed, Not(HasSubstr(token.substr(21)))) << RoleName(role);
  }
  v1::IssueTokenRequest request;
  request.set_role(v1::ROLE_PROVIDER);
  request.set_subject("no provider id");
  v1::IssueTokenResponse response;
  grpc::Status status = stub().IssueToken(Context(market->tokens[Role::kAdmin]).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("provider_id"));
  EXPECT_TRUE(response.token().empty());
}

TEST_F(SecurityTest, PlaintextToTheTlsPortFails) {
  auto plain = v1::OversightService::NewStub(
      grpc::CreateChannel(market->started.server->address(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  context.AddMetadata("authorization", absl::StrCat("Bearer ", market->tokens[Role::kRegulator]));
  v1::ListScenariosResponse response;
  grpc::Status status = plain->ListScenarios(&context, {}, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  EXPECT_EQ(response.scenarios_size(), 0);
}

// --- Mutual TLS ---------------------------------------------------------------------------

TEST(SecurityMutualTls, ClientCertificateNamesThePrincipalAndNoCertificateIsRefused) {
  StartedServer started = StartSecureServer(true, SecureAuthorizerOptions{});
  ASSERT_NE(started.server, nullptr);
  const std::string address = started.server->address();

  auto regulator = v1::OversightService::NewStub(TlsChannel(address, "regulator-dev"));
  v1::ListScenariosResponse scenarios;
  grpc::Status ok = regulator->ListScenarios(Context("").get(), {}, &scenarios);
  EXPECT_TRUE(ok.ok()) << ok.error_message();
  v1::ListTokensResponse tokens;
  EXPECT_EQ(regulator->ListTokens(Context("").get(), {}, &tokens).error_code(), grpc::StatusCode::PERMISSION_DENIED);

  // A provider certificate is scoped like a provider token.
  auto provider = v1::OversightService::NewStub(TlsChannel(address, "provider-P001"));
  v1::GetProviderRequest other;
  other.set_provider_id("P002");
  v1::ProviderView view;
  EXPECT_EQ(provider->GetProvider(Context("").get(), other, &view).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  v1::GetProviderRequest own;
  own.set_provider_id("P001");
  EXPECT_EQ(provider->GetProvider(Context("").get(), own, &view).error_code(), grpc::StatusCode::NOT_FOUND)
      << "allowed: its own id, not registered yet";

  // A CA-signed certificate whose CN names no role.
  auto nobody = v1::OversightService::NewStub(TlsChannel(address, "nobody"));
  EXPECT_EQ(nobody->ListScenarios(Context("").get(), {}, &scenarios).error_code(), grpc::StatusCode::UNAUTHENTICATED);

  // No client certificate: the handshake fails.
  auto anonymous = v1::OversightService::NewStub(TlsChannel(address));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  grpc::Status refused = anonymous->ListScenarios(&context, {}, &scenarios);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAVAILABLE) << refused.error_message();

  // A bearer token over a certificate connection names the caller.
  const std::string admin = Issue(*started.store, Role::kAdmin);
  EXPECT_TRUE(regulator->ListTokens(Context(admin).get(), {}, &tokens).ok());

  std::vector<AuditRow> audit = AwaitAudit(*started.store, "cert:regulator:dev", 2);
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].outcome, "OK");
  EXPECT_EQ(audit[1].outcome, "PERMISSION_DENIED");
  EXPECT_EQ(audit[1].role, RoleToWire(Role::kRegulator));
  EXPECT_EQ(AwaitAudit(*started.store, "cert:provider:P001", 2).size(), 2u);
  EXPECT_EQ(AwaitAudit(*started.store, std::string(kUnauthenticatedPrincipal), 1).size(), 1u)
      << "the certificate without a role";
}

// --- Limits -----------------------------------------------------------------------------

TEST(SecurityLimits, RequestRateAndMessageSizeArePerCallerLimits) {
  ServerConfig config;
  config.max_message_bytes = 8192;
  // 0.001/s: no token comes back during the test, so the count is exact.
  StartedServer started =
      StartSecureServer(false, SecureAuthorizerOptions{.requests_per_second = 0.001, .request_burst = 3}, config);
  ASSERT_NE(started.server, nullptr);
  auto stub = v1::OversightService::NewStub(TlsChannel(started.server->address()));
  const std::string first = Issue(*started.store, Role::kRegulator);
  const std::string second = Issue(*started.store, Role::kRegulator);
  v1::ListScenariosResponse response;
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(stub->ListScenarios(Context(first).get(), {}, &response).ok()) << i;
  }
  grpc::Status limited = stub->ListScenarios(Context(first).get(), {}, &response);
  EXPECT_EQ(limited.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << limited.error_message();
  EXPECT_TRUE(stub->ListScenarios(Context(second).get(), {}, &response).ok()) << "another caller is not limited";

  v1::SubmitRequest big;
  big.set_idempotency_key("big");
  big.mutable_record()->mutable_provider()->set_provider_id("P001");
  big.mutable_record()->mutable_provider()->set_name(std::string(20000, 'x'));
  v1::SubmitResponse submitted;
  EXPECT_EQ(stub->Submit(Context(second).get(), big, &submitted).error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST(SecurityLimits, OneCallerMayHoldOnlyItsShareOfAlertStreams) {
  ServerConfig config;
  config.max_streams_per_caller = 1;
  StartedServer started = StartSecureServer(false, SecureAuthorizerOptions{.requests_per_second = 0}, config);
  ASSERT_NE(started.server, nullptr);
  // One alert to receive, committed as scoring commits it.
  v1::Alert alert;
  alert.set_key("k1");
  alert.set_provider_id("P001");
  alert.set_kind(v1::ALERT_KIND_LEVERAGE_HIGH);
  alert.set_severity(v1::ALERT_SEVERITY_WARNING);
  alert.set_as_of(kAsOf);
  absl::StatusOr<AssessmentWriteResult> written = started.store->PutAssessment(
      AssessmentRow{.provider_id = "P001", .as_of = kAsOf, .rating = 2, .score = 1, .inputs_fingerprint = "fp"},
      {AlertRow{.alert_key = "k1", .provider_id = "P001", .severity = alert.severity(), .as_of = kAsOf,
                .payload = alert.SerializeAsString()}});
  ASSERT_TRUE(written.ok()) << written.status();

  auto stub = v1::OversightService::NewStub(TlsChannel(started.server->address()));
  const std::string token = Issue(*started.store, Role::kRegulator);
  auto first_context = Context(token);
  auto first = stub->SubscribeAlerts(first_context.get(), v1::SubscribeAlertsRequest());
  v1::Alert received;
  ASSERT_TRUE(first->Read(&received)) << "the first stream is admitted";
  auto second_context = Context(token);
  auto second = stub->SubscribeAlerts(second_context.get(), v1::SubscribeAlertsRequest());
  EXPECT_FALSE(second->Read(&received));
  EXPECT_EQ(second->Finish().error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  first_context->TryCancel();
  while (first->Read(&received)) {
  }
  first->Finish();
}

}  // namespace
}  // namespace oversight::server
