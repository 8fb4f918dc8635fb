#include "risk/stress/stressed_limits.h"

#include <algorithm>
#include <exception>
#include <iterator>
#include <optional>
#include <string>
#include <vector>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "risk/assessment/assess_on_curves.h"
#include "risk/domain/point_in_time.h"
#include "risk/domain/validation.h"
#include "risk/profitability/profitability.h"
#include "risk/resilience/resilience.h"

namespace oversight::risk {

SoniaCurves StressCurves(const SoniaCurves& baseline, const StressScenario& scenario, double intensity) {
  SoniaCurves curves;
  curves.baseline = baseline.baseline;
  if (scenario.sonia_shift_bp != 0 && intensity != 0) {
    curves.scenario = ParallelShiftedSoniaCurve(baseline.baseline, intensity * scenario.sonia_shift_bp);
  }
  return curves;
}

StressedLimits::StressedLimits(const ProviderData& data, const RiskConfig& config, const StressScenario& scenario,
                               Date as_of, const SoniaCurves& baseline)
    : data_(data), config_(config), scenario_(scenario), as_of_(as_of), baseline_(baseline),
      baseline_all_(DebtServiceProjection{}), baseline_live_(DebtServiceProjection{}) {
  if (as_of == Date()) return;  // At() reports it
  inputs_valid_ = ValidateProviderInputs(data).ok();
  if (const Accounts* latest = LatestAccounts(data.accounts, as_of); latest != nullptr) {
    shocked_accounts_ = static_cast<std::size_t>(latest - data.accounts.data());
  }
  facilities_filtered_ =
      std::any_of(data.facilities.begin(), data.facilities.end(), [as_of](const DebtFacility& f) {
        return FacilityNotLive(f, as_of);
      });
  if (scenario.sonia_shift_bp != 0 && !data.facilities.empty()) {
    baseline_all_ = ProjectDebtService(data.facilities, as_of, baseline.baseline, DebtServiceDetail::kTotalsOnly);
  }
  if (!facilities_filtered_) {
    baseline_live_ = ProjectDebtService(data.facilities, as_of, baseline.baseline, DebtServiceDetail::kTotalsOnly);
  } else {
    std::vector<DebtFacility> live;
    std::copy_if(data.facilities.begin(), data.facilities.end(), std::back_inserter(live),
                 [as_of](const DebtFacility& f) { return !FacilityNotLive(f, as_of); });
    baseline_live_ = ProjectDebtService(live, as_of, baseline.baseline, DebtServiceDetail::kTotalsOnly);
  }
}

absl::StatusOr<LimitFigures> StressedLimits::At(double intensity) const {
  if (as_of_ == Date()) return absl::InvalidArgumentError("as_of: the assessment date is required");
  try {
    const SoniaCurves curves = StressCurves(baseline_, scenario_, intensity);
    const std::string& id = data_.provider.provider_id;

    // ApplyOperatingShock's interest change: all facilities, shifted curve
    // less baseline. Without filtered facilities the shifted projection is
    // also the one the resilience assessment needs.
    double interest_change = 0;
    std::optional<DebtServiceProjection> shifted_live;
    if (scenario_.sonia_shift_bp != 0 && !data_.facilities.empty()) {
      if (!baseline_all_.ok()) return baseline_all_.status();
      if (curves.stressed()) {
        absl::StatusOr<DebtServiceProjection> shifted =
            ProjectDebtService(data_.facilities, as_of_, curves.projection(), DebtServiceDetail::kTotalsOnly);
        if (!shifted.ok()) return shifted.status();
        interest_change = shifted->next_12m.interest - baseline_all_->next_12m.interest;
        if (!facilities_filtered_) shifted_live = *std::move(shifted);
      } else {
        // Both projections on the baseline curve, as ApplyOperatingShock makes them.
        interest_change = baseline_all_->next_12m.interest - baseline_all_->next_12m.interest;
      }
    }
    const ProviderData shocked =
        ApplyOperatingShock(data_, scenario_, intensity, config_.stress, as_of_, interest_change);
    // ApplyOperatingShock changes only the latest accounts (it finds them as
    // LatestAccounts does); everything else was validated once.
    const bool shocked_valid =
        inputs_valid_ && (!shocked_accounts_ || ValidateAccounts(shocked.accounts[*shocked_accounts_]).ok());
    if (!shocked_valid) {
      if (absl::Status valid = ValidateProviderInputs(shocked); !valid.ok()) return valid;
    }

    ProviderData storage;
    const ProviderData& point_in_time = PointInTime(shocked, as_of_, storage);
    auto prefixed = [&id](const absl::Status& status) {
      return absl::Status(status.code(), absl::StrCat("provider ", id, ": ", status.message()));
    };
    // AssessResilience's projections: the live facilities on the projection
    // curve, and under a shifted curve the baseline's 12-month interest too.
    DebtServiceProjection projection;
    double interest_shift = 0;
    if (curves.stressed()) {
      if (!shifted_live) {
        absl::StatusOr<DebtServiceProjection> shifted = ProjectDebtService(
            point_in_time.facilities, as_of_, curves.projection(), DebtServiceDetail::kTotalsOnly);
        if (!shifted.ok()) return prefixed(shifted.status());
        shifted_live = *std::move(shifted);
      }
      if (!baseline_live_.ok()) return prefixed(baseline_live_.status());
      interest_shift = shifted_live->next_12m.interest - baseline_live_->next_12m.interest;
      projection = *std::move(shifted_live);
    } else {
      if (!baseline_live_.ok()) return prefixed(baseline_live_.status());
      projection = *baseline_live_;
    }
    Resilience resilience = AssessResilienceFromProjection(point_in_time, config_.resilience,
                                                           std::move(projection), interest_shift, as_of_);
    LimitFigures figures;
    figures.liquidity_headroom = resilience.liquidity_headroom.value;
    figures.covenants = std::move(resilience.covenants);
    return figures;
  } catch (const std::exception& e) {
    // QuantLib::Error is a std::exception; nothing escapes the risk core.
    return absl::InternalError(absl::StrCat("provider ", data_.provider.provider_id, ": scenario ", scenario_.name,
                                            ": ", e.what()));
  }
}

absl::StatusOr<LimitFigures> StressedLimitFigures(const ProviderData& data, const RiskConfig& config,
                                                  const StressScenario& scenario, double intensity, Date as_of,
                                                  const SoniaCurves& baseline) {
  return StressedLimits(data, config, scenario, as_of, baseline).At(intensity);
}

}  // namespace oversight::risk
