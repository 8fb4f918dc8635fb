// The assessor on a small hand-built market (tests/risk/assessor_test_market.h):
// a healthy voluntary provider, a private-equity group breaching its
// leverage covenant, a provider in administration, an excess-profit provider
// and one with filleted accounts. Expected figures are hand computations
// from the fixture's accounts, shown beside each assertion.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "risk/alerts/alert_rules.h"
#include "risk/assessment/assess_on_curves.h"
#include "risk/assessment/assessor.h"
#include "risk/default/merton_from_provider.h"
#include "risk/domain/validation.h"
#include "tests/risk/assessor_test_market.h"

namespace oversight::risk {
namespace {

using ::testing::HasSubstr;
using testing::kAsOf;

// In a five-provider market everyone holds over 2% of England's children;
// raise the market-share condition so that only the PE group (250 of 356
// children, 70%) meets it, as it would in the real market.
RiskConfig TestConfig() {
  RiskConfig config;
  config.impact.scope_min_market_share = 0.5;
  return config;
}

// Two scorings of one provider agree on the headline figures, the reasons
// and every explained figure with its citations.
void ExpectSameAssessment(const Assessment& x, const Assessment& y) {
  EXPECT_EQ(x.provider_id, y.provider_id);
  EXPECT_EQ(x.rating, y.rating);
  EXPECT_EQ(x.score, y.score);
  EXPECT_EQ(x.pd_one_year, y.pd_one_year);
  EXPECT_EQ(x.explanation.reasons, y.explanation.reasons);
  ASSERT_EQ(x.explanation.figures.size(), y.explanation.figures.size());
  for (std::size_t f = 0; f < x.explanation.figures.size(); ++f) {
    EXPECT_EQ(x.explanation.figures[f].key(), y.explanation.figures[f].key());
    EXPECT_EQ(x.explanation.figures[f].value, y.explanation.figures[f].value);
    EXPECT_EQ(x.explanation.figures[f].inputs.citations(), y.explanation.figures[f].inputs.citations());
  }
}

const Assessment& Find(const MarketAssessment& m, const std::string& id) {
  auto it = std::find_if(m.ranked.begin(), m.ranked.end(), [&](const Assessment& a) { return a.provider_id == id; });
  if (it == m.ranked.end()) throw std::runtime_error("not assessed: " + id);
  return *it;
}

const ExplainedFigure* Figure(const Assessment& a, const std::string& key) {
  for (const ExplainedFigure& f : a.explanation.figures) {
    if (f.key() == key) return &f;
  }
  return nullptr;
}

class SmallMarketTest : public ::testing::Test {
 protected:
  void SetUp() override {
    market_ = testing::SmallMarket();
    result_ = AssessMarket(market_, TestConfig(), kAsOf);
  }
  std::vector<ProviderData> market_;
  MarketAssessment result_;
};

TEST_F(SmallMarketTest, RanksWorstFirst) {
  ASSERT_TRUE(result_.failures.empty()) << result_.failures[0].provider_id << ": " << result_.failures[0].status;
  std::vector<std::string> order;
  for (const Assessment& a : result_.ranked) order.push_back(a.provider_id);
  // Both failures are black; the PE group houses 250 children against the
  // administration case's 15, so its expected displacement (score) is larger.
  ASSERT_EQ(order.size(), 5u);
  EXPECT_EQ(order[0], "PEG1");
  EXPECT_EQ(order[1], "ADM1");
  EXPECT_EQ(order[2], "FIL1") << "the unassessable provider ranks above the healthy ones";
  for (size_t i = 1; i < result_.ranked.size(); ++i) {
    const Assessment& worse = result_.ranked[i - 1];
    const Assessment& better = result_.ranked[i];
    EXPECT_TRUE(worse.rating > better.rating || (worse.rating == better.rating && worse.score >= better.score))
        << worse.provider_id << " before " << better.provider_id;
  }
}

TEST_F(SmallMarketTest, AdministrationIsBlackWithTheFailureFirst) {
  const Assessment& a = Find(result_, "ADM1");
  EXPECT_EQ(a.rating, Rating::kBlack);
  EXPECT_TRUE(a.business_failure);
  EXPECT_DOUBLE_EQ(a.pd_one_year, 1.0);
  EXPECT_DOUBLE_EQ(a.score, 16.0) << "p = 1 x (15 children + 1)";
  ASSERT_FALSE(a.explanation.reasons.empty());
  EXPECT_THAT(a.explanation.reasons[0], HasSubstr("business-failure event"));
}

TEST_F(SmallMarketTest, LeveragedGroupBreachesItsCovenant) {
  const Assessment& a = Find(result_, "PEG1");
  // Net debt = 150 - 5 = £145m; / EBITDA 15 = 9.667x against a 7.4x limit.
  ASSERT_TRUE(a.net_debt.has_value());
  EXPECT_NEAR(*a.net_debt, 145e6, 1) << "computed " << *a.net_debt;
  ASSERT_TRUE(a.net_debt_to_ebitda.has_value());
  EXPECT_NEAR(*a.net_debt_to_ebitda, 145.0 / 15.0, 1e-9);
  ASSERT_EQ(a.covenants.size(), 1u);
  EXPECT_TRUE(a.covenants[0].breached);
  EXPECT_EQ(a.covenants[0].facility_id, "F1");
  EXPECT_NEAR(*a.covenants[0].headroom_ratio, 7.4 - 145.0 / 15.0, 1e-9);
  EXPECT_TRUE(a.negative_net_tangible_assets) << "net assets 10 - intangibles 80 = -70";
  EXPECT_TRUE(a.in_oversight_scope);
  EXPECT_EQ(a.impact, Band::kVeryHigh) << "in scope with 250 children (>= 200)";
  EXPECT_GE(a.likelihood, Band::kHigh) << "a covenant breach floors the likelihood at high";
  EXPECT_GE(a.rating, Rating::kRed);
  ASSERT_FALSE(a.explanation.reasons.empty());
  EXPECT_THAT(a.explanation.reasons[0], HasSubstr("max_net_leverage"));
  EXPECT_THAT(a.explanation.reasons[0], HasSubstr("F1"));
  EXPECT_THAT(a.local_authorities, ::testing::ElementsAre("Bolton", "Kent", "Leeds"));
  EXPECT_EQ(a.children_placed, 250);
  // Every contribution of the combined PD is present and they sum to its log-odds.
  double log_odds = 0;
  int pd_terms = 0;
  for (const FactorContribution& c : a.explanation.contributions) {
    if (c.scale == "log-odds of one-year default") {
      log_odds += c.contribution;
      ++pd_terms;
    }
  }
  ASSERT_GT(pd_terms, 3);
  EXPECT_NEAR(1 / (1 + std::exp(-log_odds)), a.pd_one_year, 1e-9);
}

TEST_F(SmallMarketTest, HealthyVoluntaryProviderIsGreen) {
  const Assessment& a = Find(result_, "VOL1");
  EXPECT_EQ(a.rating, Rating::kGreen);
  EXPECT_EQ(a.likelihood, Band::kLow);
  // 1.0 / 10 = 10% operating margin; 1.2 / 10 = 12% EBITDA margin.
  EXPECT_NEAR(*a.operating_margin, 0.10, 1e-12);
  EXPECT_NEAR(*a.ebitda_margin, 0.12, 1e-12);
  // Altman: X1 = 1.5/8, X2 = 5/8, X3 = 1/8, X4 = 6/2 -> 6.56*0.1875 + 3.26*0.625 + 6.72*0.125 + 1.05*3 = 7.2575.
  ASSERT_TRUE(a.altman_z2.has_value());
  EXPECT_NEAR(*a.altman_z2, 7.2575, 1e-9);
  EXPECT_EQ(a.altman_zone, "safe");
  EXPECT_FALSE(a.in_oversight_scope);
}

TEST_F(SmallMarketTest, ExcessProfitIsMeasuredAgainstTheCostOfCapital) {
  const Assessment& a = Find(result_, "XSP1");
  // Capital employed 30 - 5 = 25; ROCE 15 / 25 = 60%; excess 15 - 0.09 x 25 = £12.75m.
  ASSERT_TRUE(a.roce.has_value());
  EXPECT_NEAR(*a.roce, 0.60, 1e-12);
  ASSERT_TRUE(a.excess_profit.has_value());
  EXPECT_NEAR(*a.excess_profit, 12.75e6, 1) << "computed " << *a.excess_profit;
  EXPECT_EQ(a.rating, Rating::kGreen) << "profitable is not at risk of failing";
  // Sector comparison: operating margins 10% (VOL1, PEG1), 1.7% (ADM1), 30% (XSP1):
  // XSP1 is the highest of four -> mid-rank percentile (3 + 0.5) / 4 = 0.875.
  const ExplainedFigure* pct = Figure(a, "profitability.operating_margin_percentile");
  ASSERT_NE(pct, nullptr);
  ASSERT_TRUE(pct->value.has_value()) << pct->note;
  EXPECT_NEAR(*pct->value, 0.875, 1e-12);
}

TEST_F(SmallMarketTest, FilletedAccountsGiveAbsentFiguresNotZeros) {
  const Assessment& a = Find(result_, "FIL1");
  EXPECT_EQ(a.accounts_period_end, testing::kYearEnd);
  EXPECT_FALSE(a.operating_margin.has_value());
  EXPECT_FALSE(a.ebitda_margin.has_value());
  EXPECT_FALSE(a.roce.has_value());
  EXPECT_FALSE(a.excess_profit.has_value());
  EXPECT_FALSE(a.interest_cover.has_value());
  EXPECT_FALSE(a.altman_z2.has_value());
  EXPECT_FALSE(a.ohlson_pd.has_value());
  EXPECT_FALSE(a.merton_pd.has_value());
  // The likelihood is not read as low from missing figures.
  EXPECT_GE(a.likelihood, Band::kMedium);
  EXPECT_NE(a.rating, Rating::kGreen);
  // Each absent figure says why.
  for (const char* key : {"profitability.operating_margin", "default.altman_z2", "default.ohlson_pd",
                          "resilience.interest_cover"}) {
    const ExplainedFigure* f = Figure(a, key);
    ASSERT_NE(f, nullptr) << key;
    EXPECT_FALSE(f->value.has_value()) << key;
    EXPECT_FALSE(f->note.empty()) << key << " has no note";
  }
  bool reason_given = false;
  for (const std::string& r : a.explanation.reasons) reason_given |= r.find("No failure model") != std::string::npos;
  EXPECT_TRUE(reason_given);
}

TEST_F(SmallMarketTest, FiguresCiteTheRecordsTheyCameFrom) {
  const Assessment& a = Find(result_, "PEG1");
  const ExplainedFigure* leverage = Figure(a, "resilience.net_debt_to_ebitda");
  ASSERT_NE(leverage, nullptr);
  ASSERT_FALSE(leverage->inputs.empty());
  EXPECT_EQ(leverage->inputs[0], "accounts PEG1 2025-03-31 (test/accounts.csv:PEG1, v1)");
  EXPECT_EQ(leverage->unit(), "ratio");
  EXPECT_FALSE(leverage->formula().empty());
  EXPECT_FALSE(leverage->source().empty());
  const ExplainedFigure* covenant = Figure(a, "resilience.covenant.F1.max_net_leverage");
  ASSERT_NE(covenant, nullptr);
  EXPECT_THAT(covenant->inputs, ::testing::Contains("facility PEG1/F1 (test/facilities.csv, v1)"));
  // The market's figures cite the snapshot they were read from, by its date
  // and size, as the snapshot formats itself once for every provider.
  const MarketSnapshot snapshot = MarketSnapshot::Build(market_, kAsOf);
  const std::string expected_snapshot =
      "market snapshot 2025-11-24 (" + std::to_string(market_.size()) + " providers, " +
      std::to_string(snapshot.ChildrenPlacedInEngland()) + " children placed)";
  EXPECT_EQ(snapshot.Citation(), expected_snapshot);
  const ExplainedFigure* share = Figure(a, "impact.max_local_authority_share");
  ASSERT_NE(share, nullptr);
  ASSERT_FALSE(share->inputs.empty());
  EXPECT_EQ(share->inputs[0], expected_snapshot);
  // Every figure has a key, label, unit and source; an absent value has a note.
  for (const ExplainedFigure& f : a.explanation.figures) {
    EXPECT_FALSE(f.key().empty());
    EXPECT_FALSE(f.label().empty()) << f.key();
    EXPECT_FALSE(f.unit().empty()) << f.key();
    EXPECT_FALSE(f.source().empty()) << f.key();
    if (!f.value) {
      EXPECT_FALSE(f.note.empty()) << f.key() << " absent without a note";
    }
  }
}

TEST_F(SmallMarketTest, RescoringRaisesTheSameAlertKeys) {
  const MarketAssessment again = AssessMarket(market_, TestConfig(), kAsOf);
  ASSERT_EQ(again.ranked.size(), result_.ranked.size());
  std::vector<std::string> first, second;
  for (size_t i = 0; i < result_.ranked.size(); ++i) {
    for (const Alert& a : EvaluateAlerts(nullptr, result_.ranked[i], TestConfig())) first.push_back(a.key);
    for (const Alert& a : EvaluateAlerts(nullptr, again.ranked[i], TestConfig())) second.push_back(a.key);
  }
  EXPECT_EQ(first, second);
  // The PE group's breach and leverage, the administration and the excess
  // profit are all raised, keyed on the accounts to 2025-03-31.
  EXPECT_THAT(first, ::testing::IsSupersetOf({"covenant_breached/PEG1/F1/max_net_leverage/2025-03-31",
                                              "leverage_high/PEG1/2025-03-31", "business_failure/ADM1/2025-11-24",
                                              "excess_profit_high/XSP1/2025-03-31"}));
  // Nothing for the healthy voluntary provider.
  for (const std::string& key : first) EXPECT_EQ(key.find("/VOL1/"), std::string::npos) << key;
}

TEST(AssessProvider, InvalidInputsNameTheRecordAndField) {
  std::vector<ProviderData> market = testing::SmallMarket();
  market[0].accounts[0].net_assets = 1e6;  // VOL1: 8m - 2m = 6m, not 1m
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, kAsOf);
  absl::StatusOr<Assessment> a = AssessProvider(market[0], snapshot, TestConfig(), kAsOf);
  ASSERT_EQ(a.status().code(), absl::StatusCode::kInvalidArgument) << a.status();
  EXPECT_THAT(std::string(a.status().message()), HasSubstr("accounts.net_assets"));
  EXPECT_THAT(std::string(a.status().message()), HasSubstr("accounts VOL1 2025-03-31"));
  const std::vector<FieldViolation> violations = FieldViolationsOf(a.status());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "accounts.net_assets");

