// The Store contract (server/store/store.h), run unchanged against SQLite
// and PostgreSQL: every method, its error cases, and the properties the
// service relies on (idempotency, versioning, one assessment per date,
// first acknowledgement wins, append-only audit, durable reopen).

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/store/store.h"
#include "tests/server/store_raw_sql.h"
#include "tests/support/test_support.h"

namespace oversight::server {
namespace {

using test_support::Backend;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::SizeIs;

RecordWrite Write(RecordKind kind, std::string provider, std::string key, std::string payload,
                  std::string idempotency_key) {
  RecordWrite w;
  w.kind = kind;
  w.provider_id = std::move(provider);
  w.record_key = std::move(key);
  w.payload = std::move(payload);
  w.request_hash = absl::StrCat("hash-of-", w.payload, "-", idempotency_key);
  w.idempotency_key = std::move(idempotency_key);
  return w;
}

AssessmentRow Assessment(std::string provider, std::string as_of, std::string fingerprint,
                         double score = 0.5) {
  AssessmentRow a;
  a.provider_id = std::move(provider);
  a.as_of = std::move(as_of);
  a.rating = 2;
  a.score = score;
  a.inputs_fingerprint = std::move(fingerprint);
  a.payload = absl::StrCat("assessment:", a.provider_id, ":", a.as_of, ":", a.inputs_fingerprint);
  a.computed_at = "2026-11-24T22:00:00.000000Z";
  return a;
}

AlertRow Alert(std::string key, std::string provider = "P1", std::string as_of = "2026-03-31") {
  AlertRow a;
  a.alert_key = std::move(key);
  a.provider_id = std::move(provider);
  a.severity = 3;
  a.as_of = std::move(as_of);
  a.payload = absl::StrCat("alert:", a.alert_key);
  return a;
}

// Everything a record write can change, for "exactly as before" checks.
struct Snapshot {
  std::vector<StoredRecord> current;
  std::vector<std::vector<StoredRecord>> histories;
};

bool SameRecords(const std::vector<StoredRecord>& a, const std::vector<StoredRecord>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].kind != b[i].kind || a[i].provider_id != b[i].provider_id ||
        a[i].record_key != b[i].record_key || a[i].version != b[i].version ||
        a[i].payload != b[i].payload || a[i].recorded_at != b[i].recorded_at) {
      return false;
    }
  }
  return true;
}

class StoreContractTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    absl::StatusOr<std::string> url = test_support::FreshStoreUrl(GetParam());
    ASSERT_TRUE(url.ok()) << url.status();
    url_ = *url;
    Reopen();
  }

  void Reopen() {
    store_.reset();
    absl::StatusOr<std::unique_ptr<Store>> store = OpenStore(url_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }

  Store& store() { return *store_; }

  Snapshot Take() {
    Snapshot s;
    absl::StatusOr<std::vector<StoredRecord>> all = store().AllCurrentRecords();
    EXPECT_TRUE(all.ok()) << all.status();
    if (!all.ok()) return s;
    s.current = *all;
    for (const StoredRecord& r : s.current) {
      auto history = store().RecordHistory(r.kind, r.provider_id, r.record_key);
      EXPECT_TRUE(history.ok()) << history.status();
      if (history.ok()) s.histories.push_back(*history);
    }
    return s;
  }

  std::string url_;
  std::unique_ptr<Store> store_;
};

TEST_P(StoreContractTest, OpenAppliesEveryMigration) {
  absl::StatusOr<int> version = store().SchemaVersion();
  ASSERT_TRUE(version.ok()) << version.status();
  EXPECT_EQ(*version, 5);  // 5: record heads read from the records' primary key
}

TEST_P(StoreContractTest, ReopenKeepsDataAndReappliesNoMigration) {
  ASSERT_TRUE(store().PutRecord(Write(RecordKind::kProvider, "P1", "", "v1", "k1")).ok());
  for (int i = 0; i < 2; ++i) {
    Reopen();
    absl::StatusOr<int> version = store().SchemaVersion();
    ASSERT_TRUE(version.ok()) << version.status();
    EXPECT_EQ(*version, 5) << "reopen " << i;
    auto current = store().CurrentRecords("P1");
    ASSERT_TRUE(current.ok()) << current.status();
    ASSERT_THAT(*current, SizeIs(1));
    EXPECT_EQ((*current)[0].payload, "v1");
  }
}

TEST_P(StoreContractTest, SchemaNewerThanTheBinaryIsRefused) {
  store_.reset();
  ASSERT_TRUE(ExecRawSql(GetParam(), url_,
                         "INSERT INTO schema_migrations (version, name, applied_at) "
                         "VALUES (999, 'from the future', '2030-01-01T00:00:00Z')")
                  .ok());
  absl::StatusOr<std::unique_ptr<Store>> store = OpenStore(url_);
  EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition) << store.status();
}

