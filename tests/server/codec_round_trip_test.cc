// The codec between oversight.v1 records and the risk domain: every record
// round-trips, and every kind of bad input is INVALID_ARGUMENT naming the
// field (all violations of a record at once).
#include <cmath>
#include <limits>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "proto/codec/codec.h"
#include "risk/domain/iso_date.h"
#include "risk/domain/validation.h"
#include "tests/server/codec_test_records.h"

namespace oversight::codec {
namespace {

namespace v1 = ::oversight::v1;
namespace rec = ::oversight::testing_records;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

// proto -> domain -> proto is the identity, and so is domain -> proto -> domain
// (checked through the proto, as the domain types have no operator==).
template <typename Proto>
void ExpectRoundTrip(const Proto& original) {
  auto domain = FromProto(original);
  ASSERT_TRUE(domain.ok()) << domain.status();
  const Proto encoded = ToProto(*domain);
  std::string diff;
  MessageDifferencer differencer;
  differencer.ReportDifferencesToString(&diff);
  EXPECT_TRUE(differencer.Compare(original, encoded)) << diff;
  auto again = FromProto(encoded);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(MessageDifferencer::Equals(ToProto(*again), encoded));
}

TEST(CodecRoundTrip, EveryRecordKind) {
  ExpectRoundTrip(rec::Provider("P001"));
  ExpectRoundTrip(rec::Accounts("P001"));
  ExpectRoundTrip(rec::Flows("P001"));
  ExpectRoundTrip(rec::Facility("P001"));
  ExpectRoundTrip(rec::Setting("P001"));
  ExpectRoundTrip(rec::Placement("P001"));
  ExpectRoundTrip(rec::Equity("P001"));
}

// The fields issue #12's importers fill: Companies House status and parent,
// figure-level provenance, the filleted flag and Ofsted's owner name.
TEST(CodecRoundTrip, ImportedFieldsRoundTrip) {
  v1::Provider provider = rec::Provider("P001");
  provider.set_accounts_overdue_at_companies_house(true);
  provider.set_next_accounts_due("2026-12-31");
  provider.set_parent_company_number("09707484");
  ExpectRoundTrip(provider);

  v1::Accounts filleted;
  filleted.set_provider_id("P001");
  filleted.mutable_period()->set_start("2024-08-01");
  filleted.mutable_period()->set_end("2025-07-31");
  filleted.set_cash(1'014);
  filleted.set_profit_and_loss_omitted(true);
  v1::FigureSource* source = filleted.add_figure_sources();
  source->set_field("cash");
  source->set_document("Prod223_2125_09707484_20250731.html");
  source->set_concept_name("CashBankOnHand {http://xbrl.frc.org.uk/fr/2023-01-01/core}");
  source->set_context("c-12");
  source->set_period("2025-07-31");
  filleted.add_import_notes("comparatives dated 2024-07-30 taken as 2024-07-31");
  filleted.mutable_provenance()->set_source("Prod223_2125_09707484_20250731.html");
  ExpectRoundTrip(filleted);
  auto decoded = FromProto(filleted);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_TRUE(decoded->profit_and_loss_omitted);
  ASSERT_EQ(decoded->figure_sources.size(), 1u);
  EXPECT_EQ(decoded->figure_sources[0].context, "c-12");

  filleted.set_revenue(10);  // contradicts the flag
  auto rejected = FromProto(filleted);
  EXPECT_EQ(rejected.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(rejected.status().message()), HasSubstr("accounts.revenue"));

  v1::Setting setting = rec::Setting("P001");
  setting.set_owner_name("Acme Care Group Ltd");
  ExpectRoundTrip(setting);

  provider.set_next_accounts_due("2026-02-30");
  auto bad_date = FromProto(provider);
  EXPECT_EQ(bad_date.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad_date.status().message()), HasSubstr("provider.next_accounts_due"));
}

TEST(CodecRoundTrip, RecordWrapperKeepsItsKindAndProvenanceVersion) {
  v1::Record record;
  *record.mutable_accounts() = rec::Accounts("P001");
  record.mutable_accounts()->mutable_provenance()->set_version(7);
  auto domain = FromProto(record);
  ASSERT_TRUE(domain.ok()) << domain.status();
  ASSERT_TRUE(std::holds_alternative<risk::Accounts>(*domain));
  EXPECT_EQ(std::get<risk::Accounts>(*domain).provenance.version, 7);
  EXPECT_EQ(ProviderIdOf(*domain), "P001");
  EXPECT_TRUE(MessageDifferencer::Equals(ToProto(*domain), record));
  EXPECT_EQ(RecordFieldName(record), "accounts");
}

TEST(CodecRoundTrip, AbsentFiguresStayAbsentNeverZero) {
  v1::Accounts filleted;  // micro-entity accounts: a balance sheet only
  filleted.set_provider_id("P002");
  filleted.mutable_period()->set_start("2024-01-01");
  filleted.mutable_period()->set_end("2024-12-31");
  filleted.set_total_assets(1'000'000);
  filleted.set_revenue(0);  // a real zero is kept as zero
  auto accounts = FromProto(filleted);
  ASSERT_TRUE(accounts.ok()) << accounts.status();
  EXPECT_FALSE(accounts->ebitda.has_value());
  EXPECT_FALSE(accounts->net_income.has_value());
  ASSERT_TRUE(accounts->revenue.has_value());
  EXPECT_EQ(*accounts->revenue, 0.0);
  EXPECT_EQ(accounts->period.end, risk::Date(31, QuantLib::December, 2024));
  EXPECT_EQ(accounts->filing_date, risk::Date());
  const v1::Accounts back = ToProto(*accounts);
  EXPECT_FALSE(back.has_ebitda());
  EXPECT_TRUE(back.has_revenue());
}

TEST(CodecRoundTrip, DocumentedMeaningsOfUnspecified) {
  v1::Provider provider = rec::Provider("P003");
  provider.set_company_status(v1::COMPANY_STATUS_UNSPECIFIED);
  auto decoded = FromProto(provider);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->company_status, risk::CompanyStatus::kUnknown);