  // One invalid provider does not stop the others.
  MarketAssessment m = AssessMarket(market, TestConfig(), kAsOf);
  ASSERT_EQ(m.failures.size(), 1u);
  EXPECT_EQ(m.failures[0].provider_id, "VOL1");
  EXPECT_EQ(m.ranked.size(), 4u);
}

// Scoring in batches is the same scoring: batches of 2 over the small
// market (one provider invalid) give, batch by batch in the market's order,
// the assessments AssessMarket ranks and the same failure; each batch is
// at most 2 providers and the vectors are emptied between batches.
TEST(AssessMarketInBatches, BatchesInMarketOrderAreTheMarketsAssessments) {
  std::vector<ProviderData> market = testing::SmallMarket();
  market[0].accounts[0].net_assets = 1e6;  // VOL1 invalid, as above
  const MarketAssessment whole = AssessMarket(market, TestConfig(), kAsOf);

  std::vector<std::string> order;
  std::vector<Assessment> streamed;
  std::vector<ScoringFailure> failures;
  int batches = 0;
  const absl::Status run =
      AssessMarketInBatches(market, TestConfig(), kAsOf, 2, [&](AssessedBatch& batch) {
        ++batches;
        EXPECT_LE(batch.assessments.size() + batch.failures.size(), 2u);
        for (Assessment& a : batch.assessments) {
          order.push_back(a.provider_id);
          streamed.push_back(std::move(a));
        }
        for (ScoringFailure& f : batch.failures) {
          order.push_back(f.provider_id);
          failures.push_back(std::move(f));
        }
        return absl::OkStatus();
      });
  ASSERT_TRUE(run.ok()) << run;
  EXPECT_EQ(batches, static_cast<int>((market.size() + 1) / 2));
  std::vector<std::string> market_order;
  for (const ProviderData& d : market) market_order.push_back(d.provider.provider_id);
  EXPECT_EQ(order.size(), market.size());
  // Within each batch the assessments come before the failures; across
  // batches the market's order holds.
  for (std::size_t b = 0; b < market.size(); b += 2) {
    std::vector<std::string> got(order.begin() + b, order.begin() + std::min(order.size(), b + 2));
    std::vector<std::string> want(market_order.begin() + b, market_order.begin() + std::min(market.size(), b + 2));
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    EXPECT_EQ(got, want) << "batch from " << b;
  }
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].provider_id, "VOL1");
  EXPECT_EQ(failures[0].status, whole.failures[0].status);

  RankAssessments(streamed);
  ASSERT_EQ(streamed.size(), whole.ranked.size());
  for (std::size_t i = 0; i < streamed.size(); ++i) ExpectSameAssessment(streamed[i], whole.ranked[i]);
}

