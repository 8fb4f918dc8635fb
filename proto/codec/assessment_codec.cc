#include "proto/codec/assessment_codec.h"

#include <cmath>
#include <string>
#include <type_traits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "proto/codec/enum_codec.h"
#include "risk/domain/iso_date.h"
#include "risk/domain/validation.h"

namespace oversight::codec {
namespace {

namespace v1 = ::oversight::v1;
using risk::Date;

// Decodes dates and enumerations of a stored or received result, collecting
// every violation under `prefix`.
class ResultDecoder {
 public:
  explicit ResultDecoder(std::string prefix) : prefix_(std::move(prefix)) {}

  Date OptionalDate(const std::string& text, absl::string_view field) {
    if (text.empty()) return Date();
    const std::string path = absl::StrCat(prefix_, ".", field);
    absl::StatusOr<Date> date = risk::ParseIsoDate(text, path);
    if (date.ok()) return *date;
    absl::string_view reason = date.status().message();
    absl::ConsumePrefix(&reason, absl::StrCat(path, ": "));
    violations_.Add(path, std::string(reason));
    return Date();
  }

  template <typename Wire, typename Domain = std::remove_cvref_t<
                               decltype(*FromProto(std::declval<Wire>(), absl::string_view()))>>
  Domain Enum(Wire value, absl::string_view field) {
    const std::string path = absl::StrCat(prefix_, ".", field);
    auto decoded = FromProto(value, path);
    if (decoded.ok()) return *decoded;
    for (auto& v : risk::FieldViolationsOf(decoded.status())) violations_.Add(v.field, v.reason);
    return Domain{};
  }

  absl::Status Finish() const { return violations_.ToStatus(); }

