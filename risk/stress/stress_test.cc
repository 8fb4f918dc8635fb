// Re-assesses a provider under a stress scenario and finds what breaks
// first: each limit that the full scenario breaks (a covenant on a facility,
// or liquidity) is traced back to the fraction of the scenario's severity at
// which it breaks, found with QuantLib's Brent solver on the limit's headroom
// in pounds; the smallest fraction breaks first.
#include "risk/stress/stress_test.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <exception>
#include <limits>
#include <utility>
#include <vector>

#include <ql/math/solvers1d/brent.hpp>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "risk/assessment/assess_on_curves.h"
#include "risk/stress/operating_shock.h"
#include "risk/stress/stressed_limits.h"

namespace oversight::risk {
namespace {

// A limit that can break.
struct Limit {
  std::string facility_id;  // empty for liquidity
  Text covenant;            // empty for liquidity
  bool liquidity = false;

  std::string Name() const {
    return liquidity ? std::string("liquidity") : absl::StrCat("covenant ", covenant.view(), " on ", facility_id);
  }
};

const CovenantHeadroom* FindCovenant(const std::vector<CovenantHeadroom>& covenants, const Limit& limit) {
  for (const CovenantHeadroom& c : covenants) {
    if (c.facility_id == limit.facility_id && c.covenant == limit.covenant) return &c;
  }
  return nullptr;
}

bool Broken(const Assessment& a, const Limit& limit) {
  if (limit.liquidity) return a.liquidity_headroom && *a.liquidity_headroom < 0;
  const CovenantHeadroom* c = FindCovenant(a.covenants, limit);
  return c != nullptr && c->breached;
}

// Signed distance from breaking, continuous in the scenario's severity where
// the figures allow: pounds of EBITDA headroom for a covenant, pounds of
// liquidity headroom for liquidity. Where the pounds cannot be computed the
// sign alone is returned and the solver converges on the jump.
double Headroom(const LimitFigures& figures, const Limit& limit) {
  if (limit.liquidity) {
    if (!figures.liquidity_headroom) return 1;
    return *figures.liquidity_headroom;
  }
  const CovenantHeadroom* c = FindCovenant(figures.covenants, limit);
  if (c == nullptr) return 1;
  if (c->headroom_ebitda && (*c->headroom_ebitda < 0) == c->breached) return *c->headroom_ebitda;
  return c->breached ? -1 : 1;
}

std::vector<Limit> LimitsOf(const Assessment& a) {
  std::vector<Limit> limits;
  limits.reserve(a.covenants.size() + 1);
  for (const CovenantHeadroom& c : a.covenants) limits.push_back({c.facility_id, c.covenant, false});
  limits.push_back({"", "", true});
  return limits;
}

// The limit figures at every severity evaluated so far for one provider
// under one scenario, shared by the searches for each broken limit: each
// search evaluates the ends of the bracket and the 0.5 guess first, and the
// ends are the baseline and stressed assessments already made (equal figure
// for figure, tests/risk/stress_limit_figures_test.cc).
class EvaluatedFigures {
 public:
  explicit EvaluatedFigures(const StressedLimits& limits) : limits_(limits) {}

  void Seed(double intensity, const Assessment& a) {
    points_.push_back({intensity, LimitFigures{a.liquidity_headroom, a.covenants}});
  }

  // Valid until the next call.
  absl::StatusOr<const LimitFigures*> At(double intensity) {
    for (const auto& [at, figures] : points_) {
      if (at == intensity) return &figures;
    }
    absl::StatusOr<LimitFigures> figures = limits_.At(intensity);
    if (!figures.ok()) return figures.status();
    points_.push_back({intensity, *std::move(figures)});
    return &points_.back().second;
  }

 private:
  const StressedLimits& limits_;
  std::deque<std::pair<double, LimitFigures>> points_;
};

class StressRun {
 public:
  StressRun(const ProviderData& data, const MarketSnapshot& market, const RiskConfig& config,
            const StressScenario& scenario, Date as_of, SoniaCurves baseline)
      : data_(data), market_(market), config_(config), scenario_(scenario), as_of_(as_of),
        baseline_(std::move(baseline)) {}

