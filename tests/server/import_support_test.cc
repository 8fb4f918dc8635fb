// Issue #12's import support on both stores: the store methods behind the
// owner alias table and the unmatched-owner lists, and the six RPCs through
// a real in-process oversightd (development authorizer; the role matrix and
// scoping are in security_service_test.cc). Expected values are worked out
// by hand from the requests and from risk::NormaliseOwnerName's rules
// (risk/domain/owner_name.h).

#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "oversight/v1/oversight.grpc.pb.h"
#include "proto/codec/status_codec.h"
#include "server/auth/authorizer.h"
#include "server/auth/development_authorizer.h"
#include "server/service/oversight_server.h"
#include "server/store/store.h"
#include "tests/support/test_support.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;
using test_support::Backend;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

std::chrono::system_clock::time_point Generous() {
  return std::chrono::system_clock::now() + std::chrono::seconds(120);
}

// A provider record as the store holds it; the store does not interpret the
// payload, so any bytes do for store-level tests.
RecordWrite ProviderWrite(const std::string& provider_id) {
  return RecordWrite{.kind = RecordKind::kProvider,
                     .provider_id = provider_id,
                     .record_key = provider_id,
                     .payload = absl::StrCat("provider ", provider_id),
                     .idempotency_key = absl::StrCat("register-", provider_id),
                     .request_hash = absl::StrCat("hash-", provider_id)};
}

UnmatchedOwnerRow Unmatched(const std::string& normalised, const std::string& name, int settings,
                            std::vector<std::string> urns = {}) {
  return UnmatchedOwnerRow{.normalised_name = normalised,
                           .owner_name = name,
                           .settings = settings,
                           .urns = std::move(urns)};
}

std::vector<std::string> NormalisedNames(const std::vector<UnmatchedOwnerRow>& rows) {
  std::vector<std::string> names;
  for (const UnmatchedOwnerRow& row : rows) names.push_back(absl::StrCat(row.source, ":", row.normalised_name));
  return names;
}

// --- The store ------------------------------------------------------------------------

class OwnerTablesStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Store>> store = test_support::OpenFreshStore(GetParam());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    for (const char* id : {"P001", "P002"}) {
      absl::StatusOr<WriteResult> put = store_->PutRecord(ProviderWrite(id));
      ASSERT_TRUE(put.ok()) << put.status();
    }
  }

  std::vector<OwnerAliasRow> Aliases() {
    absl::StatusOr<std::vector<OwnerAliasRow>> aliases = store_->ListOwnerAliases();
    EXPECT_TRUE(aliases.ok()) << aliases.status();
    return aliases.ok() ? *aliases : std::vector<OwnerAliasRow>{};
  }

  std::vector<UnmatchedOwnerRow> UnmatchedOf(const std::string& source) {
    absl::StatusOr<std::vector<UnmatchedOwnerRow>> owners = store_->ListUnmatchedOwners(source);
    EXPECT_TRUE(owners.ok()) << owners.status();
    return owners.ok() ? *owners : std::vector<UnmatchedOwnerRow>{};
  }

  std::unique_ptr<Store> store_;
};

