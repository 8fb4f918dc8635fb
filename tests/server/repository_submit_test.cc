// The repository on SQLite and PostgreSQL: validated submission (nothing
// reaches the store unless valid), provider registration, re-submission,
// idempotent replay, bulk batches, and reading records back as domain data.
#include <openssl/evp.h>

#include <cstdint>
#include <iterator>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "gtest/gtest.h"
#include "proto/codec/status_codec.h"
#include "server/repository/content_hash.h"
#include "server/repository/provider_loader.h"
#include "server/repository/record_identity.h"
#include "server/repository/submission.h"
#include "server/store/store_support.h"
#include "tests/server/codec_test_records.h"
#include "tests/support/test_support.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;
namespace rec = ::oversight::testing_records;
using test_support::Backend;
using ::testing::HasSubstr;

TEST(ContentHash, IsSha256OfLengthPrefixedParts) {
  // Independent values from Python's hashlib:
  //   sha256(b"").hexdigest()
  //   sha256(struct.pack(">Q", 3) + b"abc" + struct.pack(">Q", 0)).hexdigest()
  EXPECT_EQ(Sha256Hex({}), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex({"abc", ""}),
            "f5a934b5ab96157b46905e4dec48ff8175fe8926c36ec293b98c8fbd0886171b");
  EXPECT_NE(Sha256Hex({"ab", "c"}), Sha256Hex({"a", "bc"}));
}

// Both hashes run on a per-thread OpenSSL context and gather short pieces
// into one buffer (server/store/sha256.h). Independent computation: OpenSSL's
// one-shot EVP_Digest of the same bytes laid end to end (for Sha256Hex each
// part's 8-byte big-endian length, then the part), for parts around the
// 256-byte gathering buffer's edges, alternating the two hashes on one
// thread and on several threads at once.
std::string ReferenceHex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EXPECT_EQ(EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr), 1);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), length));
}
std::string LengthPrefixed(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) {
    std::uint64_t n = part.size();
    char size[8];
    for (int i = 7; i >= 0; --i, n >>= 8) size[i] = static_cast<char>(n & 0xff);
    out.append(size, 8);
    out += part;
  }
  return out;
}
void ExpectHashesMatchTheReference(int seed) {
  const std::size_t lengths[] = {0, 1, 7, 8, 100, 231, 239, 240, 247, 248, 249, 255, 256, 257, 600, 4096};
  std::uint32_t state = static_cast<std::uint32_t>(seed) * 2654435761u + 1;
  auto next = [&state] { return state = state * 1664525u + 1013904223u; };
  for (int round = 0; round < 60; ++round) {
    std::vector<std::string> parts(1 + next() % 5);
    for (std::string& part : parts) {
      part.resize(lengths[next() % std::size(lengths)]);
      for (char& c : part) c = static_cast<char>(next() >> 24);
    }
    std::vector<absl::string_view> views(parts.begin(), parts.end());
    ASSERT_EQ(Sha256Hex(views), ReferenceHex(LengthPrefixed(parts))) << "round " << round;
    ASSERT_EQ(store_internal::ContentHash(parts[0]), ReferenceHex(parts[0])) << "round " << round;
  }
}

TEST(ContentHash, EqualsOneShotDigestsAcrossTheGatheringBuffersEdges) {
  ExpectHashesMatchTheReference(1);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back([t] { ExpectHashesMatchTheReference(10 + t); });
  for (std::thread& thread : threads) thread.join();
}

// The canonical payload is what the stored content and request hashes cover,
// so its bytes must never change. Independent computation: protobuf's own
// deterministic serialisation into a growing string (how CanonicalPayload
// wrote it before it sized its buffer first), of the message the codec
// gives for the domain value, with the version cleared.
template <typename Proto>
void ExpectCanonicalBytes(const v1::SubmitRequest& request) {
  auto prepared = PrepareSubmission(request);
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  Proto proto = std::get<Proto>(std::visit(
      [](const auto& r) -> std::variant<v1::Provider, v1::Accounts, v1::RelatedPartyFlows,
                                        v1::DebtFacility, v1::Setting, v1::PlacementReturn,
                                        v1::EquityObservation> { return codec::ToProto(r); },
      prepared->record));
  proto.mutable_provenance()->clear_version();
  std::string expected;
  {
    google::protobuf::io::StringOutputStream stream(&expected);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    ASSERT_TRUE(proto.SerializeToCodedStream(&coded));
  }
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(prepared->write.payload, expected)
      << prepared->display_key << ": " << prepared->write.payload.size() << " bytes computed, "
      << expected.size() << " expected";
  EXPECT_EQ(CanonicalPayload(prepared->record), expected) << prepared->display_key;
}

