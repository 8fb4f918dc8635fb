// The ranked-market cache behind ListProviders, on SQLite and PostgreSQL:
// every cached answer equals a ranking built afresh from the store (the
// independent computation), the market is decoded again only when the store
// changed (a re-score, a renamed provider, another handle's write), and a
// scoped caller's pages and total hold only the providers it may see.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "proto/codec/enum_codec.h"
#include "risk/assessment/assessor.h"
#include "risk/config/risk_config.h"
#include "risk/domain/iso_date.h"
#include "server/repository/assessment_rows.h"
#include "server/repository/submission.h"
#include "server/scoring/provider_ranking.h"
#include "server/scoring/ranked_market_cache.h"
#include "server/scoring/rescore.h"
#include "tests/server/codec_test_records.h"
#include "tests/server/scoring_test_market.h"
#include "tests/support/test_support.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;
namespace rec = ::oversight::testing_records;
using test_support::Backend;

const risk::Date kAsOf(31, QuantLib::March, 2026);
const risk::Date kLaterAsOf(30, QuantLib::June, 2026);

bool Everyone(const std::string&) { return true; }

// The independent computation: the ranked list as ListProviders built it
// before the cache, on every call (commit 00ac576): every provider record,
// every latest assessment fully decoded to the domain type,
// risk::RankAssessments, summaries from the domain fields.
v1::ListProvidersResponse ReferenceList(Store& store) {
  v1::ListProvidersResponse response;
  auto records = store.AllCurrentRecords();
  EXPECT_TRUE(records.ok()) << records.status();
  std::map<std::string, v1::Provider> providers;
  for (const StoredRecord& stored : *records) {
    if (stored.kind != RecordKind::kProvider) continue;
    EXPECT_TRUE(providers[stored.provider_id].ParseFromString(stored.payload));
  }
  auto rows = store.LatestAssessments();
  EXPECT_TRUE(rows.ok()) << rows.status();
  std::vector<risk::Assessment> assessments;
  for (const AssessmentRow& row : *rows) {
    auto assessment = AssessmentOf(row);
    EXPECT_TRUE(assessment.ok()) << assessment.status();
    assessments.push_back(*assessment);
  }
  risk::RankAssessments(assessments);
  for (std::size_t i = 0; i < assessments.size(); ++i) {
    const risk::Assessment& a = assessments[i];
    const v1::Provider& p = providers.at(a.provider_id);
    v1::ProviderSummary& s = *response.add_providers();
    s.set_provider_id(a.provider_id);
    s.set_name(p.name());
    s.set_kind(p.kind());
    s.set_ownership(p.ownership());
    s.set_parent_group(p.parent_group());
    s.set_rank(static_cast<int>(i) + 1);
    s.set_rating(codec::ToProto(a.rating));
    s.set_score(a.score);
    s.set_pd_one_year(a.pd_one_year);
    if (a.net_debt_to_ebitda) s.set_net_debt_to_ebitda(*a.net_debt_to_ebitda);
    if (a.interest_cover) s.set_interest_cover(*a.interest_cover);
    if (a.operating_margin) s.set_operating_margin(*a.operating_margin);
    if (a.ebitda_margin) s.set_ebitda_margin(*a.ebitda_margin);
    s.set_children_placed(a.children_placed);
    s.set_as_of(risk::FormatIsoDate(a.as_of));
    s.set_in_oversight_scope(a.in_oversight_scope);
    s.set_insufficient_data(a.insufficient_data);
    s.set_companies_house_number(p.companies_house_number());
  }
  response.set_total(response.providers_size());
  return response;
}

class RankedMarketCacheTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto url = test_support::FreshStoreUrl(GetParam());
    ASSERT_TRUE(url.ok()) << url.status();
    url_ = *url;
    auto store = OpenStore(url_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    scoring_test::SubmitMarket(*store_);
    MustRescore(*store_, kAsOf);
    cache_ = std::make_unique<RankedMarketCache>(*store_);
  }

  void MustRescore(Store& store, risk::Date as_of) {
    auto outcome = Rescore(store, config_, RescoreOptions{.as_of = as_of});
    ASSERT_TRUE(outcome.ok()) << outcome.status();
    ASSERT_TRUE(outcome->failures.empty());
  }

  // The cached list must equal the uncached one, field for field, and the
  // whole market the reference computation.
  void ExpectSameAsFresh(const v1::ListProvidersRequest& request) {
    v1::ListProvidersRequest everything;
    everything.set_page_size(kMaxPageSize);
    auto all = ListRankedProviders(*cache_, everything, Everyone);
    ASSERT_TRUE(all.ok()) << all.status();
    const v1::ListProvidersResponse reference = ReferenceList(*store_);
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*all, reference))
        << "cached:\n" << all->DebugString() << "reference:\n" << reference.DebugString();

    auto cached = ListRankedProviders(*cache_, request, Everyone);
    auto fresh = ListRankedProviders(*store_, request);
    ASSERT_TRUE(cached.ok()) << cached.status();
    ASSERT_TRUE(fresh.ok()) << fresh.status();
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*cached, *fresh))
        << "cached:\n" << cached->DebugString() << "fresh:\n" << fresh->DebugString();
  }

  risk::RiskConfig config_;
  std::string url_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<RankedMarketCache> cache_;
};

