// The alert rules: each fires at and not below its threshold, keys are
// stable across re-runs and persisting conditions, and an improvement raises
// nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "risk/alerts/alert_rules.h"

namespace oversight::risk {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const Date kPeriodEnd(31, QuantLib::March, 2025);
const Date kToday(24, QuantLib::November, 2025);
const Date kTomorrow(25, QuantLib::November, 2025);

Assessment Quiet(Date as_of = kToday) {
  Assessment a;
  a.provider_id = "P007";
  a.as_of = as_of;
  a.accounts_period_end = kPeriodEnd;
  a.rating = Rating::kGreen;
  a.pd_one_year = 0.01;
  a.children_placed = 40;
  a.local_authorities_served = 2;
  a.local_authorities = {"Leeds", "York"};
  a.regions = {Region::kYorkshireAndTheHumber};
  return a;
}

std::vector<Alert> OfKind(const std::vector<Alert>& alerts, AlertKind kind) {
  std::vector<Alert> out;
  std::copy_if(alerts.begin(), alerts.end(), std::back_inserter(out),
               [kind](const Alert& a) { return a.kind == kind; });
  return out;
}

CovenantHeadroom Leverage(double limit, double actual) {
  CovenantHeadroom c;
  c.facility_id = "F1";
  c.covenant = "max_net_leverage";
  c.limit = limit;
  c.actual = actual;
  c.headroom_ratio = limit - actual;
  c.headroom_ebitda = 1e6 * (limit - actual);
  c.breached = actual > limit;
  c.next_test_date = Date(31, QuantLib::December, 2025);
  return c;
}

TEST(AlertRules, QuietAssessmentRaisesNothing) {
  const Assessment previous = Quiet(Date(23, QuantLib::November, 2025));
  EXPECT_TRUE(EvaluateAlerts(&previous, Quiet(), RiskConfig{}).empty());
  EXPECT_TRUE(EvaluateAlerts(nullptr, Quiet(), RiskConfig{}).empty());
}

TEST(AlertRules, RatingWorsenedFiresOnlyOnAWorsening) {
  Assessment previous = Quiet(Date(23, QuantLib::November, 2025));
  Assessment current = Quiet();
  current.rating = Rating::kRed;
  current.explanation.reasons = {"Covenant breached"};
  auto alerts = OfKind(EvaluateAlerts(&previous, current, RiskConfig{}), AlertKind::kRatingWorsened);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].key, "rating_worsened/P007/green-red/2025-11-24");
  EXPECT_EQ(alerts[0].severity, AlertSeverity::kCritical);
  EXPECT_THAT(alerts[0].local_authorities, ElementsAre("Leeds", "York"));
  EXPECT_THAT(alerts[0].regions, ElementsAre(Region::kYorkshireAndTheHumber));

  // Improvement (red -> amber) and no change raise nothing.
  previous.rating = Rating::kRed;
  current.rating = Rating::kAmber;
  EXPECT_TRUE(EvaluateAlerts(&previous, current, RiskConfig{}).empty());
  current.rating = Rating::kRed;
  EXPECT_TRUE(EvaluateAlerts(&previous, current, RiskConfig{}).empty());
  // With no previous assessment, only a red or black rating is raised.
  current.rating = Rating::kAmber;
  EXPECT_TRUE(EvaluateAlerts(nullptr, current, RiskConfig{}).empty());
  current.rating = Rating::kRed;
  auto first = EvaluateAlerts(nullptr, current, RiskConfig{});
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].key, "rating_worsened/P007/unrated-red/2025-11-24");
  EXPECT_EQ(first[0].severity, AlertSeverity::kCritical);
  // Green -> amber is a warning.
  previous.rating = Rating::kGreen;
  current.rating = Rating::kAmber;
  auto amber = EvaluateAlerts(&previous, current, RiskConfig{});
  ASSERT_EQ(amber.size(), 1u);
  EXPECT_EQ(amber[0].severity, AlertSeverity::kWarning);
}

TEST(AlertRules, CovenantBreachAndHeadroomAtTheirThresholds) {
  RiskConfig config;  // warning below 10% of the limit
  Assessment a = Quiet();

  a.covenants = {Leverage(6.0, 6.0)};  // headroom 0: not breached (limit is "<="), but 0% < 10%
  auto at_limit = EvaluateAlerts(nullptr, a, config);
  ASSERT_EQ(at_limit.size(), 1u);
  EXPECT_EQ(at_limit[0].kind, AlertKind::kCovenantHeadroomLow);
  EXPECT_EQ(at_limit[0].key, "covenant_headroom_low/P007/F1/max_net_leverage/2025-03-31");

  a.covenants = {Leverage(6.0, 6.01)};
  auto breached = EvaluateAlerts(nullptr, a, config);
  ASSERT_EQ(breached.size(), 1u) << "a breach supersedes the headroom warning";
  EXPECT_EQ(breached[0].kind, AlertKind::kCovenantBreached);
  EXPECT_EQ(breached[0].severity, AlertSeverity::kCritical);
  EXPECT_EQ(breached[0].key, "covenant_breached/P007/F1/max_net_leverage/2025-03-31");
  EXPECT_THAT(breached[0].detail, HasSubstr("6.01x"));
  EXPECT_THAT(breached[0].detail, HasSubstr("6.00x"));

  // Headroom exactly 10% of the limit (0.6 on 6.0) does not warn; just below does.
  a.covenants = {Leverage(6.0, 5.4)};
  EXPECT_TRUE(EvaluateAlerts(nullptr, a, config).empty());
  a.covenants = {Leverage(6.0, 5.41)};
  EXPECT_EQ(OfKind(EvaluateAlerts(nullptr, a, config), AlertKind::kCovenantHeadroomLow).size(), 1u);
}

