// The alert rules. Each rule looks at the new assessment (and, for changes,
// the previous one) and raises at most one alert per condition, keyed by what
// the condition belongs to:
//   - a condition read from a set of accounts (going concern, leverage,
//     excess profit, covenant tests on those figures, the liquidity they
//     show) is keyed by the accounts' period end, so it alerts once per set
//     of accounts however many nights it persists, and again when new
//     accounts still show it;
//   - overdue accounts are keyed by the last period end filed: one alert per
//     missed deadline;
//   - a change (rating worsened, business failure) is an event new each time
//     it happens, keyed by the date of the assessment that saw it; the rule
//     only fires on the transition, so the next night's assessment, whose
//     previous assessment already shows it, raises nothing.
// No key contains the run time, so re-running a scoring yields the same keys
// and the store (one alert per key) never repeats an alert.
#include "risk/alerts/alert_rules.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace oversight::risk {
namespace {

// £12.8m, £35.6k or £950: precise enough to read, never "£0.0m" for a real shortfall.
std::string Millions(double pounds) {
  const double magnitude = pounds < 0 ? -pounds : pounds;
  if (magnitude >= 1e6) return absl::StrFormat("£%.1fm", pounds / 1e6);
  if (magnitude >= 1e3) return absl::StrFormat("£%.1fk", pounds / 1e3);
  return absl::StrFormat("£%.0f", pounds);
}

// The period the condition belongs to; "no-accounts" when none is held.
std::string PeriodKey(const Assessment& a) {
  return a.accounts_period_end == Date() ? std::string("no-accounts") : FormatIsoDate(a.accounts_period_end);
}

class AlertList {
 public:
  explicit AlertList(const Assessment& current) : current_(current) { alerts_.reserve(4); }

  void Add(AlertKind kind, AlertSeverity severity, std::string key_suffix, std::string title,
           std::string detail) {
    Alert alert;
    alert.key = absl::StrCat(AlertKindName(kind), "/", current_.provider_id, "/", key_suffix);
    alert.provider_id = current_.provider_id;
    alert.kind = kind;
    alert.severity = severity;
    alert.as_of = current_.as_of;
    alert.title = std::move(title);
    alert.detail = std::move(detail);
    alert.local_authorities = current_.local_authorities;
    alert.regions = current_.regions;
    alerts_.push_back(std::move(alert));
  }

  std::vector<Alert> Take() { return std::move(alerts_); }

