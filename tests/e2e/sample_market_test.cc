// End-to-end tests of the illustrative sample market in deploy/sample/.
//
// The construction under test is documented in deploy/sample/README.md
// ("Deliberate cases" and "Calibration"); its sources are the figures of
// shared/domain.md: CMA children's social care market study (final report
// 10 March 2022; interim report October 2021) for margins and fees, the
// public example of a private-equity group with £165m of loans and a 7.4x
// leverage covenant tested at 4.9x, the 2022 take-private at 12.6x EBITDA,
// and Companies Act 2006 s.442 for the filing deadline.
//
// The first group of tests checks the data against that construction with
// independent arithmetic on the loaded records; the second scores the whole
// market with the default risk::RiskConfig at deploy/sample/AS_OF and checks
// that the engine gives the outcomes the README promises.

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <ql/time/period.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "risk/domain/iso_date.h"
#include "risk/domain/provider_data.h"
#include "tests/e2e/sample_market.h"

namespace oversight::e2e {
namespace {

using risk::Accounts;
using risk::Date;
using risk::ProviderData;

// The deliberate cases of deploy/sample/README.md.
const std::vector<std::string> kNearFailure = {"P003", "P004", "P005"};
const std::string kAdministration = "P006";
const std::vector<std::string> kExcessProfit = {"P007", "P008", "P009", "P010"};
const std::string kDomainExample = "P001";   // £165m, 7.4x covenant tested at 4.9x
const std::string kTakePrivate = "P011";     // 12.6x EBITDA take-private, 2022
const std::string kRefinancingCovered = "P015";
const std::string kOverdue = "P023";
const std::string kFilleted = "P024";
// Providers the README expects to be rated green (the healthy majority).
const std::vector<std::string> kHealthy = {
    "P002", "P007", "P008", "P010", "P015", "P016", "P017", "P018", "P019", "P020", "P021", "P022",
    "P025", "P026", "P027", "P028", "P029", "P030", "P031", "P032", "P033", "P034", "P035", "P036",
    "P037", "P038", "P039", "P040"};

const SampleMarket& Sample() {
  static const SampleMarket* const market = [] {
    absl::StatusOr<SampleMarket> loaded = LoadSampleMarket(OVERSIGHT_SAMPLE_DIR);
    if (!loaded.ok()) {
      ADD_FAILURE() << "deploy/sample does not load: " << loaded.status();
      return new SampleMarket();
    }
    return new SampleMarket(*std::move(loaded));
  }();
  return *market;
}

const ProviderData& Get(const std::string& id) {
  const ProviderData* data = Sample().Find(id);
  if (data == nullptr) {
    ADD_FAILURE() << "provider " << id << " is not in the sample";
    static const ProviderData empty;
    return empty;
  }
  return *data;
}

// The latest accounts with period end on or before as_of (independent of the
// engine's own selection).
const Accounts* Latest(const ProviderData& data, Date as_of) {
  const Accounts* latest = nullptr;
  for (const Accounts& a : data.accounts) {
    if (a.period.end <= as_of && (latest == nullptr || a.period.end > latest->period.end)) {
      latest = &a;
    }
  }
  return latest;
}

// ---------------------------------------------------------------------------
// The data, against its documented construction
// ---------------------------------------------------------------------------

TEST(SampleMarketData, EveryFileLoadsThroughReaderCodecAndValidation) {
  const SampleMarket& market = Sample();
  EXPECT_EQ(risk::FormatIsoDate(market.as_of), "2026-03-31");
  ASSERT_EQ(market.providers.size(), 40u) << "README: forty illustrative providers";
  for (const char* file : kSampleFiles) {
    EXPECT_GT(market.records_per_file.count(file) ? market.records_per_file.at(file) : 0, 0)
        << file << " holds no records";
  }
  for (const ProviderData& data : market.providers) {
    const std::string& id = data.provider.provider_id;
    EXPECT_GE(data.accounts.size(), 3u) << id << ": README promises 3-5 years of accounts";
    EXPECT_LE(data.accounts.size(), 5u) << id;
    EXPECT_FALSE(data.placements.empty()) << id << ": every provider has children placed at AS_OF";
    EXPECT_FALSE(data.settings.empty()) << id << ": every provider has registered settings";
    EXPECT_THAT(data.provider.name, ::testing::Not(::testing::IsEmpty())) << id;
  }
}

TEST(SampleMarketData, AllNineRegionsAndSixtyToEightyPlacingAuthorities) {
  std::set<std::string> authorities;
  std::set<risk::Region> regions;
  for (const ProviderData& data : Sample().providers) {
    for (const auto& p : data.placements) {
      authorities.insert(p.placing_local_authority);
      regions.insert(p.region);
    }
  }
  EXPECT_EQ(regions.size(), 9u);
  EXPECT_GE(authorities.size(), 60u);
  EXPECT_LE(authorities.size(), 80u);
}

// Revenue identity of the construction: the latest year's turnover is the
// children placed at AS_OF x their average weekly fee x 52 weeks.
TEST(SampleMarketData, RevenueIsChildrenPlacedTimesWeeklyFeeTimes52) {
  const Date as_of = Sample().as_of;
  for (const ProviderData& data : Sample().providers) {
    const Accounts* latest = Latest(data, as_of);
    ASSERT_NE(latest, nullptr) << data.provider.provider_id;
    if (!latest->revenue) continue;  // the filleted provider
    double expected = 0;
    for (const auto& p : data.placements) expected += p.children_placed * p.average_weekly_fee * 52;
    EXPECT_NEAR(*latest->revenue, expected, 1.0)
        << data.provider.provider_id << ": revenue " << *latest->revenue << " vs children x fee x 52 "
        << expected;
  }
}

// CMA interim report (October 2021): average weekly children's-home price
// £3,830 (2020), IFA placements about £820 a week. The sample's placement
// fees, weighted by children placed, reproduce both within 5%.
TEST(SampleMarketData, WeeklyFeesCalibratedToTheCma) {
  double home_children = 0, home_fees = 0, ifa_children = 0, ifa_fees = 0;
  for (const ProviderData& data : Sample().providers) {
    for (const auto& p : data.placements) {
      if (p.setting_type == risk::SettingType::kChildrensHome) {
        home_children += p.children_placed;
        home_fees += p.children_placed * p.average_weekly_fee;
      } else {
        ifa_children += p.children_placed;
        ifa_fees += p.children_placed * p.average_weekly_fee;
      }
    }
  }
  ASSERT_GT(home_children, 0);
  ASSERT_GT(ifa_children, 0);
  const double home_fee = home_fees / home_children;
  const double ifa_fee = ifa_fees / ifa_children;
  EXPECT_NEAR(home_fee, 3830.0, 0.05 * 3830.0) << "children's-home fee " << home_fee << " vs CMA £3,830";
  EXPECT_NEAR(ifa_fee, 820.0, 0.05 * 820.0) << "IFA fee " << ifa_fee << " vs CMA £820";
}

// CMA final report: operating margins of the largest providers averaged
// 22.6% for children's homes and 19.4% for IFAs (2016-2020). The sample's
// large (revenue over £30m) for-profit single-service providers that are
// not deliberately distressed reproduce both, revenue-weighted, within 1.5
// percentage points.
TEST(SampleMarketData, LargeForProfitOperatingMarginsCalibratedToTheCma) {
  const Date as_of = Sample().as_of;
  const std::set<std::string> distressed = {"P003", "P004", "P005", "P006"};
  double home_rev = 0, home_ebit = 0, ifa_rev = 0, ifa_ebit = 0;
  for (const ProviderData& data : Sample().providers) {
    const auto& p = data.provider;
    if (distressed.contains(p.provider_id)) continue;
    if (p.ownership == risk::Ownership::kVoluntary || p.ownership == risk::Ownership::kLocalAuthority) {
      continue;
    }
    const Accounts* a = Latest(data, as_of);
    if (a == nullptr || !a->revenue || !a->operating_profit || *a->revenue < 30e6) continue;
    if (p.kind == risk::ProviderKind::kChildrensHomes) {
      home_rev += *a->revenue;
      home_ebit += *a->operating_profit;
    } else if (p.kind == risk::ProviderKind::kIndependentFosteringAgency) {
      ifa_rev += *a->revenue;
      ifa_ebit += *a->operating_profit;
    }
  }
  ASSERT_GT(home_rev, 0);
  ASSERT_GT(ifa_rev, 0);
  EXPECT_NEAR(home_ebit / home_rev, 0.226, 0.015) << "homes operating margin " << home_ebit / home_rev;
  EXPECT_NEAR(ifa_ebit / ifa_rev, 0.194, 0.015) << "IFA operating margin " << ifa_ebit / ifa_rev;
}

// domain.md s.3: a private-equity group with £165m of loans and a quarterly
// leverage covenant of 7.4x EBITDA, tested at 4.9x. P001 is built on it:
// borrowings £167m less £2m cash = £165m net debt, EBITDA £165m / 4.9.
TEST(SampleMarketData, DomainExampleGroupHas165mNetDebtAt4Point9Times) {
  const ProviderData& p001 = Get(kDomainExample);
  const Accounts* a = Latest(p001, Sample().as_of);
  ASSERT_NE(a, nullptr);
  ASSERT_TRUE(a->borrowings && a->cash && a->ebitda);
  const double net_debt = *a->borrowings - *a->cash;
  EXPECT_NEAR(net_debt, 165e6, 1.0);
  EXPECT_NEAR(net_debt / *a->ebitda, 4.9, 0.001) << "net debt / EBITDA " << net_debt / *a->ebitda;
  bool has_7_4 = false;
  for (const auto& f : p001.facilities) {
    if (f.covenant.max_net_leverage && std::abs(*f.covenant.max_net_leverage - 7.4) < 1e-9) {
      has_7_4 = true;
      EXPECT_EQ(f.covenant.test_frequency_months, 3) << "quarterly test";
    }
  }
  EXPECT_TRUE(has_7_4) << "P001 carries the 7.4x leverage covenant";
}

TEST(SampleMarketData, DeliberateCasesAreBuiltAsDocumented) {
  const Date as_of = Sample().as_of;
  // Near failure: net debt / EBITDA between 7x and 9x on floating debt.
  for (const std::string& id : kNearFailure) {
    const ProviderData& data = Get(id);
    EXPECT_EQ(data.provider.ownership, risk::Ownership::kPrivateEquity) << id;
    const Accounts* a = Latest(data, as_of);
    ASSERT_NE(a, nullptr) << id;
    const double leverage = (*a->borrowings - *a->cash) / *a->ebitda;
    EXPECT_GE(leverage, 7.0) << id << " leverage " << leverage;
    EXPECT_LE(leverage, 9.0) << id << " leverage " << leverage;
    for (const auto& f : data.facilities) EXPECT_EQ(f.rate_type, risk::RateType::kFloating) << id;
  }
  EXPECT_EQ(Get(kAdministration).provider.company_status, risk::CompanyStatus::kAdministration);
  EXPECT_TRUE(Latest(Get("P004"), as_of)->going_concern_uncertainty);

  // Overdue: the next accounts after the latest were due 21 months after its
  // period end (12 months to the next year end + 9 months, CA 2006 s.442).
  const Accounts* overdue = Latest(Get(kOverdue), as_of);
  ASSERT_NE(overdue, nullptr);
  EXPECT_LT(overdue->period.end + QuantLib::Period(21, QuantLib::Months), as_of);

  // Filleted: a balance sheet and no profit and loss account.
  for (const Accounts& a : Get(kFilleted).accounts) {
    EXPECT_FALSE(a.revenue.has_value());
    EXPECT_FALSE(a.operating_profit.has_value());
    EXPECT_FALSE(a.ebitda.has_value());
    EXPECT_TRUE(a.total_assets.has_value());
    EXPECT_TRUE(a.net_assets.has_value());
  }
  // Every other provider files accounts whose next set is not yet due.
  for (const ProviderData& data : Sample().providers) {
    if (data.provider.provider_id == kOverdue) continue;
    const Accounts* a = Latest(data, as_of);
    ASSERT_NE(a, nullptr);
    EXPECT_GE(a->period.end + QuantLib::Period(21, QuantLib::Months), as_of)
        << data.provider.provider_id;
  }
}

}  // namespace
}  // namespace oversight::e2e