TEST(AlertRules, RefinancingWithoutLiquidity) {
  Assessment a = Quiet();
  a.debt_maturing_12m = 20e6;
  a.debt_maturing_24m = 20e6;
  a.liquidity_headroom = 0.0;  // exactly enough: no alert
  EXPECT_TRUE(EvaluateAlerts(nullptr, a, RiskConfig{}).empty());
  a.liquidity_headroom = -1.0;
  auto alerts = EvaluateAlerts(nullptr, a, RiskConfig{});
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind, AlertKind::kRefinancingWithoutLiquidity);
  EXPECT_EQ(alerts[0].key, "refinancing_without_liquidity/P007/2025-03-31");
  EXPECT_THAT(alerts[0].title, HasSubstr("£20.0m"));
  // Nothing maturing: negative headroom alone is not a refinancing alert.
  a.debt_maturing_12m = 0;
  a.debt_maturing_24m = 0;
  EXPECT_TRUE(EvaluateAlerts(nullptr, a, RiskConfig{}).empty());
  // Unknown liquidity is not read as a shortfall.
  a.debt_maturing_12m = 5e6;
  a.liquidity_headroom.reset();
  EXPECT_TRUE(EvaluateAlerts(nullptr, a, RiskConfig{}).empty());
}

TEST(AlertRules, GoingConcernLeverageExcessProfitAndOverdueAccounts) {
  RiskConfig config;  // leverage 6.0x, excess profit £5m
  Assessment a = Quiet();
  a.net_debt_to_ebitda = 6.0;
  a.excess_profit = 5e6;
  EXPECT_TRUE(EvaluateAlerts(nullptr, a, config).empty()) << "at the thresholds nothing fires";

  a.going_concern_uncertainty = true;
  a.net_debt_to_ebitda = 6.01;
  a.excess_profit = 5e6 + 1;
  a.accounts_overdue = true;
  auto alerts = EvaluateAlerts(nullptr, a, config);
  std::vector<std::string> keys;
  for (const Alert& alert : alerts) keys.push_back(alert.key);
  EXPECT_THAT(keys, ElementsAre("going_concern_doubt/P007/2025-03-31", "leverage_high/P007/2025-03-31",
                                "excess_profit_high/P007/2025-03-31", "accounts_overdue/P007/2025-03-31"));
  EXPECT_THAT(OfKind(alerts, AlertKind::kLeverageHigh)[0].detail, HasSubstr("6.01x"));
}

TEST(AlertRules, BusinessFailureAlertsOnTheTransitionOnly) {
  Assessment current = Quiet();
  current.business_failure = true;
  current.rating = Rating::kBlack;
  auto first = EvaluateAlerts(nullptr, current, RiskConfig{});
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(first[0].kind, AlertKind::kBusinessFailure) << "most severe first";
  EXPECT_EQ(first[0].key, "business_failure/P007/2025-11-24");

  Assessment yesterday_failed = current;
  yesterday_failed.as_of = Date(23, QuantLib::November, 2025);
  EXPECT_TRUE(EvaluateAlerts(&yesterday_failed, current, RiskConfig{}).empty())
      << "a persisting failure does not re-alert every night";
}

TEST(AlertRules, KeysAreStableAcrossRerunsAndPersistingConditions) {
  Assessment previous = Quiet(Date(23, QuantLib::November, 2025));
  Assessment today = Quiet(kToday);
  today.rating = Rating::kAmber;
  today.going_concern_uncertainty = true;
  today.covenants = {Leverage(6.0, 7.0)};
  const auto run1 = EvaluateAlerts(&previous, today, RiskConfig{});
  const auto run2 = EvaluateAlerts(&previous, today, RiskConfig{});
  ASSERT_EQ(run1.size(), run2.size());
  for (size_t i = 0; i < run1.size(); ++i) EXPECT_EQ(run1[i].key, run2[i].key);

  // Tomorrow the same conditions persist on the same accounts: every key is
  // one already raised today, so the store inserts nothing new.
  Assessment tomorrow = today;
  tomorrow.as_of = kTomorrow;
  const auto next_night = EvaluateAlerts(&today, tomorrow, RiskConfig{});
  for (const Alert& alert : next_night) {
    const bool seen = std::any_of(run1.begin(), run1.end(), [&](const Alert& a) { return a.key == alert.key; });
    EXPECT_TRUE(seen) << "new key on a persisting condition: " << alert.key;
  }
  // New accounts showing the same breach are a new condition.
  tomorrow.accounts_period_end = Date(31, QuantLib::March, 2026);
  const auto new_accounts = EvaluateAlerts(&today, tomorrow, RiskConfig{});
  EXPECT_EQ(OfKind(new_accounts, AlertKind::kCovenantBreached)[0].key,
            "covenant_breached/P007/F1/max_net_leverage/2026-03-31");
}

}  // namespace
}  // namespace oversight::risk