TEST_P(OwnerTablesStoreTest, AliasIsPutReplacedUnderItsKeyListedInKeyOrderAndDeleted) {
  absl::StatusOr<OwnerAliasRow> first = store_->PutOwnerAlias(
      {.normalised_name = "zeta care", .owner_name = "Zeta Care Ltd", .provider_id = "P001",
       .created_by = "token:a"});
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_FALSE(first->created_at.empty()) << "the store stamps created_at";
  ASSERT_TRUE(store_->PutOwnerAlias({.normalised_name = "acme care", .owner_name = "Acme Care Ltd",
                                     .provider_id = "P001", .created_by = "token:a",
                                     .created_at = "2026-11-01T10:00:00.000000Z"})
                  .ok());
  // The same key again: replaced, and the audit names who replaced it.
  ASSERT_TRUE(store_->PutOwnerAlias({.normalised_name = "acme care", .owner_name = "ACME CARE LIMITED",
                                     .provider_id = "P002", .created_by = "token:b",
                                     .created_at = "2026-11-02T10:00:00.000000Z"})
                  .ok());
  std::vector<OwnerAliasRow> aliases = Aliases();
  ASSERT_THAT(aliases, SizeIs(2));
  EXPECT_EQ(aliases[0].normalised_name, "acme care");
  EXPECT_EQ(aliases[0].owner_name, "ACME CARE LIMITED");
  EXPECT_EQ(aliases[0].provider_id, "P002");
  EXPECT_EQ(aliases[0].created_by, "token:b");
  EXPECT_EQ(aliases[0].created_at, "2026-11-02T10:00:00.000000Z");
  EXPECT_EQ(aliases[1].normalised_name, "zeta care");

  absl::StatusOr<bool> deleted = store_->DeleteOwnerAlias("acme care");
  ASSERT_TRUE(deleted.ok()) << deleted.status();
  EXPECT_TRUE(*deleted);
  deleted = store_->DeleteOwnerAlias("acme care");
  ASSERT_TRUE(deleted.ok()) << deleted.status();
  EXPECT_FALSE(*deleted) << "nothing left to delete";
  aliases = Aliases();
  ASSERT_THAT(aliases, SizeIs(1));
  EXPECT_EQ(aliases[0].normalised_name, "zeta care");
}

TEST_P(OwnerTablesStoreTest, AliasToAnUnknownProviderIsNotFoundAndStoresNothing) {
  ASSERT_TRUE(store_->PutOwnerAlias({.normalised_name = "acme care", .owner_name = "Acme Care",
                                     .provider_id = "P001", .created_by = "token:a"})
                  .ok());
  absl::StatusOr<OwnerAliasRow> put = store_->PutOwnerAlias(
      {.normalised_name = "acme care", .owner_name = "Acme Care", .provider_id = "P404",
       .created_by = "token:a"});
  EXPECT_TRUE(absl::IsNotFound(put.status())) << put.status();
  EXPECT_THAT(std::string(put.status().message()), ::testing::HasSubstr("P404"));
  std::vector<OwnerAliasRow> aliases = Aliases();
  ASSERT_THAT(aliases, SizeIs(1));
  EXPECT_EQ(aliases[0].provider_id, "P001") << "the earlier alias is untouched";
  for (OwnerAliasRow bad : {OwnerAliasRow{.owner_name = "x", .provider_id = "P001"},
                            OwnerAliasRow{.normalised_name = "x", .provider_id = "P001"},
                            OwnerAliasRow{.normalised_name = "x", .owner_name = "x"}}) {
    EXPECT_TRUE(absl::IsInvalidArgument(store_->PutOwnerAlias(bad).status()));
  }
  EXPECT_THAT(Aliases(), SizeIs(1));
}

TEST_P(OwnerTablesStoreTest, UnmatchedOwnersAreReplacedPerSourceAndListedBySettingsThenName) {
  UnmatchedOwnerRow ambiguous = Unmatched("bravo care", "Bravo Care Ltd", 3, {"SC1", "SC2", "1234567"});
  ambiguous.ambiguous = true;
  ambiguous.candidates = {"P001", "P002"};
  const std::vector<UnmatchedOwnerRow> march = {Unmatched("alpha care", "Alpha Care", 3), ambiguous,
                                                Unmatched("charlie homes", "Charlie Homes", 7)};
  absl::StatusOr<int> stored = store_->ReplaceUnmatchedOwners("ofsted-2026-03.csv", march);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(*stored, 3);
  stored = store_->ReplaceUnmatchedOwners("ofsted-2025-08.csv", {Unmatched("delta", "Delta", 5)});
  ASSERT_TRUE(stored.ok()) << stored.status();

  // Most settings first, then owner name, then source.
  EXPECT_THAT(NormalisedNames(UnmatchedOf("")),
              ElementsAre("ofsted-2026-03.csv:charlie homes", "ofsted-2025-08.csv:delta",
                          "ofsted-2026-03.csv:alpha care", "ofsted-2026-03.csv:bravo care"));
  std::vector<UnmatchedOwnerRow> listed = UnmatchedOf("ofsted-2026-03.csv");
  ASSERT_THAT(listed, SizeIs(3));
  const UnmatchedOwnerRow& bravo = listed[2];
  EXPECT_EQ(bravo.owner_name, "Bravo Care Ltd");
  EXPECT_TRUE(bravo.ambiguous);
  EXPECT_THAT(bravo.candidates, ElementsAre("P001", "P002"));
  EXPECT_THAT(bravo.urns, ElementsAre("SC1", "SC2", "1234567"));
  EXPECT_EQ(bravo.settings, 3);
  EXPECT_EQ(bravo.source, "ofsted-2026-03.csv");
  EXPECT_FALSE(bravo.seen_at.empty());
  EXPECT_FALSE(listed[0].ambiguous);
  EXPECT_THAT(listed[0].candidates, IsEmpty());

  // A new import of the March file replaces its list only.
  stored = store_->ReplaceUnmatchedOwners("ofsted-2026-03.csv", {Unmatched("echo", "Echo", 1)});
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_THAT(NormalisedNames(UnmatchedOf("")),
              ElementsAre("ofsted-2025-08.csv:delta", "ofsted-2026-03.csv:echo"));
  // An empty list clears the source.
  stored = store_->ReplaceUnmatchedOwners("ofsted-2026-03.csv", {});
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(*stored, 0);
  EXPECT_THAT(NormalisedNames(UnmatchedOf("")), ElementsAre("ofsted-2025-08.csv:delta"));
}