TEST_P(StoreContractTest, NewPayloadsMakeVersionsOneTwoThreeAndEqualPayloadIsUnchanged) {
  auto r1 = store().PutRecord(Write(RecordKind::kAccounts, "P1", "2025-03-31", "a", "k1"));
  ASSERT_TRUE(r1.ok()) << r1.status();
  EXPECT_EQ(r1->outcome, WriteOutcome::kStored);
  EXPECT_EQ(r1->version, 1);
  EXPECT_FALSE(r1->replayed);

  auto r2 = store().PutRecord(Write(RecordKind::kAccounts, "P1", "2025-03-31", "b", "k2"));
  ASSERT_TRUE(r2.ok()) << r2.status();
  EXPECT_EQ(r2->outcome, WriteOutcome::kStored);
  EXPECT_EQ(r2->version, 2);

  auto same = store().PutRecord(Write(RecordKind::kAccounts, "P1", "2025-03-31", "b", "k3"));
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_EQ(same->outcome, WriteOutcome::kUnchanged);
  EXPECT_EQ(same->version, 2);
  EXPECT_FALSE(same->replayed);

  auto r3 = store().PutRecord(Write(RecordKind::kAccounts, "P1", "2025-03-31", "a", "k4"));
  ASSERT_TRUE(r3.ok()) << r3.status();
  EXPECT_EQ(r3->version, 3) << "a payload equal to an older version is still a new version";

  auto history = store().RecordHistory(RecordKind::kAccounts, "P1", "2025-03-31");
  ASSERT_TRUE(history.ok()) << history.status();
  ASSERT_THAT(*history, SizeIs(3));
  EXPECT_EQ((*history)[0].version, 1);
  EXPECT_EQ((*history)[0].payload, "a");
  EXPECT_EQ((*history)[1].version, 2);
  EXPECT_EQ((*history)[1].payload, "b");
  EXPECT_EQ((*history)[2].version, 3);
  EXPECT_EQ((*history)[2].payload, "a");
  for (const StoredRecord& r : *history) {
    EXPECT_EQ(r.kind, RecordKind::kAccounts);
    EXPECT_EQ(r.provider_id, "P1");
    EXPECT_EQ(r.record_key, "2025-03-31");
    EXPECT_EQ(r.recorded_at.size(), 27u) << r.recorded_at;  // 2026-11-24T22:26:35.123456Z
    EXPECT_EQ(r.recorded_at.back(), 'Z') << r.recorded_at;
  }

  auto current = store().CurrentRecords("P1");
  ASSERT_TRUE(current.ok()) << current.status();
  ASSERT_THAT(*current, SizeIs(1));
  EXPECT_EQ((*current)[0].version, 3);
  EXPECT_EQ((*current)[0].payload, "a");
}

TEST_P(StoreContractTest, SameKindKeyUnderAnotherProviderOrKindIsAnotherRecord) {
  ASSERT_TRUE(store().PutRecord(Write(RecordKind::kFacility, "P1", "F1", "x", "k1")).ok());
  auto other_provider = store().PutRecord(Write(RecordKind::kFacility, "P2", "F1", "x", "k2"));
  auto other_kind = store().PutRecord(Write(RecordKind::kSetting, "P1", "F1", "x", "k3"));
  ASSERT_TRUE(other_provider.ok()) << other_provider.status();
  ASSERT_TRUE(other_kind.ok()) << other_kind.status();
  EXPECT_EQ(other_provider->version, 1);
  EXPECT_EQ(other_provider->outcome, WriteOutcome::kStored);
  EXPECT_EQ(other_kind->version, 1);
  EXPECT_EQ(other_kind->outcome, WriteOutcome::kStored);
}

TEST_P(StoreContractTest, BinaryAndEmptyPayloadsRoundTrip) {
  const std::string binary("\0\x01\xff\xfe\\x00'\"\n", 10);
  ASSERT_TRUE(store().PutRecord(Write(RecordKind::kPlacement, "P1", "bin", binary, "k1")).ok());
  auto empty = store().PutRecord(Write(RecordKind::kPlacement, "P1", "empty", "", "k2"));
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ(empty->outcome, WriteOutcome::kStored);
  auto empty_again = store().PutRecord(Write(RecordKind::kPlacement, "P1", "empty", "", "k3"));
  ASSERT_TRUE(empty_again.ok()) << empty_again.status();
  EXPECT_EQ(empty_again->outcome, WriteOutcome::kUnchanged);

  auto current = store().CurrentRecords("P1");
  ASSERT_TRUE(current.ok()) << current.status();
  ASSERT_THAT(*current, SizeIs(2));
  EXPECT_EQ((*current)[0].record_key, "bin");
  EXPECT_EQ((*current)[0].payload, binary);
  EXPECT_EQ((*current)[1].record_key, "empty");
  EXPECT_EQ((*current)[1].payload, "");
}

TEST_P(StoreContractTest, SameKeySameHashReplaysTheFirstResult) {
  RecordWrite w = Write(RecordKind::kProvider, "P1", "", "v1", "key-1");
  auto first = store().PutRecord(w);
  ASSERT_TRUE(first.ok()) << first.status();
  // A newer version lands in between: the replay must still answer with
  // the first result, not the current state.
  ASSERT_TRUE(store().PutRecord(Write(RecordKind::kProvider, "P1", "", "v2", "key-2")).ok());
  auto replay = store().PutRecord(w);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_TRUE(replay->replayed);
  EXPECT_EQ(replay->outcome, WriteOutcome::kStored);
  EXPECT_EQ(replay->version, 1);
  auto history = store().RecordHistory(RecordKind::kProvider, "P1", "");
  ASSERT_TRUE(history.ok()) << history.status();
  EXPECT_THAT(*history, SizeIs(2)) << "a replay writes nothing";
}

TEST_P(StoreContractTest, SameKeyDifferentHashIsAlreadyExistsAndWritesNothing) {
  ASSERT_TRUE(store().PutRecord(Write(RecordKind::kProvider, "P1", "", "v1", "key-1")).ok());
  const Snapshot before = Take();
  RecordWrite reuse = Write(RecordKind::kFacility, "P9", "F1", "other", "key-1");
  auto result = store().PutRecord(reuse);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kAlreadyExists) << result.status();
  const Snapshot after = Take();
  EXPECT_TRUE(SameRecords(before.current, after.current));
  auto p9 = store().CurrentRecords("P9");
  ASSERT_TRUE(p9.ok()) << p9.status();
  EXPECT_THAT(*p9, SizeIs(0));
}

