// Bulk ingest in one transaction (issue #9): a BulkSubmit batch is one
// PutRecords call, and the store itself refuses a record whose provider is
// not registered (RecordWrite::requires_provider), counting the provider
// records written earlier in the same batch. These cases pin the semantics
// the single commit must keep, on SQLite and PostgreSQL: a record after its
// accepted provider record is stored, one after a refused provider record
// (or ahead of it) is refused and leaves nothing behind.
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/repository/submission.h"
#include "server/store/store.h"
#include "tests/server/codec_test_records.h"
#include "tests/support/test_support.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;
namespace rec = ::oversight::testing_records;
using test_support::Backend;

constexpr char kNotRegistered[] = "provider P1 is not registered: submit the provider first";

RecordWrite Write(RecordKind kind, std::string provider, std::string key, std::string payload,
                  std::string idempotency_key, bool requires_provider) {
  RecordWrite w;
  w.kind = kind;
  w.provider_id = std::move(provider);
  w.record_key = std::move(key);
  w.payload = std::move(payload);
  w.request_hash = absl::StrCat("hash-of-", w.payload, "-", idempotency_key);
  w.idempotency_key = std::move(idempotency_key);
  w.requires_provider = requires_provider;
  return w;
}

class BulkIngestTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto store = test_support::OpenFreshStore(GetParam());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }
  std::size_t RecordCount() {
    auto all = store_->AllCurrentRecords();
    EXPECT_TRUE(all.ok()) << all.status();
    return all.ok() ? all->size() : 0;
  }
  std::unique_ptr<Store> store_;
};

TEST_P(BulkIngestTest, StoreRefusesARecordOfAnUnregisteredProvider) {
  auto refused = store_->PutRecord(Write(RecordKind::kFacility, "P1", "F1", "f", "k1", true));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition) << refused.status();
  EXPECT_EQ(refused.status().message(), kNotRegistered);
  EXPECT_EQ(RecordCount(), 0u);
  // The key was not consumed: once the provider exists, the same key writes.
  ASSERT_TRUE(store_->PutRecord(Write(RecordKind::kProvider, "P1", "P1", "p", "kp", false)).ok());
  auto stored = store_->PutRecord(Write(RecordKind::kFacility, "P1", "F1", "f", "k1", true));
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->outcome, WriteOutcome::kStored);
  EXPECT_EQ(stored->version, 1);
  EXPECT_EQ(RecordCount(), 2u);
}

TEST_P(BulkIngestTest, StoreCountsProviderRecordsEarlierInTheBatchOnly) {
  const std::vector<RecordWrite> batch = {
      Write(RecordKind::kFacility, "P1", "F0", "f0", "b0", true),   // ahead of its provider
      Write(RecordKind::kProvider, "P1", "P1", "p", "b1", false),   // registers P1
      Write(RecordKind::kFacility, "P1", "F1", "f1", "b2", true),   // stored
      Write(RecordKind::kSetting, "P2", "S1", "s", "b3", true),     // P2 never registered
  };
  auto results = store_->PutRecords(batch);
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_EQ(results->size(), 4u);
  EXPECT_EQ((*results)[0].status().code(), absl::StatusCode::kFailedPrecondition)
      << (*results)[0].status();
  EXPECT_TRUE((*results)[1].ok()) << (*results)[1].status();
  EXPECT_TRUE((*results)[2].ok()) << (*results)[2].status();
  EXPECT_EQ((*results)[3].status().message(),
            "provider P2 is not registered: submit the provider first");
  auto p1 = store_->CurrentRecords("P1");
  ASSERT_TRUE(p1.ok()) << p1.status();
  ASSERT_EQ(p1->size(), 2u);
  EXPECT_EQ(RecordCount(), 2u);
}

