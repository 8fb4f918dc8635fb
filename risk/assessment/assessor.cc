// The assessor: runs every model on one provider's records and fills the
// Assessment and its explanation; scores a whole market and ranks it.
#include "risk/assessment/assessor.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <string>
#include <tuple>
#include <utility>

#include <ql/errors.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "risk/assessment/assess_on_curves.h"
#include "risk/assessment/explanation_builder.h"
#include "risk/assessment/filed_figures.h"
#include "risk/domain/point_in_time.h"
#include "risk/default/accounts_selection.h"
#include "risk/default/altman_z_score.h"
#include "risk/default/combined_pd.h"
#include "risk/default/merton_from_provider.h"
#include "risk/default/ohlson_o_score.h"
#include "risk/default/survival_curve.h"
#include "risk/impact/provider_impact.h"
#include "risk/profitability/placement_week.h"
#include "risk/profitability/profitability.h"
#include "risk/profitability/sector_comparison.h"
#include "risk/rating/rating.h"
#include "risk/resilience/resilience.h"

namespace oversight::risk {
namespace {

// Method citations, shared by every figure that uses the method.
constexpr absl::string_view kCma = "CMA, Children's social care market study, final report (10 March 2022)";
constexpr absl::string_view kLga =
    "LGA / Revolution Consulting, Profit making and risk in independent children's social care placement "
    "providers (2020-2023)";
constexpr absl::string_view kCwsa17 = "Children's Wellbeing and Schools Act 2026 s.17 (profit cap; illustrative)";
constexpr absl::string_view kLenders = "Facility agreement covenant definitions (domain.md s.4)";
constexpr absl::string_view kDebtService =
    "QuantLib schedule on the UK settlement calendar, Actual/365 (Fixed), forward SONIA (risk/resilience)";
constexpr absl::string_view kAltman = "Altman (2000), Z''-score for private non-manufacturing firms";
constexpr absl::string_view kOhlson = "Ohlson (1980), O-score model 1, Journal of Accounting Research 18(1)";
constexpr absl::string_view kMerton = "Merton (1974); Hull, Options, Futures and Other Derivatives, credit risk";
constexpr absl::string_view kCombined = "Log-odds combination of the models and adverse flags (risk/default)";
constexpr absl::string_view kImpactSource =
    "Difficult-to-replace impact (domain.md s.4); CQC market oversight criteria, SI 2015/314";
constexpr absl::string_view kScopeSource =
    "Financial oversight conditions, CWSA 2026 s.16 (thresholds: ImpactConfig, modelled on SI 2015/314)";

std::string Cite(absl::string_view what, const Provenance& p) {
  if (p.source.empty()) return std::string(what);
  return absl::StrCat(what, " (", p.source, ", v", p.version, ")");
}


std::optional<double> ValueOf(const Measured& m) { return m.value; }

// Says when the likelihood of failure rests on too little: the ranked list
// and the dashboard show it instead of letting a filleted micro-entity pass
// for a healthy provider.
void RecordInsufficientData(Assessment& a, const Accounts* accounts, bool likelihood_assessable) {
  if (accounts == nullptr) {
    a.insufficient_data_reasons.push_back("no accounts public on or before the assessment date");
  } else if (accounts->profit_and_loss_omitted) {
    a.insufficient_data_reasons.push_back(absl::StrCat(
        "accounts for the period ending ", FormatIsoDate(accounts->period.end),
        " were filed without a profit and loss account (filleted): margins, EBITDA leverage, "
        "interest cover and the Ohlson model cannot be computed"));
  }
  if (!likelihood_assessable) {
    a.insufficient_data_reasons.push_back(
        "no failure model (Altman, Ohlson, Merton) could be computed: likelihood set to at least medium");
  }
  a.insufficient_data = !a.insufficient_data_reasons.empty();
  if (a.insufficient_data) {
    a.explanation.reasons.push_back(absl::StrCat("insufficient data: ", a.insufficient_data_reasons.front()));
  }
}

struct Citations {
  std::vector<std::string> accounts;            // current accounts
  std::vector<std::string> accounts_and_prior;  // current and prior year
  std::vector<std::string> accounts_and_flows;
  std::vector<std::string> facilities;
  std::vector<std::string> accounts_and_facilities;
  std::vector<std::string> placements;
  std::vector<std::string> accounts_and_placements;
  std::vector<std::string> market;
  std::vector<std::string> provider;
};

Citations CiteInputs(const ProviderData& data, const Accounts* accounts, const Accounts* prior,
                     const RelatedPartyFlows* flows, const MarketSnapshot& market, Date as_of) {
  Citations c;
  if (accounts != nullptr) c.accounts.push_back(DescribeAccounts(*accounts));
  c.accounts_and_prior = c.accounts;
  if (prior != nullptr) c.accounts_and_prior.push_back(DescribeAccounts(*prior));
  c.accounts_and_flows = c.accounts;
  if (flows != nullptr) {
    c.accounts_and_flows.push_back(Cite(
        absl::StrCat("related_party_flows ", flows->provider_id, " ", FormatIsoDate(flows->period.end)),
        flows->provenance));
  }
  c.facilities.reserve(data.facilities.size());
  for (const DebtFacility& f : data.facilities) {
    c.facilities.push_back(Cite(absl::StrCat("facility ", f.provider_id, "/", f.facility_id), f.provenance));
  }
  c.accounts_and_facilities = c.accounts;
  c.accounts_and_facilities.insert(c.accounts_and_facilities.end(), c.facilities.begin(), c.facilities.end());
  const Date census = LatestPlacementDate(data.placements, as_of);
  if (census != Date()) {
    int returns = 0;
    for (const PlacementReturn& p : data.placements) returns += p.as_of == census ? 1 : 0;
    c.placements.push_back(absl::StrCat("placement returns ", data.provider.provider_id, " ",
                                        FormatIsoDate(census), " (", returns, " returns)"));
  }
  c.accounts_and_placements = c.accounts;
  c.accounts_and_placements.insert(c.accounts_and_placements.end(), c.placements.begin(), c.placements.end());
  c.market.push_back(absl::StrCat("market snapshot ", FormatIsoDate(market.as_of()), " (",
                                  market.ProvidersInMarket(), " providers, ", market.ChildrenPlacedInEngland(),
                                  " children placed)"));
  c.market.insert(c.market.end(), c.placements.begin(), c.placements.end());
  c.provider.push_back(Cite(absl::StrCat("provider ", data.provider.provider_id), data.provider.provenance));
  return c;
}

void ExplainProfitability(ExplanationBuilder& b, const Profitability& p, const SectorComparison& sector,
                          const Citations& c) {
  b.Add({"profitability.revenue", "Revenue (turnover)", "GBP", "as reported", "Statutory accounts"}, p.revenue,
        c.accounts);
  b.Add({"profitability.ebitda", "EBITDA", "GBP", "as reported, else operating profit + D&A", "Statutory accounts"},
        p.ebitda, c.accounts);
  b.Add({"profitability.ebitda_margin", "EBITDA margin", "ratio", "EBITDA / revenue", kLga}, p.ebitda_margin,
        c.accounts);
  b.Add({"profitability.operating_margin", "Operating margin", "ratio", "operating profit (EBIT) / revenue", kCma},
        p.operating_margin, c.accounts);
  b.Add({"profitability.operating_margin_percentile", "Operating margin percentile in the market", "ratio",
         "mid-rank percentile among the market's operating margins", kCma},
        sector.percentile, c.accounts);
  b.Add({"profitability.sector_median_operating_margin", "Market median operating margin", "ratio",
         "median of the market's operating margins (Hyndman-Fan type 7)", kCma},
        sector.median, c.accounts);
  b.Add({"profitability.capital_employed", "Capital employed", "GBP", "total assets - current liabilities", kCma},
        p.capital_employed, c.accounts);
  b.Add({"profitability.roce", "Return on capital employed", "ratio", "EBIT / capital employed", kCma}, p.roce,
        c.accounts);
  b.Add({"profitability.excess_profit", "Profit above the cost of capital", "GBP",
         "(ROCE - cost of capital) x capital employed", kCma},
        p.excess_profit, c.accounts);
  b.Add({"profitability.adjusted_operating_margin", "Operating margin with related-party flows added back", "ratio",
         "(EBIT + management charges + connected rent) / revenue", kCwsa17},
        p.adjusted.adjusted_operating_margin, c.accounts_and_flows);
  b.Add({"profitability.profit_above_cap", "Profit above the configured cap", "GBP",
         "max(0, adjusted operating profit - cap margin x revenue)", kCwsa17},
        p.profit_cap.profit_above_cap, c.accounts_and_flows);
  b.Add({"profitability.price_per_placement_week", "Average weekly fee", "GBP",
         "sum(children x weekly fee) / sum(children), latest census", kCma},
        p.price_per_placement_week, c.placements);
  b.Add({"profitability.cost_per_placement_week", "Operating cost per placement-week", "GBP",
         "(revenue - EBIT) / (children placed x 52)", kCma},
        p.cost_per_placement_week, c.accounts_and_placements);
}

void ExplainResilience(ExplanationBuilder& b, const Resilience& r, const Citations& c) {
  b.Add({"resilience.net_debt", "Net debt", "GBP", "borrowings - cash (leases per configuration)", kLenders},
        r.net_debt, c.accounts);
  b.Add({"resilience.net_debt_to_ebitda", "Net debt / EBITDA", "ratio", "net debt / EBITDA", kLenders},
        r.net_debt_to_ebitda, c.accounts);
  b.Add({"resilience.interest_cover", "Interest cover", "ratio", "EBITDA / interest payable", kLenders},
        r.interest_cover, c.accounts_and_facilities);
  b.Add({"resilience.fixed_charge_cover", "Fixed-charge cover", "ratio", "EBITDAR / (interest + rent)", kLenders},
        r.fixed_charge_cover, c.accounts_and_facilities);
  b.Add({"resilience.debt_service_12m", "Debt service due in the next 12 months", "GBP",
         "interest + scheduled amortisation + maturities", kDebtService},
        r.debt_service.next_12m.total(), c.facilities);
  b.Add({"resilience.available_undrawn", "Undrawn committed facilities", "GBP",
         "committed - drawn, facilities available beyond 12 months", kDebtService},
        r.available_undrawn, c.facilities);
  b.Add({"resilience.liquidity_headroom", "Liquidity headroom", "GBP",
         "cash + undrawn committed facilities - next 12 months' debt service", kDebtService},
        r.liquidity_headroom, c.accounts_and_facilities);
  b.Add({"resilience.debt_maturing_12m", "Debt maturing within 12 months", "GBP", "bullet repayments due",
         kDebtService},
        r.refinancing.maturing_12m, c.facilities);
  b.Add({"resilience.debt_maturing_24m", "Debt maturing within 24 months", "GBP", "bullet repayments due",
         kDebtService},
        r.refinancing.maturing_24m, c.facilities);
  b.Add({"resilience.net_tangible_assets", "Net tangible assets", "GBP", "net assets - intangible assets", kLga},
        r.net_tangible_assets, c.accounts);
  for (const CovenantHeadroom& cov : r.covenants) {
    ExplainedFigure& f =
        b.Add({"resilience.covenant", "Covenant headroom", "ratio",
               cov.covenant == "max_net_leverage" ? "limit - net debt / EBITDA" : "EBITDA / interest - limit",
               kLenders},
              cov.headroom_ratio, c.accounts_and_facilities,
              cov.headroom_ratio ? std::string() : "tested ratio cannot be computed from the accounts held");
    absl::StrAppend(&f.key, ".", cov.facility_id, ".", cov.covenant);
    absl::StrAppend(&f.label, " ", cov.covenant, " on ", cov.facility_id, " (limit ",
                    absl::StrFormat("%.2f", cov.limit), cov.breached ? ", BREACHED)" : ")");
  }
  b.Add({"resilience.accounts_overdue", "Accounts overdue", "count", "1 if the next accounts are past their due date",
         "Companies Act 2006 s.442"},
        r.accounts_overdue.overdue ? 1.0 : 0.0, c.accounts, r.accounts_overdue.reason);
}

}  // namespace

absl::StatusOr<SoniaCurves> BaselineSoniaCurves(const RiskConfig& config, Date as_of) {
  try {
    return SoniaCurves::Flat(as_of, config.sonia_rate);
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("sonia_rate: cannot build the SONIA curve at ", FormatIsoDate(as_of),
                                            ": ", e.what()));
  }
}

