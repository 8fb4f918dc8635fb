#include "risk/stress/shocked_records.h"

#include <utility>

#include "risk/domain/point_in_time.h"
#include "risk/domain/validation.h"
#include "risk/profitability/profitability.h"

namespace oversight::risk {

const ProviderData* ShockedRecords::Shock(const StressScenario& scenario, double intensity,
                                          const StressConfig& config, double interest_change,
                                          OperatingShock* shock) {
  PointInTimeRecords();
  if (!latest_) return nullptr;
  Accounts& latest = records_->accounts[*latest_];
  latest = latest_as_filed_;
  OperatingShock applied = ShockAccounts(latest, scenario, intensity, config, interest_change);
  if (!ValidateAccounts(latest).ok()) {
    latest = latest_as_filed_;
    return nullptr;
  }
  if (shock != nullptr) *shock = std::move(applied);
  return &*records_;
}

const ProviderData& ShockedRecords::PointInTimeRecords() {
  if (!records_) {
    ProviderData storage;
    const ProviderData& point_in_time = PointInTime(data_, as_of_, storage);
    records_ = &point_in_time == &storage ? std::move(storage) : point_in_time;
    // PointInTime keeps exactly the accounts LatestAccounts may choose from,
    // in order, so this is the record ApplyOperatingShock shocks.
    if (const Accounts* latest = LatestAccounts(records_->accounts, as_of_); latest != nullptr) {
      latest_ = static_cast<std::size_t>(latest - records_->accounts.data());
      latest_as_filed_ = *latest;
    }
  }
  return *records_;
}

const absl::StatusOr<DebtServiceProjection>& ShockedRecords::DebtServiceOn(const YieldCurveHandle& curve) {
  if (!debt_service_ || projected_on_ != curve.currentLink()) {
    debt_service_ = ProjectDebtService(PointInTimeRecords().facilities, as_of_, curve, DebtServiceDetail::kTotalsOnly,
                                       FacilityChecks::kAlreadyValidated);
    projected_on_ = curve.currentLink();
  }
  return *debt_service_;
}

}  // namespace oversight::risk
