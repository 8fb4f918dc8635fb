// The assessor: runs every model on one provider's records and fills the
// Assessment and its explanation; scores a whole market and ranks it.
#include "risk/assessment/assessor.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <memory>
#include <numeric>
#include <string>
#include <tuple>
#include <utility>

#include <ql/errors.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "risk/assessment/assess_on_curves.h"
#include "risk/assessment/explanation_builder.h"
#include "risk/assessment/figure_catalogue.h"
#include "risk/assessment/filed_figures.h"
#include "risk/domain/append_pieces.h"
#include "risk/domain/fixed_decimal.h"
#include "risk/domain/record_citation.h"
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

// The input citations of one assessment: each record is cited once, in one
// table shared by every figure, and each figure names the runs it used.
struct Citations {
  FigureInputs accounts;            // current accounts
  FigureInputs accounts_and_prior;  // current and prior year
  FigureInputs accounts_and_flows;
  FigureInputs facilities;
  FigureInputs accounts_and_facilities;
  FigureInputs placements;
  FigureInputs accounts_and_placements;
  FigureInputs market;              // the snapshot, then the placements it read
  FigureInputs provider;
  FigureInputs merton;              // the accounts, then what Merton cites besides (an equity observation)
  // The table every group above points into: the explanation keeps it.
  std::shared_ptr<const FigureInputs::Table> table;
};

// `merton_own`: the citations Merton's model made besides the accounts'.
Citations CiteInputs(const ProviderData& data, const Accounts* accounts, const Accounts* prior,
                     const RelatedPartyFlows* flows, const MarketSnapshot& market, Date as_of,
                     const std::vector<std::string>& merton_own) {
  using Range = FigureInputs::Range;
  auto table = std::make_shared<FigureInputs::Table>();
  // About 60 characters a citation: one allocation for all of them.
  table->Reserve(64 * (7 + data.facilities.size()));
  auto here = [&table] { return static_cast<std::uint32_t>(table->size()); };
  // The order makes every group below one or two runs: the accounts, then
  // the prior year right after them; the snapshot right before the placements.
  const Range current{here(), here() + (accounts != nullptr ? 1u : 0u)};
  if (accounts != nullptr) table->AddWritten([&](std::string& out) { AppendAccountsCitation(out, *accounts); });
  if (prior != nullptr) table->AddWritten([&](std::string& out) { AppendAccountsCitation(out, *prior); });
  const Range with_prior{current.begin, here()};
  const Range flow{here(), here() + (flows != nullptr ? 1u : 0u)};
  if (flows != nullptr) {
    table->AddWritten([&](std::string& out) { AppendRelatedPartyFlowsCitation(out, *flows); });
  }
  const std::uint32_t facilities_begin = here();
  for (const DebtFacility& f : data.facilities) {
    table->AddWritten([&](std::string& out) { AppendFacilityCitation(out, f); });
  }
  const Range facilities{facilities_begin, here()};
  const std::uint32_t snapshot_begin = here();
  table->Add(market.Citation());
  const std::uint32_t placements_begin = here();
  const Date census = LatestPlacementDate(data.placements, as_of);
  if (census != Date()) {
    int returns = 0;
    for (const PlacementReturn& p : data.placements) returns += p.as_of == census ? 1 : 0;
    table->AddWritten([&](std::string& out) {
      internal::AppendPieces(out, "placement returns ", data.provider.provider_id, " ");
      AppendIsoDate(out, census);
      internal::AppendPieces(out, " (", returns, " returns)");
    });
  }
  const Range placements{placements_begin, here()};
  const Range in_market{snapshot_begin, here()};
  const Range provider{here(), here() + 1};
  table->AddWritten([&](std::string& out) { AppendProviderCitation(out, data.provider); });
  const Range merton_own_range{here(), here() + static_cast<std::uint32_t>(merton_own.size())};
  for (const std::string& citation : merton_own) table->Add(citation);

  const FigureInputs::Table& t = *table;
  Citations c;
  c.accounts = FigureInputs::Within(t, current);
  c.accounts_and_prior = FigureInputs::Within(t, with_prior);
  c.accounts_and_flows = FigureInputs::Within(t, current, flow);
  c.facilities = FigureInputs::Within(t, facilities);
  c.accounts_and_facilities = FigureInputs::Within(t, current, facilities);
  c.placements = FigureInputs::Within(t, placements);
  c.accounts_and_placements = FigureInputs::Within(t, current, placements);
  c.market = FigureInputs::Within(t, in_market);
  c.provider = FigureInputs::Within(t, provider);
  c.merton = FigureInputs::Within(t, current, merton_own_range);
  c.table = std::move(table);
  return c;
}

