#pragma once
// The figure catalogue: every figure an assessment explains, with its label,
// unit, formula and the source of the method, in one place. Figures point
// at these entries instead of copying their texts (an assessment explains
// ~45 figures, a scoring run up to 100,000 providers; docs/performance.md).
// Keys are stable: the store, the CLI (`oversight explain`) and the
// dashboard read them.
#include "absl/strings/string_view.h"
#include "risk/assessment/explanation.h"

namespace oversight::risk::figures {

// Method citations, shared by every figure that uses the method.
inline constexpr absl::string_view kCma = "CMA, Children's social care market study, final report (10 March 2022)";
inline constexpr absl::string_view kLga =
    "LGA / Revolution Consulting, Profit making and risk in independent children's social care placement "
    "providers (2020-2023)";
inline constexpr absl::string_view kCwsa17 =
    "Children's Wellbeing and Schools Act 2026 s.17 (profit cap; illustrative)";
inline constexpr absl::string_view kLenders = "Facility agreement covenant definitions (domain.md s.4)";
inline constexpr absl::string_view kDebtService =
    "QuantLib schedule on the UK settlement calendar, Actual/365 (Fixed), forward SONIA (risk/resilience)";
inline constexpr absl::string_view kAltman = "Altman (2000), Z''-score for private non-manufacturing firms";
inline constexpr absl::string_view kOhlson = "Ohlson (1980), O-score model 1, Journal of Accounting Research 18(1)";
inline constexpr absl::string_view kMerton = "Merton (1974); Hull, Options, Futures and Other Derivatives, credit risk";
inline constexpr absl::string_view kCombined = "Log-odds combination of the models and adverse flags (risk/default)";
inline constexpr absl::string_view kImpactSource =
    "Difficult-to-replace impact (domain.md s.4); CQC market oversight criteria, SI 2015/314";
inline constexpr absl::string_view kScopeSource =
    "Financial oversight conditions, CWSA 2026 s.16 (thresholds: ImpactConfig, modelled on SI 2015/314)";

// --- Profitability (CMA measures) -------------------------------------------
inline constexpr FigureSpec kProfitabilityRevenue{"profitability.revenue", "Revenue (turnover)", "GBP", "as reported",
                                                  "Statutory accounts"};
inline constexpr FigureSpec kProfitabilityEbitda{"profitability.ebitda", "EBITDA", "GBP",
                                                 "as reported, else operating profit + D&A", "Statutory accounts"};
inline constexpr FigureSpec kProfitabilityEbitdaMargin{"profitability.ebitda_margin", "EBITDA margin", "ratio",
                                                       "EBITDA / revenue", kLga};
inline constexpr FigureSpec kProfitabilityOperatingMargin{"profitability.operating_margin", "Operating margin", "ratio",
                                                          "operating profit (EBIT) / revenue", kCma};
inline constexpr FigureSpec kProfitabilityOperatingMarginPercentile{
    "profitability.operating_margin_percentile", "Operating margin percentile in the market", "ratio",
    "mid-rank percentile among the market's operating margins", kCma};
inline constexpr FigureSpec kProfitabilitySectorMedianOperatingMargin{
    "profitability.sector_median_operating_margin", "Market median operating margin", "ratio",
    "median of the market's operating margins (Hyndman-Fan type 7)", kCma};
inline constexpr FigureSpec kProfitabilityCapitalEmployed{"profitability.capital_employed", "Capital employed", "GBP",
                                                          "total assets - current liabilities", kCma};
inline constexpr FigureSpec kProfitabilityRoce{"profitability.roce", "Return on capital employed", "ratio",
                                               "EBIT / capital employed", kCma};
inline constexpr FigureSpec kProfitabilityExcessProfit{"profitability.excess_profit",
                                                       "Profit above the cost of capital", "GBP",
                                                       "(ROCE - cost of capital) x capital employed", kCma};
inline constexpr FigureSpec kProfitabilityAdjustedOperatingMargin{
    "profitability.adjusted_operating_margin", "Operating margin with related-party flows added back", "ratio",
    "(EBIT + management charges + connected rent) / revenue", kCwsa17};
inline constexpr FigureSpec kProfitabilityProfitAboveCap{
    "profitability.profit_above_cap", "Profit above the configured cap", "GBP",
    "max(0, adjusted operating profit - cap margin x revenue)", kCwsa17};
inline constexpr FigureSpec kProfitabilityPricePerPlacementWeek{
    "profitability.price_per_placement_week", "Average weekly fee", "GBP",
    "sum(children x weekly fee) / sum(children), latest census", kCma};
inline constexpr FigureSpec kProfitabilityCostPerPlacementWeek{"profitability.cost_per_placement_week",
                                                               "Operating cost per placement-week", "GBP",
                                                               "(revenue - EBIT) / (children placed x 52)", kCma};

// --- Financial resilience ----------------------------------------------------
inline constexpr FigureSpec kResilienceNetDebt{"resilience.net_debt", "Net debt", "GBP",
                                               "borrowings - cash (leases per configuration)", kLenders};
inline constexpr FigureSpec kResilienceNetDebtToEbitda{"resilience.net_debt_to_ebitda", "Net debt / EBITDA", "ratio",
                                                       "net debt / EBITDA", kLenders};
inline constexpr FigureSpec kResilienceInterestCover{"resilience.interest_cover", "Interest cover", "ratio",
                                                     "EBITDA / interest payable", kLenders};
inline constexpr FigureSpec kResilienceFixedChargeCover{"resilience.fixed_charge_cover", "Fixed-charge cover", "ratio",
                                                        "EBITDAR / (interest + rent)", kLenders};
inline constexpr FigureSpec kResilienceDebtService12m{"resilience.debt_service_12m",
                                                      "Debt service due in the next 12 months", "GBP",
                                                      "interest + scheduled amortisation + maturities", kDebtService};
inline constexpr FigureSpec kResilienceAvailableUndrawn{
    "resilience.available_undrawn", "Undrawn committed facilities", "GBP",
    "committed - drawn, facilities available beyond 12 months", kDebtService};
inline constexpr FigureSpec kResilienceLiquidityHeadroom{
    "resilience.liquidity_headroom", "Liquidity headroom", "GBP",
    "cash + undrawn committed facilities - next 12 months' debt service", kDebtService};
inline constexpr FigureSpec kResilienceDebtMaturing12m{"resilience.debt_maturing_12m", "Debt maturing within 12 months",
                                                       "GBP", "bullet repayments due", kDebtService};
inline constexpr FigureSpec kResilienceDebtMaturing24m{"resilience.debt_maturing_24m", "Debt maturing within 24 months",
                                                       "GBP", "bullet repayments due", kDebtService};
inline constexpr FigureSpec kResilienceNetTangibleAssets{"resilience.net_tangible_assets", "Net tangible assets", "GBP",
                                                         "net assets - intangible assets", kLga};
// The covenant headroom, one figure per tested covenant of each facility;
// the assessor appends the facility and covenant to the key and the label.
inline constexpr FigureSpec kResilienceCovenantLeverage{"resilience.covenant", "Covenant headroom", "ratio",
                                                        "limit - net debt / EBITDA", kLenders};
inline constexpr FigureSpec kResilienceCovenantCover{"resilience.covenant", "Covenant headroom", "ratio",
                                                     "EBITDA / interest - limit", kLenders};
inline constexpr FigureSpec kResilienceAccountsOverdue{"resilience.accounts_overdue", "Accounts overdue", "count",
                                                       "1 if the next accounts are past their due date",
                                                       "Companies Act 2006 s.442"};

// --- Failure-probability models ----------------------------------------------
inline constexpr FigureSpec kDefaultAltmanZ2{"default.altman_z2", "Altman Z''-score", "score",
                                             "6.56 X1 + 3.26 X2 + 6.72 X3 + 1.05 X4", kAltman};
inline constexpr FigureSpec kDefaultOhlsonPd{"default.ohlson_pd", "Ohlson O-score probability of failure",
                                             "probability", "e^O / (1 + e^O)", kOhlson};
inline constexpr FigureSpec kDefaultMertonPd{"default.merton_pd", "Merton probability of default (one year)",
                                             "probability", "N(-d2)", kMerton};
inline constexpr FigureSpec kDefaultMertonDistanceToDefault{
    "default.merton_distance_to_default", "Merton distance to default", "score",
    "[ln(V/D) + (r - sigmaV^2/2) T] / (sigmaV sqrt T)", kMerton};
inline constexpr FigureSpec kDefaultPdOneYear{
    "default.pd_one_year", "Combined one-year probability of failure", "probability",
    "1 / (1 + e^-L), L = prior log-odds + weighted model deviations + flag increments", kCombined};
inline constexpr FigureSpec kDefaultSurvival5y{"default.survival_5y", "Probability of surviving five years",
                                               "probability", "exp(-5 h), h = -ln(1 - PD one year) (flat hazard)",
                                               "QuantLib FlatHazardRate"};

// --- Difficult-to-replace impact ---------------------------------------------
inline constexpr FigureSpec kImpactChildrenPlaced{"impact.children_placed", "Children placed", "count",
                                                  "latest placement return per authority and type", kImpactSource};
inline constexpr FigureSpec kImpactRegisteredPlaces{"impact.registered_places", "Registered places", "count",
                                                    "Ofsted settings, else placement returns", kImpactSource};
inline constexpr FigureSpec kImpactSettings{"impact.settings", "Registered settings", "count", "Ofsted register",
                                            kImpactSource};
inline constexpr FigureSpec kImpactLocalAuthoritiesServed{"impact.local_authorities_served",
                                                          "Local authorities placing children", "count",
                                                          "authorities with children placed", kImpactSource};
inline constexpr FigureSpec kImpactLocalAuthoritiesDependent{
    "impact.local_authorities_dependent", "Local authorities dependent on the provider", "count",
    "authorities whose share placed with it exceeds the threshold", kImpactSource};
inline constexpr FigureSpec kImpactMaxLocalAuthorityShare{
    "impact.max_local_authority_share", "Largest share of one authority's children", "ratio",
    "children placed with the provider / children placed by the authority", kImpactSource};
inline constexpr FigureSpec kImpactChildrenWithoutPlace{
    "impact.children_without_place", "Children who could not be re-placed in their region", "count",
    "sum over regions of max(0, children placed - other providers' spare places)", kImpactSource};
inline constexpr FigureSpec kImpactGroupMarketShare{"impact.group_market_share",
                                                    "Share of England's children placed (with group)", "ratio",
                                                    "group children placed / children placed in England", kScopeSource};

}  // namespace oversight::risk::figures