// A used key answers as used whatever else the write would meet: for a
// record of a provider that is not registered (ALREADY_EXISTS, not "submit
// the provider first"), for a new version of a registered provider's record
// (nothing written), and a replay of the same request gives its first
// result even with requires_provider set.
TEST_P(StoreContractTest, UsedKeyAnswersBeforeTheProviderCheckAndWritesNothing) {
  ASSERT_TRUE(store().PutRecord(Write(RecordKind::kProvider, "P1", "", "v1", "key-1")).ok());
  RecordWrite facility = Write(RecordKind::kFacility, "P1", "F1", "f1", "key-2");
  facility.requires_provider = true;
  auto stored = store().PutRecord(facility);
  ASSERT_TRUE(stored.ok()) << stored.status();
  ASSERT_EQ(stored->version, 1);
  const Snapshot before = Take();

  RecordWrite unregistered = Write(RecordKind::kFacility, "P9", "F1", "other", "key-2");
  unregistered.requires_provider = true;
  auto refused = store().PutRecord(unregistered);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kAlreadyExists) << refused.status();

  RecordWrite new_version = Write(RecordKind::kFacility, "P1", "F1", "f1 changed", "key-2");
  new_version.requires_provider = true;
  auto reused = store().PutRecord(new_version);
  EXPECT_EQ(reused.status().code(), absl::StatusCode::kAlreadyExists) << reused.status();

  auto replay = store().PutRecord(facility);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_TRUE(replay->replayed);
  EXPECT_EQ(replay->outcome, WriteOutcome::kStored);
  EXPECT_EQ(replay->version, 1);

  const Snapshot after = Take();
  EXPECT_TRUE(SameRecords(before.current, after.current));
  auto history = store().RecordHistory(RecordKind::kFacility, "P1", "F1");
  ASSERT_TRUE(history.ok()) << history.status();
  EXPECT_THAT(*history, SizeIs(1)) << "a refused or replayed write must not add a version";
}

TEST_P(StoreContractTest, InvalidRecordWritesAreRejectedByField) {
  RecordWrite no_key = Write(RecordKind::kProvider, "P1", "", "v", "");
  auto r1 = store().PutRecord(no_key);
  EXPECT_EQ(r1.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(r1.status().message()), ::testing::HasSubstr("idempotency_key"));

  auto r2 = store().PutRecord(Write(RecordKind::kProvider, "", "", "v", "k"));
  EXPECT_EQ(r2.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(r2.status().message()), ::testing::HasSubstr("provider_id"));

  auto r3 = store().PutRecord(Write(static_cast<RecordKind>(99), "P1", "", "v", "k"));
  EXPECT_EQ(r3.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(r3.status().message()), ::testing::HasSubstr("kind"));

  EXPECT_EQ(store().CurrentRecords("").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store().RecordHistory(RecordKind::kProvider, "", "").status().code(),
            absl::StatusCode::kInvalidArgument);
  auto all = store().AllCurrentRecords();
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_THAT(*all, SizeIs(0));
}

