#include "proto/codec/record_codec.h"

#include <cmath>
#include <string>
#include <type_traits>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "proto/codec/enum_codec.h"
#include "risk/domain/iso_date.h"
#include "risk/domain/validation.h"

namespace oversight::codec {
namespace {

namespace v1 = ::oversight::v1;
using risk::Date;

// Collects the violations of one record while decoding it, so that a bad
// date does not hide a bad enumeration or a failed business rule.
class Decoder {
 public:
  // `record`: a name that outlives the decoder (the callers' literals).
  explicit Decoder(absl::string_view record) : record_(record) {}

  std::string Path(absl::string_view field) const { return absl::StrCat(record_, ".", field); }

  Date RequiredDate(const std::string& text, absl::string_view field) {
    if (text.empty()) {
      Add(Path(field), "required: a date as YYYY-MM-DD");
      return Date();
    }
    return OptionalDate(text, field);
  }

  // The field's path ("accounts.period.end") is built only for a violation:
  // a valid date or enumeration costs no string (a record carries several,
  // and every submitted record is decoded; the paths were ~1 % of
  // oversightd's CPU in a bulk ingest).
  Date OptionalDate(const std::string& text, absl::string_view field) {
    if (text.empty()) return Date();
    absl::StatusOr<Date> date = risk::ParseIsoDate(text, field);
    if (date.ok()) return *date;
    // ParseIsoDate prefixes its message with the field; the violation keeps
    // the field (as its path) and the reason apart.
    absl::string_view reason = date.status().message();
    absl::ConsumePrefix(&reason, absl::StrCat(field, ": "));
    Add(Path(field), std::string(reason));
    return Date();
  }

  template <typename Wire, typename Domain = std::remove_cvref_t<
                               decltype(*FromProto(std::declval<Wire>(), absl::string_view()))>>
  Domain Enum(Wire value, absl::string_view field) {
    auto decoded = FromProto(value, field);
    if (decoded.ok()) return *decoded;
    // Again with the path, which the enumeration's violations name.
    const std::string path = Path(field);
    decoded = FromProto(value, path);
    AddAll(decoded.status(), path);
    return Domain{};
  }

  double Number(double value, absl::string_view field) {
    if (!std::isfinite(value)) Add(Path(field), "must be a finite number");
    return value;
  }
  std::optional<double> Number(bool present, double value, absl::string_view field) {
    if (!present) return std::nullopt;
    return Number(value, field);
  }

  // Adds the risk core's own checks, then reports everything at once. A
  // field that already failed to decode is reported once, with the decoding
  // reason (the validator would only see its placeholder value).
  absl::Status Finish(const absl::Status& validation) {
    if (!validation.ok()) AddAll(validation, record_);
    return violations_.ToStatus();
  }

 private:
  void Add(std::string field, std::string reason) {
    if (!failed_.insert(field).second) return;
    violations_.Add(std::move(field), std::move(reason));
  }
  void AddAll(const absl::Status& status, absl::string_view fallback_field) {
    std::vector<risk::FieldViolation> list = risk::FieldViolationsOf(status);
    if (list.empty()) {
      Add(std::string(fallback_field), std::string(status.message()));
      return;
    }
    for (auto& v : list) Add(std::move(v.field), std::move(v.reason));
  }