// A market run keeps its curve's discount factors for every provider; a
// provider scored alone computes its own. Both give the same figures.
TEST(AssessMarketInBatches, KeptDiscountFactorsGiveEachProvidersOwnAssessment) {
  const std::vector<ProviderData> market = testing::SmallMarket();
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, kAsOf);
  const MarketAssessment whole = AssessMarket(market, TestConfig(), kAsOf);
  ASSERT_EQ(whole.ranked.size(), market.size());
  for (const ProviderData& d : market) {
    absl::StatusOr<Assessment> alone = AssessProvider(d, snapshot, TestConfig(), kAsOf);
    ASSERT_TRUE(alone.ok()) << alone.status();
    const Assessment& in_market = Find(whole, d.provider.provider_id);
    EXPECT_EQ(in_market.pd_one_year, alone->pd_one_year) << d.provider.provider_id;
    EXPECT_EQ(in_market.interest_cover, alone->interest_cover) << d.provider.provider_id;
    EXPECT_EQ(in_market.liquidity_headroom, alone->liquidity_headroom) << d.provider.provider_id;
    ASSERT_EQ(in_market.explanation.figures.size(), alone->explanation.figures.size());
    for (std::size_t f = 0; f < alone->explanation.figures.size(); ++f) {
      EXPECT_EQ(in_market.explanation.figures[f].value, alone->explanation.figures[f].value)
          << d.provider.provider_id << " " << alone->explanation.figures[f].key();
    }
  }
}