TEST_P(StoreContractTest, PutRecordsAnswersEachWriteInOrder) {
  std::vector<RecordWrite> batch = {
      Write(RecordKind::kProvider, "P1", "", "p1", "b1"),
      Write(RecordKind::kProvider, "P2", "", "p2", "b2"),
      Write(RecordKind::kProvider, "", "", "bad", "b3"),            // invalid
      Write(RecordKind::kProvider, "P1", "", "p1", "b4"),           // unchanged
      Write(RecordKind::kProvider, "P1", "", "p1", "b1"),           // replay of b1
      Write(RecordKind::kProvider, "P3", "", "p3", "b2"),           // key reuse
  };
  auto results = store().PutRecords(batch);
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_THAT(*results, SizeIs(6));
  ASSERT_TRUE((*results)[0].ok());
  EXPECT_EQ((*results)[0]->outcome, WriteOutcome::kStored);
  ASSERT_TRUE((*results)[1].ok());
  EXPECT_EQ((*results)[1]->version, 1);
  EXPECT_EQ((*results)[2].status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE((*results)[3].ok());
  EXPECT_EQ((*results)[3]->outcome, WriteOutcome::kUnchanged);
  ASSERT_TRUE((*results)[4].ok());
  EXPECT_TRUE((*results)[4]->replayed);
  EXPECT_EQ((*results)[5].status().code(), absl::StatusCode::kAlreadyExists);

  auto all = store().AllCurrentRecords();
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_THAT(*all, SizeIs(2));
  EXPECT_EQ((*all)[0].provider_id, "P1");
  EXPECT_EQ((*all)[1].provider_id, "P2");
}

// The strongest form of "a rejected record leaves nothing behind": the
// record fails at its LAST statement (the idempotency insert, made to fail
// by a trigger planted behind the store's back), after its version and head
// were written; the savepoint must undo those, and the records around it
// must still commit.
TEST_P(StoreContractTest, RecordFailingAfterPartialWritesLeavesStoreExactlyAsBefore) {
  ASSERT_TRUE(store().PutRecord(Write(RecordKind::kAccounts, "P1", "2024", "old", "seed")).ok());
  const std::string trigger =
      GetParam() == Backend::kSqlite
          ? "CREATE TRIGGER poison BEFORE INSERT ON idempotency WHEN NEW.idempotency_key = "
            "'poison' BEGIN SELECT RAISE(ABORT, 'poisoned record'); END;"
          : "CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF NEW.idempotency_key = 'poison' THEN RAISE EXCEPTION 'poisoned record'; END IF; "
            "RETURN NEW; END $$; CREATE TRIGGER poison BEFORE INSERT ON idempotency "
            "FOR EACH ROW EXECUTE FUNCTION poison();";
  ASSERT_TRUE(ExecRawSql(GetParam(), url_, trigger).ok());
  const Snapshot before = Take();

  std::vector<RecordWrite> batch = {
      Write(RecordKind::kAccounts, "P1", "2025", "fine", "ok-1"),
      Write(RecordKind::kAccounts, "P1", "2024", "new", "poison"),  // would be version 2
      Write(RecordKind::kAccounts, "P2", "2025", "fine", "ok-2"),
  };
  auto results = store().PutRecords(batch);
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_THAT(*results, SizeIs(3));
  EXPECT_TRUE((*results)[0].ok()) << (*results)[0].status();
  EXPECT_FALSE((*results)[1].ok());
  EXPECT_NE((*results)[1].status().code(), absl::StatusCode::kUnknown) << (*results)[1].status();
  EXPECT_TRUE((*results)[2].ok()) << (*results)[2].status();

  auto history = store().RecordHistory(RecordKind::kAccounts, "P1", "2024");
  ASSERT_TRUE(history.ok()) << history.status();
  ASSERT_THAT(*history, SizeIs(1)) << "the failed record's version 2 must be rolled back";
  EXPECT_EQ((*history)[0].payload, "old");
  auto all = store().AllCurrentRecords();
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_THAT(*all, SizeIs(before.current.size() + 2));

  // A batch of only the poisoned record changes nothing at all.
  const Snapshot middle = Take();
  auto alone = store().PutRecords({Write(RecordKind::kAccounts, "P1", "2024", "new", "poison")});
  ASSERT_TRUE(alone.ok()) << alone.status();
  EXPECT_FALSE((*alone)[0].ok());
  const Snapshot after = Take();
  EXPECT_TRUE(SameRecords(middle.current, after.current));
  ASSERT_EQ(middle.histories.size(), after.histories.size());
  for (size_t i = 0; i < middle.histories.size(); ++i) {
    EXPECT_TRUE(SameRecords(middle.histories[i], after.histories[i])) << "record " << i;
  }
}

TEST_P(StoreContractTest, CurrentRecordsIsPerProviderAndOrdered) {
  ASSERT_TRUE(store().PutRecord(Write(RecordKind::kSetting, "P2", "S2", "x", "k1")).ok());
  ASSERT_TRUE(store().PutRecord(Write(RecordKind::kFacility, "P1", "F2", "x", "k2")).ok());
  ASSERT_TRUE(store().PutRecord(Write(RecordKind::kFacility, "P1", "F1", "x", "k3")).ok());
  ASSERT_TRUE(store().PutRecord(Write(RecordKind::kAccounts, "P1", "2025", "x", "k4")).ok());
  auto p1 = store().CurrentRecords("P1");
  ASSERT_TRUE(p1.ok()) << p1.status();
  ASSERT_THAT(*p1, SizeIs(3));
  // Ordered by kind name, then key.
  EXPECT_EQ((*p1)[0].kind, RecordKind::kAccounts);
  EXPECT_EQ((*p1)[1].record_key, "F1");
  EXPECT_EQ((*p1)[2].record_key, "F2");
  auto all = store().AllCurrentRecords();
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_THAT(*all, SizeIs(4));
  EXPECT_EQ((*all)[3].provider_id, "P2");
  auto none = store().CurrentRecords("nobody");
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_THAT(*none, SizeIs(0));
}

// Every read of current records gives each record's highest version, with
// that version's payload and time, checked against a model of the writes
// kept here and against RecordHistory's last entry. (SQLite keeps no heads
// table since schema 5: its current rows come from grouping the versions.)
TEST_P(StoreContractTest, CurrentRecordsAreEachRecordsHighestVersionInEveryRead) {
  struct Latest {
    std::int64_t version = 0;
    std::string payload;
  };
  // (provider, kind name, key) -> the latest version written, in the order
  // the reads promise (provider, kind name, key).
  std::map<std::tuple<std::string, std::string, std::string>, Latest> model;
  int next_key = 0;
  const auto put = [&](RecordKind kind, const std::string& provider, const std::string& key,
                       const std::string& payload) {
    auto written = store().PutRecord(Write(kind, provider, key, payload, absl::StrCat("k", next_key++)));
    ASSERT_TRUE(written.ok()) << written.status();
    Latest& latest = model[{provider, std::string(RecordKindName(kind)), key}];
    if (latest.payload != payload || latest.version == 0) {
      latest = Latest{latest.version + 1, payload};
    }
    EXPECT_EQ(written->version, latest.version) << provider << " " << key;
  };
  // Provider ids that sort differently as text and as numbers; versions 1 to
  // 4, an unchanged resubmission, and kinds on either side of "provider".
  for (const std::string provider : {"P2", "P10", "P1"}) {
    put(RecordKind::kProvider, provider, provider, absl::StrCat(provider, " v1"));
    for (int year = 2022; year <= 2024; ++year) {
      const std::string key = absl::StrCat(year, "-03-31");
      for (int v = 1; v <= year - 2020; ++v) {
        put(RecordKind::kAccounts, provider, key, absl::StrCat(provider, " ", key, " v", v));
      }
    }
    put(RecordKind::kSetting, provider, "S1", "setting v1");
    put(RecordKind::kSetting, provider, "S1", "setting v1");  // unchanged
    put(RecordKind::kProvider, provider, provider, absl::StrCat(provider, " v2"));
  }
  const auto expect_current = [&](const std::vector<StoredRecord>& got,
                                   const std::function<bool(const std::string&, const std::string&)>& wanted,
                                   const std::string& what) {
    std::vector<std::tuple<std::string, std::string, std::string>> keys;
    for (const auto& [key, latest] : model) {
      if (wanted(std::get<0>(key), std::get<1>(key))) keys.push_back(key);
    }
    ASSERT_EQ(got.size(), keys.size()) << what;
    for (std::size_t i = 0; i < got.size(); ++i) {
      const auto& [provider, kind, key] = keys[i];
      const StoredRecord& record = got[i];
      EXPECT_EQ(record.provider_id, provider) << what << " row " << i;
      EXPECT_EQ(RecordKindName(record.kind), kind) << what << " row " << i;
      EXPECT_EQ(record.record_key, key) << what << " row " << i;
      EXPECT_EQ(record.version, model.at(keys[i]).version) << what << " " << provider << " " << key;
      EXPECT_EQ(record.payload, model.at(keys[i]).payload) << what << " " << provider << " " << key;
      auto history = store().RecordHistory(record.kind, provider, key);
      ASSERT_TRUE(history.ok()) << history.status();
      ASSERT_FALSE(history->empty());
      EXPECT_EQ(record.recorded_at, history->back().recorded_at) << what << " " << provider << " " << key;
    }
  };
  auto all = store().AllCurrentRecords();
  ASSERT_TRUE(all.ok()) << all.status();
  expect_current(*all, [](const std::string&, const std::string&) { return true; }, "all");
  for (const std::string provider : {"P1", "P10", "P2"}) {
    auto mine = store().CurrentRecords(provider);
    ASSERT_TRUE(mine.ok()) << mine.status();
    expect_current(*mine, [&](const std::string& p, const std::string&) { return p == provider; },
                   provider);
  }
  for (RecordKind kind : {RecordKind::kProvider, RecordKind::kAccounts, RecordKind::kSetting,
                          RecordKind::kFacility}) {
    auto of_kind = store().CurrentRecordsOfKind(kind);
    ASSERT_TRUE(of_kind.ok()) << of_kind.status();
    const std::string name(RecordKindName(kind));
    expect_current(*of_kind, [&](const std::string&, const std::string& k) { return k == name; }, name);
  }
}

TEST_P(StoreContractTest, AssessmentWithSameFingerprintIsNotRewrittenAndDifferentReplaces) {
  auto first = store().PutAssessment(Assessment("P1", "2026-03-31", "f1", 0.25),
                                     {Alert("a1"), Alert("a2")});
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(first->assessment_written);
  ASSERT_THAT(first->new_alerts, SizeIs(2));
  EXPECT_GT(first->new_alerts[0].sequence, 0);
  EXPECT_GT(first->new_alerts[1].sequence, first->new_alerts[0].sequence);
  EXPECT_FALSE(first->new_alerts[0].created_at.empty());

  // Same fingerprint: nothing written; a1 exists and is skipped; a3 is new
  // and is inserted (alerts go by key novelty alone, see store.h).
  auto again = store().PutAssessment(Assessment("P1", "2026-03-31", "f1", 0.99),
                                     {Alert("a1"), Alert("a3")});
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->assessment_written);
  ASSERT_THAT(again->new_alerts, SizeIs(1));
  EXPECT_EQ(again->new_alerts[0].alert_key, "a3");
  EXPECT_GT(again->new_alerts[0].sequence, first->new_alerts[1].sequence);
  auto kept = store().AssessmentAt("P1", "2026-03-31");
  ASSERT_TRUE(kept.ok()) << kept.status();
  ASSERT_TRUE(kept->has_value());
  EXPECT_EQ((*kept)->score, 0.25) << "same fingerprint must not overwrite";

  auto replaced = store().PutAssessment(Assessment("P1", "2026-03-31", "f2", 0.75), {});
  ASSERT_TRUE(replaced.ok()) << replaced.status();
  EXPECT_TRUE(replaced->assessment_written);
  EXPECT_THAT(replaced->new_alerts, SizeIs(0));
  auto now = store().AssessmentAt("P1", "2026-03-31");
  ASSERT_TRUE(now.ok()) << now.status();
  ASSERT_TRUE(now->has_value());
  EXPECT_EQ((*now)->inputs_fingerprint, "f2");
  EXPECT_EQ((*now)->score, 0.75);
  auto history = store().AssessmentHistory("P1", 10);
  ASSERT_TRUE(history.ok()) << history.status();
  EXPECT_THAT(*history, SizeIs(1)) << "one assessment per (provider, as_of)";
}