TEST(RecordIdentity, CanonicalPayloadIsTheDeterministicSerialisationForEveryKind) {
  ExpectCanonicalBytes<v1::Provider>(rec::Submit(rec::Provider("P001"), "k"));
  ExpectCanonicalBytes<v1::Accounts>(rec::Submit(rec::Accounts("P001"), "k"));
  ExpectCanonicalBytes<v1::RelatedPartyFlows>(rec::Submit(rec::Flows("P001"), "k"));
  ExpectCanonicalBytes<v1::DebtFacility>(rec::Submit(rec::Facility("P001"), "k"));
  ExpectCanonicalBytes<v1::Setting>(rec::Submit(rec::Setting("P001"), "k"));
  ExpectCanonicalBytes<v1::PlacementReturn>(rec::Submit(rec::Placement("P001"), "k"));
  ExpectCanonicalBytes<v1::EquityObservation>(rec::Submit(rec::Equity("P001"), "k"));
}

TEST(RecordIdentity, KeysAndCanonicalPayloadIgnoreTheSubmittedVersion) {
  auto placement = PrepareSubmission(rec::Submit(rec::Placement("P001"), "k1"));
  ASSERT_TRUE(placement.ok()) << placement.status();
  EXPECT_EQ(placement->write.kind, RecordKind::kPlacement);
  EXPECT_EQ(placement->write.record_key, "2025-12-31/Leeds/childrens_home");
  EXPECT_EQ(placement->display_key, "placement/P001/2025-12-31/Leeds/childrens_home");

  v1::Accounts accounts = rec::Accounts("P001");
  auto first = PrepareSubmission(rec::Submit(accounts, "a"));
  accounts.mutable_provenance()->set_version(99);
  auto second = PrepareSubmission(rec::Submit(accounts, "b"));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->write.record_key, "2025-03-31");
  EXPECT_EQ(first->write.payload, second->write.payload);
  EXPECT_EQ(first->write.request_hash, second->write.request_hash);
  EXPECT_EQ(first->write.request_hash.size(), 64u);

  auto no_key = PrepareSubmission(rec::Submit(rec::Setting("P001"), ""));
  ASSERT_FALSE(no_key.ok());
  EXPECT_EQ(codec::FieldViolationsOf(codec::ToGrpcStatus(no_key.status()))[0].field,
            "idempotency_key");
}

class RepositoryTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto store = test_support::OpenFreshStore(GetParam());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }
  v1::SubmitResponse MustSubmit(const v1::SubmitRequest& request) {
    auto response = SubmitRecord(*store_, request);
    EXPECT_TRUE(response.ok()) << response.status();
    return response.ok() ? *response : v1::SubmitResponse();
  }
  std::size_t RecordCount() {
    auto all = store_->AllCurrentRecords();
    EXPECT_TRUE(all.ok()) << all.status();
    return all.ok() ? all->size() : 0;
  }
  std::unique_ptr<Store> store_;
};