// Inputs validated before the run (MarketInputs::kAlreadyValidated, as the
// service's loader guarantees) are scored exactly as when the run validates
// them; the run then really does not validate: a record that would fail
// (VOL1's accounts, as above) is no longer caught, which is why the option
// is only for validated data.
TEST(AssessMarketInBatches, AlreadyValidatedInputsGiveTheSameAssessmentsWithoutValidating) {
  const auto run = [](const std::vector<ProviderData>& market, MarketInputs inputs) {
    MarketAssessment out;
    const absl::Status status = AssessMarketInBatches(
        market, TestConfig(), kAsOf, 3,
        [&](AssessedBatch& batch) {
          for (Assessment& a : batch.assessments) out.ranked.push_back(std::move(a));
          for (ScoringFailure& f : batch.failures) out.failures.push_back(std::move(f));
          return absl::OkStatus();
        },
        inputs);
    EXPECT_TRUE(status.ok()) << status;
    return out;
  };
  const std::vector<ProviderData> market = testing::SmallMarket();
  for (const ProviderData& d : market) ASSERT_TRUE(ValidateProviderInputs(d).ok()) << d.provider.provider_id;
  const MarketAssessment validated = run(market, MarketInputs::kValidate);
  const MarketAssessment trusted = run(market, MarketInputs::kAlreadyValidated);
  EXPECT_TRUE(validated.failures.empty());
  EXPECT_TRUE(trusted.failures.empty());
  ASSERT_EQ(trusted.ranked.size(), validated.ranked.size());
  for (std::size_t i = 0; i < trusted.ranked.size(); ++i) {
    ExpectSameAssessment(trusted.ranked[i], validated.ranked[i]);
  }

  std::vector<ProviderData> invalid = market;
  invalid[0].accounts[0].net_assets = 1e6;  // VOL1 invalid
  EXPECT_EQ(run(invalid, MarketInputs::kValidate).failures.size(), 1u);
  EXPECT_TRUE(run(invalid, MarketInputs::kAlreadyValidated).failures.empty())
      << "the trusted run must not validate again";
}