  v1::Setting setting = rec::Setting("P003");
  setting.set_latest_judgement(v1::INSPECTION_JUDGEMENT_UNSPECIFIED);
  auto s = FromProto(setting);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->latest_judgement, risk::InspectionJudgement::kNotYetInspected);

  v1::DebtFacility facility = rec::Facility("P003");
  facility.mutable_covenant()->set_test_frequency_months(0);  // proto3 "not given"
  auto f = FromProto(facility);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->covenant.test_frequency_months, 3);
}

std::vector<risk::FieldViolation> ViolationsOf(const absl::Status& status) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  return risk::FieldViolationsOf(status);
}
auto OnField(const std::string& field) { return Field(&risk::FieldViolation::field, field); }

TEST(CodecErrors, MalformedDateNamesTheFieldPath) {
  v1::Accounts accounts = rec::Accounts("P001");
  accounts.mutable_period()->set_end("2025-02-30");
  auto decoded = FromProto(accounts);
  ASSERT_FALSE(decoded.ok());
  EXPECT_THAT(decoded.status().message(), HasSubstr("accounts.period.end"));
  auto violations = ViolationsOf(decoded.status());
  ASSERT_EQ(violations.size(), 1u) << decoded.status();
  EXPECT_EQ(violations[0].field, "accounts.period.end");
  EXPECT_THAT(violations[0].reason, HasSubstr("day does not exist"));
}

TEST(CodecErrors, RequiredEnumerationsRejectUnspecified) {
  v1::Provider provider = rec::Provider("P001");
  provider.set_kind(v1::PROVIDER_KIND_UNSPECIFIED);
  provider.set_ownership(v1::OWNERSHIP_UNSPECIFIED);
  EXPECT_THAT(ViolationsOf(FromProto(provider).status()),
              UnorderedElementsAre(OnField("provider.kind"), OnField("provider.ownership")));

  v1::Setting setting = rec::Setting("P001");
  setting.set_region(v1::REGION_UNSPECIFIED);
  setting.set_type(v1::SETTING_TYPE_UNSPECIFIED);
  EXPECT_THAT(ViolationsOf(FromProto(setting).status()),
              UnorderedElementsAre(OnField("setting.region"), OnField("setting.type")));

  v1::DebtFacility facility = rec::Facility("P001");
  facility.set_rate_type(v1::RATE_TYPE_UNSPECIFIED);
  EXPECT_THAT(ViolationsOf(FromProto(facility).status()), Contains(OnField("facility.rate_type")));

  v1::PlacementReturn placement = rec::Placement("P001");
  placement.set_setting_type(v1::SETTING_TYPE_UNSPECIFIED);
  EXPECT_THAT(ViolationsOf(FromProto(placement).status()),
              Contains(OnField("placement.setting_type")));
}

TEST(CodecErrors, UnknownEnumNumberFromANewerClientIsRejected) {
  v1::Provider provider = rec::Provider("P001");
  provider.set_ownership(static_cast<v1::Ownership>(42));
  auto violations = ViolationsOf(FromProto(provider).status());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "provider.ownership");
  EXPECT_THAT(violations[0].reason, HasSubstr("42"));
}