  // The full assessment at `intensity` (0..1) of the scenario's severity.
  // The shock's interest change comes from `limits`, which keeps the
  // baseline projection for the search that may follow, and so do the
  // shocked records where they can stand in for a copy of the provider.
  absl::StatusOr<Assessment> At(double intensity, const StressedLimits& limits, OperatingShock* shock,
                                const AssessOptions& options) const {
    absl::StatusOr<double> interest_change = limits.InterestChange(intensity);
    if (!interest_change.ok()) return interest_change.status();
    if (const ProviderData* records = limits.ShockedInputs(intensity, *interest_change, shock); records != nullptr) {
      // The limits' curve at this severity, moved there rather than built
      // (equal to StressCurves' curve); nothing moves it until the
      // assessment below is made.
      const SoniaCurves curves = limits.CurvesAt(intensity);
      // ShockedInputs hands out records only for validated inputs, with the
      // shocked accounts record validated again; their facilities are those
      // whose baseline interest the limits have projected already.
      AssessOptions validated = options;
      validated.inputs_validated = true;
      if (curves.stressed()) {
        if (absl::StatusOr<double> baseline_interest = limits.BaselineLiveInterest12m(); baseline_interest.ok()) {
          validated.baseline_interest_12m = *baseline_interest;
        }
      } else {
        validated.baseline_debt_service = limits.ShockedInputsBaselineDebtService();
      }
      absl::StatusOr<Assessment> assessed =
          AssessProviderOnCurves(*records, market_, config_, as_of_, curves, validated);
      // A failure is reported as the general path reports it.
      if (assessed.ok()) return assessed;
    }
    const SoniaCurves curves = StressCurves(baseline_, scenario_, intensity);
    const ProviderData shocked =
        ApplyOperatingShock(data_, scenario_, intensity, config_.stress, as_of_, *interest_change, shock);
    return AssessProviderOnCurves(shocked, market_, config_, as_of_, curves, options);
  }

  // The severity in [0, 1] at which `limit` breaks, given that it holds at 0
  // and breaks at 1. Each evaluation computes only the covenants and
  // liquidity headroom (StressedLimits), not a full assessment: they
  // are the same figures, and the search takes up to 60 evaluations.
  absl::StatusOr<double> BreakingPoint(EvaluatedFigures& evaluated, const Limit& limit) const {
    absl::Status failure;
    auto headroom = [&](double intensity) -> double {
      absl::StatusOr<const LimitFigures*> figures = evaluated.At(intensity);
      if (!figures.ok()) {
        failure = figures.status();
        QL_FAIL("stress assessment failed");
      }
      return Headroom(**figures, limit);
    };
    try {
      QuantLib::Brent solver;
      solver.setMaxEvaluations(60);
      const double root = solver.solve(headroom, 1e-4, 0.5, 0.0, 1.0);
      return std::clamp(root, 0.0, 1.0);
    } catch (const std::exception& e) {
      if (!failure.ok()) return failure;
      return absl::InternalError(absl::StrCat("scenario ", scenario_.name, ": cannot locate when ", limit.Name(),
                                              " breaks: ", e.what()));
    }
  }

 private:
  const ProviderData& data_;
  const MarketSnapshot& market_;
  const RiskConfig& config_;
  const StressScenario& scenario_;
  Date as_of_;
  SoniaCurves baseline_;
};

// Headline figures, reasons and contributions only: a market stress runs
// every provider under every scenario.
constexpr AssessOptions kHeadline{.explain = false};

}  // namespace

absl::StatusOr<Assessment> StressBaseline(const ProviderData& data, const MarketSnapshot& market,
                                          const RiskConfig& config, Date as_of, const SoniaCurves& curves) {
  return AssessProviderOnCurves(data, market, config, as_of, curves, kHeadline);
}

absl::StatusOr<StressResult> RunStress(const ProviderData& data, const MarketSnapshot& market,
                                       const RiskConfig& config, const StressScenario& scenario, Date as_of) {
  // The scenario is checked before anything is assessed, as it always was.
  if (absl::Status valid = ValidateScenario(scenario); !valid.ok()) return valid;
  absl::StatusOr<SoniaCurves> curves = BaselineSoniaCurves(config, as_of);
  if (!curves.ok()) return curves.status();
  absl::StatusOr<Assessment> baseline;
  try {
    baseline = StressBaseline(data, market, config, as_of, *curves);
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("provider ", data.provider.provider_id, ": scenario ", scenario.name,
                                            ": ", e.what()));
  }
  if (!baseline.ok()) return baseline.status();
  return RunStress(data, market, config, scenario, as_of, std::make_shared<const Assessment>(*std::move(baseline)),
                   *curves);
}