absl::StatusOr<Assessment> AssessProviderOnCurves(const ProviderData& input, const MarketSnapshot& market,
                                                  const RiskConfig& config, Date as_of,
                                                  const SoniaCurves& curves, const AssessOptions& options) {
  if (as_of == Date()) return absl::InvalidArgumentError("as_of: the assessment date is required");
  if (absl::Status valid = ValidateProviderInputs(input); !valid.ok()) return valid;

  ProviderData storage;
  const ProviderData& data = PointInTime(input, as_of, storage);
  const std::string& id = data.provider.provider_id;

  // QuantLib throws QuantLib::Error (a std::exception) on inputs it cannot
  // handle; nothing may escape the risk core as an exception.
  try {
    Assessment a;
    a.provider_id = id;
    a.as_of = as_of;

    const Profitability profitability = AssessProfitability(data, config.profitability, as_of);
    absl::StatusOr<Resilience> resilience = AssessResilience(data, config.resilience, curves, as_of);
    if (!resilience.ok()) {
      return absl::Status(resilience.status().code(),
                          absl::StrCat("provider ", id, ": ", resilience.status().message()));
    }
    const Resilience& r = *resilience;
    const Accounts* accounts = profitability.accounts;
    const Accounts* prior = accounts != nullptr ? PriorYearAccounts(data, *accounts) : nullptr;
    const RelatedPartyFlows* flows =
        accounts != nullptr ? FlowsForPeriod(data.related_party_flows, accounts->period) : nullptr;

    // --- Failure models -----------------------------------------------------
    ModelOutcome<AltmanResult> altman;
    ModelOutcome<OhlsonResult> ohlson;
    if (accounts != nullptr) {
      altman = AltmanFromAccounts(*accounts);
      ohlson = OhlsonFromAccounts(*accounts, prior, config.default_model.ohlson);
    } else {
      altman.note = ohlson.note = "no accounts public on or before the assessment date";
    }
    const ModelOutcome<MertonAssessment> merton = MertonFromProviderData(data, config.default_model, as_of);

    // --- Impact -------------------------------------------------------------
    const ProviderImpact impact = AssessImpact(market, id, config.impact);
    const SectorComparison sector =
        market.CompareWithMarket(profitability.operating_margin, MarginMeasure::kOperating);

    // --- Headline figures ---------------------------------------------------
    a.accounts_period_end = accounts != nullptr ? accounts->period.end : Date();
    a.ebitda_margin = ValueOf(profitability.ebitda_margin);
    a.operating_margin = ValueOf(profitability.operating_margin);
    a.roce = ValueOf(profitability.roce);
    a.excess_profit = ValueOf(profitability.excess_profit);
    a.adjusted_operating_margin = ValueOf(profitability.adjusted.adjusted_operating_margin);
    a.profit_above_cap = ValueOf(profitability.profit_cap.profit_above_cap);

    a.net_debt = ValueOf(r.net_debt);
    a.net_debt_to_ebitda = ValueOf(r.net_debt_to_ebitda);
    a.interest_cover = ValueOf(r.interest_cover);
    a.fixed_charge_cover = ValueOf(r.fixed_charge_cover);
    a.liquidity_headroom = ValueOf(r.liquidity_headroom);
    a.debt_maturing_12m = r.refinancing.maturing_12m;
    a.debt_maturing_24m = r.refinancing.maturing_24m;
    a.covenants = r.covenants;
    a.going_concern_uncertainty = r.going_concern_uncertainty;
    a.negative_net_tangible_assets = r.negative_net_tangible_assets;
    // Companies House's own "overdue" (accounts.next_accounts.overdue) wins
    // over the engine's estimate from the last period end.
    a.accounts_overdue = r.accounts_overdue.overdue || data.provider.accounts_overdue_at_companies_house;
    a.business_failure = IsBusinessFailure(data.provider.company_status);

    if (altman.has_value()) {
      a.altman_z2 = altman.value->z;
      a.altman_zone = std::string(AltmanZoneName(altman.value->zone));
    }
    if (ohlson.has_value()) a.ohlson_pd = ohlson.value->pd;
    if (merton.has_value()) {
      a.merton_pd = merton.value->pd;
      if (merton.value->result) a.merton_distance_to_default = merton.value->result->distance_to_default;
    }

    a.children_placed = impact.children_placed;
    a.registered_places = impact.registered_places;
    a.settings = impact.settings;
    a.local_authorities_served = static_cast<int>(impact.authorities.size());
    a.local_authorities_dependent = impact.local_authorities_dependent;
    a.max_local_authority_share = impact.max_local_authority_share;
    a.local_authorities.reserve(impact.authorities.size());
    for (const AuthorityShare& s : impact.authorities) a.local_authorities.push_back(s.local_authority);
    std::sort(a.local_authorities.begin(), a.local_authorities.end());
    a.regions.reserve(impact.regions.size());
    for (const RegionImpact& ri : impact.regions) a.regions.push_back(ri.region);
    a.in_oversight_scope = impact.scope.in_scope;

    // --- Combined PD ------------------------------------------------------------
    const bool covenant_breached =
        std::any_of(a.covenants.begin(), a.covenants.end(), [](const CovenantHeadroom& c) { return c.breached; });
    const bool liquidity_negative = a.liquidity_headroom && *a.liquidity_headroom < 0;
    DefaultEvidence evidence;
    evidence.merton_pd = a.merton_pd;
    evidence.ohlson_pd = a.ohlson_pd;
    if (altman.has_value()) evidence.altman_zone = altman.value->zone;
    evidence.going_concern_uncertainty = a.going_concern_uncertainty;
    evidence.covenant_breached = covenant_breached;
    evidence.liquidity_headroom_negative = liquidity_negative;
    evidence.refinancing_without_liquidity = liquidity_negative && a.debt_maturing_12m > 0;
    evidence.negative_net_tangible_assets = a.negative_net_tangible_assets;
    evidence.accounts_overdue = a.accounts_overdue;
    evidence.business_failure = a.business_failure;
    absl::StatusOr<CombinedPd> combined = CombineDefaultEvidence(evidence, config.default_model.combination);
    if (!combined.ok()) return combined.status();
    a.pd_one_year = combined->pd;
    absl::StatusOr<SurvivalCurve> survival = SurvivalFromOneYearPd(a.pd_one_year, as_of);
    if (!survival.ok()) return survival.status();
    a.survival = survival->survival;

    // --- Explanation ----------------------------------------------------------
    a.explanation.contributions = std::move(combined->contributions);
    if (options.explain) {
      const Citations cite = CiteInputs(data, accounts, prior, flows, market, as_of);
      ExplanationBuilder b(a.explanation, 48 + a.covenants.size());
      ExplainProfitability(b, profitability, sector, cite);
      ExplainResilience(b, r, cite);
      if (accounts != nullptr) ExplainFiledFigures(b, *accounts);

      b.Add({"default.altman_z2", "Altman Z''-score", "score", "6.56 X1 + 3.26 X2 + 6.72 X3 + 1.05 X4", kAltman},
            a.altman_z2, cite.accounts,
            altman.has_value() ? absl::StrCat("zone: ", a.altman_zone, altman.note.empty() ? "" : "; ", altman.note)
                               : altman.note);
      b.Add({"default.ohlson_pd", "Ohlson O-score probability of failure", "probability", "e^O / (1 + e^O)", kOhlson},
            a.ohlson_pd, cite.accounts_and_prior, ohlson.note);
      {
        std::vector<std::string> merton_inputs = merton.inputs;
        std::string note = merton.note;
        if (merton.has_value()) {
          absl::StrAppend(&note, note.empty() ? "" : "; ", "equity: ", merton.value->equity_basis,
                          "; volatility: ", merton.value->volatility_basis);
        }
        b.Add({"default.merton_pd", "Merton probability of default (one year)", "probability", "N(-d2)", kMerton},
              a.merton_pd, merton_inputs, note);
        b.Add({"default.merton_distance_to_default", "Merton distance to default", "score",
               "[ln(V/D) + (r - sigmaV^2/2) T] / (sigmaV sqrt T)", kMerton},
              a.merton_distance_to_default, merton_inputs,
              a.merton_distance_to_default ? std::string() : "structural model not solved (see default.merton_pd)");
      }
      b.Add({"default.pd_one_year", "Combined one-year probability of failure", "probability",
             "1 / (1 + e^-L), L = prior log-odds + weighted model deviations + flag increments", kCombined},
            a.pd_one_year, cite.accounts_and_facilities,
            a.business_failure ? "business-failure event: failure is occurring" : "");
      b.Add({"default.survival_5y", "Probability of surviving five years", "probability",
             "exp(-5 h), h = -ln(1 - PD one year) (flat hazard)", "QuantLib FlatHazardRate"},
            a.survival[4], cite.accounts);

      b.Add({"impact.children_placed", "Children placed", "count", "latest placement return per authority and type",
             kImpactSource},
            a.children_placed, cite.placements,
            market.FindProvider(id) == nullptr
                ? absl::StrCat("provider not in the market snapshot of ", FormatIsoDate(market.as_of()),
                               ": impact figures are zero until the market is rebuilt")
            : cite.placements.empty() ? std::string("no placement return on or before the assessment date")
                                      : std::string());
      b.Add({"impact.registered_places", "Registered places", "count", "Ofsted settings, else placement returns",
             kImpactSource},
            a.registered_places, cite.placements);
      b.Add({"impact.settings", "Registered settings", "count", "Ofsted register", kImpactSource}, a.settings,
            cite.provider);
      b.Add({"impact.local_authorities_served", "Local authorities placing children", "count",
             "authorities with children placed", kImpactSource},
            a.local_authorities_served, cite.placements);
      b.Add({"impact.local_authorities_dependent", "Local authorities dependent on the provider", "count",
             "authorities whose share placed with it exceeds the threshold", kImpactSource},
            a.local_authorities_dependent, cite.market);
      b.Add({"impact.max_local_authority_share", "Largest share of one authority's children", "ratio",
             "children placed with the provider / children placed by the authority", kImpactSource},
            a.max_local_authority_share, cite.market);
      b.Add({"impact.children_without_place", "Children who could not be re-placed in their region", "count",
             "sum over regions of max(0, children placed - other providers' spare places)", kImpactSource},
            impact.children_without_place, cite.market);
      {
        std::string note = impact.scope.in_scope ? absl::StrJoin(impact.scope.conditions_met, "; ")
                                                 : std::string("no financial oversight condition met");
        if (!impact.scope.group.empty()) absl::StrAppend(&note, " (group ", impact.scope.group, ")");
        b.Add({"impact.group_market_share", "Share of England's children placed (with group)", "ratio",
               "group children placed / children placed in England", kScopeSource},
              impact.scope.market_share, cite.market, std::move(note));
      }
    }  // options.explain

    // --- Rating ---------------------------------------------------------------
    RatingInputs rating_inputs;
    rating_inputs.impact = {a.children_placed, a.local_authorities_served, a.local_authorities_dependent,
                            impact.children_without_place, a.in_oversight_scope};
    rating_inputs.likelihood_assessable = a.altman_z2 || a.ohlson_pd || a.merton_pd;
    RateAssessment(a, rating_inputs, config);
    RecordInsufficientData(a, accounts, rating_inputs.likelihood_assessable);
    return a;
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("provider ", id, ": model error at ", FormatIsoDate(as_of), ": ",
                                            e.what()));
  }
}