TEST(AssessMarketInBatches, StopsAtTheConsumersErrorAndRefusesAnEmptyBatchSize) {
  const std::vector<ProviderData> market = testing::SmallMarket();
  int calls = 0;
  const absl::Status stopped = AssessMarketInBatches(market, TestConfig(), kAsOf, 1, [&](AssessedBatch&) {
    ++calls;
    return calls == 2 ? absl::UnavailableError("store down") : absl::OkStatus();
  });
  EXPECT_EQ(stopped, absl::UnavailableError("store down"));
  EXPECT_EQ(calls, 2) << "no provider is scored after the consumer fails";

  const absl::Status empty =
      AssessMarketInBatches(market, TestConfig(), kAsOf, 0, [](AssessedBatch&) { return absl::OkStatus(); });
  EXPECT_EQ(empty.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(empty.message()), HasSubstr("batch_size"));
}

// Merton's figures cite the accounts from the explanation's own table and,
// when Merton used one, the equity observation it cited: the same list the
// model itself gives when asked for every text.
TEST(AssessProvider, MertonFiguresCiteTheAccountsAndTheEquityObservationUsed) {
  std::vector<ProviderData> market = testing::SmallMarket();
  ProviderData& peg = market[1];
  ASSERT_EQ(peg.provider.provider_id, "PEG1");
  EquityObservation observed{.provider_id = "PEG1", .as_of = kAsOf - 30, .equity_value = 40e6,
                             .equity_volatility = 0.45, .basis = "market capitalisation"};
  observed.provenance = Provenance{"test/equity.csv:2", 3};
  peg.equity_observations = {observed};
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, kAsOf);
  for (const ProviderData* d : {&market[0], &market[1]}) {
    absl::StatusOr<Assessment> a = AssessProvider(*d, snapshot, TestConfig(), kAsOf);
    ASSERT_TRUE(a.ok()) << a.status();
    const ModelOutcome<MertonAssessment> cited = MertonFromProviderData(*d, TestConfig().default_model, kAsOf);
    for (const char* key : {"default.merton_pd", "default.merton_distance_to_default"}) {
      const ExplainedFigure* figure = Figure(*a, key);
      ASSERT_NE(figure, nullptr) << key;
      EXPECT_EQ(figure->inputs.citations(), cited.inputs) << d->provider.provider_id << " " << key;
    }
  }
  const absl::StatusOr<Assessment> peg_assessed = AssessProvider(market[1], snapshot, TestConfig(), kAsOf);
  ASSERT_TRUE(peg_assessed.ok()) << peg_assessed.status();
  const ExplainedFigure* peg_pd = Figure(*peg_assessed, "default.merton_pd");
  ASSERT_NE(peg_pd, nullptr);
  EXPECT_THAT(peg_pd->inputs.citations(),
              ::testing::ElementsAre(::testing::StartsWith("accounts PEG1 "),
                                     ::testing::StartsWith("equity observation PEG1 ")));
}