void ExplainProfitability(ExplanationBuilder& b, const Profitability& p, const SectorComparison& sector,
                          const Citations& c) {
  b.Add(figures::kProfitabilityRevenue, p.revenue,
        c.accounts);
  b.Add(figures::kProfitabilityEbitda,
        p.ebitda, c.accounts);
  b.Add(figures::kProfitabilityEbitdaMargin, p.ebitda_margin,
        c.accounts);
  b.Add(figures::kProfitabilityOperatingMargin,
        p.operating_margin, c.accounts);
  b.Add(figures::kProfitabilityOperatingMarginPercentile,
        sector.percentile, c.accounts);
  b.Add(figures::kProfitabilitySectorMedianOperatingMargin,
        sector.median, c.accounts);
  b.Add(figures::kProfitabilityCapitalEmployed,
        p.capital_employed, c.accounts);
  b.Add(figures::kProfitabilityRoce, p.roce,
        c.accounts);
  b.Add(figures::kProfitabilityExcessProfit,
        p.excess_profit, c.accounts);
  b.Add(figures::kProfitabilityAdjustedOperatingMargin,
        p.adjusted.adjusted_operating_margin, c.accounts_and_flows);
  b.Add(figures::kProfitabilityProfitAboveCap,
        p.profit_cap.profit_above_cap, c.accounts_and_flows);
  b.Add(figures::kProfitabilityPricePerPlacementWeek,
        p.price_per_placement_week, c.placements);
  b.Add(figures::kProfitabilityCostPerPlacementWeek,
        p.cost_per_placement_week, c.accounts_and_placements);
}