// PutAssessments (one commit for a scoring run) must write each item exactly
// as PutAssessment would: same-fingerprint items unchanged, alerts by key
// novelty, an invalid item refused on its own without affecting the others.
TEST_P(StoreContractTest, PutAssessmentsBatchBehavesLikePutAssessmentPerItem) {
  ASSERT_TRUE(store().PutAssessment(Assessment("P1", "2026-03-31", "f1", 0.25), {Alert("a1")}).ok());
  std::vector<Store::AssessmentWrite> batch = {
      {Assessment("P1", "2026-03-31", "f1", 0.99), {Alert("a1"), Alert("a2")}},  // same inputs
      {Assessment("P2", "2026-03-31", "g1", 0.5), {Alert("b1", "P2")}},          // new
      {Assessment("", "2026-03-31", "h1"), {}},                                  // invalid
      {Assessment("P3", "2026-03-31", "k1", 0.75), {}},                          // new, no alerts
  };
  auto results = store().PutAssessments(batch);
  ASSERT_TRUE(results.ok()) << results.status();
  ASSERT_THAT(*results, SizeIs(4));
  ASSERT_TRUE((*results)[0].ok()) << (*results)[0].status();
  EXPECT_FALSE((*results)[0]->assessment_written);
  ASSERT_THAT((*results)[0]->new_alerts, SizeIs(1));
  EXPECT_EQ((*results)[0]->new_alerts[0].alert_key, "a2");
  ASSERT_TRUE((*results)[1].ok()) << (*results)[1].status();
  EXPECT_TRUE((*results)[1]->assessment_written);
  ASSERT_THAT((*results)[1]->new_alerts, SizeIs(1));
  EXPECT_GT((*results)[1]->new_alerts[0].sequence, (*results)[0]->new_alerts[0].sequence);
  EXPECT_EQ((*results)[2].status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_TRUE((*results)[3].ok()) << (*results)[3].status();
  EXPECT_TRUE((*results)[3]->assessment_written);

  auto kept = store().AssessmentAt("P1", "2026-03-31");
  ASSERT_TRUE(kept.ok() && kept->has_value());
  EXPECT_EQ((*kept)->score, 0.25) << "same fingerprint must not overwrite";
  auto p3 = store().AssessmentAt("P3", "2026-03-31");
  ASSERT_TRUE(p3.ok() && p3->has_value());
  EXPECT_EQ((*p3)->score, 0.75);
  auto alerts = store().AlertsAfter(0, 10);
  ASSERT_TRUE(alerts.ok()) << alerts.status();
  EXPECT_THAT(*alerts, SizeIs(3)) << "a1, a2, b1";
}

TEST_P(StoreContractTest, AssessmentFieldsRoundTripExactly) {
  AssessmentRow a = Assessment("P1", "2026-03-31", "fp");
  a.score = 0.1 + 0.2;  // not representable in short decimal: must survive
  a.rating = 4;
  a.payload = std::string("\0\xff payload", 10);
  ASSERT_TRUE(store().PutAssessment(a, {}).ok());
  auto got = store().AssessmentAt("P1", "2026-03-31");
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ((*got)->provider_id, "P1");
  EXPECT_EQ((*got)->as_of, "2026-03-31");
  EXPECT_EQ((*got)->rating, 4);
  EXPECT_EQ((*got)->score, 0.1 + 0.2) << "computed " << (*got)->score;
  EXPECT_EQ((*got)->inputs_fingerprint, "fp");
  EXPECT_EQ((*got)->payload, a.payload);
  EXPECT_EQ((*got)->computed_at, a.computed_at);
}

TEST_P(StoreContractTest, LatestAssessmentHistoryAndLatestOfEveryProvider) {
  for (const char* date : {"2025-03-31", "2026-03-31", "2025-09-30"}) {
    ASSERT_TRUE(store().PutAssessment(Assessment("P1", date, "f"), {}).ok());
  }
  ASSERT_TRUE(store().PutAssessment(Assessment("P2", "2024-12-31", "f"), {}).ok());

  auto latest = store().LatestAssessment("P1");
  ASSERT_TRUE(latest.ok()) << latest.status();
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->as_of, "2026-03-31");

  auto before = store().LatestAssessment("P1", "2026-03-31");
  ASSERT_TRUE(before.ok()) << before.status();
  ASSERT_TRUE(before->has_value());
  EXPECT_EQ((*before)->as_of, "2025-09-30") << "strictly before";

  auto none = store().LatestAssessment("P1", "2025-03-31");
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_FALSE(none->has_value());
  auto unknown = store().LatestAssessment("P9");
  ASSERT_TRUE(unknown.ok()) << unknown.status();
  EXPECT_FALSE(unknown->has_value());
  auto missing = store().AssessmentAt("P1", "2020-01-01");
  ASSERT_TRUE(missing.ok()) << missing.status();
  EXPECT_FALSE(missing->has_value());

  auto history = store().AssessmentHistory("P1", 2);
  ASSERT_TRUE(history.ok()) << history.status();
  EXPECT_THAT(*history, ElementsAre(Field(&AssessmentRow::as_of, "2026-03-31"),
                                    Field(&AssessmentRow::as_of, "2025-09-30")));

  auto all = store().LatestAssessments();
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_THAT(*all, ElementsAre(Field(&AssessmentRow::as_of, "2026-03-31"),
                                Field(&AssessmentRow::as_of, "2024-12-31")));
  EXPECT_EQ((*all)[0].provider_id, "P1");
  EXPECT_EQ((*all)[1].provider_id, "P2");
}