// The decoder names a field's path only when it reports a violation (a
// valid date or enumeration builds no string): each bad date and enumeration
// is still reported with its full path and exactly the reason ParseIsoDate
// and the enumeration codec give for that path.
TEST(CodecErrors, ViolationsKeepTheFullPathAndTheCodecsOwnReason) {
  for (const char* bad : {"30/06/2022", "1900-01-01", "2022-13-01", "2023-02-29", "2022-06-3x"}) {
    v1::DebtFacility facility = rec::Facility("P001");
    facility.mutable_covenant()->set_first_test_date(bad);
    const auto violations = ViolationsOf(FromProto(facility).status());
    const auto expected = risk::ParseIsoDate(bad, "facility.covenant.first_test_date");
    ASSERT_FALSE(expected.ok()) << bad;
    ASSERT_EQ(violations.size(), 1u) << bad;
    EXPECT_EQ(violations[0].field, "facility.covenant.first_test_date");
    EXPECT_EQ(absl::StrCat("facility.covenant.first_test_date: ", violations[0].reason),
              expected.status().message())
        << bad;
  }
  for (const v1::RateType bad : {v1::RATE_TYPE_UNSPECIFIED, static_cast<v1::RateType>(42)}) {
    v1::DebtFacility facility = rec::Facility("P001");
    facility.set_rate_type(bad);
    const auto violations = ViolationsOf(FromProto(facility).status());
    const auto expected = FromProto(bad, "facility.rate_type");
    ASSERT_FALSE(expected.ok());
    const auto expected_violations = risk::FieldViolationsOf(expected.status());
    ASSERT_EQ(expected_violations.size(), 1u) << expected.status();
    EXPECT_THAT(violations, Contains(AllOf(OnField("facility.rate_type"),
                                           Field(&risk::FieldViolation::reason,
                                                 expected_violations[0].reason))));
  }
}

TEST(CodecErrors, DecodingAndBusinessRuleViolationsAreReportedTogether) {
  v1::DebtFacility facility = rec::Facility("P001");
  facility.set_start_date("30/06/2022");                 // layout
  facility.set_drawn(95e6);                              // > committed 90m (risk::Validate)
  facility.set_rate_type(v1::RATE_TYPE_UNSPECIFIED);     // required enum
  facility.mutable_covenant()->set_first_test_date("2022-13-01");
  auto violations = ViolationsOf(FromProto(facility).status());
  EXPECT_THAT(violations, Contains(OnField("facility.start_date")));
  EXPECT_THAT(violations, Contains(OnField("facility.drawn")));
  EXPECT_THAT(violations, Contains(OnField("facility.rate_type")));
  EXPECT_THAT(violations, Contains(OnField("facility.covenant.first_test_date")));
  // A field that failed to decode is reported once, with the decoding reason.
  int start_date = 0;
  for (const auto& v : violations) start_date += v.field == "facility.start_date";
  EXPECT_EQ(start_date, 1);
}

TEST(CodecErrors, MissingRequiredDatesAndNonFiniteFigures) {
  v1::PlacementReturn placement = rec::Placement("P001");
  placement.clear_as_of();
  EXPECT_THAT(ViolationsOf(FromProto(placement).status()), Contains(OnField("placement.as_of")));

  v1::Accounts accounts = rec::Accounts("P001");
  accounts.set_cash(std::numeric_limits<double>::quiet_NaN());
  EXPECT_THAT(ViolationsOf(FromProto(accounts).status()), Contains(OnField("accounts.cash")));
}

TEST(CodecErrors, EmptyRecordIsRejected) {
  auto decoded = FromProto(v1::Record());
  ASSERT_FALSE(decoded.ok());
  EXPECT_THAT(ViolationsOf(decoded.status()), UnorderedElementsAre(OnField("record")));
}

