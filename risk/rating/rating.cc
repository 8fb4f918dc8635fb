#include "risk/rating/rating.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/strings/str_cat.h"
#include "risk/domain/fixed_decimal.h"
#include "risk/domain/recent_results.h"

namespace oversight::risk {
namespace {

// Reasons are gathered with a priority and sorted once, so the order the
// rules are written in never decides what an analyst reads first.
enum Priority : int {
  kFailureEvent = 0,
  kCovenantBreach = 1,
  kGoingConcern = 2,
  kLiquidity = 3,
  kMissingData = 4,  // when it sets the likelihood, it is the reason for the rating
  kLikelihood = 5,
  kImpact = 6,
  kWarningSign = 7,
};

struct Reason {
  int priority;
  std::string text;
};

std::string Percent(double fraction) {
  std::string text;
  AppendFixedDecimal(text, 100 * fraction, fraction < 0.01 ? 2 : 1, "%");
  return text;
}

// £12.8m, £35.6k or £950: precise enough to read, never "£0.0m" for a real shortfall.
std::string Millions(double pounds) {
  const double magnitude = pounds < 0 ? -pounds : pounds;
  std::string text = "£";
  if (magnitude >= 1e6) {
    AppendFixedDecimal(text, pounds / 1e6, 1, "m");
  } else if (magnitude >= 1e3) {
    AppendFixedDecimal(text, pounds / 1e3, 1, "k");
  } else {
    AppendFixedDecimal(text, pounds, 0);
  }
  return text;
}

Band AtLeast(Band band, Band floor) { return std::max(band, floor); }

// " on the probability bands from 2.0%, 5.0% and 20.0%)": the same for every
// assessment of a run, so formatted once per thread and configuration.
const std::string& ProbabilityBandsText(const DefaultModelConfig& config) {
  thread_local internal::RecentResults<std::array<double, 3>, std::string, 2> texts;
  return texts.Get({config.pd_medium, config.pd_high, config.pd_very_high}, [&config] {
    return absl::StrCat(" on the probability bands from ", Percent(config.pd_medium), ", ", Percent(config.pd_high),
                        " and ", Percent(config.pd_very_high), ")");
  });
}

void AddContribution(Explanation& explanation, std::string factor, double value, int steps) {
  explanation.contributions.push_back({std::move(factor), value, static_cast<double>(steps),
                                       Text::Literal("rating bands raised (0 low .. 3 very high)")});
}

}  // namespace

void RateAssessment(Assessment& a, const RatingInputs& inputs, const RiskConfig& config) {
  // A handful of reasons: kept inline, no allocation of their own.
  absl::InlinedVector<Reason, 8> reasons;
  Explanation& explanation = a.explanation;

  // --- Likelihood -----------------------------------------------------------
  const Band pd_band = LikelihoodBand(a.pd_one_year, config.default_model);
  Band likelihood = pd_band;
  AddContribution(explanation, absl::StrCat("combined one-year PD ", Percent(a.pd_one_year)), a.pd_one_year,
                  static_cast<int>(pd_band));
  reasons.push_back({kLikelihood, absl::StrCat("Combined one-year probability of failure is ", Percent(a.pd_one_year),
                                               " (", BandName(pd_band), ProbabilityBandsText(config.default_model))});

  auto floor_at = [&](Band floor, absl::string_view factor, double value) {
    const Band raised = AtLeast(likelihood, floor);
    if (raised != likelihood) {
      AddContribution(explanation, absl::StrCat(factor, ": likelihood at least ", BandName(floor)), value,
                      static_cast<int>(raised) - static_cast<int>(likelihood));
      likelihood = raised;
    }
  };

  for (const CovenantHeadroom& c : a.covenants) {
    if (!c.breached) continue;
    const std::string actual = c.actual ? FixedDecimal(*c.actual, 2) + "x" : std::string("n/a");
    reasons.push_back({kCovenantBreach,
                       absl::StrCat("Covenant ", c.covenant.view(), " on facility ", c.facility_id,
                                    " is breached: tested at ", actual, " against a limit of ",
                                    FixedDecimal(c.limit, 2), "x",
                                    "; the lender may demand repayment")});
    floor_at(Band::kHigh, absl::StrCat("covenant ", c.covenant.view(), " breached on ", c.facility_id),
             c.actual.value_or(0));
  }
  if (a.going_concern_uncertainty) {
    reasons.push_back({kGoingConcern,
                       "The accounts report a material uncertainty about the provider's ability to continue "
                       "as a going concern"});
    floor_at(Band::kHigh, "going-concern material uncertainty", 1);
  }
  if (a.liquidity_headroom && *a.liquidity_headroom < 0) {
    reasons.push_back({kLiquidity, absl::StrCat("Cash and undrawn facilities fall ",
                                                Millions(-*a.liquidity_headroom),
                                                " short of the next 12 months' interest, repayments and "
                                                "maturities")});
    floor_at(Band::kHigh, "negative liquidity headroom", *a.liquidity_headroom);
  }
  if (a.accounts_overdue) {
    reasons.push_back({kWarningSign,
                       absl::StrCat("Accounts are overdue at Companies House (due within ",
                                    config.resilience.accounts_due_months, " months of the period end)")});
    floor_at(Band::kMedium, "accounts overdue", 1);
  }
  if (!inputs.likelihood_assessable) {
    reasons.push_back({kMissingData,
                       "No failure model could be computed from the accounts held (e.g. filleted accounts "
                       "without a profit and loss account); likelihood is treated as at least medium until "
                       "the provider's financial information is obtained"});
    floor_at(Band::kMedium, "failure models not computable", 0);
  }

  // Warning signs that the PD already reflects, listed so the analyst sees them.
  if (a.net_debt_to_ebitda && *a.net_debt_to_ebitda > config.resilience.high_leverage) {
    reasons.push_back({kWarningSign, absl::StrCat("Net debt is ", FixedDecimal(*a.net_debt_to_ebitda, 1),
                                                  "x EBITDA (high above ",
                                                  FixedDecimal(config.resilience.high_leverage, 1), "x)")});
  }
  if (a.altman_zone == "distress") {
    reasons.push_back({kWarningSign, absl::StrCat("Altman Z''-score ", FixedDecimal(a.altman_z2.value_or(0), 2),
                                                  " is in the distress zone (below 1.10)")});
  }
  if (a.negative_net_tangible_assets) {
    reasons.push_back({kWarningSign, "Debts and liabilities exceed tangible assets (negative net tangible assets)"});
  }
  if (a.debt_maturing_12m > 0) {
    reasons.push_back({kWarningSign, absl::StrCat(Millions(a.debt_maturing_12m),
                                                  " of debt matures within 12 months and must be refinanced "
                                                  "or repaid")});
  }

  // --- Impact ---------------------------------------------------------------
  const Band impact = ImpactBand(inputs.impact, config.impact);
  AddContribution(explanation, absl::StrCat(inputs.impact.children_placed, " children placed"),
                  inputs.impact.children_placed, static_cast<int>(impact));
  {
    std::string text = absl::StrCat("Impact ", BandName(impact), ": ", inputs.impact.children_placed,
                                    " children placed by ", inputs.impact.local_authorities_served,
                                    inputs.impact.local_authorities_served == 1 ? " local authority"
                                                                                : " local authorities");
    if (inputs.impact.local_authorities_dependent > 0) {
      absl::StrAppend(&text, "; ", inputs.impact.local_authorities_dependent,
                      inputs.impact.local_authorities_dependent == 1 ? " authority places" : " authorities place",
                      " more than ", Percent(config.impact.dependent_authority_share),
                      " of their children with it");
    }
    if (inputs.impact.children_without_place > 0) {
      absl::StrAppend(&text, "; ", inputs.impact.children_without_place,
                      " children could not be re-placed within their region's spare capacity");
    }
    if (inputs.impact.in_oversight_scope) {
      absl::StrAppend(&text, "; meets the financial oversight conditions");
    }
    reasons.push_back({kImpact, std::move(text)});
  }

  // --- Rating ---------------------------------------------------------------
  Rating rating = RatingFromBands(likelihood, impact);
  if (a.business_failure) {
    reasons.push_back({kFailureEvent,
                       "A business-failure event has occurred (administration, receivership, liquidation or "
                       "similar): the authorities placing children must be warned"});
    AddContribution(explanation, "business-failure event", 1,
                    static_cast<int>(Rating::kBlack) - static_cast<int>(rating));
    rating = Rating::kBlack;
  }

  double p = a.business_failure ? 1.0 : a.pd_one_year;
  if (!a.business_failure && !inputs.likelihood_assessable) p = std::max(p, config.default_model.pd_medium);
  a.likelihood = likelihood;
  a.impact = impact;
  a.rating = rating;
  a.score = p * (std::max(inputs.impact.children_placed, 0) + 1);

  // In priority order, ties in the order gathered (a stable sort over the
  // eight priorities: std::stable_sort would allocate a buffer for a
  // handful of reasons on every assessment).
  explanation.reasons.reserve(explanation.reasons.size() + reasons.size());
  for (int priority = kFailureEvent; priority <= kWarningSign; ++priority) {
    for (Reason& r : reasons) {
      if (r.priority == priority) explanation.reasons.push_back(std::move(r.text));
    }
  }
}

}  // namespace oversight::risk