TEST_P(BulkIngestTest, ARecordAfterARefusedProviderRecordIsRefused) {
  // Key "kp" is taken by another request: the batch's provider record with
  // that key is ALREADY_EXISTS, so P1 is not registered by it.
  ASSERT_TRUE(store_->PutRecord(Write(RecordKind::kProvider, "P0", "P0", "p0", "kp", false)).ok());
  const std::vector<RecordWrite> batch = {
      Write(RecordKind::kProvider, "P1", "P1", "p1", "kp", false),
      Write(RecordKind::kFacility, "P1", "F1", "f1", "b1", true),
  };
  auto results = store_->PutRecords(batch);
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_EQ(results->size(), 2u);
  EXPECT_EQ((*results)[0].status().code(), absl::StatusCode::kAlreadyExists) << (*results)[0].status();
  EXPECT_EQ((*results)[1].status().code(), absl::StatusCode::kFailedPrecondition)
      << (*results)[1].status();
  EXPECT_EQ((*results)[1].status().message(), kNotRegistered);
  auto p1 = store_->CurrentRecords("P1");
  ASSERT_TRUE(p1.ok()) << p1.status();
  EXPECT_TRUE(p1->empty()) << p1->size() << " records of P1 stored";
}

TEST_P(BulkIngestTest, RepositoryBatchRefusesRecordsAfterARefusedProviderRecord) {
  // The first provider record takes key "reg"; the batch reuses it for P002
  // with another payload, so P002's registration is refused and so are its
  // records, while P001's records, registered before, are stored.
  const v1::SubmitRequest first = rec::Submit(rec::Provider("P001"), "reg");
  ASSERT_TRUE(SubmitRecord(*store_, first).ok());
  const std::vector<v1::SubmitRequest> batch = {
      rec::Submit(rec::Provider("P002"), "reg"),    // key reuse: ALREADY_EXISTS
      rec::Submit(rec::Setting("P002"), "s2"),      // provider refused: refused
      rec::Submit(rec::Setting("P001"), "s1"),      // registered before: stored
      rec::Submit(rec::Placement("P001"), "pl1"),   // stored
  };
  auto response = SubmitRecords(*store_, batch);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->stored(), 2);
  EXPECT_EQ(response->rejected(), 2);
  ASSERT_EQ(response->results_size(), 4);
  EXPECT_EQ(response->results(0).error().code(), static_cast<int>(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(response->results(1).error().code(), static_cast<int>(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(response->results(1).error().message(),
            "provider P002 is not registered: submit the provider first");
  EXPECT_EQ(response->results(2).result().outcome(), v1::SUBMIT_OUTCOME_STORED);
  EXPECT_EQ(response->results(3).result().outcome(), v1::SUBMIT_OUTCOME_STORED);
  auto p2 = store_->CurrentRecords("P002");
  ASSERT_TRUE(p2.ok()) << p2.status();
  EXPECT_TRUE(p2->empty());
  EXPECT_EQ(RecordCount(), 3u);  // P001's provider, setting and placement
}

TEST_P(BulkIngestTest, ALargeBatchOfNewProvidersIsStoredWhole) {
  // The benchmark's shape: each provider followed by its records, many
  // providers per batch, none registered before.
  std::vector<v1::SubmitRequest> batch;
  for (int p = 0; p < 40; ++p) {
    const std::string id = absl::StrCat("P", 100 + p);
    batch.push_back(rec::Submit(rec::Provider(id), absl::StrCat("p-", id)));
    batch.push_back(rec::Submit(rec::Accounts(id), absl::StrCat("a-", id)));
    batch.push_back(rec::Submit(rec::Setting(id), absl::StrCat("s-", id)));
  }
  auto response = SubmitRecords(*store_, batch);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->stored(), 120);
  EXPECT_EQ(response->rejected(), 0);
  EXPECT_EQ(RecordCount(), 120u);
  // Again: every record answers from the idempotency table, nothing new.
  auto again = SubmitRecords(*store_, batch);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->rejected(), 0);
  EXPECT_EQ(RecordCount(), 120u);
}

TEST_P(BulkIngestTest, ConcurrentBatchesEachGetTheirOwnResults) {
  // SQLite commits concurrent callers' batches together (group commit):
  // each caller must still get exactly its own results, in its own order,
  // and every record must be stored once.
  constexpr int kThreads = 6;
  constexpr int kBatches = 10;
  constexpr int kProvidersPerBatch = 5;
  std::vector<std::vector<std::string>> failures(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int b = 0; b < kBatches; ++b) {
        std::vector<RecordWrite> batch;
        for (int p = 0; p < kProvidersPerBatch; ++p) {
          const std::string id = absl::StrCat("T", t, "B", b, "P", p);
          batch.push_back(Write(RecordKind::kProvider, id, id, "p", absl::StrCat("p-", id), false));
          batch.push_back(Write(RecordKind::kFacility, id, "F1", id, absl::StrCat("f-", id), true));
        }
        // A record of a provider no batch registers: refused in every batch.
        batch.push_back(Write(RecordKind::kSetting, "NOBODY", "S1", "s",
                              absl::StrCat("n-", t, "-", b), true));
        auto results = store_->PutRecords(batch);
        if (!results.ok()) {
          failures[t].push_back(results.status().ToString());
          continue;
        }
        if (results->size() != batch.size()) {
          failures[t].push_back(absl::StrCat("batch ", b, ": ", results->size(), " results for ",
                                             batch.size(), " writes"));
          continue;
        }
        for (std::size_t i = 0; i + 1 < batch.size(); ++i) {
          if (!(*results)[i].ok() || (*results)[i]->version != 1 ||
              (*results)[i]->outcome != WriteOutcome::kStored) {
            failures[t].push_back(absl::StrCat("batch ", b, " write ", i, ": ",
                                               (*results)[i].status().ToString()));
          }
        }
        if (results->back().status().code() != absl::StatusCode::kFailedPrecondition) {
          failures[t].push_back(absl::StrCat("batch ", b, " NOBODY: ", results->back().status().ToString()));
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_TRUE(failures[t].empty()) << "thread " << t << ": " << failures[t].front();
  EXPECT_EQ(RecordCount(), static_cast<std::size_t>(kThreads * kBatches * kProvidersPerBatch * 2));
  auto one = store_->CurrentRecords("T3B7P2");
  ASSERT_TRUE(one.ok()) << one.status();
  ASSERT_EQ(one->size(), 2u);
  EXPECT_EQ((*one)[0].kind == RecordKind::kFacility ? (*one)[0].payload : (*one)[1].payload, "T3B7P2");
}

// One batch that writes some records several times (new, changed, equal
// again), records that existed before it (changed twice, then equal), and
// more rows than one multi-row statement holds (the SQLite store writes a
// group's versions and heads at its end, kRowsPerInsert rows a statement).
// Independent computation: the same writes one PutRecord at a time on a
// second fresh store; results, current records and histories must match.
TEST_P(BulkIngestTest, OneBatchEqualsTheSameWritesOneByOne) {
  auto sequential = test_support::OpenFreshStore(GetParam());
  ASSERT_TRUE(sequential.ok()) << sequential.status();
  const std::vector<RecordWrite> before = {
      Write(RecordKind::kProvider, "P1", "P1", "p", "before-p", false),
      Write(RecordKind::kFacility, "P1", "OLD", "old", "before-f", true),
  };
  std::vector<RecordWrite> batch;
  for (int i = 0; i < 70; ++i) {
    batch.push_back(Write(RecordKind::kFacility, "P1", absl::StrCat("F", i), absl::StrCat("f", i),
                          absl::StrCat("new-", i), true));
  }
  batch.push_back(Write(RecordKind::kFacility, "P1", "F5", "f5 v2", "f5-v2", true));   // version 2
  batch.push_back(Write(RecordKind::kFacility, "P1", "F5", "f5 v2", "f5-again", true)); // unchanged
  batch.push_back(Write(RecordKind::kFacility, "P1", "F6", "f6", "f6-again", true));    // unchanged
  batch.push_back(Write(RecordKind::kFacility, "P1", "OLD", "new", "old-v2", true));    // version 2
  batch.push_back(Write(RecordKind::kFacility, "P1", "OLD", "newer", "old-v3", true));  // version 3
  batch.push_back(Write(RecordKind::kFacility, "P1", "OLD", "newer", "old-same", true));
  batch.push_back(Write(RecordKind::kFacility, "P1", "F7", "f7 v2", "new-7", true));   // key reused
  batch.push_back(Write(RecordKind::kSetting, "P2", "S1", "s", "unregistered", true)); // refused
  for (const RecordWrite& w : before) {
    ASSERT_TRUE(store_->PutRecord(w).ok());
    ASSERT_TRUE((*sequential)->PutRecord(w).ok());
  }

  auto together = store_->PutRecords(batch);
  ASSERT_TRUE(together.ok()) << together.status();
  ASSERT_EQ(together->size(), batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    auto alone = (*sequential)->PutRecord(batch[i]);
    const auto& got = (*together)[i];
    ASSERT_EQ(got.ok(), alone.ok()) << "write " << i << " (" << batch[i].idempotency_key
                                    << "): batch " << got.status() << ", alone " << alone.status();
    if (!alone.ok()) {
      EXPECT_EQ(got.status().code(), alone.status().code()) << "write " << i;
      continue;
    }
    EXPECT_EQ(got->outcome, alone->outcome) << "write " << i << " (" << batch[i].idempotency_key << ")";
    EXPECT_EQ(got->version, alone->version) << "write " << i << " (" << batch[i].idempotency_key << ")";
    EXPECT_EQ(got->replayed, alone->replayed) << "write " << i;
  }
  // The expected figures of a few, from the comments above.
  EXPECT_EQ((*together)[70]->version, 2);
  EXPECT_EQ((*together)[71]->outcome, WriteOutcome::kUnchanged);
  EXPECT_EQ((*together)[74]->version, 3);
  EXPECT_EQ((*together)[76].status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ((*together)[77].status().code(), absl::StatusCode::kFailedPrecondition);

  auto mine = store_->CurrentRecords("P1");
  auto theirs = (*sequential)->CurrentRecords("P1");
  ASSERT_TRUE(mine.ok() && theirs.ok());
  ASSERT_EQ(mine->size(), theirs->size());
  ASSERT_EQ(mine->size(), 72u);  // the provider, OLD and F0..F69
  for (std::size_t i = 0; i < mine->size(); ++i) {
    EXPECT_EQ((*mine)[i].record_key, (*theirs)[i].record_key);
    EXPECT_EQ((*mine)[i].version, (*theirs)[i].version) << (*mine)[i].record_key;
    EXPECT_EQ((*mine)[i].payload, (*theirs)[i].payload) << (*mine)[i].record_key;
  }
  for (const char* key : {"F5", "OLD", "F6"}) {
    auto a = store_->RecordHistory(RecordKind::kFacility, "P1", key);
    auto b = (*sequential)->RecordHistory(RecordKind::kFacility, "P1", key);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->size(), b->size()) << key;
    for (std::size_t v = 0; v < a->size(); ++v) {
      EXPECT_EQ((*a)[v].version, (*b)[v].version) << key;
      EXPECT_EQ((*a)[v].payload, (*b)[v].payload) << key;
    }
  }
  // And the batch is replayed whole from its idempotency keys.
  auto replay = store_->PutRecords(batch);
  ASSERT_TRUE(replay.ok()) << replay.status();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (!(*together)[i].ok()) continue;
    ASSERT_TRUE((*replay)[i].ok()) << "write " << i << ": " << (*replay)[i].status();
    EXPECT_TRUE((*replay)[i]->replayed) << "write " << i;
    EXPECT_EQ((*replay)[i]->version, (*together)[i]->version) << "write " << i;
  }
}

// Writes `before` one by one on both stores, then `batch` as one PutRecords
// on store_ and one PutRecord at a time on `sequential`: every result and
// every provider's current records and histories must match. Then the batch
// again, which must replay (or refuse) exactly as the same writes one by one.
// `first`: the batch's results, the first time.
void ExpectBatchEqualsOneByOne(Store& store, Store& sequential, const std::vector<RecordWrite>& before,
                               const std::vector<RecordWrite>& batch,
                               std::vector<absl::StatusOr<WriteResult>>& first) {
  for (const RecordWrite& w : before) {
    auto a = store.PutRecord(w);
    auto b = sequential.PutRecord(w);
    ASSERT_EQ(a.ok(), b.ok()) << w.idempotency_key << ": " << a.status() << " / " << b.status();
  }
  for (int round = 0; round < 2; ++round) {
    auto together = store.PutRecords(batch);
    ASSERT_TRUE(together.ok()) << together.status();
    ASSERT_EQ(together->size(), batch.size());
    if (round == 0) first = *together;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      auto alone = sequential.PutRecord(batch[i]);
      const auto& got = (*together)[i];
      ASSERT_EQ(got.ok(), alone.ok()) << "round " << round << " write " << i << " ("
                                      << batch[i].idempotency_key << "): batch " << got.status()
                                      << ", alone " << alone.status();
      if (!alone.ok()) {
        EXPECT_EQ(got.status().code(), alone.status().code()) << "round " << round << " write " << i;
        EXPECT_EQ(got.status().message(), alone.status().message()) << "round " << round << " write " << i;
        continue;
      }
      EXPECT_EQ(got->outcome, alone->outcome) << "round " << round << " write " << i;
      EXPECT_EQ(got->version, alone->version) << "round " << round << " write " << i;
      EXPECT_EQ(got->replayed, alone->replayed) << "round " << round << " write " << i;
    }
  }
  absl::flat_hash_set<std::string> providers;
  for (const RecordWrite& w : before) providers.insert(w.provider_id);
  for (const RecordWrite& w : batch) providers.insert(w.provider_id);
  for (const std::string& provider : providers) {
    auto mine = store.CurrentRecords(provider);
    auto theirs = sequential.CurrentRecords(provider);
    ASSERT_TRUE(mine.ok() && theirs.ok()) << provider;
    ASSERT_EQ(mine->size(), theirs->size()) << provider;
    for (std::size_t i = 0; i < mine->size(); ++i) {
      const StoredRecord& m = (*mine)[i];
      const StoredRecord& t = (*theirs)[i];
      EXPECT_EQ(m.kind, t.kind) << provider;
      EXPECT_EQ(m.record_key, t.record_key) << provider;
      EXPECT_EQ(m.version, t.version) << provider << "/" << m.record_key;
      EXPECT_EQ(m.payload, t.payload) << provider << "/" << m.record_key;
      auto a = store.RecordHistory(m.kind, provider, m.record_key);
      auto b = sequential.RecordHistory(m.kind, provider, m.record_key);
      ASSERT_TRUE(a.ok() && b.ok());
      ASSERT_EQ(a->size(), b->size()) << provider << "/" << m.record_key;
      for (std::size_t v = 0; v < a->size(); ++v) {
        EXPECT_EQ((*a)[v].version, (*b)[v].version);
        EXPECT_EQ((*a)[v].payload, (*b)[v].payload) << provider << "/" << m.record_key;
      }
    }
  }
}

// The SQLite store's first attempt at a group takes every idempotency key to
// be new (written a few per statement at the group's end) and looks up no
// head for a provider that had no record before the group. These batches
// keep to that attempt (new providers with and without records before,
// more keys than one multi-row statement holds) or leave it (a key used
// before the batch, among many; a key used twice in the batch; a used key
// of an unregistered provider): each must equal the writes one by one.
class HeldKeysTest : public BulkIngestTest {
 protected:
  // The batch's first results, for the figures each test states itself.
  std::vector<absl::StatusOr<WriteResult>> Check(const std::vector<RecordWrite>& before,
                                                 const std::vector<RecordWrite>& batch) {
    std::vector<absl::StatusOr<WriteResult>> first;
    auto sequential = test_support::OpenFreshStore(GetParam());
    EXPECT_TRUE(sequential.ok()) << sequential.status();
    if (sequential.ok()) ExpectBatchEqualsOneByOne(*store_, **sequential, before, batch, first);
    if (first.size() != batch.size()) {
      ADD_FAILURE() << "no results";
      first.assign(batch.size(), absl::UnknownError("no result"));
    }
    return first;
  }
  static void ExpectStored(const absl::StatusOr<WriteResult>& r, std::int64_t version) {
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->outcome, WriteOutcome::kStored);
    EXPECT_EQ(r->version, version);
    EXPECT_FALSE(r->replayed);
  }
  // A key's first request sent again replays its version 1.
  static void ExpectReplayedFirstVersion(const absl::StatusOr<WriteResult>& r) {
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_TRUE(r->replayed);
    EXPECT_EQ(r->version, 1);
  }
  // A new provider and `n` facilities of it, keys prefixed with `tag`.
  static void AddProvider(std::vector<RecordWrite>& batch, const std::string& id, int n,
                          const std::string& tag) {
    batch.push_back(Write(RecordKind::kProvider, id, id, "p-" + id, tag + id, false));
    for (int i = 0; i < n; ++i) {
      batch.push_back(Write(RecordKind::kFacility, id, absl::StrCat("F", i),
                            absl::StrCat("f", i, "-", id), absl::StrCat(tag, id, "/", i), true));
    }
  }
};