// An assessment's figures point into its explanation's citation table
// without holding it (no reference count per figure); the explanation
// holds it, so a copy keeps it alive after the original is gone, and a move
// carries it (AddressSanitizer would report a read of a freed table).
TEST(AssessProvider, FiguresReadTheExplanationsCitationTableThroughCopiesAndMoves) {
  const std::vector<ProviderData> market = testing::SmallMarket();
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, kAsOf);
  absl::StatusOr<Assessment> original = AssessProvider(market[1], snapshot, TestConfig(), kAsOf);
  ASSERT_TRUE(original.ok()) << original.status();
  ASSERT_NE(original->explanation.citation_table, nullptr);
  EXPECT_EQ(original->explanation.citation_table.use_count(), 1) << "the figures hold no reference";
  std::vector<std::vector<std::string>> expected;
  for (const ExplainedFigure& f : original->explanation.figures) expected.push_back(f.inputs.citations());
  ASSERT_FALSE(expected.empty());
  EXPECT_FALSE(expected.front().empty());

  Assessment copy = *original;
  EXPECT_EQ(copy.explanation.citation_table.use_count(), 2);
  original = absl::InternalError("the original is gone");
  EXPECT_EQ(copy.explanation.citation_table.use_count(), 1);
  const Assessment moved = std::move(copy);
  ASSERT_EQ(moved.explanation.figures.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(moved.explanation.figures[i].inputs.citations(), expected[i]) << moved.explanation.figures[i].key();
  }
}