// `covenants` are the resilience's own, moved into the assessment already.
void ExplainResilience(ExplanationBuilder& b, const Resilience& r, std::span<const CovenantHeadroom> covenants,
                       const Citations& c) {
  b.Add(figures::kResilienceNetDebt,
        r.net_debt, c.accounts);
  b.Add(figures::kResilienceNetDebtToEbitda,
        r.net_debt_to_ebitda, c.accounts);
  b.Add(figures::kResilienceInterestCover,
        r.interest_cover, c.accounts_and_facilities);
  b.Add(figures::kResilienceFixedChargeCover,
        r.fixed_charge_cover, c.accounts_and_facilities);
  b.Add(figures::kResilienceDebtService12m,
        r.debt_service.next_12m.total(), c.facilities);
  b.Add(figures::kResilienceAvailableUndrawn,
        r.available_undrawn, c.facilities);
  b.Add(figures::kResilienceLiquidityHeadroom,
        r.liquidity_headroom, c.accounts_and_facilities);
  b.Add(figures::kResilienceDebtMaturing12m,
        r.refinancing.maturing_12m, c.facilities);
  b.Add(figures::kResilienceDebtMaturing24m,
        r.refinancing.maturing_24m, c.facilities);
  b.Add(figures::kResilienceNetTangibleAssets,
        r.net_tangible_assets, c.accounts);
  for (const CovenantHeadroom& cov : covenants) {
    const FigureSpec& spec = cov.covenant == "max_net_leverage" ? figures::kResilienceCovenantLeverage
                                                                : figures::kResilienceCovenantCover;
    ExplainedFigure figure;
    std::string texts;  // the figure's key, then its label, in one buffer
    texts.reserve(160);
    internal::AppendPieces(texts, spec.key, ".", cov.facility_id, ".", cov.covenant.view());
    const std::size_t key_size = texts.size();
    internal::AppendPieces(texts, spec.label, " ", cov.covenant.view(), " on ", cov.facility_id, " (limit ");
    AppendFixedDecimal(texts, cov.limit, 2);
    internal::AppendPieces(texts, cov.breached ? ", BREACHED)" : ")");
    figure.definition = FigureDefinition::Named(std::move(texts), key_size, spec);
    figure.value = cov.headroom_ratio;
    figure.inputs = c.accounts_and_facilities;
    if (!cov.headroom_ratio) figure.note = "tested ratio cannot be computed from the accounts held";
    b.Add(std::move(figure));
  }
  b.Add(figures::kResilienceAccountsOverdue,
        r.accounts_overdue.overdue ? 1.0 : 0.0, c.accounts, r.accounts_overdue.Reason());
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
  if (!options.inputs_validated) {
    if (absl::Status valid = ValidateProviderInputs(input); !valid.ok()) return valid;
  }

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
    // Every facility was validated with the rest of the records above.
    absl::StatusOr<Resilience> resilience =
        !curves.stressed() && options.baseline_debt_service != nullptr
            ? absl::StatusOr<Resilience>(AssessResilienceFromProjection(
                  data, config.resilience, *options.baseline_debt_service, /*interest_shift=*/0, as_of))
        : options.baseline_interest_12m
            ? AssessResilience(data, config.resilience, curves, as_of, FacilityChecks::kAlreadyValidated,
                               *options.baseline_interest_12m)
            : AssessResilience(data, config.resilience, curves, as_of, FacilityChecks::kAlreadyValidated,
                               options.discount_factors);
    if (!resilience.ok()) {
      return absl::Status(resilience.status().code(),
                          absl::StrCat("provider ", id, ": ", resilience.status().message()));
    }
    Resilience& r = *resilience;
    const Accounts* accounts = profitability.accounts;
    const Accounts* prior = accounts != nullptr ? PriorYearAccounts(data, *accounts) : nullptr;
    const RelatedPartyFlows* flows =
        accounts != nullptr ? FlowsForPeriod(data.related_party_flows, accounts->period) : nullptr;

    // --- Failure models -----------------------------------------------------
    ModelOutcome<AltmanResult> altman;
    ModelOutcome<OhlsonResult> ohlson;
    if (accounts != nullptr) {
      // Both cite the accounts the explanation's own table already cites.
      altman = AltmanFromAccounts(*accounts, {}, ExplanationText::kOmit);
      ohlson = OhlsonFromAccounts(*accounts, prior, config.default_model.ohlson, ExplanationText::kOmit);
    } else {
      altman.note = ohlson.note = "no accounts public on or before the assessment date";
    }
    // Merton's figures cite the accounts (already in the explanation's own
    // table) and an equity observation (which Merton cites, for the table);
    // only the explanation reads them.
    const ModelOutcome<MertonAssessment> merton =
        MertonFromProviderData(data, config.default_model, as_of,
                               options.explain ? ExplanationText::kWithoutAccounts : ExplanationText::kOmit);

    // --- Impact -------------------------------------------------------------
    ProviderImpact impact = AssessImpact(market, id, config.impact);
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
    a.covenants = std::move(r.covenants);  // read from the assessment from here on
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
    // Moved: impact.authorities' names are not read again.
    for (AuthorityShare& s : impact.authorities) a.local_authorities.push_back(std::move(s.local_authority));
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
      Citations cite = CiteInputs(data, accounts, prior, flows, market, as_of, merton.inputs);
      a.explanation.citation_table = std::move(cite.table);  // every figure below points into it
      // The catalogue's figures (38 today), one per covenant and the filed
      // figures: reserved once, as every provider's explanation is built.
      ExplanationBuilder b(a.explanation, 40 + a.covenants.size() +
                                              (accounts != nullptr ? accounts->figure_sources.size() : 0));
      ExplainProfitability(b, profitability, sector, cite);
      ExplainResilience(b, r, a.covenants, cite);
      if (accounts != nullptr) ExplainFiledFigures(b, *accounts);

      b.Add(figures::kDefaultAltmanZ2,
            a.altman_z2, cite.accounts,
            altman.has_value() ? absl::StrCat("zone: ", a.altman_zone, altman.note.empty() ? "" : "; ", altman.note)
                               : altman.note);
      b.Add(figures::kDefaultOhlsonPd,
            a.ohlson_pd, cite.accounts_and_prior, ohlson.note);
      {
        const FigureInputs& merton_inputs = cite.merton;
        std::string note = merton.note;
        if (merton.has_value()) {
          absl::StrAppend(&note, note.empty() ? "" : "; ", "equity: ", merton.value->equity_basis,
                          "; volatility: ", merton.value->volatility_basis);
        }
        b.Add(figures::kDefaultMertonPd,
              a.merton_pd, merton_inputs, note);
        b.Add(figures::kDefaultMertonDistanceToDefault,
              a.merton_distance_to_default, merton_inputs,
              a.merton_distance_to_default ? std::string() : "structural model not solved (see default.merton_pd)");
      }
      b.Add(figures::kDefaultPdOneYear,
            a.pd_one_year, cite.accounts_and_facilities,
            a.business_failure ? "business-failure event: failure is occurring" : "");
      b.Add(figures::kDefaultSurvival5y,
            a.survival[4], cite.accounts);

      b.Add(figures::kImpactChildrenPlaced,
            a.children_placed, cite.placements,
            market.FindProvider(id) == nullptr
                ? absl::StrCat("provider not in the market snapshot of ", FormatIsoDate(market.as_of()),
                               ": impact figures are zero until the market is rebuilt")
            : cite.placements.empty() ? std::string("no placement return on or before the assessment date")
                                      : std::string());
      b.Add(figures::kImpactRegisteredPlaces,
            a.registered_places, cite.placements);
      b.Add(figures::kImpactSettings, a.settings,
            cite.provider);
      b.Add(figures::kImpactLocalAuthoritiesServed,
            a.local_authorities_served, cite.placements);
      b.Add(figures::kImpactLocalAuthoritiesDependent,
            a.local_authorities_dependent, cite.market);
      b.Add(figures::kImpactMaxLocalAuthorityShare,
            a.max_local_authority_share, cite.market);
      b.Add(figures::kImpactChildrenWithoutPlace,
            impact.children_without_place, cite.market);
      {
        std::string note = impact.scope.in_scope ? absl::StrJoin(impact.scope.conditions_met, "; ")
                                                 : std::string("no financial oversight condition met");
        if (!impact.scope.group.empty()) absl::StrAppend(&note, " (group ", impact.scope.group, ")");
        b.Add(figures::kImpactGroupMarketShare,
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

absl::Status AssessMarketInBatches(std::span<const ProviderData> market, const RiskConfig& config,
                                   Date as_of, std::size_t batch_size,
                                   absl::FunctionRef<absl::Status(AssessedBatch&)> consume,
                                   MarketInputs inputs) {
  if (batch_size == 0) return absl::InvalidArgumentError("batch_size: must be at least 1");
  const MarketSnapshot snapshot = MarketSnapshot::Build(market, as_of);
  const absl::StatusOr<SoniaCurves> curves = BaselineSoniaCurves(config, as_of);
  // The run's curves are its own and never move: their discount factors
  // are kept for every provider.
  std::optional<DiscountFactorMemo> discount_factors;
  AssessOptions options;
  options.inputs_validated = inputs == MarketInputs::kAlreadyValidated;
  if (curves.ok()) {
    discount_factors.emplace(curves->projection().currentLink().get());
    options.discount_factors = &*discount_factors;
  }
  AssessedBatch batch;
  batch.assessments.reserve(std::min(batch_size, market.size()));
  for (std::size_t begin = 0; begin < market.size(); begin += batch_size) {
    const std::size_t end = std::min(market.size(), begin + batch_size);
    for (const ProviderData& data : market.subspan(begin, end - begin)) {
      if (!curves.ok()) {
        batch.failures.push_back({data.provider.provider_id, curves.status()});
        continue;
      }
      absl::StatusOr<Assessment> assessment = AssessProviderOnCurves(data, snapshot, config, as_of, *curves, options);
      if (assessment.ok()) {
        batch.assessments.push_back(*std::move(assessment));
      } else {
        batch.failures.push_back({data.provider.provider_id, assessment.status()});
      }
    }
    if (absl::Status consumed = consume(batch); !consumed.ok()) return consumed;
    batch.assessments.clear();
    batch.failures.clear();
  }
  return absl::OkStatus();
}

MarketAssessment AssessMarket(std::span<const ProviderData> market, const RiskConfig& config, Date as_of) {
  // One batch of the whole market: every assessment is kept to be ranked.
  MarketAssessment out;
  const absl::Status scored =
      AssessMarketInBatches(market, config, as_of, std::max<std::size_t>(market.size(), 1),
                            [&out](AssessedBatch& batch) {
                              out.ranked = std::move(batch.assessments);
                              out.failures = std::move(batch.failures);
                              return absl::OkStatus();
                            });
  (void)scored;  // the batch size is never 0 and the consumer never fails
  RankAssessments(out.ranked);
  return out;
}

void RankAssessments(std::vector<Assessment>& assessments) {
  // Sorts positions, then applies the permutation in place, one cycle at a
  // time: sorting the assessments themselves would move each (a few hundred
  // bytes and dozens of members) about log2(n) times, and moving them into a
  // second vector would touch as much fresh memory again (62 MB for 100,000).
  std::vector<std::size_t> order(assessments.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&assessments](std::size_t i, std::size_t j) {
    const Assessment& x = assessments[i];
    const Assessment& y = assessments[j];
    if (x.rating != y.rating) return x.rating > y.rating;
    if (x.score != y.score) return x.score > y.score;
    return x.provider_id < y.provider_id;
  });
  // Position i takes the assessment at order[i]; a placed position is marked
  // by order[i] == i.
  for (std::size_t start = 0; start < order.size(); ++start) {
    if (order[start] == start) continue;
    Assessment held = std::move(assessments[start]);
    std::size_t at = start;
    while (order[at] != start) {
      const std::size_t from = order[at];
      assessments[at] = std::move(assessments[from]);
      order[at] = at;
      at = from;
    }
    assessments[at] = std::move(held);
    order[at] = at;
  }
}

}  // namespace oversight::risk
