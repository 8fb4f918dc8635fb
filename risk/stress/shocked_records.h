#pragma once
// A provider's point-in-time records, copied once and shocked in place: the
// inputs of a stressed assessment and of every step of the breaking-point
// search, without a copy of the provider per scenario and per step.
//
// Why the copy can stand in for ApplyOperatingShock's: the shock changes
// only the latest accounts, which are point-in-time records, and an
// assessment reads only the point-in-time records of what it is given
// (AssessProviderOnCurves validates its input, then assesses
// PointInTime(input)). So for valid inputs whose shocked accounts are still
// valid, the shocked copy here and PointInTime(ApplyOperatingShock(...))
// are the same records. Anything else is the caller's to take the general
// path for (Shock returns nullptr).
#include <cstddef>
#include <optional>

#include "absl/status/statusor.h"
#include "risk/config/risk_config.h"
#include "risk/domain/iso_date.h"
#include "risk/domain/provider_data.h"
#include "risk/resilience/debt_service.h"
#include "risk/stress/operating_shock.h"
#include "risk/stress/stress_scenario.h"

namespace oversight::risk {

// One per provider and thread; the scenarios of a market stress use it in
// turn. Holds a reference: `data` must outlive it. Copies on first Shock.
class ShockedRecords {
 public:
  ShockedRecords(const ProviderData& data, Date as_of) : data_(data), as_of_(as_of) {}

  const ProviderData& data() const { return data_; }
  Date as_of() const { return as_of_; }

  // The point-in-time records with the latest accounts restored as filed
  // and shocked (ShockAccounts); `shock` (optional) receives the changes.
  // nullptr, with nothing shocked, when there are no latest accounts to
  // shock or the shocked accounts fail ValidateAccounts. Valid until the
  // next call.
  const ProviderData* Shock(const StressScenario& scenario, double intensity, const StressConfig& config,
                            double interest_change, OperatingShock* shock = nullptr);

  // The point-in-time facilities' debt service on `curve` (window totals,
  // facilities validated by the caller), projected on first use and kept
  // for as long as `curve` is the one asked for: a scenario without a SONIA
  // shift leaves it as it is, so the stressed assessments of all such
  // scenarios reuse it (AssessOptions::baseline_debt_service). A shock
  // changes only the accounts, never the facilities.
  const absl::StatusOr<DebtServiceProjection>& DebtServiceOn(const YieldCurveHandle& curve);

 private:
  const ProviderData& PointInTimeRecords();

  const ProviderData& data_;
  Date as_of_;
  std::optional<ProviderData> records_;  // PointInTime(data, as_of)
  QuantLib::ext::shared_ptr<QuantLib::YieldTermStructure> projected_on_;  // the curve of `debt_service_`
  std::optional<absl::StatusOr<DebtServiceProjection>> debt_service_;
  std::optional<std::size_t> latest_;    // LatestAccounts in records_
  Accounts latest_as_filed_;
};

}  // namespace oversight::risk