TEST_P(RepositoryTest, SubmittedRecordsLoadBackAsDomainDataWithVersions) {
  MustSubmit(rec::Submit(rec::Provider("P001"), "p"));
  const v1::SubmitResponse accounts = MustSubmit(rec::Submit(rec::Accounts("P001"), "a"));
  EXPECT_EQ(accounts.outcome(), v1::SUBMIT_OUTCOME_STORED);
  EXPECT_EQ(accounts.record_key(), "accounts/P001/2025-03-31");
  EXPECT_EQ(accounts.version(), 1);
  MustSubmit(rec::Submit(rec::Flows("P001"), "f"));
  MustSubmit(rec::Submit(rec::Facility("P001"), "d"));
  MustSubmit(rec::Submit(rec::Setting("P001"), "s"));
  MustSubmit(rec::Submit(rec::Placement("P001"), "pl"));
  MustSubmit(rec::Submit(rec::Equity("P001"), "e"));

  auto data = LoadProviderData(*store_, "P001");
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_EQ(data->provider.name, "Acorn Care Ltd");
  EXPECT_EQ(data->provider.provenance.version, 1);
  ASSERT_EQ(data->accounts.size(), 1u);
  EXPECT_EQ(data->accounts[0].provenance.version, 1);
  EXPECT_EQ(data->accounts[0].provenance.source, "test/accounts.csv:2");
  EXPECT_EQ(*data->accounts[0].ebitda, 15e6);
  ASSERT_EQ(data->facilities.size(), 1u);
  EXPECT_EQ(*data->facilities[0].covenant.max_net_leverage, 7.4);
  EXPECT_EQ(data->related_party_flows.size(), 1u);
  EXPECT_EQ(data->settings.size(), 1u);
  EXPECT_EQ(data->placements.size(), 1u);
  EXPECT_EQ(data->equity_observations.size(), 1u);

  auto market = LoadMarket(*store_);
  ASSERT_TRUE(market.ok()) << market.status();
  ASSERT_EQ(market->size(), 1u);
  EXPECT_EQ(RecordVersions((*market)[0]).size(), 7u);
  EXPECT_EQ(absl::StatusCode::kNotFound, LoadProviderData(*store_, "P404").status().code());

  auto view = GetProviderView(*store_, "P001");
  ASSERT_TRUE(view.ok()) << view.status();
  EXPECT_EQ(view->accounts_periods(), 1);
  EXPECT_EQ(view->facilities(), 1);
  EXPECT_FALSE(view->has_latest_assessment());
}

// The market the nightly job scores without validating again
// (risk::MarketInputs::kAlreadyValidated) holds only records filed under
// the provider they name: one written behind the repository's back under
// another provider (P001's accounts filed under P002) fails P002's load
// with DATA_LOSS, and P001 still loads.
TEST_P(RepositoryTest, ARecordFiledUnderAnotherProviderFailsThatProvidersLoad) {
  MustSubmit(rec::Submit(rec::Provider("P001"), "p1"));
  v1::Provider second = rec::Provider("P002");
  MustSubmit(rec::Submit(second, "p2"));
  MustSubmit(rec::Submit(rec::Accounts("P001"), "a1"));
  RecordWrite misfiled;
  misfiled.kind = RecordKind::kAccounts;
  misfiled.provider_id = "P002";
  misfiled.record_key = "2025-03-31";
  misfiled.payload = rec::Accounts("P001").SerializeAsString();
  misfiled.idempotency_key = "behind-the-repository";
  misfiled.request_hash = "behind-the-repository";
  ASSERT_TRUE(store_->PutRecord(misfiled).ok());

  std::vector<risk::ScoringFailure> failures;
  auto market = LoadMarket(*store_, &failures);
  ASSERT_TRUE(market.ok()) << market.status();
  ASSERT_EQ(market->size(), 1u);
  EXPECT_EQ((*market)[0].provider.provider_id, "P001");
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].provider_id, "P002");
  EXPECT_EQ(failures[0].status.code(), absl::StatusCode::kDataLoss) << failures[0].status;
  EXPECT_THAT(std::string(failures[0].status.message()), ::testing::HasSubstr("names provider \"P001\""));
  EXPECT_EQ(LoadProviderData(*store_, "P002").status().code(), absl::StatusCode::kDataLoss);
}