 private:
  const Assessment& current_;
  std::vector<Alert> alerts_;
};

std::string WhoIsAffected(const Assessment& a) {
  return absl::StrCat(a.children_placed, " children placed by ", a.local_authorities_served,
                      a.local_authorities_served == 1 ? " local authority" : " local authorities");
}

void BusinessFailure(const Assessment* previous, const Assessment& current, AlertList& out) {
  if (!current.business_failure) return;
  if (previous != nullptr && previous->business_failure) return;  // already alerted on the transition
  out.Add(AlertKind::kBusinessFailure, AlertSeverity::kCritical, FormatIsoDate(current.as_of),
          absl::StrCat("Business failure: ", current.provider_id,
                       " has entered administration, receivership, liquidation or a similar process"),
          absl::StrCat("Company status shows a business-failure event at ", FormatIsoDate(current.as_of), "; ",
                       WhoIsAffected(current), ". The placing authorities must be warned."));
}

void RatingWorsened(const Assessment* previous, const Assessment& current, AlertList& out) {
  if (previous == nullptr) {
    // A provider first assessed red or black must be seen even though there
    // is nothing to compare with (a new entrant, or the first nightly run).
    if (current.rating < Rating::kRed) return;
    out.Add(AlertKind::kRatingWorsened, AlertSeverity::kCritical,
            absl::StrCat("unrated-", RatingName(current.rating), "/", FormatIsoDate(current.as_of)),
            absl::StrCat("First assessment rates the provider ", RatingName(current.rating)),
            absl::StrFormat("Assessed %s: likelihood %s (one-year PD %.1f%%), impact %s; %s. %s",
                            FormatIsoDate(current.as_of), BandName(current.likelihood), 100 * current.pd_one_year,
                            BandName(current.impact), WhoIsAffected(current),
                            current.explanation.reasons.empty() ? std::string()
                                                                : current.explanation.reasons.front()));
    return;
  }
  if (current.rating <= previous->rating) return;
  const AlertSeverity severity =
      current.rating >= Rating::kRed ? AlertSeverity::kCritical : AlertSeverity::kWarning;
  out.Add(AlertKind::kRatingWorsened, severity,
          absl::StrCat(RatingName(previous->rating), "-", RatingName(current.rating), "/",
                       FormatIsoDate(current.as_of)),
          absl::StrCat("Rating worsened from ", RatingName(previous->rating), " to ", RatingName(current.rating)),
          absl::StrFormat("Assessed %s: likelihood %s (one-year PD %.1f%%, was %.1f%% at %s), impact %s; %s. %s",
                          FormatIsoDate(current.as_of), BandName(current.likelihood), 100 * current.pd_one_year,
                          100 * previous->pd_one_year, FormatIsoDate(previous->as_of), BandName(current.impact),
                          WhoIsAffected(current),
                          current.explanation.reasons.empty() ? std::string()
                                                              : current.explanation.reasons.front()));
}

void Covenants(const Assessment& current, const RiskConfig& config, AlertList& out) {
  for (const CovenantHeadroom& c : current.covenants) {
    const std::string key = absl::StrCat(c.facility_id, "/", c.covenant.view(), "/", PeriodKey(current));
    const std::string actual = c.actual ? absl::StrFormat("%.2fx", *c.actual) : std::string("n/a");
    const std::string next_test =
        c.next_test_date == Date() ? std::string() : absl::StrCat("; next test ", FormatIsoDate(c.next_test_date));
    if (c.breached) {
      out.Add(AlertKind::kCovenantBreached, AlertSeverity::kCritical, key,
              absl::StrCat("Covenant ", c.covenant.view(), " breached on facility ", c.facility_id),
              absl::StrCat("Tested ratio ", actual, " against a limit of ", absl::StrFormat("%.2fx", c.limit),
                           " on the accounts to ", PeriodKey(current), next_test,
                           c.headroom_ebitda ? absl::StrCat("; EBITDA shortfall ", Millions(-*c.headroom_ebitda))
                                             : std::string(),
                           ". The lender may accelerate repayment."));
      continue;
    }
    // Headroom as a fraction of the limit ("within 10% of the covenant").
    if (!c.headroom_ratio || c.limit <= 0) continue;
    // The tolerance keeps a headroom of exactly the warning level (6.0 - 5.4
    // = 0.5999999999999996 in binary) on the quiet side of the threshold.
    const double fraction = *c.headroom_ratio / c.limit;
    if (fraction >= config.resilience.covenant_headroom_warning - 1e-9) continue;
    out.Add(AlertKind::kCovenantHeadroomLow, AlertSeverity::kWarning, key,
            absl::StrCat("Covenant ", c.covenant.view(), " on facility ", c.facility_id, " close to breach"),
            absl::StrCat("Tested ratio ", actual, " against a limit of ", absl::StrFormat("%.2fx", c.limit),
                         ": headroom ", absl::StrFormat("%.1f%%", 100 * fraction), " of the limit (warning below ",
                         absl::StrFormat("%.1f%%", 100 * config.resilience.covenant_headroom_warning), ")",
                         c.headroom_ebitda ? absl::StrCat(", ", Millions(*c.headroom_ebitda), " of EBITDA")
                                           : std::string(),
                         next_test, "."));
  }
}

void Refinancing(const Assessment& current, const RiskConfig& config, AlertList& out) {
  // The assessment carries the wall at 12 and 24 months; a horizon above 12
  // months reads the 24-month figure.
  const bool long_horizon = config.alerts.refinancing_horizon_months > 12;
  const double maturing = long_horizon ? current.debt_maturing_24m : current.debt_maturing_12m;
  if (maturing <= 0 || !current.liquidity_headroom || *current.liquidity_headroom >= 0) return;
  out.Add(AlertKind::kRefinancingWithoutLiquidity, AlertSeverity::kCritical, PeriodKey(current),
          absl::StrCat(Millions(maturing), " of debt matures within ", long_horizon ? 24 : 12,
                       " months without the liquidity to repay it"),
          absl::StrCat("Liquidity headroom ", Millions(*current.liquidity_headroom),
                       " after the next 12 months' interest, amortisation and maturities; debt maturing within 12 "
                       "months ",
                       Millions(current.debt_maturing_12m), ", within 24 months ", Millions(current.debt_maturing_24m),
                       ". Refinancing must be agreed or the facility repaid."));
}

void GoingConcern(const Assessment& current, AlertList& out) {
  if (!current.going_concern_uncertainty) return;
  out.Add(AlertKind::kGoingConcernDoubt, AlertSeverity::kCritical, PeriodKey(current),
          "Material uncertainty about going concern",
          absl::StrCat("The accounts to ", PeriodKey(current),
                       " report a material uncertainty that may cast significant doubt on the provider's ability "
                       "to continue as a going concern; ",
                       WhoIsAffected(current), "."));
}

void Leverage(const Assessment& current, const RiskConfig& config, AlertList& out) {
  if (!current.net_debt_to_ebitda || *current.net_debt_to_ebitda <= config.alerts.leverage_alert) return;
  out.Add(AlertKind::kLeverageHigh, AlertSeverity::kWarning, PeriodKey(current),
          absl::StrFormat("Net debt %.1fx EBITDA", *current.net_debt_to_ebitda),
          absl::StrCat(absl::StrFormat("Net debt / EBITDA %.2fx above the alert level of %.1fx",
                                       *current.net_debt_to_ebitda, config.alerts.leverage_alert),
                       current.net_debt ? absl::StrCat("; net debt ", Millions(*current.net_debt)) : std::string(),
                       " (accounts to ", PeriodKey(current), ")."));
}

void ExcessProfit(const Assessment& current, const RiskConfig& config, AlertList& out) {
  if (!current.excess_profit || *current.excess_profit <= config.alerts.excess_profit_alert) return;
  out.Add(AlertKind::kExcessProfitHigh, AlertSeverity::kInfo, PeriodKey(current),
          absl::StrCat("Profit ", Millions(*current.excess_profit), " above the cost of capital"),
          absl::StrCat("Excess profit ", Millions(*current.excess_profit), " (alert level ",
                       Millions(config.alerts.excess_profit_alert), ")",
                       current.roce ? absl::StrFormat("; ROCE %.1f%% against a cost of capital of %.1f%%",
                                                      100 * *current.roce, 100 * config.profitability.cost_of_capital)
                                    : std::string(),
                       current.operating_margin
                           ? absl::StrFormat("; operating margin %.1f%%", 100 * *current.operating_margin)
                           : std::string(),
                       " (accounts to ", PeriodKey(current), ")."));
}

void AccountsOverdue(const Assessment& current, const RiskConfig& config, AlertList& out) {
  if (!current.accounts_overdue) return;
  out.Add(AlertKind::kAccountsOverdue, AlertSeverity::kWarning, PeriodKey(current), "Accounts overdue",
          absl::StrCat(current.accounts_period_end == Date()
                           ? std::string("No accounts are held for the provider")
                           : absl::StrCat("The latest accounts held are to ", PeriodKey(current)),
                       "; the next accounts were due within ", config.resilience.accounts_due_months,
                       " months of their period end (Companies Act 2006 s.442)."));
}

}  // namespace

std::vector<Alert> EvaluateAlerts(const Assessment* previous, const Assessment& current,
                                  const RiskConfig& config) {
  AlertList out(current);
  // Most severe first, the order a subscriber reads them in.
  BusinessFailure(previous, current, out);
  RatingWorsened(previous, current, out);
  Covenants(current, config, out);
  Refinancing(current, config, out);
  GoingConcern(current, out);
  Leverage(current, config, out);
  ExcessProfit(current, config, out);
  AccountsOverdue(current, config, out);
  return out.Take();
}

}  // namespace oversight::risk