 private:
  std::string prefix_;
  risk::Violations violations_;
};

}  // namespace

v1::ExplainedFigure ToProto(const risk::ExplainedFigure& f) {
  v1::ExplainedFigure p;
  p.set_key(std::string(f.key()));
  p.set_label(std::string(f.label()));
  if (f.value) p.set_value(*f.value);
  p.set_unit(std::string(f.unit()));
  p.set_formula(std::string(f.formula()));
  p.set_source(std::string(f.source()));
  for (absl::string_view input : f.inputs) p.add_inputs(std::string(input));
  p.set_note(f.note);
  return p;
}

v1::FactorContribution ToProto(const risk::FactorContribution& c) {
  v1::FactorContribution p;
  p.set_factor(c.factor.str());
  p.set_value(c.value);
  p.set_contribution(c.contribution);
  p.set_scale(c.scale.str());
  return p;
}

v1::Explanation ToProto(const risk::Explanation& e) {
  v1::Explanation p;
  for (const auto& f : e.figures) *p.add_figures() = ToProto(f);
  for (const auto& c : e.contributions) *p.add_contributions() = ToProto(c);
  for (const auto& r : e.reasons) p.add_reasons(r);
  return p;
}

risk::Explanation FromProto(const v1::Explanation& p) {
  risk::Explanation e;
  for (const auto& f : p.figures()) {
    risk::ExplainedFigure figure;
    figure.definition = risk::FigureDefinition::Owned(f.key(), f.label(), f.unit(), f.formula(), f.source());
    if (f.has_value()) figure.value = f.value();
    figure.inputs = risk::FigureInputs(std::vector<std::string>(f.inputs().begin(), f.inputs().end()));
    figure.note = f.note();
    e.figures.push_back(std::move(figure));
  }
  for (const auto& c : p.contributions()) {
    e.contributions.push_back(risk::FactorContribution{
        .factor = c.factor(), .value = c.value(), .contribution = c.contribution(), .scale = c.scale()});
  }
  e.reasons.assign(p.reasons().begin(), p.reasons().end());
  return e;
}

v1::CovenantHeadroom ToProto(const risk::CovenantHeadroom& h) {
  v1::CovenantHeadroom p;
  p.set_facility_id(h.facility_id);
  p.set_covenant(h.covenant.str());
  p.set_limit(h.limit);
  if (h.actual) p.set_actual(*h.actual);
  if (h.headroom_ratio) p.set_headroom_ratio(*h.headroom_ratio);
  if (h.headroom_ebitda) p.set_headroom_ebitda(*h.headroom_ebitda);
  p.set_next_test_date(risk::FormatIsoDate(h.next_test_date));
  p.set_breached(h.breached);
  return p;
}

namespace {
risk::CovenantHeadroom Decode(ResultDecoder& d, const v1::CovenantHeadroom& p) {
  risk::CovenantHeadroom h;
  h.facility_id = p.facility_id();
  h.covenant = p.covenant();
  h.limit = p.limit();
  if (p.has_actual()) h.actual = p.actual();
  if (p.has_headroom_ratio()) h.headroom_ratio = p.headroom_ratio();
  if (p.has_headroom_ebitda()) h.headroom_ebitda = p.headroom_ebitda();
  h.next_test_date = d.OptionalDate(p.next_test_date(), "next_test_date");
  h.breached = p.breached();
  return h;
}
}  // namespace

absl::StatusOr<risk::CovenantHeadroom> FromProto(const v1::CovenantHeadroom& p) {
  ResultDecoder d("covenant");
  risk::CovenantHeadroom h = Decode(d, p);
  if (absl::Status status = d.Finish(); !status.ok()) return status;
  return h;
}

// The optional headline figures, listed once for both directions.
#define OVERSIGHT_ASSESSMENT_OPTIONALS(X)                                                      \
  X(ebitda_margin) X(operating_margin) X(roce) X(excess_profit) X(adjusted_operating_margin)   \
  X(profit_above_cap) X(net_debt) X(net_debt_to_ebitda) X(interest_cover) X(fixed_charge_cover) \
  X(liquidity_headroom) X(altman_z2) X(ohlson_pd) X(merton_pd) X(merton_distance_to_default)
// Plain fields with the same name and a type the proto shares.
#define OVERSIGHT_ASSESSMENT_PLAIN(X)                                                           \
  X(score) X(debt_maturing_12m) X(debt_maturing_24m) X(going_concern_uncertainty)               \
  X(negative_net_tangible_assets) X(accounts_overdue) X(business_failure) X(altman_zone)        \
  X(pd_one_year) X(children_placed) X(registered_places) X(settings) X(local_authorities_served) \
  X(local_authorities_dependent) X(max_local_authority_share) X(in_oversight_scope)             \
  X(insufficient_data)

v1::Assessment ToProto(const risk::Assessment& a) {
  v1::Assessment p;
  p.set_provider_id(a.provider_id);
  p.set_as_of(risk::FormatIsoDate(a.as_of));
  p.set_accounts_period_end(risk::FormatIsoDate(a.accounts_period_end));
  p.set_rating(ToProto(a.rating));
  p.set_likelihood(ToProto(a.likelihood));
  p.set_impact(ToProto(a.impact));
#define OVERSIGHT_ENCODE(name) \
  if (a.name.has_value()) p.set_##name(*a.name);
  OVERSIGHT_ASSESSMENT_OPTIONALS(OVERSIGHT_ENCODE)
#undef OVERSIGHT_ENCODE
#define OVERSIGHT_ENCODE(name) p.set_##name(a.name);
  OVERSIGHT_ASSESSMENT_PLAIN(OVERSIGHT_ENCODE)
#undef OVERSIGHT_ENCODE
  for (const auto& c : a.covenants) *p.add_covenants() = ToProto(c);
  for (double s : a.survival) p.add_survival(s);
  for (const auto& la : a.local_authorities) p.add_local_authorities(la);
  for (risk::Region r : a.regions) p.add_regions(ToProto(r));
  for (const auto& reason : a.insufficient_data_reasons) p.add_insufficient_data_reasons(reason);
  *p.mutable_explanation() = ToProto(a.explanation);
  return p;
}

absl::StatusOr<risk::Assessment> FromProto(const v1::Assessment& p) {
  ResultDecoder d("assessment");
  risk::Assessment a;
  a.provider_id = p.provider_id();
  a.as_of = d.OptionalDate(p.as_of(), "as_of");
  a.accounts_period_end = d.OptionalDate(p.accounts_period_end(), "accounts_period_end");
  a.rating = d.Enum(p.rating(), "rating");
  a.likelihood = d.Enum(p.likelihood(), "likelihood");
  a.impact = d.Enum(p.impact(), "impact");
#define OVERSIGHT_DECODE(name) \
  if (p.has_##name()) a.name = p.name();
  OVERSIGHT_ASSESSMENT_OPTIONALS(OVERSIGHT_DECODE)
#undef OVERSIGHT_DECODE
#define OVERSIGHT_DECODE(name) a.name = p.name();
  OVERSIGHT_ASSESSMENT_PLAIN(OVERSIGHT_DECODE)
#undef OVERSIGHT_DECODE
  for (const auto& c : p.covenants()) a.covenants.push_back(Decode(d, c));
  if (p.survival_size() != 0 && p.survival_size() != static_cast<int>(a.survival.size())) {
    risk::Violations v;
    v.Add("assessment.survival", absl::StrCat("expected ", a.survival.size(), " years, got ",
                                               p.survival_size()));
    return v.ToStatus();
  }
  for (int i = 0; i < p.survival_size(); ++i) a.survival[static_cast<std::size_t>(i)] = p.survival(i);
  a.local_authorities.assign(p.local_authorities().begin(), p.local_authorities().end());
  for (int r : p.regions()) a.regions.push_back(d.Enum(static_cast<v1::Region>(r), "regions"));
  a.insufficient_data_reasons.assign(p.insufficient_data_reasons().begin(),
                                     p.insufficient_data_reasons().end());
  a.explanation = FromProto(p.explanation());
  if (absl::Status status = d.Finish(); !status.ok()) return status;
  return a;
}
#undef OVERSIGHT_ASSESSMENT_OPTIONALS
#undef OVERSIGHT_ASSESSMENT_PLAIN

v1::Alert ToProto(const risk::Alert& a, const AlertState& state) {
  v1::Alert p;
  p.set_sequence(state.sequence);
  p.set_key(a.key);
  p.set_provider_id(a.provider_id);
  p.set_kind(ToProto(a.kind));
  p.set_severity(ToProto(a.severity));
  p.set_as_of(risk::FormatIsoDate(a.as_of));
  p.set_title(a.title);
  p.set_detail(a.detail);
  for (const auto& la : a.local_authorities) p.add_local_authorities(la);
  for (risk::Region r : a.regions) p.add_regions(ToProto(r));
  p.set_created_at(state.created_at);
  p.set_acknowledged_by(state.acknowledged_by);
  p.set_acknowledged_at(state.acknowledged_at);
  return p;
}

absl::StatusOr<risk::Alert> FromProto(const v1::Alert& p) {
  ResultDecoder d("alert");
  risk::Alert a;
  a.key = p.key();
  a.provider_id = p.provider_id();
  a.kind = d.Enum(p.kind(), "kind");
  a.severity = d.Enum(p.severity(), "severity");
  a.as_of = d.OptionalDate(p.as_of(), "as_of");
  a.title = p.title();
  a.detail = p.detail();
  a.local_authorities.assign(p.local_authorities().begin(), p.local_authorities().end());
  for (int r : p.regions()) a.regions.push_back(d.Enum(static_cast<v1::Region>(r), "regions"));
  if (absl::Status status = d.Finish(); !status.ok()) return status;
  return a;
}

v1::Concentration ToProto(const risk::Concentration& c) {
  v1::Concentration p;
  p.set_area(c.area);
  p.set_children_placed(c.children_placed);
  p.set_hhi(c.hhi);
  p.set_top4_share(c.top4_share);
  for (const auto& s : c.shares) {
    v1::ProviderShare* share = p.add_shares();
    share->set_provider_id(s.provider_id);
    share->set_children_placed(s.children_placed);
    share->set_share(s.share);
  }
  return p;
}

v1::StressScenario ToProto(const risk::StressScenario& s) {
  v1::StressScenario p;
  p.set_name(s.name);
  p.set_description(s.description);
  p.set_sonia_shift_bp(s.sonia_shift_bp);
  p.set_occupancy_fall(s.occupancy_fall);
  p.set_fee_growth(s.fee_growth);
  p.set_wage_inflation(s.wage_inflation);
  return p;
}

absl::StatusOr<risk::StressScenario> FromProto(const v1::StressScenario& p, absl::string_view field) {
  risk::Violations v;
  auto path = [&](absl::string_view name) { return absl::StrCat(field, ".", name); };
  auto finite = [&](double value, absl::string_view name) {
    if (!std::isfinite(value)) {
      v.Add(path(name), "must be a finite number");
      return false;
    }
    return true;
  };
  if (finite(p.sonia_shift_bp(), "sonia_shift_bp") && std::abs(p.sonia_shift_bp()) > 10'000) {
    v.Add(path("sonia_shift_bp"), absl::StrCat("must be within +/-10000 basis points (got ",
                                                p.sonia_shift_bp(), ")"));
  }
  if (finite(p.occupancy_fall(), "occupancy_fall") &&
      (p.occupancy_fall() < 0 || p.occupancy_fall() > 1)) {
    v.Add(path("occupancy_fall"),
          absl::StrCat("must be a fraction in [0, 1] (got ", p.occupancy_fall(), ")"));
  }
  if (finite(p.fee_growth(), "fee_growth") && p.fee_growth() <= -1) {
    v.Add(path("fee_growth"), absl::StrCat("must be above -1 (got ", p.fee_growth(), ")"));
  }
  if (finite(p.wage_inflation(), "wage_inflation") && p.wage_inflation() <= -1) {
    v.Add(path("wage_inflation"), absl::StrCat("must be above -1 (got ", p.wage_inflation(), ")"));
  }
  if (!v.empty()) return v.ToStatus();
  return risk::StressScenario{.name = p.name().empty() ? "custom" : p.name(),
                              .description = p.description(),
                              .sonia_shift_bp = p.sonia_shift_bp(),
                              .occupancy_fall = p.occupancy_fall(),
                              .fee_growth = p.fee_growth(),
                              .wage_inflation = p.wage_inflation()};
}

v1::StressOutcome ToProto(const risk::StressResult& r) {
  v1::StressOutcome p;
  p.set_provider_id(r.stressed.provider_id);
  p.set_scenario(r.scenario);
  if (r.baseline != nullptr) {
    p.set_baseline_rating(ToProto(r.baseline->rating));
    p.set_baseline_pd(r.baseline->pd_one_year);
  }
  p.set_stressed_rating(ToProto(r.stressed.rating));
  p.set_stressed_pd(r.stressed.pd_one_year);
  if (r.stressed.interest_cover) p.set_stressed_interest_cover(*r.stressed.interest_cover);
  if (r.stressed.liquidity_headroom) p.set_stressed_liquidity_headroom(*r.stressed.liquidity_headroom);
  p.set_covenant_breached(r.covenant_breached);
  p.set_liquidity_exhausted(r.liquidity_exhausted);
  p.set_first_break(r.first_break);
  return p;
}

}  // namespace oversight::codec