// Issue #12: importers fill a missing prior period from comparatives but
// never replace the accounts filed for it, and an older filing arriving after
// a newer one (an amendment) does not replace it; the history is kept.
TEST_P(RepositoryTest, ComparativesFillOnlyAMissingPeriodAndOlderFilingsNeverReplaceNewer) {
  MustSubmit(rec::Submit(rec::Provider("P001"), "p"));
  v1::Accounts filed = rec::Accounts("P001");  // filed 2025-12-20 (the fixture)
  MustSubmit(rec::Submit(filed, "filed"));

  v1::Accounts comparatives = filed;
  comparatives.set_cash(1.0);
  comparatives.clear_filing_date();
  v1::SubmitRequest fill = rec::Submit(comparatives, "comparatives");
  fill.set_only_if_absent(true);
  const v1::SubmitResponse kept = MustSubmit(fill);
  EXPECT_EQ(kept.outcome(), v1::SUBMIT_OUTCOME_UNCHANGED);
  EXPECT_EQ(kept.version(), 1);

  v1::Accounts earlier_period = comparatives;
  earlier_period.mutable_period()->set_start("2023-04-01");
  earlier_period.mutable_period()->set_end("2024-03-31");
  v1::SubmitRequest fill_missing = rec::Submit(earlier_period, "comparatives-2024");
  fill_missing.set_only_if_absent(true);
  EXPECT_EQ(MustSubmit(fill_missing).outcome(), v1::SUBMIT_OUTCOME_STORED);

  v1::Accounts older_filing = filed;
  older_filing.set_cash(2.0e6);
  older_filing.set_filing_date("2025-11-01");
  const v1::SubmitResponse superseded = MustSubmit(rec::Submit(older_filing, "older"));
  EXPECT_EQ(superseded.outcome(), v1::SUBMIT_OUTCOME_SUPERSEDED);
  EXPECT_EQ(superseded.version(), 1);

  v1::Accounts amended = filed;
  amended.set_cash(2.5e6);
  amended.set_filing_date("2026-01-15");
  const v1::SubmitResponse replaced = MustSubmit(rec::Submit(amended, "amended"));
  EXPECT_EQ(replaced.outcome(), v1::SUBMIT_OUTCOME_STORED);
  EXPECT_EQ(replaced.version(), 2);

  // The same rules hold in a bulk batch.
  std::vector<v1::SubmitRequest> batch = {rec::Submit(older_filing, "bulk-older"), fill};
  auto bulk = SubmitRecords(*store_, batch);
  ASSERT_TRUE(bulk.ok()) << bulk.status();
  EXPECT_EQ(bulk->stored(), 0);
  EXPECT_EQ(bulk->unchanged(), 2);
  EXPECT_EQ(bulk->results(0).result().outcome(), v1::SUBMIT_OUTCOME_SUPERSEDED);
  EXPECT_EQ(bulk->results(1).result().outcome(), v1::SUBMIT_OUTCOME_UNCHANGED);
}

TEST_P(RepositoryTest, ResubmissionIsUnchangedAndAChangeIsANewVersion) {
  MustSubmit(rec::Submit(rec::Provider("P001"), "p"));
  MustSubmit(rec::Submit(rec::Accounts("P001"), "a1"));
  const v1::SubmitResponse again = MustSubmit(rec::Submit(rec::Accounts("P001"), "a2"));
  EXPECT_EQ(again.outcome(), v1::SUBMIT_OUTCOME_UNCHANGED);
  EXPECT_EQ(again.version(), 1);

  v1::Accounts restated = rec::Accounts("P001");
  restated.set_cash(3.5e6);
  const v1::SubmitResponse changed = MustSubmit(rec::Submit(restated, "a3"));
  EXPECT_EQ(changed.outcome(), v1::SUBMIT_OUTCOME_STORED);
  EXPECT_EQ(changed.version(), 2);
  auto data = LoadProviderData(*store_, "P001");
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_EQ(data->accounts.size(), 1u);
  EXPECT_EQ(data->accounts[0].provenance.version, 2);
  EXPECT_EQ(*data->accounts[0].cash, 3.5e6);
}

