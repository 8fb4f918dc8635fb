// Rescore and the ranked list on SQLite and PostgreSQL: submit -> score ->
// alerts; re-submission and re-scoring write nothing twice; two concurrent
// re-scores through two store handles give one assessment per provider and
// date and no duplicate alert.
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "risk/config/risk_config.h"
#include "server/repository/submission.h"
#include "server/scoring/provider_ranking.h"
#include "server/scoring/rescore.h"
#include "tests/server/codec_test_records.h"
#include "tests/server/scoring_test_market.h"
#include "tests/support/test_support.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;
namespace rec = ::oversight::testing_records;
using test_support::Backend;
using scoring_test::SubmitMarket;

const risk::Date kAsOf(31, QuantLib::March, 2026);

class ScoringTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto url = test_support::FreshStoreUrl(GetParam());
    ASSERT_TRUE(url.ok()) << url.status();
    url_ = *url;
    auto store = OpenStore(url_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    SubmitMarket(*store_);
  }
  RescoreOutcome MustRescore(Store& store, const std::string& provider_id = "") {
    auto outcome = Rescore(store, config_, RescoreOptions{.as_of = kAsOf, .provider_id = provider_id});
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    if (!outcome.ok()) return {};
    for (const auto& failure : outcome->failures) {
      ADD_FAILURE() << failure.provider_id << ": " << failure.status;
    }
    return *std::move(outcome);
  }
  int HistorySize(const std::string& provider_id) {
    auto history = store_->AssessmentHistory(provider_id, 100);
    EXPECT_TRUE(history.ok()) << history.status();
    return history.ok() ? static_cast<int>(history->size()) : -1;
  }
  std::vector<AlertRow> AllAlerts() {
    auto alerts = store_->AlertsAfter(0, 1000);
    EXPECT_TRUE(alerts.ok()) << alerts.status();
    return alerts.ok() ? *alerts : std::vector<AlertRow>{};
  }

  risk::RiskConfig config_;
  std::string url_;
  std::unique_ptr<Store> store_;
};

TEST_P(ScoringTest, SubmitScoreAlert) {
  const RescoreOutcome outcome = MustRescore(*store_);
  EXPECT_EQ(outcome.assessed, 2);
  EXPECT_EQ(outcome.unchanged, 0);
  ASSERT_EQ(outcome.rating_changes.size(), 2u);
  for (const RatingChange& change : outcome.rating_changes) EXPECT_FALSE(change.from.has_value());

  // P001's accounts carry a material uncertainty: the regulator must see it.
  bool going_concern = false;
  std::set<std::int64_t> sequences;
  for (const v1::Alert& alert : outcome.new_alerts) {
    EXPECT_GT(alert.sequence(), 0);
    EXPECT_FALSE(alert.created_at().empty());
    sequences.insert(alert.sequence());
    going_concern |= alert.kind() == v1::ALERT_KIND_GOING_CONCERN_DOUBT && alert.provider_id() == "P001";
  }
  EXPECT_TRUE(going_concern) << "no going-concern alert among " << outcome.new_alerts.size();
  EXPECT_EQ(sequences.size(), outcome.new_alerts.size());
  EXPECT_EQ(AllAlerts().size(), outcome.new_alerts.size());

  auto stored = store_->AssessmentAt("P001", "2026-03-31");
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->inputs_fingerprint.size(), 64u);

  const v1::RescoreResponse response = ToProto(outcome);
  EXPECT_EQ(response.as_of(), "2026-03-31");
  EXPECT_EQ(response.assessed(), 2);
  EXPECT_EQ(response.rating_changes(0).from(), v1::RATING_UNSPECIFIED);
  EXPECT_EQ(response.new_alerts_size(), static_cast<int>(outcome.new_alerts.size()));
}

TEST_P(ScoringTest, RescoreTwiceWritesNothingTwice) {
  const RescoreOutcome first = MustRescore(*store_);
  const RescoreOutcome second = MustRescore(*store_);
  EXPECT_EQ(second.assessed, 0);
  EXPECT_EQ(second.unchanged, 2);
  EXPECT_TRUE(second.new_alerts.empty());
  EXPECT_TRUE(second.rating_changes.empty());
  EXPECT_EQ(HistorySize("P001"), 1);
  EXPECT_EQ(HistorySize("P002"), 1);
  EXPECT_EQ(AllAlerts().size(), first.new_alerts.size());
}