TEST_P(RankedMarketCacheTest, BuildsOnceWhileNothingChanges) {
  ExpectSameAsFresh(v1::ListProvidersRequest());
  v1::ListProvidersRequest north_west;
  north_west.set_region(v1::REGION_NORTH_WEST);
  ExpectSameAsFresh(north_west);
  v1::ListProvidersRequest leeds;
  leeds.set_local_authority("Leeds");
  ExpectSameAsFresh(leeds);
  EXPECT_EQ(cache_->builds(), 1) << "three requests, no write in between";

  // A re-score with the same inputs writes nothing: still no rebuild.
  MustRescore(*store_, kAsOf);
  ExpectSameAsFresh(v1::ListProvidersRequest());
  EXPECT_EQ(cache_->builds(), 1) << "an unchanged re-score wrote nothing";
}

TEST_P(RankedMarketCacheTest, ARescoreOrARenameIsSeenAtOnce) {
  ExpectSameAsFresh(v1::ListProvidersRequest());
  MustRescore(*store_, kLaterAsOf);
  auto later = ListRankedProviders(*cache_, v1::ListProvidersRequest(), Everyone);
  ASSERT_TRUE(later.ok()) << later.status();
  ASSERT_EQ(later->providers_size(), 2);
  for (const v1::ProviderSummary& summary : later->providers()) {
    EXPECT_EQ(summary.as_of(), "2026-06-30") << summary.provider_id();
  }
  EXPECT_EQ(cache_->builds(), 2);
  ExpectSameAsFresh(v1::ListProvidersRequest());

  auto renamed = SubmitRecords(*store_, {rec::Submit(rec::Provider("P002", "Birch Homes Group Ltd"), "p2-renamed")});
  ASSERT_TRUE(renamed.ok()) << renamed.status();
  ASSERT_EQ(renamed->rejected(), 0);
  auto after = ListRankedProviders(*cache_, v1::ListProvidersRequest(), Everyone);
  ASSERT_TRUE(after.ok()) << after.status();
  bool found = false;
  for (const v1::ProviderSummary& summary : after->providers()) {
    if (summary.provider_id() == "P002") {
      found = true;
      EXPECT_EQ(summary.name(), "Birch Homes Group Ltd");
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(cache_->builds(), 3);
  ExpectSameAsFresh(v1::ListProvidersRequest());
}

TEST_P(RankedMarketCacheTest, AnotherHandlesWriteIsSeenWithinTheRefreshPeriod) {
  ExpectSameAsFresh(v1::ListProvidersRequest());
  auto other = OpenStore(url_);
  ASSERT_TRUE(other.ok()) << other.status();
  MustRescore(**other, kLaterAsOf);
  // Not a timed assertion: wait (bounded) until this handle's stamp moves,
  // which Store::ChangeStamp promises within kChangeStampRefresh.
  const absl::Time give_up = absl::Now() + 20 * Store::kChangeStampRefresh;
  auto before = ListRankedProviders(*cache_, v1::ListProvidersRequest(), Everyone);
  ASSERT_TRUE(before.ok());
  std::string seen_as_of = before->providers(0).as_of();
  while (seen_as_of != "2026-06-30" && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(50));
    auto now = ListRankedProviders(*cache_, v1::ListProvidersRequest(), Everyone);
    ASSERT_TRUE(now.ok()) << now.status();
    seen_as_of = now->providers(0).as_of();
  }
  EXPECT_EQ(seen_as_of, "2026-06-30") << "the other handle's re-score never reached this cache";
  ExpectSameAsFresh(v1::ListProvidersRequest());
}

TEST_P(RankedMarketCacheTest, AScopedCallerCountsAndPagesOnlyItsProviders) {
  auto everyone = ListRankedProviders(*cache_, v1::ListProvidersRequest(), Everyone);
  ASSERT_TRUE(everyone.ok()) << everyone.status();
  ASSERT_EQ(everyone->total(), 2);
  int p002_rank = 0;
  for (const v1::ProviderSummary& s : everyone->providers()) {
    if (s.provider_id() == "P002") p002_rank = s.rank();
  }
  ASSERT_GT(p002_rank, 0);

  auto only_p002 = [](const std::string& id) { return id == "P002"; };
  v1::ListProvidersRequest one_per_page;
  one_per_page.set_page_size(1);
  auto scoped = ListRankedProviders(*cache_, one_per_page, only_p002);
  ASSERT_TRUE(scoped.ok()) << scoped.status();
  EXPECT_EQ(scoped->total(), 1) << "the market's size must not leak to a scoped caller";
  ASSERT_EQ(scoped->providers_size(), 1);
  EXPECT_EQ(scoped->providers(0).provider_id(), "P002");
  EXPECT_EQ(scoped->providers(0).rank(), p002_rank) << "rank stays the position in the market";
  EXPECT_TRUE(scoped->next_page_token().empty()) << "one visible provider, one page";

  auto nobody = ListRankedProviders(*cache_, v1::ListProvidersRequest(),
                                    [](const std::string&) { return false; });
  ASSERT_TRUE(nobody.ok()) << nobody.status();
  EXPECT_EQ(nobody->total(), 0);
  EXPECT_EQ(nobody->providers_size(), 0);

  // Paging walks the whole visible list exactly once.
  auto page1 = ListRankedProviders(*cache_, one_per_page, Everyone);
  ASSERT_TRUE(page1.ok());
  ASSERT_FALSE(page1->next_page_token().empty());
  one_per_page.set_page_token(page1->next_page_token());
  auto page2 = ListRankedProviders(*cache_, one_per_page, Everyone);
  ASSERT_TRUE(page2.ok()) << page2.status();
  ASSERT_EQ(page2->providers_size(), 1);
  EXPECT_EQ(page2->providers(0).rank(), 2);
  EXPECT_TRUE(page2->next_page_token().empty());
  EXPECT_EQ(cache_->builds(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, RankedMarketCacheTest,
                         ::testing::ValuesIn(test_support::AllBackends()),
                         test_support::BackendTestName);

}  // namespace
}  // namespace oversight::server