absl::StatusOr<Assessment> AssessProvider(const ProviderData& data, const MarketSnapshot& market,
                                          const RiskConfig& config, Date as_of) {
  absl::StatusOr<SoniaCurves> curves = BaselineSoniaCurves(config, as_of);
  if (!curves.ok()) return curves.status();
  return AssessProviderOnCurves(data, market, config, as_of, *curves);
}

MarketAssessment AssessMarket(std::span<const ProviderData> market, const RiskConfig& config, Date as_of) {
  MarketAssessment out;
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, as_of);
  absl::StatusOr<SoniaCurves> curves = BaselineSoniaCurves(config, as_of);
  out.ranked.reserve(market.size());
  for (const ProviderData& data : market) {
    if (!curves.ok()) {
      out.failures.push_back({data.provider.provider_id, curves.status()});
      continue;
    }
    absl::StatusOr<Assessment> assessment = AssessProviderOnCurves(data, snapshot, config, as_of, *curves);
    if (assessment.ok()) {
      out.ranked.push_back(*std::move(assessment));
    } else {
      out.failures.push_back({data.provider.provider_id, assessment.status()});
    }
  }
  RankAssessments(out.ranked);
  return out;
}

void RankAssessments(std::vector<Assessment>& assessments) {
  std::sort(assessments.begin(), assessments.end(), [](const Assessment& x, const Assessment& y) {
    if (x.rating != y.rating) return x.rating > y.rating;
    if (x.score != y.score) return x.score > y.score;
    return x.provider_id < y.provider_id;
  });
}

}  // namespace oversight::risk
