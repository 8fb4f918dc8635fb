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
namespace {

// Every figure a limit is tested on (interest for cover, debt service against
// liquidity) reads the next 12 months only.
constexpr DebtServiceDetail kTwelveMonths = DebtServiceDetail::kTwelveMonthTotals;

}  // namespace

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
    : StressedLimits(data, config, scenario, as_of, baseline, InputsValidated{}) {
  inputs_valid_ = as_of != Date() && ValidateProviderInputs(data).ok();
}

StressedLimits::StressedLimits(const ProviderData& data, const RiskConfig& config, const StressScenario& scenario,
                               Date as_of, const SoniaCurves& baseline, InputsValidated, ShockedRecords* records)
    : data_(data), config_(config), scenario_(scenario), as_of_(as_of), baseline_(baseline),
      shared_records_(records != nullptr && &records->data() == &data && records->as_of() == as_of ? records
                                                                                                  : nullptr) {
  if (as_of == Date()) return;  // At() reports it
  inputs_valid_ = true;
  facilities_filtered_ =
      std::any_of(data.facilities.begin(), data.facilities.end(), [as_of](const DebtFacility& f) {
        return FacilityNotLive(f, as_of);
      });
}

const absl::StatusOr<DebtServiceProjection>& StressedLimits::BaselineAll() const {
  // Every facility is live: the live projection, which the provider's
  // records keep for all its scenarios.
  if (inputs_valid_ && !facilities_filtered_) return BaselineLive();
  if (!baseline_all_) {
    baseline_all_ =
        ProjectDebtService(data_.facilities, as_of_, baseline_.baseline, kTwelveMonths, Checks());
  }
  return *baseline_all_;
}

const absl::StatusOr<DebtServiceProjection>& StressedLimits::BaselineLive() const {
  // The point-in-time records hold exactly the live facilities, in order,
  // and keep their baseline projection for every scenario of the provider
  // (window totals: the next 12 months are the same figures as kTwelveMonths').
  if (inputs_valid_) return Records().DebtServiceOn(baseline_.baseline);
  if (!baseline_live_) {
    if (!facilities_filtered_) {
      // The same projection as BaselineAll's: make it once.
      baseline_live_ = BaselineAll();
    } else {
      std::vector<DebtFacility> live;
      std::copy_if(data_.facilities.begin(), data_.facilities.end(), std::back_inserter(live),
                   [this](const DebtFacility& f) { return !FacilityNotLive(f, as_of_); });
      baseline_live_ =
          ProjectDebtService(live, as_of_, baseline_.baseline, kTwelveMonths, Checks());
    }
  }
  return *baseline_live_;
}

absl::StatusOr<double> StressedLimits::BaselineLiveInterest12m() const {
  const absl::StatusOr<DebtServiceProjection>& live = BaselineLive();
  if (!live.ok()) return live.status();
  return live->next_12m.interest;
}

const DebtServiceProjection* StressedLimits::ShockedInputsBaselineDebtService() const {
  if (!inputs_valid_) return nullptr;
  const absl::StatusOr<DebtServiceProjection>& projected = Records().DebtServiceOn(baseline_.baseline);
  return projected.ok() ? &*projected : nullptr;
}

ShockedRecords& StressedLimits::Records() const {
  if (shared_records_ != nullptr) return *shared_records_;
  if (!own_records_) own_records_.emplace(data_, as_of_);
  return *own_records_;
}

const ProviderData* StressedLimits::ShockedInputs(double intensity, double interest_change,
                                                  OperatingShock* shock) const {
  if (!inputs_valid_) return nullptr;
  return Records().Shock(scenario_, intensity, config_.stress, interest_change, shock);
}

SoniaCurves StressedLimits::CurvesAt(double intensity) const {
  if (scenario_.sonia_shift_bp == 0 || intensity == 0) return StressCurves(baseline_, scenario_, intensity);
  ShiftableSoniaCurve* shiftable = ShiftableSoniaCurve::ForThread(baseline_.baseline);
  if (shiftable == nullptr) return StressCurves(baseline_, scenario_, intensity);
  // The same shift as StressCurves, on a curve equal to its flat one.
  return SoniaCurves{baseline_.baseline, shiftable->At(intensity * scenario_.sonia_shift_bp)};
}