TEST_P(RepositoryTest, IdempotentReplayAndKeyReuse) {
  MustSubmit(rec::Submit(rec::Provider("P001"), "p"));
  const v1::SubmitResponse first = MustSubmit(rec::Submit(rec::Setting("P001"), "key-1"));
  const v1::SubmitResponse replay = MustSubmit(rec::Submit(rec::Setting("P001"), "key-1"));
  EXPECT_EQ(replay.outcome(), first.outcome());
  EXPECT_EQ(replay.version(), first.version());

  v1::Setting other = rec::Setting("P001");
  other.set_registered_places(6);
  auto reused = SubmitRecord(*store_, rec::Submit(other, "key-1"));
  EXPECT_EQ(reused.status().code(), absl::StatusCode::kAlreadyExists) << reused.status();
  auto history = store_->RecordHistory(RecordKind::kSetting, "P001", "SC123456");
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 1u);
}

TEST_P(RepositoryTest, RejectedRecordLeavesTheStoreUnchanged) {
  MustSubmit(rec::Submit(rec::Provider("P001"), "p"));
  const std::size_t before = RecordCount();

  v1::Accounts bad = rec::Accounts("P001");
  bad.mutable_period()->set_end("2025-02-30");
  bad.set_net_assets(1);  // does not balance
  auto rejected = SubmitRecord(*store_, rec::Submit(bad, "bad"));
  ASSERT_EQ(rejected.status().code(), absl::StatusCode::kInvalidArgument);
  const auto violations = codec::FieldViolationsOf(codec::ToGrpcStatus(rejected.status()));
  std::vector<std::string> fields;
  for (const auto& v : violations) fields.push_back(v.field);
  EXPECT_THAT(fields, ::testing::IsSupersetOf({"accounts.period.end", "accounts.net_assets"}));

  auto unregistered = SubmitRecord(*store_, rec::Submit(rec::Accounts("P009"), "p9"));
  EXPECT_EQ(unregistered.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(unregistered.status().message(),
            "provider P009 is not registered: submit the provider first");
  EXPECT_EQ(RecordCount(), before);
}

TEST_P(RepositoryTest, BulkBatchRegistersProvidersOnlyForLaterRecords) {
  v1::Setting invalid = rec::Setting("P009", "not-a-urn");
  const std::vector<v1::SubmitRequest> batch = {
      rec::Submit(rec::Accounts("P009"), "b0"),          // before its provider: rejected
      rec::Submit(rec::Provider("P009"), "b1"),          // registers P009
      rec::Submit(rec::Setting("P009"), "b2"),           // stored
      rec::Submit(invalid, "b3"),                        // invalid: rejected with details
      rec::Submit(rec::Placement("P010"), "b4"),         // unknown provider: rejected
      rec::Submit(rec::Placement("P009"), "b5"),         // stored
  };
  auto response = SubmitRecords(*store_, batch);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->stored(), 3);
  EXPECT_EQ(response->unchanged(), 0);
  EXPECT_EQ(response->rejected(), 3);
  ASSERT_EQ(response->results_size(), 6);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(response->results(i).index(), i);
  EXPECT_EQ(response->results(0).error().code(), static_cast<int>(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(response->results(1).result().record_key(), "provider/P009/P009");
  EXPECT_EQ(response->results(2).result().outcome(), v1::SUBMIT_OUTCOME_STORED);
  EXPECT_EQ(response->results(3).error().code(), static_cast<int>(absl::StatusCode::kInvalidArgument));
  const auto violations = codec::FieldViolationsOf(response->results(3).error());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "setting.urn");
  EXPECT_THAT(response->results(4).error().message(), HasSubstr("P010 is not registered"));
  EXPECT_EQ(response->results(5).result().outcome(), v1::SUBMIT_OUTCOME_STORED);

  auto data = LoadProviderData(*store_, "P009");
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_TRUE(data->accounts.empty());
  EXPECT_EQ(data->settings.size(), 1u);
  EXPECT_EQ(data->placements.size(), 1u);

  // Replaying the batch (without the record that now would be accepted):
  // the first answers again, nothing new stored.
  const std::vector<v1::SubmitRequest> again(batch.begin() + 1, batch.end());
  auto replay = SubmitRecords(*store_, again);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(replay->stored(), 3);  // replayed results are the first results
  EXPECT_EQ(replay->rejected(), 2);
  EXPECT_EQ(RecordCount(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Backends, RepositoryTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendTestName);

}  // namespace
}  // namespace oversight::server