TEST_P(HeldKeysTest, NewAndKnownProvidersWithoutAUsedKey) {
  const std::vector<RecordWrite> before = {
      Write(RecordKind::kProvider, "K1", "K1", "p-K1", "before-p", false),
      Write(RecordKind::kFacility, "K1", "F0", "old", "before-f0", true),
      Write(RecordKind::kFacility, "K1", "F1", "f1-K1", "before-f1", true),
      // Records of K2 but no provider record (written without the check).
      Write(RecordKind::kSetting, "K2", "S1", "s", "before-s", false),
  };
  std::vector<RecordWrite> batch;
  AddProvider(batch, "N1", 40, "a/");  // more than one statement's worth of keys
  AddProvider(batch, "K1", 3, "a/");   // F0 changed, F1 equal, F2 new
  batch.push_back(Write(RecordKind::kFacility, "K2", "F1", "f", "a/K2-f", true));  // not registered
  batch.push_back(Write(RecordKind::kSetting, "K2", "S1", "s2", "a/K2-s", false)); // version 2
  batch.push_back(Write(RecordKind::kFacility, "N2", "F1", "f", "a/N2-early", true));  // ahead of N2
  AddProvider(batch, "N2", 2, "a/");
  batch.push_back(Write(RecordKind::kFacility, "N1", "F3", "f3 v2", "a/N1-f3-v2", true));  // version 2
  batch.push_back(Write(RecordKind::kFacility, "N1", "F3", "f3 v2", "a/N1-f3-same", true));  // unchanged
  const auto r = Check(before, batch);
  ExpectStored(r[0], 1);                                 // N1
  ExpectStored(r[40], 1);                                // N1/F39
  EXPECT_EQ(r[41]->outcome, WriteOutcome::kUnchanged);   // K1, same payload
  ExpectStored(r[42], 2);                                // K1/F0 changed
  EXPECT_EQ(r[43]->outcome, WriteOutcome::kUnchanged);   // K1/F1 equal
  EXPECT_EQ(r[43]->version, 1);
  ExpectStored(r[44], 1);                                // K1/F2 new
  EXPECT_EQ(r[45].status().code(), absl::StatusCode::kFailedPrecondition);  // K2 unregistered
  ExpectStored(r[46], 2);                                // K2/S1
  EXPECT_EQ(r[47].status().code(), absl::StatusCode::kFailedPrecondition);  // ahead of N2
  ExpectStored(r[48], 1);                                // N2
  ExpectStored(r[51], 2);                                // N1/F3 v2
  EXPECT_EQ(r[52]->outcome, WriteOutcome::kUnchanged);
  EXPECT_EQ(r[52]->version, 2);
}