TEST(CodecResults, AssessmentRoundTripsWithOptionalsAndCovenants) {
  risk::Assessment a;
  a.provider_id = "P001";
  a.as_of = risk::Date(31, QuantLib::March, 2026);
  a.accounts_period_end = risk::Date(31, QuantLib::March, 2025);
  a.rating = risk::Rating::kRed;
  a.likelihood = risk::Band::kHigh;
  a.impact = risk::Band::kVeryHigh;
  a.score = 3.25;
  a.ebitda_margin = 0.15;
  a.net_debt_to_ebitda = 5.07;
  a.debt_maturing_24m = 80e6;
  a.covenants.push_back(risk::CovenantHeadroom{.facility_id = "TLB",
                                               .covenant = "max_net_leverage",
                                               .limit = 7.4,
                                               .actual = 4.9,
                                               .headroom_ratio = 2.5,
                                               .headroom_ebitda = 11.6e6,
                                               .next_test_date = risk::Date(30, QuantLib::June, 2026),
                                               .breached = false});
  a.survival = {0.9, 0.8, 0.7, 0.6, 0.5};
  a.local_authorities = {"Leeds", "Bradford"};
  a.regions = {risk::Region::kYorkshireAndTheHumber};
  a.explanation.figures.push_back(risk::ExplainedFigure{
      .definition = risk::FigureDefinition::Owned("resilience.interest_cover", "Interest cover", "ratio",
                                                  "EBITDA / interest payable", "Facility agreement"),
      .value = std::nullopt,
      .inputs = {"accounts P001 2025-03-31 (v2)"},
      .note = "interest missing"});
  a.explanation.reasons = {"leverage above 5x"};
  const v1::Assessment proto = ToProto(a);
  EXPECT_EQ(proto.rating(), v1::RATING_RED);
  EXPECT_EQ(proto.as_of(), "2026-03-31");
  EXPECT_FALSE(proto.has_interest_cover());
  EXPECT_EQ(proto.survival_size(), 5);
  auto back = FromProto(proto);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(MessageDifferencer::Equals(ToProto(*back), proto));
  EXPECT_FALSE(back->explanation.figures[0].value.has_value());
  EXPECT_EQ(back->explanation.figures[0].key(), "resilience.interest_cover");
  EXPECT_EQ(back->explanation.figures[0].formula(), "EBITDA / interest payable");
  EXPECT_EQ(back->explanation.figures[0].inputs.citations(),
            std::vector<std::string>{"accounts P001 2025-03-31 (v2)"});
  EXPECT_EQ(back->covenants[0].next_test_date, risk::Date(30, QuantLib::June, 2026));
}

TEST(CodecResults, AlertCarriesTheStoreState) {
  risk::Alert alert{.key = "going_concern_doubt/P001/2026-03-31",
                    .provider_id = "P001",
                    .kind = risk::AlertKind::kGoingConcernDoubt,
                    .severity = risk::AlertSeverity::kCritical,
                    .as_of = risk::Date(31, QuantLib::March, 2026),
                    .title = "Going concern doubt",
                    .detail = "material uncertainty in the 2025 accounts",
                    .local_authorities = {"Leeds"},
                    .regions = {risk::Region::kYorkshireAndTheHumber}};
  const v1::Alert proto =
      ToProto(alert, AlertState{.sequence = 12, .created_at = "2026-04-01T02:00:00Z"});
  EXPECT_EQ(proto.sequence(), 12);
  EXPECT_EQ(proto.kind(), v1::ALERT_KIND_GOING_CONCERN_DOUBT);
  EXPECT_EQ(proto.severity(), v1::ALERT_SEVERITY_CRITICAL);
  EXPECT_EQ(proto.created_at(), "2026-04-01T02:00:00Z");
  auto back = FromProto(proto);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(MessageDifferencer::Equals(ToProto(*back, AlertState{.sequence = 12,
                                                                  .created_at = "2026-04-01T02:00:00Z"}),
                                         proto));
}

TEST(CodecResults, CustomStressScenarioIsValidatedWithFieldPaths) {
  v1::StressScenario custom;
  custom.set_occupancy_fall(1.5);
  custom.set_wage_inflation(-2);
  custom.set_sonia_shift_bp(std::numeric_limits<double>::infinity());
  auto decoded = FromProto(custom, "custom");
  ASSERT_FALSE(decoded.ok());
  EXPECT_THAT(ViolationsOf(decoded.status()),
              UnorderedElementsAre(OnField("custom.occupancy_fall"), OnField("custom.wage_inflation"),
                                   OnField("custom.sonia_shift_bp")));

  v1::StressScenario fine;
  fine.set_sonia_shift_bp(200);
  fine.set_occupancy_fall(0.1);
  auto ok = FromProto(fine, "custom");
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->name, "custom");
  EXPECT_EQ(ok->sonia_shift_bp, 200);
}

TEST(CodecEnums, EveryDomainValueMapsToADistinctSpecifiedWireValueAndBack) {
  for (risk::Region region : risk::kAllRegions) {
    const v1::Region wire = ToProto(region);
    EXPECT_NE(wire, v1::REGION_UNSPECIFIED);
    auto back = FromProto(wire, "region");
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, region);
  }
  for (auto rating : {risk::Rating::kGreen, risk::Rating::kAmber, risk::Rating::kRed, risk::Rating::kBlack}) {
    auto back = FromProto(ToProto(rating), "rating");
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, rating);
  }
  // The wire order of ratings is the order of severity, which ranking relies on.
  EXPECT_LT(ToProto(risk::Rating::kGreen), ToProto(risk::Rating::kAmber));
  EXPECT_LT(ToProto(risk::Rating::kRed), ToProto(risk::Rating::kBlack));
}

}  // namespace
}  // namespace oversight::codec
