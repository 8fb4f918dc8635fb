// Input validation: every rule names its field, every violation of a record
// is reported at once, and the structured payload round-trips.
#include "risk/domain/validation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace oversight::risk {
namespace {

using ::testing::Contains;
using ::testing::Field;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

Date D(int day, QuantLib::Month month, int year) { return Date(day, month, year); }

std::vector<std::string> FieldsOf(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

Provider GoodProvider() {
  Provider p;
  p.provider_id = "P001";
  p.name = "Example Care Ltd";
  p.companies_house_number = "09707484";
  return p;
}

Accounts GoodAccounts() {
  Accounts a;
  a.provider_id = "P001";
  a.period = {D(1, QuantLib::April, 2023), D(31, QuantLib::March, 2024)};
  a.revenue = 50'000'000;
  a.staff_costs = 30'000'000;
  a.other_operating_costs = 8'000'000;
  a.rent_costs = 2'000'000;
  a.ebitda = 10'000'000;
  a.depreciation_amortisation = 1'500'000;
  a.operating_profit = 8'500'000;
  a.interest_payable = 3'000'000;
  a.cash = 4'000'000;
  a.current_assets = 9'000'000;
  a.current_liabilities = 7'000'000;
  a.total_assets = 80'000'000;
  a.total_liabilities = 60'000'000;
  a.net_assets = 20'000'000;
  a.borrowings = 45'000'000;
  a.intangible_assets = 30'000'000;
  a.filing_date = D(15, QuantLib::December, 2024);
  return a;
}

DebtFacility GoodFacility() {
  DebtFacility f;
  f.provider_id = "P001";
  f.facility_id = "F1";
  f.committed = 50'000'000;
  f.drawn = 40'000'000;
  f.start_date = D(1, QuantLib::June, 2022);
  f.maturity_date = D(1, QuantLib::June, 2028);
  f.rate_type = RateType::kFloating;
  f.margin = 0.0525;
  f.covenant.max_net_leverage = 6.0;
  f.covenant.first_test_date = D(30, QuantLib::September, 2022);
  return f;
}

TEST(Validation, GoodRecordsPass) {
  EXPECT_TRUE(ValidateProvider(GoodProvider()).ok());
  EXPECT_TRUE(ValidateAccounts(GoodAccounts()).ok()) << ValidateAccounts(GoodAccounts());
  EXPECT_TRUE(ValidateDebtFacility(GoodFacility()).ok()) << ValidateDebtFacility(GoodFacility());

  Setting s;
  s.provider_id = "P001";
  s.urn = "SC123456";
  s.local_authority = "Leeds";
  EXPECT_TRUE(ValidateSetting(s).ok());
  s.urn = "2526354";
  EXPECT_TRUE(ValidateSetting(s).ok());

  PlacementReturn p;
  p.provider_id = "P001";
  p.as_of = D(31, QuantLib::March, 2024);
  p.placing_local_authority = "Leeds";
  p.children_placed = 12;
  p.average_weekly_fee = 4200;
  EXPECT_TRUE(ValidatePlacementReturn(p).ok());

  EquityObservation e;
  e.provider_id = "P001";
  e.as_of = D(31, QuantLib::March, 2024);
  e.equity_value = 1e8;
  e.equity_volatility = 0.35;
  EXPECT_TRUE(ValidateEquityObservation(e).ok());

  RelatedPartyFlows r;
  r.provider_id = "P001";
  r.period = GoodAccounts().period;
  r.management_charges = 1e6;
  EXPECT_TRUE(ValidateRelatedPartyFlows(r).ok());
}

TEST(Validation, ProviderRules) {
  Provider p = GoodProvider();
  p.provider_id = "P 001/x";
  p.name = "  ";
  p.companies_house_number = "sc12345";
  const absl::Status status = ValidateProvider(p);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(status),
              UnorderedElementsAre("provider.provider_id", "provider.name",
                                   "provider.companies_house_number"));
  p = GoodProvider();
  p.provider_id = std::string(65, 'a');
  EXPECT_THAT(FieldsOf(ValidateProvider(p)), UnorderedElementsAre("provider.provider_id"));
  p.provider_id = std::string(64, 'a');
  EXPECT_TRUE(ValidateProvider(p).ok());
  p.provider_id = "";
  EXPECT_THAT(FieldsOf(ValidateProvider(p)), UnorderedElementsAre("provider.provider_id"));
  p = GoodProvider();
  p.companies_house_number = "SC123456";
  EXPECT_TRUE(ValidateProvider(p).ok());
  p.companies_house_number = "";
  EXPECT_TRUE(ValidateProvider(p).ok()) << "the number is optional";
}

TEST(Validation, AccountsReportsEveryViolationAtOnce) {
  Accounts a = GoodAccounts();
  a.revenue = -1;
  a.staff_costs = -5;
  a.cash = 10'000'000;          // > current assets 9m
  a.net_assets = 25'000'000;    // TA - TL = 20m, tolerance max(1000, 400k)
  a.ebitda = 12'000'000;        // op profit + D&A = 10m
  a.filing_date = D(1, QuantLib::March, 2024);  // before period end
  const absl::Status status = ValidateAccounts(a);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(FieldsOf(status),
              UnorderedElementsAre("accounts.revenue", "accounts.staff_costs", "accounts.cash",
                                   "accounts.net_assets", "accounts.ebitda",
                                   "accounts.filing_date"));
  // The message lists them too, for logs and the CLI.
  EXPECT_NE(status.message().find("6 invalid inputs"), absl::string_view::npos) << status;
  EXPECT_NE(status.message().find("accounts.filing_date: precedes period.end"),
            absl::string_view::npos)
      << status;
}

TEST(Validation, AccountsPeriodRules) {
  Accounts a = GoodAccounts();
  a.period.end = D(31, QuantLib::March, 2023);  // before start
  a.filing_date = Date();
  EXPECT_THAT(FieldsOf(ValidateAccounts(a)), UnorderedElementsAre("accounts.period.end"));

  a.period.end = D(2, QuantLib::October, 2024);  // 18 months + 1 day after 2023-04-01
  EXPECT_THAT(FieldsOf(ValidateAccounts(a)), UnorderedElementsAre("accounts.period.end"));
  a.period.end = D(1, QuantLib::October, 2024);  // exactly 18 months: allowed (s.392)
  EXPECT_TRUE(ValidateAccounts(a).ok()) << ValidateAccounts(a);

  a.period = {Date(), Date()};
  EXPECT_THAT(FieldsOf(ValidateAccounts(a)),
              UnorderedElementsAre("accounts.period.start", "accounts.period.end"));
}

// The 18-month cap against QuantLib's month arithmetic for every start day
// of two years (month ends and 29 February included) and every period
// length from 500 to 562 days, around the day-count bounds the check uses.
TEST(Validation, EighteenMonthCapMatchesQuantLibForEveryStartDay) {
  RelatedPartyFlows flows;
  flows.provider_id = "P001";
  const Date first(1, QuantLib::January, 2023);
  int checked = 0;
  for (int day = 0; day < 731; ++day) {
    const Date start = first + day;
    const Date cap = start + QuantLib::Period(18, QuantLib::Months);
    for (int length = 500; length <= 562; ++length) {
      flows.period = {start, start + length};
      const bool refused = !ValidateRelatedPartyFlows(flows).ok();
      ASSERT_EQ(refused, flows.period.end > cap)
          << "period " << flows.period.start << " to " << flows.period.end << ", cap " << cap;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 731 * 63);
}

TEST(Validation, AccountsTolerancesAreInclusive) {
  Accounts a = GoodAccounts();
  // Balance sheet: tolerance = max(1000, 0.5% x 80m) = 400,000.
  a.net_assets = 20'400'000;
  EXPECT_TRUE(ValidateAccounts(a).ok()) << ValidateAccounts(a);
  a.net_assets = 20'400'001;
  EXPECT_THAT(FieldsOf(ValidateAccounts(a)), UnorderedElementsAre("accounts.net_assets"));

  // EBITDA reconciliation: tolerance = max(1000, 0.5% x revenue 50m) = 250,000.
  a = GoodAccounts();
  a.ebitda = 10'250'000;
  EXPECT_TRUE(ValidateAccounts(a).ok()) << ValidateAccounts(a);
  a.ebitda = 10'250'001;
  EXPECT_THAT(FieldsOf(ValidateAccounts(a)), UnorderedElementsAre("accounts.ebitda"));

  // Small company: the £1,000 floor applies.
  Accounts small;
  small.provider_id = "P002";
  small.period = GoodAccounts().period;
  small.total_assets = 10'000;
  small.total_liabilities = 4'000;
  small.net_assets = 6'900;
  EXPECT_TRUE(ValidateAccounts(small).ok()) << ValidateAccounts(small);
  small.net_assets = 7'001;
  EXPECT_FALSE(ValidateAccounts(small).ok());
}

TEST(Validation, AccountsNestingAndSignedFigures) {
  Accounts a = GoodAccounts();
  a.current_assets = 90'000'000;  // > total assets 80m
  EXPECT_THAT(FieldsOf(ValidateAccounts(a)), UnorderedElementsAre("accounts.current_assets"));

  a = GoodAccounts();
  a.operating_profit = -2'000'000;  // a loss is allowed
  a.ebitda = -500'000;
  a.net_assets = std::nullopt;
  a.net_income = -3'000'000;
  EXPECT_TRUE(ValidateAccounts(a).ok()) << ValidateAccounts(a);

  a.net_income = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THAT(FieldsOf(ValidateAccounts(a)), UnorderedElementsAre("accounts.net_income"));
}

// Each figure positive by the sign convention, one at a time: a negative
// amount, NaN and either infinity are refused with the field and the
// reason; -0 and a missing figure pass.
TEST(Validation, EveryNonNegativeFigureRefusesNegativeAndNonFiniteValues) {
  const std::pair<const char*, std::optional<Pounds> Accounts::*> figures[] = {
      {"revenue", &Accounts::revenue},           {"staff_costs", &Accounts::staff_costs},
      {"rent_costs", &Accounts::rent_costs},     {"interest_payable", &Accounts::interest_payable},
      {"cash", &Accounts::cash},                 {"borrowings", &Accounts::borrowings},
      {"intangible_assets", &Accounts::intangible_assets},
  };
  for (const auto& [name, member] : figures) {
    const std::string field = std::string("accounts.") + name;
    for (double bad : {-1.0, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                       -std::numeric_limits<double>::infinity()}) {
      Accounts a = GoodAccounts();
      a.*member = bad;
      const absl::Status status = ValidateAccounts(a);
      EXPECT_THAT(FieldsOf(status), ::testing::Contains(field)) << name << " = " << bad;
      const bool finite = std::isfinite(bad);
      EXPECT_NE(status.message().find(finite ? "is negative" : "is not a finite number"), absl::string_view::npos)
          << name << " = " << bad << ": " << status;
    }
    Accounts zero = GoodAccounts();
    zero.*member = -0.0;
    EXPECT_THAT(FieldsOf(ValidateAccounts(zero)), ::testing::Not(::testing::Contains(field))) << name << " = -0";
    Accounts missing = GoodAccounts();
    missing.*member = std::nullopt;
    EXPECT_THAT(FieldsOf(ValidateAccounts(missing)), ::testing::Not(::testing::Contains(field)))
        << name << " missing";
  }
}

TEST(Validation, FacilityRules) {
  DebtFacility f = GoodFacility();
  f.facility_id = "";
  f.committed = 0;
  f.drawn = -1;
  f.maturity_date = f.start_date;
  f.margin = 5.25;  // percent, not a fraction
  f.amortisation_per_year = -10;
  f.covenant.max_net_leverage = 0;
  f.covenant.min_interest_cover = -1;
  f.covenant.test_frequency_months = 4;
  f.covenant.first_test_date = Date();
  EXPECT_THAT(FieldsOf(ValidateDebtFacility(f)),
              UnorderedElementsAre("facility.facility_id", "facility.committed", "facility.drawn",
                                   "facility.maturity_date", "facility.margin",
                                   "facility.amortisation_per_year",
                                   "facility.covenant.max_net_leverage",
                                   "facility.covenant.min_interest_cover",
                                   "facility.covenant.test_frequency_months",
                                   "facility.covenant.first_test_date"));

  f = GoodFacility();
  f.drawn = f.committed + 1;
  EXPECT_THAT(FieldsOf(ValidateDebtFacility(f)), UnorderedElementsAre("facility.drawn"));

  f = GoodFacility();
  f.rate_type = RateType::kFixed;
  f.fixed_rate = 0.51;
  f.margin = 9;  // ignored for a fixed facility
  EXPECT_THAT(FieldsOf(ValidateDebtFacility(f)), UnorderedElementsAre("facility.fixed_rate"));
  f.fixed_rate = 0.065;
  EXPECT_TRUE(ValidateDebtFacility(f).ok());

  f = GoodFacility();
  f.covenant = Covenant{};  // no limits: first test date not needed
  EXPECT_TRUE(ValidateDebtFacility(f).ok());
  f.start_date = Date();
  EXPECT_THAT(FieldsOf(ValidateDebtFacility(f)), UnorderedElementsAre("facility.start_date"));
}

TEST(Validation, SettingPlacementEquityAndFlows) {
  Setting s;
  s.provider_id = "P001";
  s.urn = "SC12345";  // too short
  s.local_authority = "";
  s.registered_places = -1;
  EXPECT_THAT(FieldsOf(ValidateSetting(s)),
              UnorderedElementsAre("setting.urn", "setting.local_authority",
                                   "setting.registered_places"));
  s.urn = "12345678";  // 8 digits
  s.local_authority = "Leeds";
  s.registered_places = 0;
  EXPECT_THAT(FieldsOf(ValidateSetting(s)), UnorderedElementsAre("setting.urn"));

  PlacementReturn p;
  p.provider_id = "P001";
  p.children_placed = -2;
  p.registered_places = -1;
  p.average_weekly_fee = -100;
  EXPECT_THAT(FieldsOf(ValidatePlacementReturn(p)),
              UnorderedElementsAre("placement.as_of", "placement.placing_local_authority",
                                   "placement.children_placed", "placement.registered_places",
                                   "placement.average_weekly_fee"));

  EquityObservation e;
  e.provider_id = "P001";
  e.as_of = D(1, QuantLib::April, 2024);
  e.equity_value = 0;
  e.equity_volatility = 35;  // percent, not a fraction
  EXPECT_THAT(FieldsOf(ValidateEquityObservation(e)),
              UnorderedElementsAre("equity_observation.equity_value",
                                   "equity_observation.equity_volatility"));
  e.equity_value = 1;
  e.equity_volatility = 5;  // the inclusive upper bound
  EXPECT_TRUE(ValidateEquityObservation(e).ok());

  RelatedPartyFlows r;
  r.provider_id = "P001";
  r.period = GoodAccounts().period;
  r.connected_rent = -1;
  r.dividends = -2;
  EXPECT_THAT(FieldsOf(ValidateRelatedPartyFlows(r)),
              UnorderedElementsAre("related_party_flows.connected_rent",
                                   "related_party_flows.dividends"));
}

TEST(ValidationPayload, RoundTripsAwkwardText) {
  Violations v;
  v.Add("accounts.period.end", "precedes period.start (2024-03-31 < 2024-04-01)");
  v.Add("tab\tfield", "line one\nline two\ttabbed, with \"quotes\" and 12:34, colons");
  v.Add("unicode", "£3,830 a week — Ofsted ✓ 儿童");
  v.Add("", "");
  v.Add("7:abc,", "4:x");  // looks like the encoding itself
  const absl::Status status = v.ToStatus();
  ASSERT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  const std::vector<FieldViolation> decoded = FieldViolationsOf(status);
  ASSERT_EQ(decoded.size(), v.list().size());
  for (std::size_t i = 0; i < decoded.size(); ++i) {
    EXPECT_EQ(decoded[i].field, v.list()[i].field) << "violation " << i;
    EXPECT_EQ(decoded[i].reason, v.list()[i].reason) << "violation " << i;
  }
}

TEST(ValidationPayload, EmptyOkAndForeignStatuses) {
  EXPECT_TRUE(Violations().ToStatus().ok());
  EXPECT_THAT(FieldViolationsOf(absl::OkStatus()), IsEmpty());
  EXPECT_THAT(FieldViolationsOf(absl::InvalidArgumentError("plain")), IsEmpty());

  absl::Status corrupt = absl::InvalidArgumentError("corrupt");
  corrupt.SetPayload(kFieldViolationsPayloadUrl, absl::Cord("5:abc"));
  EXPECT_THAT(FieldViolationsOf(corrupt), IsEmpty()) << "a truncated payload is not misread";
  corrupt.SetPayload(kFieldViolationsPayloadUrl, absl::Cord("3:abc,2:xy"));
  EXPECT_THAT(FieldViolationsOf(corrupt), IsEmpty());
  corrupt.SetPayload(kFieldViolationsPayloadUrl, absl::Cord("3:abc,"));
  EXPECT_THAT(FieldViolationsOf(corrupt), IsEmpty()) << "a field without its reason";
}

TEST(ValidationPayload, CarriedByValidatorStatuses) {
  DebtFacility f = GoodFacility();
  f.covenant.first_test_date = Date();
  const absl::Status status = ValidateDebtFacility(f);
  EXPECT_THAT(FieldViolationsOf(status),
              Contains(Field(&FieldViolation::field, "facility.covenant.first_test_date")));
  EXPECT_NE(status.message().find("invalid input: facility.covenant.first_test_date"),
            absl::string_view::npos)
      << status;
}

}  // namespace
}  // namespace oversight::risk