TEST_P(StoreContractTest, AssessmentArgumentsAreChecked) {
  auto bad_date = store().PutAssessment(Assessment("P1", "2026-02-30", "f"), {});
  EXPECT_EQ(bad_date.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad_date.status().message()), ::testing::HasSubstr("as_of"));
  EXPECT_EQ(store().PutAssessment(Assessment("P1", "2026-3-31", "f"), {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store().PutAssessment(Assessment("", "2026-03-31", "f"), {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store().PutAssessment(Assessment("P1", "2026-03-31", ""), {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  AssessmentRow bad_time = Assessment("P1", "2026-03-31", "f");
  bad_time.computed_at = "yesterday";
  EXPECT_EQ(store().PutAssessment(bad_time, {}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store().PutAssessment(Assessment("P1", "2026-03-31", "f"), {Alert("")}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store().LatestAssessment("P1", "31/03/2026").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store().AssessmentAt("P1", "").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store().AssessmentHistory("P1", 0).status().code(),
            absl::StatusCode::kInvalidArgument);
  // A rejected call wrote nothing, alerts included.
  auto seq = store().LastAlertSequence();
  ASSERT_TRUE(seq.ok()) << seq.status();
  EXPECT_EQ(*seq, 0);
  auto latest = store().LatestAssessments();
  ASSERT_TRUE(latest.ok()) << latest.status();
  EXPECT_THAT(*latest, SizeIs(0));
}

TEST_P(StoreContractTest, AlertsAfterPagesInSequenceOrder) {
  auto seq0 = store().LastAlertSequence();
  ASSERT_TRUE(seq0.ok()) << seq0.status();
  EXPECT_EQ(*seq0, 0);
  ASSERT_TRUE(store().PutAssessment(Assessment("P1", "2026-03-31", "f"),
                                    {Alert("a1"), Alert("a2"), Alert("a3"), Alert("a2")})
                  .ok());
  auto all = store().AlertsAfter(0, 100);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_THAT(*all, SizeIs(3)) << "a duplicate key within one call is inserted once";
  EXPECT_EQ((*all)[0].alert_key, "a1");
  EXPECT_EQ((*all)[2].alert_key, "a3");
  EXPECT_EQ((*all)[0].payload, "alert:a1");
  EXPECT_EQ((*all)[0].severity, 3);
  EXPECT_EQ((*all)[0].as_of, "2026-03-31");
  EXPECT_EQ((*all)[0].acknowledged_by, "");
  auto page = store().AlertsAfter((*all)[0].sequence, 1);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_THAT(*page, SizeIs(1));
  EXPECT_EQ((*page)[0].alert_key, "a2");
  auto last = store().LastAlertSequence();
  ASSERT_TRUE(last.ok()) << last.status();
  EXPECT_EQ(*last, (*all)[2].sequence);
  auto after_last = store().AlertsAfter(*last, 100);
  ASSERT_TRUE(after_last.ok()) << after_last.status();
  EXPECT_THAT(*after_last, SizeIs(0));
  EXPECT_EQ(store().AlertsAfter(0, 0).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(StoreContractTest, AcknowledgingKeepsTheFirstAcknowledgement) {
  auto put = store().PutAssessment(Assessment("P1", "2026-03-31", "f"), {Alert("a1")});
  ASSERT_TRUE(put.ok()) << put.status();
  const std::int64_t seq = put->new_alerts[0].sequence;
  auto first = store().AcknowledgeAlert(seq, "analyst@la", "2026-04-01T09:00:00Z");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->acknowledged_by, "analyst@la");
  EXPECT_EQ(first->acknowledged_at, "2026-04-01T09:00:00Z");
  EXPECT_EQ(first->alert_key, "a1");
  auto second = store().AcknowledgeAlert(seq, "someone-else", "2026-04-02T09:00:00Z");
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->acknowledged_by, "analyst@la");
  EXPECT_EQ(second->acknowledged_at, "2026-04-01T09:00:00Z");

  auto unknown = store().AcknowledgeAlert(seq + 100, "analyst@la", "");
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound) << unknown.status();
  EXPECT_EQ(store().AcknowledgeAlert(seq, "", "").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store().AcknowledgeAlert(seq, "x", "not a time").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_P(StoreContractTest, WaitForAlertNotificationWakesOnInsert) {
  // Prime: the first call opens the LISTEN connection (PostgreSQL) and
  // consumes anything earlier. It returns at its (zero) timeout.
  ASSERT_TRUE(store().WaitForAlertNotification(absl::ZeroDuration()).ok());
  absl::StatusOr<std::unique_ptr<Store>> other = OpenStore(url_);
  ASSERT_TRUE(other.ok()) << other.status();
  // PostgreSQL: another Store (replica) inserts; SQLite: the same Store,
  // the only writer a SQLite hub can hear.
  Store& writer = GetParam() == Backend::kPostgres ? **other : store();
  ASSERT_TRUE(writer.PutAssessment(Assessment("P1", "2026-03-31", "f"), {Alert("a1")}).ok());
  // The insert happened before the wait: it is remembered, so this returns
  // at once. Were it lost, the call would block for 10 minutes and the
  // ctest timeout would fail the test (no timed assertion needed).
  EXPECT_TRUE(store().WaitForAlertNotification(absl::Minutes(10)).ok());
}

TEST_P(StoreContractTest, WaitForAlertNotificationReturnsOkAtTimeout) {
  EXPECT_TRUE(store().WaitForAlertNotification(absl::Milliseconds(20)).ok());
}

TEST_P(StoreContractTest, TokensPutGetListRevoke) {
  TokenRow t;
  t.token_id = "tok-1";
  t.salt = std::string("\0salt", 5);
  t.hash = std::string("\xff\x00hash", 6);
  t.role = 2;
  t.subject = "analyst";
  t.provider_id = "P1";
  t.local_authority = "E09000001";
  t.created_at = "2026-01-01T00:00:00Z";
  t.expires_at = "2027-01-01T00:00:00Z";
  ASSERT_TRUE(store().PutToken(t).ok());
  EXPECT_EQ(store().PutToken(t).code(), absl::StatusCode::kAlreadyExists);
  TokenRow t2 = t;
  t2.token_id = "tok-0";
  ASSERT_TRUE(store().PutToken(t2).ok());

  auto got = store().GetToken("tok-1");
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ((*got)->salt, t.salt);
  EXPECT_EQ((*got)->hash, t.hash);
  EXPECT_EQ((*got)->role, 2);
  EXPECT_EQ((*got)->subject, "analyst");
  EXPECT_EQ((*got)->provider_id, "P1");
  EXPECT_EQ((*got)->local_authority, "E09000001");
  EXPECT_EQ((*got)->created_at, t.created_at);
  EXPECT_EQ((*got)->expires_at, t.expires_at);
  EXPECT_EQ((*got)->revoked_at, "");
  auto missing = store().GetToken("nope");
  ASSERT_TRUE(missing.ok()) << missing.status();
  EXPECT_FALSE(missing->has_value());

  auto list = store().ListTokens();
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_THAT(*list, ElementsAre(Field(&TokenRow::token_id, "tok-0"),
                                 Field(&TokenRow::token_id, "tok-1")));

  ASSERT_TRUE(store().RevokeToken("tok-1", "2026-06-01T00:00:00Z").ok());
  ASSERT_TRUE(store().RevokeToken("tok-1", "2026-07-01T00:00:00Z").ok());
  auto revoked = store().GetToken("tok-1");
  ASSERT_TRUE(revoked.ok() && revoked->has_value());
  EXPECT_EQ((*revoked)->revoked_at, "2026-06-01T00:00:00Z") << "the first revocation stays";
  EXPECT_EQ(store().RevokeToken("nope", "").code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store().RevokeToken("", "").code(), absl::StatusCode::kInvalidArgument);
  TokenRow no_id = t;
  no_id.token_id = "";
  EXPECT_EQ(store().PutToken(no_id).code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(StoreContractTest, AuditAppendsAndFilters) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    AuditRow row;
    row.principal = i % 2 == 0 ? "alice" : "bob";
    row.role = 1;
    row.method = "GetAssessment";
    row.object = i < 3 ? "P1" : "P2";
    row.outcome = "OK";
    auto id = store().AppendAudit(row);
    ASSERT_TRUE(id.ok()) << id.status();
    ids.push_back(*id);
  }
  for (size_t i = 1; i < ids.size(); ++i) EXPECT_GT(ids[i], ids[i - 1]);

  auto all = store().QueryAudit({});
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_THAT(*all, SizeIs(5));
  EXPECT_FALSE((*all)[0].at.empty());
  EXPECT_EQ((*all)[0].method, "GetAssessment");
  EXPECT_EQ((*all)[0].outcome, "OK");

  AuditQuery alice;
  alice.principal = "alice";
  auto a = store().QueryAudit(alice);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_THAT(*a, SizeIs(3));

  AuditQuery alice_p1;
  alice_p1.principal = "alice";
  alice_p1.object = "P1";
  auto ap = store().QueryAudit(alice_p1);
  ASSERT_TRUE(ap.ok()) << ap.status();
  EXPECT_THAT(*ap, SizeIs(2));

  AuditQuery page;
  page.after_id = ids[1];
  page.limit = 2;
  auto p = store().QueryAudit(page);
  ASSERT_TRUE(p.ok()) << p.status();
  ASSERT_THAT(*p, SizeIs(2));
  EXPECT_EQ((*p)[0].id, ids[2]);
  EXPECT_EQ((*p)[1].id, ids[3]);

  AuditQuery zero;
  zero.limit = 0;
  EXPECT_EQ(store().QueryAudit(zero).status().code(), absl::StatusCode::kInvalidArgument);
  AuditRow bad;
  bad.at = "noon";
  EXPECT_EQ(store().AppendAudit(bad).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_P(StoreContractTest, DatabaseRefusesToUpdateOrDeleteAudit) {
  AuditRow row;
  row.principal = "alice";
  row.method = "Submit";
  ASSERT_TRUE(store().AppendAudit(row).ok());
  EXPECT_FALSE(ExecRawSql(GetParam(), url_, "UPDATE audit SET principal = 'mallory'").ok());
  EXPECT_FALSE(ExecRawSql(GetParam(), url_, "DELETE FROM audit").ok());
  auto all = store().QueryAudit({});
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_THAT(*all, SizeIs(1));
  EXPECT_EQ((*all)[0].principal, "alice");
}

TEST_P(StoreContractTest, WritesSurviveCloseAndReopen) {
  ASSERT_TRUE(store().PutRecord(Write(RecordKind::kProvider, "P1", "", "v1", "k1")).ok());
  auto put = store().PutAssessment(Assessment("P1", "2026-03-31", "f"), {Alert("a1")});
  ASSERT_TRUE(put.ok()) << put.status();
  TokenRow t;
  t.token_id = "tok";
  ASSERT_TRUE(store().PutToken(t).ok());
  AuditRow row;
  row.principal = "alice";
  ASSERT_TRUE(store().AppendAudit(row).ok());
  Reopen();
  auto current = store().CurrentRecords("P1");
  ASSERT_TRUE(current.ok()) << current.status();
  EXPECT_THAT(*current, SizeIs(1));
  auto a = store().AssessmentAt("P1", "2026-03-31");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_TRUE(a->has_value());
  auto last = store().LastAlertSequence();
  ASSERT_TRUE(last.ok()) << last.status();
  EXPECT_EQ(*last, put->new_alerts[0].sequence);
  auto token = store().GetToken("tok");
  ASSERT_TRUE(token.ok()) << token.status();
  EXPECT_TRUE(token->has_value());
  auto audit = store().QueryAudit({});
  ASSERT_TRUE(audit.ok()) << audit.status();
  EXPECT_THAT(*audit, SizeIs(1));
  // The idempotency table survives too: the same request replays.
  auto replay = store().PutRecord(Write(RecordKind::kProvider, "P1", "", "v1", "k1"));
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_TRUE(replay->replayed);
  // A new alert after reopen continues the sequence.
  auto more = store().PutAssessment(Assessment("P1", "2026-03-31", "f"), {Alert("a2")});
  ASSERT_TRUE(more.ok()) << more.status();
  ASSERT_THAT(more->new_alerts, SizeIs(1));
  EXPECT_GT(more->new_alerts[0].sequence, put->new_alerts[0].sequence);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest,
                         ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendTestName);

TEST(OpenStoreTest, RejectsUnknownUrlFormsAsInvalidArgument) {
  for (const char* url : {"", "mysql://localhost/x", "sqlite:", "file:/tmp/x.db", "postgresql"}) {
    auto store = OpenStore(url);
    EXPECT_EQ(store.status().code(), absl::StatusCode::kInvalidArgument) << url << ": "
                                                                         << store.status();
  }
  for (const char* url : {"postgresql://localhost/db?no_such_option=1", "postgresql://[::1/db"}) {
    auto malformed = OpenStore(url);
    EXPECT_EQ(malformed.status().code(), absl::StatusCode::kInvalidArgument)
        << url << ": " << malformed.status();
  }
}

TEST(OpenStoreTest, UnreachableDatabaseIsUnavailable) {
  // Port 1 on the loopback: nothing listens, the connection is refused.
  auto pg = OpenStore("postgresql://oversight@127.0.0.1:1/none");
  EXPECT_EQ(pg.status().code(), absl::StatusCode::kUnavailable) << pg.status();
  auto sqlite = OpenStore("sqlite:/nonexistent-directory/store.db");
  EXPECT_EQ(sqlite.status().code(), absl::StatusCode::kUnavailable) << sqlite.status();
}

TEST(RecordKindTest, NamesRoundTripAndUnknownIsInvalid) {
  for (RecordKind kind : {RecordKind::kProvider, RecordKind::kAccounts,
                          RecordKind::kRelatedPartyFlows, RecordKind::kFacility,
                          RecordKind::kSetting, RecordKind::kPlacement,
                          RecordKind::kEquityObservation}) {
    auto parsed = ParseRecordKind(RecordKindName(kind));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(*parsed, kind);
  }
  EXPECT_EQ(RecordKindName(RecordKind::kRelatedPartyFlows), "related_party_flows");
  EXPECT_EQ(ParseRecordKind("accountz").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace oversight::server

namespace oversight::server {
namespace {

// PostgreSQL only: the server drops every connection of the store (as on a
// restart or failover); the next calls reconnect instead of failing.
TEST(PostgresStoreTest, RecoversWhenTheServerDropsItsConnections) {
  auto url = test_support::FreshPostgresUrl();
  ASSERT_TRUE(url.ok()) << url.status();
  auto store = OpenStore(*url);
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE((*store)->PutRecord(Write(RecordKind::kProvider, "P1", "", "v1", "k1")).ok());
  ASSERT_TRUE((*store)->CurrentRecords("P1").ok());
  ASSERT_TRUE(ExecRawSql(test_support::Backend::kPostgres, *url,
                         "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE datname = current_database() AND pid <> pg_backend_pid()")
                  .ok());
  auto read = (*store)->CurrentRecords("P1");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_THAT(*read, SizeIs(1));
  ASSERT_TRUE(ExecRawSql(test_support::Backend::kPostgres, *url,
                         "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE datname = current_database() AND pid <> pg_backend_pid()")
                  .ok());
  auto write = (*store)->PutRecord(Write(RecordKind::kProvider, "P1", "", "v2", "k2"));
  ASSERT_TRUE(write.ok()) << write.status();
  EXPECT_EQ(write->version, 2);
}

}  // namespace
}  // namespace oversight::server