absl::StatusOr<StressResult> RunStress(const ProviderData& data, const MarketSnapshot& market,
                                       const RiskConfig& config, const StressScenario& scenario, Date as_of,
                                       std::shared_ptr<const Assessment> baseline,
                                       const SoniaCurves& baseline_curves, ShockedRecords* records) {
  if (absl::Status valid = ValidateScenario(scenario); !valid.ok()) return valid;
  if (baseline == nullptr) return absl::InvalidArgumentError("baseline: the baseline assessment is required");

  try {
    StressRun run(data, market, config, scenario, as_of, baseline_curves);
    StressResult result;
    result.scenario = scenario.name;
    result.baseline = std::move(baseline);

    // The baseline assessment succeeded, so the inputs are valid.
    const StressedLimits stressed_limits(data, config, scenario, as_of, baseline_curves,
                                         StressedLimits::InputsValidated{}, records);
    OperatingShock shock;
    absl::StatusOr<Assessment> stressed = run.At(1.0, stressed_limits, &shock, kHeadline);
    if (!stressed.ok()) return stressed.status();
    result.stressed = *std::move(stressed);
    result.revenue_change = shock.revenue_change;
    result.ebitda_change = shock.ebitda_change;
    result.interest_change = shock.interest_change;
    result.note = shock.note;

    for (const CovenantHeadroom& c : result.stressed.covenants) result.covenant_breached |= c.breached;
    result.liquidity_exhausted = result.stressed.liquidity_headroom && *result.stressed.liquidity_headroom < 0;

    // A limit already broken before the stress breaks "first" at severity 0.
    const std::vector<Limit> limits = LimitsOf(result.stressed);
    for (const Limit& limit : limits) {
      if (Broken(*result.baseline, limit)) {
        result.first_break = absl::StrCat(limit.Name(), " (already broken before the stress)");
        result.first_break_severity = 0.0;
        return result;
      }
    }
    std::vector<const Limit*> broken;
    for (const Limit& limit : limits) {
      if (Broken(result.stressed, limit)) broken.push_back(&limit);
    }
    if (broken.empty()) return result;
    EvaluatedFigures evaluated(stressed_limits);
    evaluated.Seed(0.0, *result.baseline);
    evaluated.Seed(1.0, result.stressed);
    if (broken.size() == 1) {
      // Only one limit breaks: it is first whatever the severity; locate it
      // for the report all the same.
      absl::StatusOr<double> at = run.BreakingPoint(evaluated, *broken[0]);
      if (!at.ok()) return at.status();
      result.first_break = broken[0]->Name();
      result.first_break_severity = *at;
      return result;
    }
    double earliest = std::numeric_limits<double>::infinity();
    for (const Limit* limit : broken) {
      if (std::isfinite(earliest)) {
        // A limit that still holds where an earlier one breaks breaks later,
        // under the assumption the search itself rests on (a limit that
        // holds at 0 and is broken at 1 crosses once in between, or Brent's
        // root would not be its breaking point): no search for it. The
        // figures there were evaluated by the search that found it.
        absl::StatusOr<const LimitFigures*> there = evaluated.At(earliest);
        if (!there.ok()) return there.status();
        if (Headroom(**there, *limit) > 0) continue;
      }
      absl::StatusOr<double> at = run.BreakingPoint(evaluated, *limit);
      if (!at.ok()) return at.status();
      if (*at < earliest) {  // ties keep the earlier limit: covenants in facility order, then liquidity
        earliest = *at;
        result.first_break = limit->Name();
      }
    }
    result.first_break_severity = earliest;
    return result;
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("provider ", data.provider.provider_id, ": scenario ", scenario.name,
                                            ": ", e.what()));
  }
}

}  // namespace oversight::risk