TEST_P(HeldKeysTest, AKeyUsedBeforeTheBatchReplaysAmongManyNewOnes) {
  const std::vector<RecordWrite> before = {
      Write(RecordKind::kProvider, "K1", "K1", "p-K1", "before-p", false),
      Write(RecordKind::kFacility, "K1", "F0", "old", "used", true),
      Write(RecordKind::kFacility, "K1", "F9", "other", "used-other", true),
  };
  std::vector<RecordWrite> batch;
  AddProvider(batch, "N1", 35, "b/");
  // Same request as before: replays version 1 and writes nothing.
  batch.push_back(Write(RecordKind::kFacility, "K1", "F0", "old", "used", true));
  // Same key, another request: ALREADY_EXISTS, nothing written.
  batch.push_back(Write(RecordKind::kFacility, "K1", "F9", "changed", "used-other", true));
  AddProvider(batch, "N2", 35, "b/");
  const auto r = Check(before, batch);
  ExpectStored(r[35], 1);
  ExpectReplayedFirstVersion(r[36]);
  EXPECT_EQ(r[37].status().code(), absl::StatusCode::kAlreadyExists);
  ExpectStored(r[38], 1);
  ExpectStored(r.back(), 1);
}

TEST_P(HeldKeysTest, AKeyUsedTwiceInTheBatch) {
  std::vector<RecordWrite> batch;
  AddProvider(batch, "N1", 5, "c/");
  batch.push_back(Write(RecordKind::kFacility, "N1", "F0", "f0-N1", "c/N1/0", true));   // same request again
  batch.push_back(Write(RecordKind::kFacility, "N1", "F1", "changed", "c/N1/1", true)); // another request
  AddProvider(batch, "N2", 40, "c/");
  const auto r = Check({}, batch);
  ExpectStored(r[1], 1);
  ExpectReplayedFirstVersion(r[6]);
  EXPECT_EQ(r[7].status().code(), absl::StatusCode::kAlreadyExists);
  ExpectStored(r.back(), 1);
}