TEST_P(OwnerTablesStoreTest, RejectedReplacementLeavesTheSourceAsItWas) {
  ASSERT_TRUE(store_->ReplaceUnmatchedOwners("f.csv", {Unmatched("alpha", "Alpha", 2)}).ok());
  const std::vector<std::vector<UnmatchedOwnerRow>> bad = {
      {Unmatched("bravo", "Bravo", 1), Unmatched("bravo", "Bravo Ltd", 1)},  // key twice
      {Unmatched("bravo", "Bravo", 1), Unmatched("", "Charlie", 1)},
      {Unmatched("bravo", "Bravo", 1), Unmatched("charlie", "", 1)},
      {Unmatched("bravo", "Bravo", 1), Unmatched("charlie", "Charlie", -1)},
  };
  for (std::size_t i = 0; i < bad.size(); ++i) {
    absl::StatusOr<int> stored = store_->ReplaceUnmatchedOwners("f.csv", bad[i]);
    EXPECT_TRUE(absl::IsInvalidArgument(stored.status())) << "case " << i << ": " << stored.status();
    EXPECT_THAT(std::string(stored.status().message()), ::testing::HasSubstr("owners[1]")) << i;
    EXPECT_THAT(NormalisedNames(UnmatchedOf("f.csv")), ElementsAre("f.csv:alpha")) << "case " << i;
  }
  UnmatchedOwnerRow other_source = Unmatched("bravo", "Bravo", 1);
  other_source.source = "g.csv";
  EXPECT_TRUE(absl::IsInvalidArgument(store_->ReplaceUnmatchedOwners("f.csv", {other_source}).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(store_->ReplaceUnmatchedOwners("", {}).status()));
  EXPECT_THAT(NormalisedNames(UnmatchedOf("")), ElementsAre("f.csv:alpha"));
}

TEST_P(OwnerTablesStoreTest, ConcurrentReplacementsOfOneSourceSerialise) {
  // Two importers replacing the same file's list at once: every call
  // succeeds and the list is always one of the two, never a mixture (on
  // PostgreSQL the per-source advisory lock; on SQLite the single writer).
  const std::vector<UnmatchedOwnerRow> first = {Unmatched("a", "A", 1), Unmatched("b", "B", 1)};
  const std::vector<UnmatchedOwnerRow> second = {Unmatched("b", "B", 2), Unmatched("c", "C", 2),
                                                 Unmatched("d", "D", 2)};
  constexpr int kRounds = 25;
  absl::Status failures[2];
  auto replace = [&](int who, const std::vector<UnmatchedOwnerRow>& owners) {
    for (int i = 0; i < kRounds && failures[who].ok(); ++i) {
      absl::StatusOr<int> stored = store_->ReplaceUnmatchedOwners("f.csv", owners);
      if (!stored.ok()) failures[who] = stored.status();
    }
  };
  std::thread one(replace, 0, first);
  std::thread two(replace, 1, second);
  one.join();
  two.join();
  EXPECT_TRUE(failures[0].ok()) << failures[0];
  EXPECT_TRUE(failures[1].ok()) << failures[1];
  const std::vector<std::string> listed = NormalisedNames(UnmatchedOf("f.csv"));
  EXPECT_THAT(listed, ::testing::AnyOf(ElementsAre("f.csv:a", "f.csv:b"),
                                       ElementsAre("f.csv:b", "f.csv:c", "f.csv:d")));
}

TEST_P(OwnerTablesStoreTest, TablesSurviveReopening) {
  absl::StatusOr<std::string> url = test_support::FreshStoreUrl(GetParam());
  ASSERT_TRUE(url.ok()) << url.status();
  {
    absl::StatusOr<std::unique_ptr<Store>> store = OpenStore(*url);
    ASSERT_TRUE(store.ok()) << store.status();
    ASSERT_TRUE((*store)->PutRecord(ProviderWrite("P001")).ok());
    ASSERT_TRUE((*store)->PutOwnerAlias({.normalised_name = "acme", .owner_name = "Acme",
                                         .provider_id = "P001", .created_by = "t"})
                    .ok());
    ASSERT_TRUE((*store)->ReplaceUnmatchedOwners("f.csv", {Unmatched("zed", "Zed", 1)}).ok());
  }
  absl::StatusOr<std::unique_ptr<Store>> reopened = OpenStore(*url);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  absl::StatusOr<std::vector<OwnerAliasRow>> aliases = (*reopened)->ListOwnerAliases();
  ASSERT_TRUE(aliases.ok()) << aliases.status();
  EXPECT_THAT(*aliases, SizeIs(1));
  absl::StatusOr<std::vector<UnmatchedOwnerRow>> owners = (*reopened)->ListUnmatchedOwners("f.csv");
  ASSERT_TRUE(owners.ok()) << owners.status();
  EXPECT_THAT(*owners, SizeIs(1));
}

INSTANTIATE_TEST_SUITE_P(Backends, OwnerTablesStoreTest,
                         ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendTestName);

// --- The RPCs ---------------------------------------------------------------------------

std::vector<std::string> FieldsOf(const grpc::Status& status) {
  std::vector<std::string> fields;
  for (const risk::FieldViolation& v : codec::FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

std::string ReasonOf(const grpc::Status& status, const std::string& field) {
  for (const risk::FieldViolation& v : codec::FieldViolationsOf(status)) {
    if (v.field == field) return v.reason;
  }
  return "";
}

class ImportSupportServiceTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Store>> store = test_support::OpenFreshStore(GetParam());
    ASSERT_TRUE(store.ok()) << store.status();
    ServerConfig config;
    config.listen_address = "127.0.0.1:0";
    config.hub.notification_wait = absl::Milliseconds(200);
    absl::StatusOr<std::unique_ptr<OversightServer>> server = OversightServer::Start(
        *std::move(store), std::make_unique<DevelopmentAuthorizer>(), std::move(config));
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    stub_ = v1::OversightService::NewStub(
        grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
    // Registered out of id order, with a setting that is not a company.
    for (const char* id : {"P002", "P001"}) {
      Register(id, absl::StrCat("Provider ", id, " Ltd"), absl::StrCat("0000000", std::string(1, id[3])));
    }
    v1::SubmitRequest setting;
    setting.set_idempotency_key("setting-SC100001");
    v1::Setting* s = setting.mutable_record()->mutable_setting();
    s->set_urn("SC100001");
    s->set_provider_id("P001");
    s->set_name("Home One");
    s->set_type(v1::SETTING_TYPE_CHILDRENS_HOME);
    s->set_local_authority("Camden");
    s->set_region(v1::REGION_LONDON);
    s->set_registered_places(4);
    s->set_owner_name("Provider P001 Ltd");
    Submit(setting);
  }

  void Register(const std::string& id, const std::string& name, const std::string& number) {
    v1::SubmitRequest request;
    request.set_idempotency_key(absl::StrCat("register-", id));
    v1::Provider* provider = request.mutable_record()->mutable_provider();
    provider->set_provider_id(id);
    provider->set_name(name);
    provider->set_companies_house_number(number);
    provider->set_kind(v1::PROVIDER_KIND_CHILDRENS_HOMES);
    provider->set_ownership(v1::OWNERSHIP_PRIVATE_EQUITY);
    Submit(request);
  }

  void Submit(const v1::SubmitRequest& request) {
    grpc::ClientContext context;
    context.set_deadline(Generous());
    v1::SubmitResponse response;
    grpc::Status status = stub_->Submit(&context, request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  grpc::Status PutAlias(const std::string& owner_name, const std::string& provider_id,
                        v1::OwnerAlias* stored) {
    grpc::ClientContext context;
    context.set_deadline(Generous());
    v1::PutOwnerAliasRequest request;
    request.mutable_alias()->set_owner_name(owner_name);
    request.mutable_alias()->set_provider_id(provider_id);
    return stub_->PutOwnerAlias(&context, request, stored);
  }

  v1::ListOwnerAliasesResponse Aliases() {
    grpc::ClientContext context;
    context.set_deadline(Generous());
    v1::ListOwnerAliasesResponse response;
    grpc::Status status = stub_->ListOwnerAliases(&context, v1::ListOwnerAliasesRequest(), &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  grpc::Status Replace(const v1::ReplaceUnmatchedOwnersRequest& request, int* stored = nullptr) {
    grpc::ClientContext context;
    context.set_deadline(Generous());
    v1::ReplaceUnmatchedOwnersResponse response;
    grpc::Status status = stub_->ReplaceUnmatchedOwners(&context, request, &response);
    if (stored != nullptr) *stored = response.stored();
    return status;
  }

  v1::ListUnmatchedOwnersResponse Unmatched(const std::string& source) {
    grpc::ClientContext context;
    context.set_deadline(Generous());
    v1::ListUnmatchedOwnersRequest request;
    request.set_source(source);
    v1::ListUnmatchedOwnersResponse response;
    grpc::Status status = stub_->ListUnmatchedOwners(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  std::unique_ptr<OversightServer> server_;
  std::unique_ptr<v1::OversightService::Stub> stub_;
};

v1::UnmatchedOwner Owner(const std::string& name, int settings, std::vector<std::string> urns = {}) {
  v1::UnmatchedOwner owner;
  owner.set_owner_name(name);
  owner.set_settings(settings);
  for (const std::string& urn : urns) owner.add_urns(urn);
  return owner;
}

TEST_P(ImportSupportServiceTest, ListKnownCompaniesGivesEveryProviderRecordInIdOrder) {
  grpc::ClientContext context;
  context.set_deadline(Generous());
  v1::ListKnownCompaniesResponse response;
  grpc::Status status = stub_->ListKnownCompanies(&context, v1::ListKnownCompaniesRequest(), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.providers_size(), 2) << "the setting is not a company";
  EXPECT_EQ(response.providers(0).provider_id(), "P001");
  EXPECT_EQ(response.providers(0).companies_house_number(), "00000001");
  EXPECT_EQ(response.providers(0).name(), "Provider P001 Ltd");
  EXPECT_EQ(response.providers(0).provenance().version(), 1);
  EXPECT_EQ(response.providers(1).provider_id(), "P002");
  EXPECT_EQ(response.providers(1).companies_house_number(), "00000002");
}

TEST_P(ImportSupportServiceTest, AliasIsKeyedByTheNormalisedNameAndReplacedByAnotherSpelling) {
  v1::OwnerAlias stored;
  grpc::Status status = PutAlias("  Acme Children's Homes Ltd  ", "P001", &stored);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(stored.owner_name(), "Acme Children's Homes Ltd") << "trimmed";
  EXPECT_EQ(stored.provider_id(), "P001");
  EXPECT_EQ(stored.created_by(), "development") << "the server names the caller";
  EXPECT_FALSE(stored.created_at().empty());

  // "ACME CHILDRENS HOMES LIMITED" normalises to the same key
  // ("acme childrens homes"): the alias is replaced, not added.
  status = PutAlias("ACME CHILDRENS HOMES LIMITED", "P002", &stored);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::ListOwnerAliasesResponse aliases = Aliases();
  ASSERT_EQ(aliases.aliases_size(), 1);
  EXPECT_EQ(aliases.aliases(0).owner_name(), "ACME CHILDRENS HOMES LIMITED");
  EXPECT_EQ(aliases.aliases(0).provider_id(), "P002");

  ASSERT_TRUE(PutAlias("Zenith Care", "P001", &stored).ok());
  ASSERT_TRUE(PutAlias("Bright Futures", "P001", &stored).ok());
  aliases = Aliases();
  ASSERT_EQ(aliases.aliases_size(), 3);
  // By normalised name: "acme childrens homes" < "bright futures" < "zenith care".
  EXPECT_EQ(aliases.aliases(0).provider_id(), "P002");
  EXPECT_EQ(aliases.aliases(1).owner_name(), "Bright Futures");
  EXPECT_EQ(aliases.aliases(2).owner_name(), "Zenith Care");

  // Deleted by any spelling of the name.
  for (bool expected : {true, false}) {
    grpc::ClientContext context;
    context.set_deadline(Generous());
    v1::DeleteOwnerAliasRequest request;
    request.set_owner_name("The Acme Children’s Homes Ltd.");
    v1::DeleteOwnerAliasResponse response;
    status = stub_->DeleteOwnerAlias(&context, request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.deleted(), expected);
  }
  EXPECT_EQ(Aliases().aliases_size(), 2);
}

TEST_P(ImportSupportServiceTest, AliasToAnUnknownProviderIsRejectedAndNothingIsStored) {
  v1::OwnerAlias stored;
  grpc::Status status = PutAlias("Acme Care", "P404", &stored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_THAT(FieldsOf(status), ElementsAre("alias.provider_id"));
  EXPECT_EQ(ReasonOf(status, "alias.provider_id"), "unknown provider");
  EXPECT_EQ(Aliases().aliases_size(), 0);

  const std::vector<std::pair<std::string, std::string>> bad = {
      {"", "P001"}, {"   ", "P001"}, {std::string(301, 'a'), "P001"}, {"&", ""}};
  for (const auto& [name, provider] : bad) {
    status = PutAlias(name, provider, &stored);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << "'" << name << "'";
    EXPECT_THAT(FieldsOf(status), ::testing::Contains("alias.owner_name").Times(name == "&" ? 0 : 1))
        << "'" << name << "'";
  }
  status = PutAlias("Acme", "", &stored);
  EXPECT_THAT(FieldsOf(status), ElementsAre("alias.provider_id"));
  EXPECT_EQ(Aliases().aliases_size(), 0);
}

TEST_P(ImportSupportServiceTest, UnmatchedOwnersAreReplacedPerSourceWithServerKeysAndTimes) {
  v1::ReplaceUnmatchedOwnersRequest march;
  march.set_source("ofsted-2026-03.csv");
  *march.add_owners() = Owner("Bravo Care Ltd", 2, {"SC2", "SC3"});
  v1::UnmatchedOwner ambiguous = Owner("Alpha Homes", 2, {"SC4"});
  ambiguous.set_ambiguous(true);
  ambiguous.add_candidate_provider_ids("P001");
  ambiguous.add_candidate_provider_ids("P002");
  ambiguous.set_normalised_name("client value, ignored");
  *march.add_owners() = ambiguous;
  *march.add_owners() = Owner("Charlie Care", 9, {"SC5"});
  int stored = 0;
  grpc::Status status = Replace(march, &stored);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(stored, 3);

  v1::ReplaceUnmatchedOwnersRequest august;
  august.set_source("ofsted-2025-08.csv");
  *august.add_owners() = Owner("Delta Ltd", 5);
  ASSERT_TRUE(Replace(august).ok());

  v1::ListUnmatchedOwnersResponse listed = Unmatched("ofsted-2026-03.csv");
  ASSERT_EQ(listed.owners_size(), 3);
  // Settings descending, then owner name: Charlie (9), Alpha (2), Bravo (2).
  EXPECT_EQ(listed.owners(0).owner_name(), "Charlie Care");
  EXPECT_EQ(listed.owners(1).owner_name(), "Alpha Homes");
  EXPECT_EQ(listed.owners(2).owner_name(), "Bravo Care Ltd");
  EXPECT_EQ(listed.owners(1).normalised_name(), "alpha homes") << "the server's key";
  EXPECT_TRUE(listed.owners(1).ambiguous());
  EXPECT_THAT(listed.owners(1).candidate_provider_ids(), ElementsAre("P001", "P002"));
  EXPECT_EQ(listed.owners(2).normalised_name(), "bravo care");
  EXPECT_THAT(listed.owners(2).urns(), ElementsAre("SC2", "SC3"));
  EXPECT_EQ(listed.owners(2).source(), "ofsted-2026-03.csv");
  EXPECT_FALSE(listed.owners(2).seen_at().empty());
  EXPECT_EQ(Unmatched("").owners_size(), 4);

  // Re-importing March replaces March only; an empty list clears it.
  v1::ReplaceUnmatchedOwnersRequest again;
  again.set_source("ofsted-2026-03.csv");
  *again.add_owners() = Owner("Echo", 1);
  ASSERT_TRUE(Replace(again).ok());
  listed = Unmatched("");
  ASSERT_EQ(listed.owners_size(), 2);
  EXPECT_EQ(listed.owners(0).owner_name(), "Delta Ltd");
  EXPECT_EQ(listed.owners(1).owner_name(), "Echo");
  again.clear_owners();
  ASSERT_TRUE(Replace(again, &stored).ok());
  EXPECT_EQ(stored, 0);
  EXPECT_EQ(Unmatched("ofsted-2026-03.csv").owners_size(), 0);
  EXPECT_EQ(Unmatched("ofsted-2025-08.csv").owners_size(), 1);
}

TEST_P(ImportSupportServiceTest, InvalidReplacementNamesEveryBadFieldAndChangesNothing) {
  v1::ReplaceUnmatchedOwnersRequest first;
  first.set_source("f.csv");
  *first.add_owners() = Owner("Alpha", 1);
  ASSERT_TRUE(Replace(first).ok());

  v1::ReplaceUnmatchedOwnersRequest bad;
  bad.set_source("f.csv");
  *bad.add_owners() = Owner("Bravo", 1);                   // fine
  *bad.add_owners() = Owner("", 1);                        // owners[1].owner_name
  *bad.add_owners() = Owner("BRAVO LTD", 1);               // owners[2]: Bravo again once normalised
  *bad.add_owners() = Owner("Charlie", -1);                // owners[3].settings
  v1::UnmatchedOwner lonely = Owner("Delta", 1);
  lonely.set_ambiguous(true);
  lonely.add_candidate_provider_ids("P001");               // owners[4]: one candidate
  *bad.add_owners() = lonely;
  std::vector<std::string> many(21, "SC1");
  *bad.add_owners() = Owner("Echo", 21, many);             // owners[5].urns
  grpc::Status status = Replace(bad);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(FieldsOf(status),
              ElementsAre("owners[1].owner_name", "owners[2].owner_name", "owners[3].settings",
                          "owners[4].candidate_provider_ids", "owners[5].urns"));
  v1::ListUnmatchedOwnersResponse listed = Unmatched("f.csv");
  ASSERT_EQ(listed.owners_size(), 1);
  EXPECT_EQ(listed.owners(0).owner_name(), "Alpha");

  v1::ReplaceUnmatchedOwnersRequest no_source;
  *no_source.add_owners() = Owner("Bravo", 1);
  status = Replace(no_source);
  EXPECT_THAT(FieldsOf(status), ElementsAre("source"));
  EXPECT_EQ(Unmatched("").owners_size(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportSupportServiceTest,
                         ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendTestName);

// Every RPC of the service has exactly one Operation (so the role matrix
// and the audit trail name it), and every Operation is an RPC.
TEST(ImportSupportOperations, OperationTableMatchesTheServiceDescriptor) {
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
          "oversight.v1.OversightService");
  ASSERT_NE(service, nullptr);
  ASSERT_EQ(service->method_count(), kOperationCount);
  std::set<std::string> methods;
  for (int i = 0; i < service->method_count(); ++i) {
    methods.insert(absl::StrCat("/", service->full_name(), "/", service->method(i)->name()));
  }
  for (int op = 0; op < kOperationCount; ++op) {
    const Operation operation = static_cast<Operation>(op);
    EXPECT_TRUE(methods.contains(std::string(OperationMethod(operation))))
        << OperationMethod(operation) << " is not an RPC";
    EXPECT_EQ(OperationMethod(operation),
              absl::StrCat("/oversight.v1.OversightService/", OperationName(operation)));
  }
}

}  // namespace
}  // namespace oversight::server