TEST_P(ScoringTest, UnchangedResubmissionKeepsTheAssessmentAndARestatementReplacesIt) {
  MustRescore(*store_);
  auto same = SubmitRecord(*store_, rec::Submit(rec::Accounts("P001"), "a1-again"));
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_EQ(same->outcome(), v1::SUBMIT_OUTCOME_UNCHANGED);
  EXPECT_EQ(MustRescore(*store_).unchanged, 2);

  v1::Accounts restated = rec::Accounts("P001");
  restated.set_cash(6e6);
  restated.set_current_assets(20e6);
  ASSERT_TRUE(SubmitRecord(*store_, rec::Submit(restated, "a1-restated")).ok());
  const std::size_t alerts_before = AllAlerts().size();
  const RescoreOutcome after = MustRescore(*store_);
  // Every provider's score reads the market (shares, sector margins): all
  // are re-assessed, each still once for the date.
  EXPECT_EQ(after.assessed, 2);
  EXPECT_EQ(HistorySize("P001"), 1);
  // Same alerts by key: none raised again.
  EXPECT_EQ(AllAlerts().size(), alerts_before + after.new_alerts.size());
  for (const v1::Alert& alert : after.new_alerts) {
    EXPECT_NE(alert.kind(), v1::ALERT_KIND_GOING_CONCERN_DOUBT) << "raised twice: " << alert.key();
  }
}

// The market is scored and written 256 providers at a time: a market of
// three batches (the last one short) has every provider assessed once,
// then nothing written again, and the going-concern alert of every provider
// whose accounts carry the doubt, in whichever batch it fell.
TEST_P(ScoringTest, AMarketOfSeveralScoringBatchesIsAssessedWhole) {
  constexpr int kMore = 2 * 256 + 40;  // with P001 and P002: 554 providers
  std::vector<v1::SubmitRequest> batch;
  for (int i = 0; i < kMore; ++i) {
    const std::string id = absl::StrCat("B", 1000 + i);
    batch.push_back(rec::Submit(rec::Provider(id), "p-" + id));
    batch.push_back(rec::Submit(rec::Accounts(id, /*going_concern_doubt=*/i % 100 == 0), "a-" + id));
  }
  auto submitted = SubmitRecords(*store_, batch);
  ASSERT_TRUE(submitted.ok()) << submitted.status();
  ASSERT_EQ(submitted->rejected(), 0);

  const RescoreOutcome first = MustRescore(*store_);
  EXPECT_EQ(first.assessed, kMore + 2);
  EXPECT_EQ(first.rating_changes.size(), static_cast<std::size_t>(kMore + 2));
  std::set<std::string> doubted;
  for (const v1::Alert& alert : first.new_alerts) {
    if (alert.kind() == v1::ALERT_KIND_GOING_CONCERN_DOUBT) doubted.insert(alert.provider_id());
  }
  // B1000, B1100, ..., B1500 and P001.
  EXPECT_THAT(doubted, ::testing::ElementsAre("B1000", "B1100", "B1200", "B1300", "B1400", "B1500", "P001"));
  EXPECT_EQ(HistorySize("B1551"), 1);
  EXPECT_EQ(HistorySize("B1000"), 1);

  const RescoreOutcome second = MustRescore(*store_);
  EXPECT_EQ(second.assessed, 0);
  EXPECT_EQ(second.unchanged, kMore + 2);
}

TEST_P(ScoringTest, OneProviderStillScoresAgainstTheWholeMarket) {
  const RescoreOutcome one = MustRescore(*store_, "P002");
  EXPECT_EQ(one.assessed, 1);
  EXPECT_EQ(HistorySize("P001"), 0);
  auto latest = store_->LatestAssessment("P002");
  ASSERT_TRUE(latest.ok() && latest->has_value());
  // The provider-only run and the market run agree: same fingerprint.
  EXPECT_EQ(MustRescore(*store_).unchanged, 1);

  auto unknown = Rescore(*store_, config_, RescoreOptions{.as_of = kAsOf, .provider_id = "P404"});
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
}

