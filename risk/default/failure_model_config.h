#pragma once
// Configuration of the failure-probability models (risk/default/). Kept free
// of dependencies so that risk/config/risk_config.h can embed it in
// DefaultModelConfig. Every default is documented with its basis; the
// "Failure-probability models" section of docs/risk-models.md repeats them.

namespace oversight::risk {

// Ohlson (1980) measured SIZE as log(total assets / GNP price-level index),
// with total assets "as reported in dollars" and the index set to 100 in
// 1968, taken for the year before the balance-sheet date. Applying the
// published coefficients to a UK provider therefore needs two explicit
// conversions: pounds to US dollars, and today's US price level relative to
// 1968. Both enter only through a logarithm (0.407 x ln), so a 10% error in
// either moves O by about 0.04.
struct OhlsonConfig {
  // US dollars per pound sterling. 1.28 is close to the Bank of England's
  // 2024 average spot rate (XUDLUSS); update with the accounts' year.
  double usd_per_gbp = 1.28;
  // US GNP implicit price deflator rebased to 1968 = 100. BEA's GDP implicit
  // price deflator (2017 = 100; the GNP deflator tracks it within a fraction
  // of a percent) was about 20.6 in 1968 and about 124 in 2024, so the 2024
  // value on Ohlson's base is about 124 / 20.6 x 100 = 602. Approximate: the
  // model is insensitive to it (see above).
  double gnp_price_index = 602.0;
  int price_index_year = 2024;  // recorded in explanations only
};

struct MertonConfig {
  double horizon_years = 1.0;  // T: the regime asks about failure within a year
  // One-year PD reported when the estimated equity value is not positive
  // (multiple x EBITDA <= net debt). The structural model is undefined there;
  // 0.5 says "failure as likely as not" rather than inventing precision.
  double equity_exhausted_pd = 0.5;
};

// One-year PD assigned to each Altman Z'' zone when the zone enters the
// combined PD. Altman (2005, "An emerging market credit scoring system for
// corporate bonds") maps Z''-scores (+3.25) to bond-rating equivalents: the
// safe zone (Z'' > 2.60, i.e. above 5.85) is BBB and better, the grey zone
// BB to B, the distress zone (Z'' < 1.10) B- and worse. The PDs below are of
// the order of S&P's long-run average one-year default rates for those
// grades (BBB about 0.2%, BB about 0.6%, B about 3-4%, CCC/C about 25%),
// rounded up for unrated small private companies.
struct AltmanZonePds {
  double safe = 0.005;
  double grey = 0.03;
  double distress = 0.15;
};

// Weights of the log-odds combination in combined_pd.h. The combined
// log-odds is the prior log-odds, plus each available model's weighted
// deviation from the prior (weights renormalised over the models present),
// plus a fixed log-odds increment per adverse flag. An increment of x
// multiplies the odds of failure by e^x (0.7 doubles them, 1.1 triples).
// The increments are expert judgement, not a fitted model: no public default
// data exists for this market. Keep them non-negative: an adverse flag must
// never lower the PD.
struct PdCombinationConfig {
  // Prior one-year PD with no model evidence: of the order of the England
  // and Wales company liquidation rate (Insolvency Service: roughly 50-60
  // per 10,000 active companies a year in 2023-24), rounded up to 1%.
  double prior_pd = 0.01;
  double merton_weight = 0.4;  // market-implied where equity is observed
  double ohlson_weight = 0.3;
  double altman_weight = 0.3;
  AltmanZonePds altman_zone_pd;
  // Model PDs are clamped to [min_model_pd, 1 - min_model_pd] before taking
  // log-odds so that a model saying exactly 0 or 1 cannot dominate.
  double min_model_pd = 1e-6;
  // Adverse overlays, log-odds increments.
  double going_concern_uncertainty = 2.0;   // material uncertainty: odds x7.4
  double covenant_breached = 1.5;           // lender can accelerate: odds x4.5
  double liquidity_headroom_negative = 1.5; // cannot meet 12 months' debt service
  double refinancing_without_liquidity = 1.0;  // maturity within 12m, no cash to repay
  double negative_net_tangible_assets = 0.5;   // LGA / Revolution Consulting flag
  double accounts_overdue = 0.7;               // Companies Act 2006 s.442 deadline missed
};

}  // namespace oversight::risk