  absl::string_view record_;
  risk::Violations violations_;
  absl::flat_hash_set<std::string> failed_;
};

risk::Provenance FromProto(const v1::Provenance& proto) {
  return risk::Provenance{.source = proto.source(), .version = proto.version()};
}
void ToProto(const risk::Provenance& provenance, v1::Provenance* proto) {
  proto->set_source(provenance.source);
  proto->set_version(provenance.version);
}

risk::FinancialPeriod Period(Decoder& d, const v1::FinancialPeriod& proto) {
  return risk::FinancialPeriod{.start = d.RequiredDate(proto.start(), "period.start"),
                               .end = d.RequiredDate(proto.end(), "period.end")};
}
void ToProto(const risk::FinancialPeriod& period, v1::FinancialPeriod* proto) {
  proto->set_start(risk::FormatIsoDate(period.start));
  proto->set_end(risk::FormatIsoDate(period.end));
}

template <typename T>
absl::StatusOr<T> Done(Decoder& d, T record, absl::Status validation) {
  if (absl::Status status = d.Finish(validation); !status.ok()) return status;
  return record;
}

}  // namespace

absl::StatusOr<risk::Provider> FromProto(const v1::Provider& p) {
  Decoder d("provider");
  risk::Provider r;
  r.provider_id = p.provider_id();
  r.name = p.name();
  r.companies_house_number = p.companies_house_number();
  r.kind = d.Enum(p.kind(), "kind");
  r.ownership = d.Enum(p.ownership(), "ownership");
  r.parent_group = p.parent_group();
  r.company_status = d.Enum(p.company_status(), "company_status");
  r.accounts_overdue_at_companies_house = p.accounts_overdue_at_companies_house();
  r.next_accounts_due = d.OptionalDate(p.next_accounts_due(), "next_accounts_due");
  r.parent_company_number = p.parent_company_number();
  r.provenance = FromProto(p.provenance());
  return Done(d, std::move(r), risk::ValidateProvider(r));
}

v1::Provider ToProto(const risk::Provider& r) {
  v1::Provider p;
  p.set_provider_id(r.provider_id);
  p.set_name(r.name);
  p.set_companies_house_number(r.companies_house_number);
  p.set_kind(ToProto(r.kind));
  p.set_ownership(ToProto(r.ownership));
  p.set_parent_group(r.parent_group);
  p.set_company_status(ToProto(r.company_status));
  p.set_accounts_overdue_at_companies_house(r.accounts_overdue_at_companies_house);
  p.set_next_accounts_due(risk::FormatIsoDate(r.next_accounts_due));
  p.set_parent_company_number(r.parent_company_number);
  ToProto(r.provenance, p.mutable_provenance());
  return p;
}

// The optional figures of the accounts, listed once for both directions.
#define OVERSIGHT_ACCOUNTS_FIGURES(X)                                                          \
  X(revenue) X(staff_costs) X(other_operating_costs) X(rent_costs) X(ebitda)                   \
  X(depreciation_amortisation) X(operating_profit) X(interest_payable) X(profit_before_tax)    \
  X(net_income) X(funds_from_operations) X(cash) X(current_assets) X(current_liabilities)      \
  X(total_assets) X(total_liabilities) X(borrowings) X(lease_liabilities) X(net_assets)        \
  X(retained_earnings) X(tangible_fixed_assets) X(intangible_assets)

absl::StatusOr<risk::Accounts> FromProto(const v1::Accounts& p) {
  Decoder d("accounts");
  risk::Accounts r;
  r.provider_id = p.provider_id();
  r.period = Period(d, p.period());
#define OVERSIGHT_DECODE(name) r.name = d.Number(p.has_##name(), p.name(), #name);
  OVERSIGHT_ACCOUNTS_FIGURES(OVERSIGHT_DECODE)
#undef OVERSIGHT_DECODE
  r.going_concern_uncertainty = p.going_concern_uncertainty();
  r.filing_date = d.OptionalDate(p.filing_date(), "filing_date");
  r.profit_and_loss_omitted = p.profit_and_loss_omitted();
  r.figure_sources.reserve(p.figure_sources_size());
  for (const v1::FigureSource& source : p.figure_sources()) {
    r.figure_sources.push_back(risk::FigureSource{.field = source.field(),
                                                  .document = source.document(),
                                                  .concept_name = source.concept_name(),
                                                  .context = source.context(),
                                                  .period = source.period(),
                                                  .derivation = source.derivation()});
  }
  r.import_notes.assign(p.import_notes().begin(), p.import_notes().end());
  r.provenance = FromProto(p.provenance());
  return Done(d, std::move(r), risk::ValidateAccounts(r));
}

v1::Accounts ToProto(const risk::Accounts& r) {
  v1::Accounts p;
  p.set_provider_id(r.provider_id);
  ToProto(r.period, p.mutable_period());
#define OVERSIGHT_ENCODE(name) \
  if (r.name.has_value()) p.set_##name(*r.name);
  OVERSIGHT_ACCOUNTS_FIGURES(OVERSIGHT_ENCODE)
#undef OVERSIGHT_ENCODE
  p.set_going_concern_uncertainty(r.going_concern_uncertainty);
  p.set_filing_date(risk::FormatIsoDate(r.filing_date));
  p.set_profit_and_loss_omitted(r.profit_and_loss_omitted);
  for (const risk::FigureSource& source : r.figure_sources) {
    v1::FigureSource* out = p.add_figure_sources();
    out->set_field(source.field);
    out->set_document(source.document);
    out->set_concept_name(source.concept_name);
    out->set_context(source.context);
    out->set_period(source.period);
    out->set_derivation(source.derivation);
  }
  for (const std::string& note : r.import_notes) p.add_import_notes(note);
  ToProto(r.provenance, p.mutable_provenance());
  return p;
}
#undef OVERSIGHT_ACCOUNTS_FIGURES

absl::StatusOr<risk::RelatedPartyFlows> FromProto(const v1::RelatedPartyFlows& p) {
  Decoder d("related_party_flows");
  risk::RelatedPartyFlows r;
  r.provider_id = p.provider_id();
  r.period = Period(d, p.period());
  r.management_charges = d.Number(p.management_charges(), "management_charges");
  r.connected_rent = d.Number(p.connected_rent(), "connected_rent");
  r.shareholder_loan_interest = d.Number(p.shareholder_loan_interest(), "shareholder_loan_interest");
  r.dividends = d.Number(p.dividends(), "dividends");
  r.provenance = FromProto(p.provenance());
  return Done(d, std::move(r), risk::ValidateRelatedPartyFlows(r));
}

v1::RelatedPartyFlows ToProto(const risk::RelatedPartyFlows& r) {
  v1::RelatedPartyFlows p;
  p.set_provider_id(r.provider_id);
  ToProto(r.period, p.mutable_period());
  p.set_management_charges(r.management_charges);
  p.set_connected_rent(r.connected_rent);
  p.set_shareholder_loan_interest(r.shareholder_loan_interest);
  p.set_dividends(r.dividends);
  ToProto(r.provenance, p.mutable_provenance());
  return p;
}

absl::StatusOr<risk::DebtFacility> FromProto(const v1::DebtFacility& p) {
  Decoder d("facility");
  risk::DebtFacility r;
  r.provider_id = p.provider_id();
  r.facility_id = p.facility_id();
  r.lender = p.lender();
  r.committed = d.Number(p.committed(), "committed");
  r.drawn = d.Number(p.drawn(), "drawn");
  r.start_date = d.RequiredDate(p.start_date(), "start_date");
  r.maturity_date = d.RequiredDate(p.maturity_date(), "maturity_date");
  r.rate_type = d.Enum(p.rate_type(), "rate_type");
  r.fixed_rate = d.Number(p.fixed_rate(), "fixed_rate");
  r.margin = d.Number(p.margin(), "margin");
  r.amortisation_per_year = d.Number(p.amortisation_per_year(), "amortisation_per_year");
  if (p.has_covenant()) {
    const v1::Covenant& c = p.covenant();
    r.covenant.max_net_leverage =
        d.Number(c.has_max_net_leverage(), c.max_net_leverage(), "covenant.max_net_leverage");
    r.covenant.min_interest_cover =
        d.Number(c.has_min_interest_cover(), c.min_interest_cover(), "covenant.min_interest_cover");
    // proto3 cannot tell 0 from absent: 0 means "not given", i.e. the default.
    if (c.test_frequency_months() != 0) r.covenant.test_frequency_months = c.test_frequency_months();
    r.covenant.first_test_date = d.OptionalDate(c.first_test_date(), "covenant.first_test_date");
  }
  r.provenance = FromProto(p.provenance());
  return Done(d, std::move(r), risk::ValidateDebtFacility(r));
}

v1::DebtFacility ToProto(const risk::DebtFacility& r) {
  v1::DebtFacility p;
  p.set_provider_id(r.provider_id);
  p.set_facility_id(r.facility_id);
  p.set_lender(r.lender);
  p.set_committed(r.committed);
  p.set_drawn(r.drawn);
  p.set_start_date(risk::FormatIsoDate(r.start_date));
  p.set_maturity_date(risk::FormatIsoDate(r.maturity_date));
  p.set_rate_type(ToProto(r.rate_type));
  p.set_fixed_rate(r.fixed_rate);
  p.set_margin(r.margin);
  p.set_amortisation_per_year(r.amortisation_per_year);
  const risk::Covenant& c = r.covenant;
  const bool has_covenant = c.max_net_leverage || c.min_interest_cover ||
                            c.test_frequency_months != risk::Covenant{}.test_frequency_months ||
                            c.first_test_date != Date();
  if (has_covenant) {
    v1::Covenant* out = p.mutable_covenant();
    if (c.max_net_leverage) out->set_max_net_leverage(*c.max_net_leverage);
    if (c.min_interest_cover) out->set_min_interest_cover(*c.min_interest_cover);
    out->set_test_frequency_months(c.test_frequency_months);
    out->set_first_test_date(risk::FormatIsoDate(c.first_test_date));
  }
  ToProto(r.provenance, p.mutable_provenance());
  return p;
}

absl::StatusOr<risk::Setting> FromProto(const v1::Setting& p) {
  Decoder d("setting");
  risk::Setting r;
  r.provider_id = p.provider_id();
  r.urn = p.urn();
  r.type = d.Enum(p.type(), "type");
  r.name = p.name();
  r.local_authority = p.local_authority();
  r.region = d.Enum(p.region(), "region");
  r.registered_places = p.registered_places();
  r.latest_judgement = d.Enum(p.latest_judgement(), "latest_judgement");
  r.owner_name = p.owner_name();
  r.provenance = FromProto(p.provenance());
  return Done(d, std::move(r), risk::ValidateSetting(r));
}

v1::Setting ToProto(const risk::Setting& r) {
  v1::Setting p;
  p.set_provider_id(r.provider_id);
  p.set_urn(r.urn);
  p.set_type(ToProto(r.type));
  p.set_name(r.name);
  p.set_local_authority(r.local_authority);
  p.set_region(ToProto(r.region));
  p.set_registered_places(r.registered_places);
  p.set_latest_judgement(ToProto(r.latest_judgement));
  p.set_owner_name(r.owner_name);
  ToProto(r.provenance, p.mutable_provenance());
  return p;
}

absl::StatusOr<risk::PlacementReturn> FromProto(const v1::PlacementReturn& p) {
  Decoder d("placement");
  risk::PlacementReturn r;
  r.provider_id = p.provider_id();
  r.as_of = d.RequiredDate(p.as_of(), "as_of");
  r.placing_local_authority = p.placing_local_authority();
  r.region = d.Enum(p.region(), "region");
  r.setting_type = d.Enum(p.setting_type(), "setting_type");
  r.children_placed = p.children_placed();
  r.registered_places = p.registered_places();
  r.average_weekly_fee = d.Number(p.average_weekly_fee(), "average_weekly_fee");
  r.provenance = FromProto(p.provenance());
  return Done(d, std::move(r), risk::ValidatePlacementReturn(r));
}

v1::PlacementReturn ToProto(const risk::PlacementReturn& r) {
  v1::PlacementReturn p;
  p.set_provider_id(r.provider_id);
  p.set_as_of(risk::FormatIsoDate(r.as_of));
  p.set_placing_local_authority(r.placing_local_authority);
  p.set_region(ToProto(r.region));
  p.set_setting_type(ToProto(r.setting_type));
  p.set_children_placed(r.children_placed);
  p.set_registered_places(r.registered_places);
  p.set_average_weekly_fee(r.average_weekly_fee);
  ToProto(r.provenance, p.mutable_provenance());
  return p;
}

absl::StatusOr<risk::EquityObservation> FromProto(const v1::EquityObservation& p) {
  Decoder d("equity_observation");
  risk::EquityObservation r;
  r.provider_id = p.provider_id();
  r.as_of = d.RequiredDate(p.as_of(), "as_of");
  r.equity_value = d.Number(p.equity_value(), "equity_value");
  r.equity_volatility = d.Number(p.equity_volatility(), "equity_volatility");
  r.basis = p.basis();
  r.provenance = FromProto(p.provenance());
  return Done(d, std::move(r), risk::ValidateEquityObservation(r));
}

v1::EquityObservation ToProto(const risk::EquityObservation& r) {
  v1::EquityObservation p;
  p.set_provider_id(r.provider_id);
  p.set_as_of(risk::FormatIsoDate(r.as_of));
  p.set_equity_value(r.equity_value);
  p.set_equity_volatility(r.equity_volatility);
  p.set_basis(r.basis);
  ToProto(r.provenance, p.mutable_provenance());
  return p;
}

namespace {
template <typename T>
absl::StatusOr<DomainRecord> Widen(absl::StatusOr<T> record) {
  if (!record.ok()) return record.status();
  return DomainRecord(*std::move(record));
}
}  // namespace

absl::StatusOr<DomainRecord> FromProto(const v1::Record& p) {
  switch (p.record_case()) {
    case v1::Record::kProvider: return Widen(FromProto(p.provider()));
    case v1::Record::kAccounts: return Widen(FromProto(p.accounts()));
    case v1::Record::kRelatedPartyFlows: return Widen(FromProto(p.related_party_flows()));
    case v1::Record::kFacility: return Widen(FromProto(p.facility()));
    case v1::Record::kSetting: return Widen(FromProto(p.setting()));
    case v1::Record::kPlacement: return Widen(FromProto(p.placement()));
    case v1::Record::kEquityObservation: return Widen(FromProto(p.equity_observation()));
    case v1::Record::RECORD_NOT_SET: break;
  }
  risk::Violations violations;
  violations.Add("record", "no record set: expected one of provider, accounts, related_party_flows, "
                           "facility, setting, placement, equity_observation");
  return violations.ToStatus();
}

v1::Record ToProto(const DomainRecord& record) {
  v1::Record p;
  std::visit(
      [&p](const auto& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, risk::Provider>) *p.mutable_provider() = ToProto(r);
        if constexpr (std::is_same_v<T, risk::Accounts>) *p.mutable_accounts() = ToProto(r);
        if constexpr (std::is_same_v<T, risk::RelatedPartyFlows>) *p.mutable_related_party_flows() = ToProto(r);
        if constexpr (std::is_same_v<T, risk::DebtFacility>) *p.mutable_facility() = ToProto(r);
        if constexpr (std::is_same_v<T, risk::Setting>) *p.mutable_setting() = ToProto(r);
        if constexpr (std::is_same_v<T, risk::PlacementReturn>) *p.mutable_placement() = ToProto(r);
        if constexpr (std::is_same_v<T, risk::EquityObservation>) *p.mutable_equity_observation() = ToProto(r);
      },
      record);
  return p;
}

const std::string& ProviderIdOf(const DomainRecord& record) {
  return std::visit([](const auto& r) -> const std::string& { return r.provider_id; }, record);
}

absl::string_view RecordFieldName(const v1::Record& record) {
  switch (record.record_case()) {
    case v1::Record::kProvider: return "provider";
    case v1::Record::kAccounts: return "accounts";
    case v1::Record::kRelatedPartyFlows: return "related_party_flows";
    case v1::Record::kFacility: return "facility";
    case v1::Record::kSetting: return "setting";
    case v1::Record::kPlacement: return "placement";
    case v1::Record::kEquityObservation: return "equity_observation";
    case v1::Record::RECORD_NOT_SET: break;
  }
  return "";
}

}  // namespace oversight::codec