TEST_P(HeldKeysTest, AUsedKeyOfAnUnregisteredProviderAnswersFirst) {
  const std::vector<RecordWrite> before = {
      Write(RecordKind::kProvider, "K1", "K1", "p-K1", "before-p", false),
      Write(RecordKind::kFacility, "K1", "F0", "f", "used", true),
  };
  std::vector<RecordWrite> batch;
  AddProvider(batch, "N1", 3, "d/");
  // The used key with another request, under a provider nobody registered:
  // the key answers (ALREADY_EXISTS), not the provider check.
  batch.push_back(Write(RecordKind::kFacility, "NOBODY", "F0", "g", "used", true));
  // And a key first used earlier in this batch, under an unregistered provider.
  batch.push_back(Write(RecordKind::kFacility, "NOBODY", "F1", "f", "d/N1/1", true));
  AddProvider(batch, "N2", 3, "d/");
  const auto r = Check(before, batch);
  EXPECT_EQ(r[4].status().code(), absl::StatusCode::kAlreadyExists) << r[4].status();
  EXPECT_EQ(r[5].status().code(), absl::StatusCode::kAlreadyExists) << r[5].status();
  ExpectStored(r.back(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, HeldKeysTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendTestName);

INSTANTIATE_TEST_SUITE_P(Backends, BulkIngestTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendTestName);

}  // namespace
}  // namespace oversight::server