// AssessOptions::inputs_validated skips only the validation: on valid
// inputs every headline figure, reason and explained figure is the same.
TEST(AssessProvider, ValidatedInputsAssessAsTheCheckedPath) {
  const std::vector<ProviderData> market = testing::SmallMarket();
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, kAsOf);
  const absl::StatusOr<SoniaCurves> curves = BaselineSoniaCurves(TestConfig(), kAsOf);
  ASSERT_TRUE(curves.ok()) << curves.status();
  for (const ProviderData& data : market) {
    const absl::StatusOr<Assessment> checked =
        AssessProviderOnCurves(data, snapshot, TestConfig(), kAsOf, *curves);
    const absl::StatusOr<Assessment> trusted = AssessProviderOnCurves(
        data, snapshot, TestConfig(), kAsOf, *curves, AssessOptions{.explain = true, .inputs_validated = true});
    ASSERT_TRUE(checked.ok()) << checked.status();
    ASSERT_TRUE(trusted.ok()) << trusted.status();
    const std::string& id = data.provider.provider_id;
    EXPECT_EQ(trusted->rating, checked->rating) << id;
    EXPECT_EQ(trusted->score, checked->score) << id;
    EXPECT_EQ(trusted->pd_one_year, checked->pd_one_year) << id;
    EXPECT_EQ(trusted->interest_cover, checked->interest_cover) << id;
    EXPECT_EQ(trusted->liquidity_headroom, checked->liquidity_headroom) << id;
    EXPECT_EQ(trusted->covenants.size(), checked->covenants.size()) << id;
    EXPECT_EQ(trusted->explanation.reasons, checked->explanation.reasons) << id;
    ASSERT_EQ(trusted->explanation.figures.size(), checked->explanation.figures.size()) << id;
    for (std::size_t i = 0; i < checked->explanation.figures.size(); ++i) {
      EXPECT_EQ(trusted->explanation.figures[i].key(), checked->explanation.figures[i].key()) << id;
      EXPECT_EQ(trusted->explanation.figures[i].value, checked->explanation.figures[i].value)
          << id << " " << checked->explanation.figures[i].key();
    }
  }
}

