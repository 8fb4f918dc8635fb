#include "risk/default/combined_pd.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/str_cat.h"

namespace oversight::risk {
namespace {

// `name` is a string literal: every factor of the combination is a fixed
// phrase, kept as a view (risk/domain/text.h).
FactorContribution Factor(absl::string_view name, double value, double contribution) {
  return FactorContribution{.factor = Text::Literal(name),
                            .value = value,
                            .contribution = contribution,
                            .scale = Text::Literal(kLogOddsScale)};
}

absl::string_view AltmanZonePdName(AltmanZone zone) {
  switch (zone) {
    case AltmanZone::kSafe: return "Altman Z'' safe zone PD";
    case AltmanZone::kGrey: return "Altman Z'' grey zone PD";
    case AltmanZone::kDistress: return "Altman Z'' distress zone PD";
  }
  return "Altman Z'' zone PD";
}

absl::Status ValidatePd(const std::optional<double>& pd, absl::string_view field) {
  if (pd && (!std::isfinite(*pd) || *pd < 0 || *pd > 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("default_evidence.", field, ": must be a probability in [0, 1], got ", *pd));
  }
  return absl::OkStatus();
}

absl::Status ValidateConfig(const PdCombinationConfig& c) {
  if (!(c.prior_pd > 0 && c.prior_pd < 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("pd_combination.prior_pd: must be in (0, 1), got ", c.prior_pd));
  }
  if (!(c.min_model_pd > 0 && c.min_model_pd < 0.5)) {
    return absl::InvalidArgumentError(
        absl::StrCat("pd_combination.min_model_pd: must be in (0, 0.5), got ", c.min_model_pd));
  }
  for (const auto& [value, field] :
       {std::pair<double, absl::string_view>{c.merton_weight, "merton_weight"},
        {c.ohlson_weight, "ohlson_weight"},
        {c.altman_weight, "altman_weight"},
        {c.going_concern_uncertainty, "going_concern_uncertainty"},
        {c.covenant_breached, "covenant_breached"},
        {c.liquidity_headroom_negative, "liquidity_headroom_negative"},
        {c.refinancing_without_liquidity, "refinancing_without_liquidity"},
        {c.negative_net_tangible_assets, "negative_net_tangible_assets"},
        {c.accounts_overdue, "accounts_overdue"}}) {
    if (!std::isfinite(value) || value < 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "pd_combination.", field, ": must be non-negative (an adverse factor cannot lower the "
          "PD), got ", value));
    }
  }
  for (const auto& [value, field] :
       {std::pair<double, absl::string_view>{c.altman_zone_pd.safe, "altman_zone_pd.safe"},
        {c.altman_zone_pd.grey, "altman_zone_pd.grey"},
        {c.altman_zone_pd.distress, "altman_zone_pd.distress"}}) {
    if (!(value > 0 && value < 1)) {
      return absl::InvalidArgumentError(
          absl::StrCat("pd_combination.", field, ": must be in (0, 1), got ", value));
    }
  }
  if (!(c.altman_zone_pd.safe <= c.altman_zone_pd.grey &&
        c.altman_zone_pd.grey <= c.altman_zone_pd.distress)) {
    return absl::InvalidArgumentError(
        "pd_combination.altman_zone_pd: must not decrease from safe to grey to distress");
  }
  return absl::OkStatus();
}

double AltmanZonePd(AltmanZone zone, const AltmanZonePds& pds) {
  switch (zone) {
    case AltmanZone::kSafe: return pds.safe;
    case AltmanZone::kGrey: return pds.grey;
    case AltmanZone::kDistress: return pds.distress;
  }
  return pds.grey;
}

}  // namespace

double LogOdds(double pd) { return std::log(pd / (1.0 - pd)); }

double PdFromLogOdds(double log_odds) {
  if (log_odds >= 0) return 1.0 / (1.0 + std::exp(-log_odds));
  const double e = std::exp(log_odds);
  return e / (1.0 + e);
}

absl::StatusOr<CombinedPd> CombineDefaultEvidence(const DefaultEvidence& evidence,
                                                  const PdCombinationConfig& config) {
  if (absl::Status s = ValidateConfig(config); !s.ok()) return s;
  if (absl::Status s = ValidatePd(evidence.merton_pd, "merton_pd"); !s.ok()) return s;
  if (absl::Status s = ValidatePd(evidence.ohlson_pd, "ohlson_pd"); !s.ok()) return s;

  CombinedPd combined;
  // The prior, three models and a flag or two, then the rating's own
  // contributions (risk/rating/rating.cc) in the same vector: one
  // allocation, small enough (8 x 112 bytes) for malloc's per-thread cache:
  // a request of a kilobyte or more also makes glibc merge its free small
  // blocks first, which cost ~1,800 instructions per provider.
  constexpr std::size_t kReserved = 8;
  static_assert(kReserved * sizeof(FactorContribution) < 1000, "keep the reservation under glibc's large requests");
  combined.contributions.reserve(kReserved);
  const double prior = LogOdds(config.prior_pd);
  combined.contributions.push_back(Factor("prior (base rate)", config.prior_pd, prior));

  struct ModelPd {
    absl::string_view name;
    double pd;
    double weight;
  };
  absl::InlinedVector<ModelPd, 3> models;
  if (evidence.merton_pd) {
    models.push_back({"Merton structural model PD", *evidence.merton_pd, config.merton_weight});
  }
  if (evidence.ohlson_pd) {
    models.push_back({"Ohlson O-score PD", *evidence.ohlson_pd, config.ohlson_weight});
  }
  if (evidence.altman_zone) {
    models.push_back({AltmanZonePdName(*evidence.altman_zone),
                      AltmanZonePd(*evidence.altman_zone, config.altman_zone_pd),
                      config.altman_weight});
  }
  double total_weight = 0;
  for (const ModelPd& m : models) total_weight += m.weight;
  if (total_weight > 0) {
    for (const ModelPd& m : models) {
      const double clamped = std::clamp(m.pd, config.min_model_pd, 1.0 - config.min_model_pd);
      combined.contributions.push_back(
          Factor(m.name, m.pd, m.weight / total_weight * (LogOdds(clamped) - prior)));
    }
  }

  for (const auto& [flag, increment, name] :
       {std::tuple<bool, double, absl::string_view>{evidence.going_concern_uncertainty,
                                              config.going_concern_uncertainty,
                                              "going-concern material uncertainty"},
        {evidence.covenant_breached, config.covenant_breached, "covenant breached"},
        {evidence.liquidity_headroom_negative, config.liquidity_headroom_negative,
         "liquidity headroom negative"},
        {evidence.refinancing_without_liquidity, config.refinancing_without_liquidity,
         "refinancing due within 12 months without liquidity"},
        {evidence.negative_net_tangible_assets, config.negative_net_tangible_assets,
         "negative net tangible assets"},
        {evidence.accounts_overdue, config.accounts_overdue, "accounts overdue"}}) {
    if (flag) combined.contributions.push_back(Factor(name, 1.0, increment));
  }

  if (evidence.business_failure) {
    // Failure is occurring, not predicted: the other factors are kept for the
    // explanation but the sum is +infinity.
    combined.contributions.push_back(Factor("business failure event (administration, "
                                            "liquidation, ...)",
                                            1.0, std::numeric_limits<double>::infinity()));
  }

  for (const FactorContribution& c : combined.contributions) combined.log_odds += c.contribution;
  combined.pd = evidence.business_failure ? 1.0 : PdFromLogOdds(combined.log_odds);
  return combined;
}

}  // namespace oversight::risk