TEST_P(ScoringTest, ConcurrentRescoreFromTwoStoreHandles) {
  auto other = OpenStore(url_);
  ASSERT_TRUE(other.ok()) << other.status();
  absl::StatusOr<RescoreOutcome> a, b;
  {
    std::thread t1([&] { a = Rescore(*store_, config_, RescoreOptions{.as_of = kAsOf}); });
    std::thread t2([&] { b = Rescore(**other, config_, RescoreOptions{.as_of = kAsOf}); });
    t1.join();
    t2.join();
  }
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_TRUE(a->failures.empty() && b->failures.empty());
  EXPECT_EQ(a->assessed + b->assessed, 2) << "each provider written exactly once";
  EXPECT_EQ(a->assessed + a->unchanged, 2);
  EXPECT_EQ(b->assessed + b->unchanged, 2);
  EXPECT_EQ(HistorySize("P001"), 1);
  EXPECT_EQ(HistorySize("P002"), 1);
  std::set<std::string> keys;
  for (const AlertRow& alert : AllAlerts()) {
    EXPECT_TRUE(keys.insert(alert.alert_key).second) << "duplicate alert " << alert.alert_key;
  }
  EXPECT_EQ(keys.size(), a->new_alerts.size() + b->new_alerts.size());
}

TEST_P(ScoringTest, RankedListFiltersAndPages) {
  MustRescore(*store_);
  v1::ListProvidersRequest all;
  auto everyone = ListRankedProviders(*store_, all);
  ASSERT_TRUE(everyone.ok()) << everyone.status();
  ASSERT_EQ(everyone->total(), 2);
  EXPECT_EQ(everyone->providers(0).rank(), 1);
  EXPECT_EQ(everyone->providers(1).rank(), 2);
  EXPECT_GE(everyone->providers(0).rating(), everyone->providers(1).rating());
  EXPECT_TRUE(everyone->next_page_token().empty());

  v1::ListProvidersRequest north_west;
  north_west.set_region(v1::REGION_NORTH_WEST);
  auto nw = ListRankedProviders(*store_, north_west);
  ASSERT_TRUE(nw.ok()) << nw.status();
  ASSERT_EQ(nw->providers_size(), 1);
  EXPECT_EQ(nw->providers(0).provider_id(), "P002");
  EXPECT_EQ(nw->providers(0).name(), "Birch Homes Ltd");

  v1::ListProvidersRequest pe;
  pe.set_ownership(v1::OWNERSHIP_PRIVATE_EQUITY);
  auto pe_only = ListRankedProviders(*store_, pe);
  ASSERT_TRUE(pe_only.ok());
  ASSERT_EQ(pe_only->providers_size(), 1);
  EXPECT_EQ(pe_only->providers(0).provider_id(), "P001");

  v1::ListProvidersRequest paged;
  paged.set_page_size(1);
  auto page1 = ListRankedProviders(*store_, paged);
  ASSERT_TRUE(page1.ok());
  ASSERT_EQ(page1->providers_size(), 1);
  ASSERT_FALSE(page1->next_page_token().empty());
  paged.set_page_token(page1->next_page_token());
  auto page2 = ListRankedProviders(*store_, paged);
  ASSERT_TRUE(page2.ok()) << page2.status();
  ASSERT_EQ(page2->providers_size(), 1);
  EXPECT_EQ(page2->providers(0).rank(), 2);
  EXPECT_NE(page2->providers(0).provider_id(), page1->providers(0).provider_id());
  EXPECT_TRUE(page2->next_page_token().empty());

  paged.set_region(v1::REGION_LONDON);  // the token belongs to other filters
  EXPECT_EQ(ListRankedProviders(*store_, paged).status().code(), absl::StatusCode::kInvalidArgument);
  v1::ListProvidersRequest garbage;
  garbage.set_page_token("not-a-token");
  EXPECT_EQ(ListRankedProviders(*store_, garbage).status().code(), absl::StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Backends, ScoringTest, ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendTestName);

}  // namespace
}  // namespace oversight::server