absl::StatusOr<double> StressedLimits::InterestChangeOn(const SoniaCurves& curves,
                                                        std::optional<DebtServiceProjection>* shifted_all) const {
  if (scenario_.sonia_shift_bp == 0 || data_.facilities.empty()) return 0.0;
  const absl::StatusOr<DebtServiceProjection>& baseline_all = BaselineAll();
  if (!baseline_all.ok()) return baseline_all.status();
  if (!curves.stressed()) {
    // Both projections on the baseline curve, as ApplyOperatingShock makes them.
    return baseline_all->next_12m.interest - baseline_all->next_12m.interest;
  }
  absl::StatusOr<DebtServiceProjection> shifted =
      ProjectDebtService(data_.facilities, as_of_, curves.projection(), kTwelveMonths, Checks());
  if (!shifted.ok()) return shifted.status();
  const double change = shifted->next_12m.interest - baseline_all->next_12m.interest;
  if (shifted_all != nullptr) *shifted_all = *std::move(shifted);
  return change;
}

absl::StatusOr<double> StressedLimits::InterestChange(double intensity) const {
  if (as_of_ == Date()) return absl::InvalidArgumentError("as_of: the assessment date is required");
  try {
    return InterestChangeOn(CurvesAt(intensity), nullptr);
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("provider ", data_.provider.provider_id, ": scenario ", scenario_.name,
                                            ": ", e.what()));
  }
}

absl::StatusOr<LimitFigures> StressedLimits::At(double intensity) const {
  if (as_of_ == Date()) return absl::InvalidArgumentError("as_of: the assessment date is required");
  try {
    const SoniaCurves curves = CurvesAt(intensity);
    const std::string& id = data_.provider.provider_id;

    // ApplyOperatingShock's interest change: all facilities, shifted curve
    // less baseline. Without filtered facilities the shifted projection is
    // also the one the resilience assessment needs.
    std::optional<DebtServiceProjection> shifted_live;
    absl::StatusOr<double> interest_change = InterestChangeOn(curves, &shifted_live);
    if (!interest_change.ok()) return interest_change.status();
    if (facilities_filtered_) shifted_live.reset();

    // The fast path: valid inputs, and a shocked latest record that is still
    // valid, in the point-in-time copy. Anything else takes the general
    // path, so that failures are reported exactly as the assessment would.
    ProviderData fallback_storage;
    std::optional<ProviderData> shocked;
    const ProviderData* point_in_time = ShockedInputs(intensity, *interest_change, nullptr);
    if (point_in_time == nullptr) {
      shocked = ApplyOperatingShock(data_, scenario_, intensity, config_.stress, as_of_, *interest_change);
      if (absl::Status valid = ValidateProviderInputs(*shocked); !valid.ok()) return valid;
      point_in_time = &PointInTime(*shocked, as_of_, fallback_storage);
    }

    auto prefixed = [&id](const absl::Status& status) {
      return absl::Status(status.code(), absl::StrCat("provider ", id, ": ", status.message()));
    };
    // AssessResilience's projections: the live facilities on the projection
    // curve, and under a shifted curve the baseline's 12-month interest too.
    const DebtServiceProjection* projection = nullptr;
    double interest_shift = 0;
    const absl::StatusOr<DebtServiceProjection>& baseline_live = BaselineLive();
    if (curves.stressed()) {
      if (!shifted_live) {
        // Validated on either path above.
        absl::StatusOr<DebtServiceProjection> shifted =
            ProjectDebtService(point_in_time->facilities, as_of_, curves.projection(),
                               kTwelveMonths, FacilityChecks::kAlreadyValidated);
        if (!shifted.ok()) return prefixed(shifted.status());
        shifted_live = *std::move(shifted);
      }
      if (!baseline_live.ok()) return prefixed(baseline_live.status());
      interest_shift = shifted_live->next_12m.interest - baseline_live->next_12m.interest;
      projection = &*shifted_live;
    } else {
      if (!baseline_live.ok()) return prefixed(baseline_live.status());
      projection = &*baseline_live;
    }
    ResilienceLimits limits =
        AssessResilienceLimits(*point_in_time, config_.resilience, *projection, interest_shift, as_of_);
    LimitFigures figures;
    figures.liquidity_headroom = limits.liquidity_headroom.value;
    figures.covenants = std::move(limits.covenants);
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