TEST(AssessProvider, AccountsFiledAfterTheAssessmentDateAreNotUsed) {
  ProviderData d = testing::HealthyVoluntary();
  Accounts later = d.accounts[0];
  later.period = {Date(1, QuantLib::April, 2025), Date(30, QuantLib::September, 2025)};
  later.filing_date = Date(1, QuantLib::December, 2025);  // after kAsOf
  later.operating_profit = -5e6;
  later.ebitda = -4.8e6;
  d.accounts.push_back(later);
  std::vector<ProviderData> market = {d};
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, kAsOf);
  absl::StatusOr<Assessment> a = AssessProvider(d, snapshot, TestConfig(), kAsOf);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->accounts_period_end, testing::kYearEnd);
  EXPECT_NEAR(*a->operating_margin, 0.10, 1e-12);
}

TEST(RankAssessments, RatingThenScoreThenProviderId) {
  auto make = [](std::string id, Rating r, double score) {
    Assessment a;
    a.provider_id = std::move(id);
    a.rating = r;
    a.score = score;
    return a;
  };
  std::vector<Assessment> list = {make("B", Rating::kAmber, 1), make("A", Rating::kAmber, 1),
                                  make("C", Rating::kRed, 0.1), make("D", Rating::kAmber, 5),
                                  make("E", Rating::kGreen, 99)};
  RankAssessments(list);
  std::vector<std::string> ids;
  for (const Assessment& a : list) ids.push_back(a.provider_id);
  EXPECT_THAT(ids, ::testing::ElementsAre("C", "D", "A", "B", "E"));
}

// The permutation is applied in place, cycle by cycle: every assessment
// arrives whole (its own reasons and figures with it) where an independent
// sort of copies puts it, for markets with many cycles of every length.
TEST(RankAssessments, InPlacePermutationMatchesASortOfCopies) {
  std::mt19937 random(20261125);
  for (int trial = 0; trial < 50; ++trial) {
    const int n = 1 + trial * 7;
    std::vector<Assessment> list;
    for (int i = 0; i < n; ++i) {
      Assessment a;
      a.provider_id = absl::StrCat("P", std::uniform_int_distribution<int>(0, 999)(random), "-", i);
      a.rating = static_cast<Rating>(std::uniform_int_distribution<int>(0, 3)(random));
      a.score = std::uniform_int_distribution<int>(0, 5)(random);  // many ties: the id decides
      a.explanation.reasons = {absl::StrCat("reason of ", a.provider_id)};
      a.local_authorities = {absl::StrCat("authority of ", a.provider_id)};
      list.push_back(std::move(a));
    }
    std::vector<Assessment> expected = list;
    std::sort(expected.begin(), expected.end(), [](const Assessment& x, const Assessment& y) {
      return std::tuple(-static_cast<int>(x.rating), -x.score, x.provider_id) <
             std::tuple(-static_cast<int>(y.rating), -y.score, y.provider_id);
    });
    RankAssessments(list);
    ASSERT_EQ(list.size(), expected.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
      ASSERT_EQ(list[i].provider_id, expected[i].provider_id) << "trial " << trial << " position " << i;
      ASSERT_EQ(list[i].explanation.reasons, expected[i].explanation.reasons);
      ASSERT_EQ(list[i].local_authorities, expected[i].local_authorities);
    }
  }
}

}  // namespace
}  // namespace oversight::risk
