#include "risk/resilience/debt_service.h"

#include <algorithm>
#include <array>
#include <exception>
#include <limits>
#include <vector>

#include <ql/errors.hpp>

#include "absl/strings/str_cat.h"
#include "risk/domain/recent_results.h"
#include "risk/domain/validation.h"
#include "risk/resilience/discount_factor_memo.h"
#include "risk/resilience/serial_dates.h"
#include "risk/resilience/uk_calendar.h"

namespace oversight::risk {
namespace {

using internal::Serial;

constexpr int kMonthsPerPeriod = 12 / kInterestPaymentsPerYear;
// Actual/365 (Fixed), the SONIA accrual convention: days / 365.
constexpr double kDaysPerYear = 365.0;

// Discount factors read from the curve by time. When the curve measures time
// on Actual/365 (Fixed), as FlatSoniaCurve and curves spread over it do, the
// time is days / 365 and is computed from serial numbers without building
// QuantLib dates (see risk/domain/serial_date.h for why); otherwise the curve converts
// the date itself.
class CurveView {
 public:
  // `act365`: the curve's day counter is Actual/365 (Fixed) (see
  // CountsActual365).
  // `memo`: kept factors of this curve, or nullptr.
  CurveView(const QuantLib::YieldTermStructure& curve, bool act365, DiscountFactorMemo* memo = nullptr)
      : curve_(curve),
        reference_(internal::SerialOf(curve.referenceDate())),
        act365_(act365),
        last_(curve.allowsExtrapolation() ? std::numeric_limits<Serial>::max()
                                          : internal::SerialOf(curve.maxDate())),
        memo_(memo != nullptr && memo->Holds(&curve) ? memo : nullptr) {}

  Serial reference() const { return reference_; }
  // extrapolate=true skips TermStructure::checkRange, which re-derives
  // maxTime() from the curve's max date on every call (a day count over
  // QuantLib dates: a quarter of scoring time in callgrind). The same check
  // is made here on serials, with the max date read once.
  double Discount(Serial s) const {
    QL_REQUIRE(s <= last_, "date " << FormatIsoDate(internal::DateOf(s)) << " is past the SONIA curve's max date "
                                   << FormatIsoDate(internal::DateOf(last_)));
    auto compute = [this, s] {
      return act365_ ? curve_.discount((s - reference_) / kDaysPerYear, /*extrapolate=*/true)
                     : curve_.discount(internal::DateOf(s), /*extrapolate=*/true);
    };
    return memo_ != nullptr ? memo_->Get(reference_, s, compute) : compute();
  }

 private:
  const QuantLib::YieldTermStructure& curve_;
  Serial reference_;
  bool act365_;
  Serial last_;  // the curve's max date, or the largest serial when it extrapolates
  DiscountFactorMemo* memo_;
};

void AddWindow(DebtServiceWindow& total, const DebtServiceWindow& w) {
  total.interest += w.interest;
  total.amortisation += w.amortisation;
  total.maturities += w.maturities;
}

// One accrual period of a facility inside the projection window.
struct AccrualPeriod {
  Serial start;
  Serial end;
  bool final_period;  // ends at maturity: the balance is repaid
};

// The dates of a facility's projection: they depend on its start and
// maturity dates and the projection date only, never on the curve or the
// balance.
struct AccrualSchedule {
  Serial horizon_12m = 0;
  Serial horizon_24m = 0;
  Serial maturity = 0;  // adjusted (modified following)
  std::vector<AccrualPeriod> periods;  // those ending within 24 months, in order
};

// The n-th unadjusted roll date is start + n x 3 months: QuantLib's Schedule
// generates forward from the effective date as start + n x tenor (not by
// repeated addition), so a 31st keeps rolling to month ends. Only the dates
// inside the projection window are computed, rather than a Schedule from
// start to maturity for every facility; tests/risk/
// resilience_debt_service_test.cc checks them against QuantLib::Schedule.
AccrualSchedule BuildSchedule(Serial start, Serial maturity_unadjusted, Serial as_of) {
  AccrualSchedule out;
  // Civil dates converted once each (a schedule per facility of every
  // provider on every run).
  const internal::CivilDate as_of_civil = internal::CivilOf(as_of);
  out.horizon_12m = internal::AddMonths(as_of_civil, 12);
  out.horizon_24m = internal::AddMonths(as_of_civil, 24);
  out.maturity = internal::AdjustModifiedFollowing(maturity_unadjusted);
  if (out.maturity <= as_of) return out;

  out.periods.reserve(2 * kInterestPaymentsPerYear + 1);
  const internal::CivilDate start_civil = internal::CivilOf(start);
  auto roll = [&start_civil](int n) { return internal::AddMonths(start_civil, n * kMonthsPerPeriod); };
  // First period: the one containing as_of, or the first one when the
  // facility starts later. Estimate from the month count, then step.
  int n = 0;
  if (start < as_of) {
    const int months = (as_of_civil.year - start_civil.year) * 12 + (as_of_civil.month - start_civil.month);
    n = std::max(0, months / kMonthsPerPeriod - 1);
    while (internal::AdjustModifiedFollowing(roll(n + 1)) <= as_of) ++n;
  }
  // Like QuantLib::Schedule, the effective date is adjusted too.
  Serial accrual_start = internal::AdjustModifiedFollowing(roll(n));
  while (accrual_start < out.maturity) {
    const Serial next_roll = roll(n + 1);
    const Serial next_adjusted = internal::AdjustModifiedFollowing(next_roll);
    const bool final_period = next_roll >= maturity_unadjusted || next_adjusted >= out.maturity;
    const Serial accrual_end = final_period ? out.maturity : next_adjusted;
    if (accrual_end > out.horizon_24m) break;
    out.periods.push_back({accrual_start, accrual_end, final_period});
    accrual_start = accrual_end;
    ++n;
  }
  return out;
}

// The schedules built last on this thread. A market stress projects each
// facility a dozen times or more on different curves (the baseline, every
// scenario, every step of the breaking-point search), and building the
// dates was most of a projection (callgrind: a fifth of a market stress).
// A pure function's memo: same inputs, same schedule; per thread, so no
// locking; a few entries, replaced in turn.
const AccrualSchedule& ScheduleFor(Serial start, Serial maturity_unadjusted, Serial as_of) {
  thread_local internal::RecentResults<std::array<Serial, 3>, AccrualSchedule, 8> schedules;
  return schedules.Get({start, maturity_unadjusted, as_of},
                       [&] { return BuildSchedule(start, maturity_unadjusted, as_of); });
}

FacilityDebtService Project(const DebtFacility& f, Serial as_of, const CurveView& curve,
                            DebtServiceDetail detail) {
  FacilityDebtService out;
  out.facility_id = f.facility_id;
  const AccrualSchedule& schedule =
      ScheduleFor(internal::SerialOf(f.start_date), internal::SerialOf(f.maturity_date), as_of);
  out.matures_within_12m = schedule.maturity <= schedule.horizon_12m;
  out.matures_within_24m = schedule.maturity <= schedule.horizon_24m;

  if (schedule.maturity <= as_of) {
    // Past maturity and still drawn: the balance is due now. No interest is
    // projected: default interest terms are not held.
    if (f.drawn > 0) {
      out.next_12m.maturities += f.drawn;
      if (detail == DebtServiceDetail::kTwelveMonthTotals) return out;
      out.next_24m.maturities += f.drawn;
      if (detail == DebtServiceDetail::kTotalsOnly) return out;
      DebtServicePayment overdue;
      overdue.accrual_start = overdue.accrual_end = internal::DateOf(as_of);
      overdue.opening_balance = f.drawn;
      overdue.maturity_repayment = f.drawn;
      out.payments.push_back(overdue);
    }
    return out;
  }

  const bool with_payments = detail == DebtServiceDetail::kWithPayments;
  if (with_payments) out.payments.reserve(schedule.periods.size());
  const double amortisation_per_payment = f.amortisation_per_year / kInterestPaymentsPerYear;
  double balance = f.drawn;
  double discount_start = 0;  // discount factor at the previous period end, reused
  Serial discount_start_date = 0;

  const bool twelve_months_only = detail == DebtServiceDetail::kTwelveMonthTotals;
  for (const AccrualPeriod& period : schedule.periods) {
    // The periods are in order: none after this one is paid within 12 months.
    if (twelve_months_only && period.end > schedule.horizon_12m) break;
    DebtServicePayment p;
    p.opening_balance = balance;
    p.accrual = (period.end - period.start) / kDaysPerYear;
    if (f.rate_type == RateType::kFixed) {
      p.rate = f.fixed_rate;
    } else {
      // Simple forward SONIA over the accrual period, F = (P(d1)/P(d2) - 1) / tau:
      // the expectation, under the curve, of daily SONIA compounded in
      // arrears. Accrual before the curve's reference date is projected at
      // the forward from the reference date (fixings are not held).
      const Serial from = std::max(period.start, curve.reference());
      const Serial to = std::max(period.end, from + 1);
      const double p_from = from == discount_start_date ? discount_start : curve.Discount(from);
      const double p_to = curve.Discount(to);
      discount_start = p_to;
      discount_start_date = to;
      p.rate = (p_from / p_to - 1.0) / ((to - from) / kDaysPerYear) + f.margin;
    }
    p.interest = balance * p.rate * p.accrual;
    if (period.final_period) {
      p.maturity_repayment = balance;
    } else {
      p.amortisation = std::min(balance, amortisation_per_payment);
    }
    balance -= p.amortisation + p.maturity_repayment;

    auto add = [&p](DebtServiceWindow& w) {
      w.interest += p.interest;
      w.amortisation += p.amortisation;
      w.maturities += p.maturity_repayment;
    };
    if (!twelve_months_only) add(out.next_24m);
    if (period.end <= schedule.horizon_12m) add(out.next_12m);
    if (with_payments) {
      p.accrual_start = internal::DateOf(period.start);
      p.accrual_end = internal::DateOf(period.end);
      out.payments.push_back(p);
    }
  }
  return out;
}

// Validation and the QuantLib boundary, shared by both entry points.
absl::StatusOr<FacilityDebtService> ProjectChecked(const DebtFacility& facility, Serial as_of,
                                                   const CurveView& curve, DebtServiceDetail detail,
                                                   FacilityChecks checks = FacilityChecks::kValidate) {
  if (checks == FacilityChecks::kValidate) {
    if (absl::Status valid = ValidateDebtFacility(facility); !valid.ok()) return valid;
  }
  try {
    return Project(facility, as_of, curve, detail);
  } catch (const std::exception& e) {  // QuantLib::Error derives from std::exception
    return absl::InternalError(absl::StrCat("facility ", facility.facility_id,
                                            ": debt-service projection failed: ", e.what()));
  }
}

// Whether the curve's day counter is Actual/365 (Fixed). QuantLib compares
// day counters by name, a new string each side; the stress module asks
// about the same few curves (the baseline, the thread's moved curve) for
// every projection it makes, so the last answers are kept per thread, each
// with its curve held so that its address cannot be reused by another.
bool CountsActual365(const QuantLib::ext::shared_ptr<QuantLib::YieldTermStructure>& curve) {
  thread_local internal::RecentResults<QuantLib::ext::shared_ptr<QuantLib::YieldTermStructure>, bool, 4> answers;
  return answers.Get(curve, [&curve] { return curve->dayCounter() == internal::SoniaDayCounter(); });
}

// Builds the view of the curve, converting QuantLib's exceptions (an empty
// inner handle, for instance) into a status that names `facility_id` (the
// name is formatted only on failure: the stress search builds views by the
// hundred per provider).
absl::StatusOr<CurveView> ViewOf(const YieldCurveHandle& sonia, absl::string_view facility_id,
                                 DiscountFactorMemo* memo = nullptr) {
  if (sonia.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("facility ", facility_id, ": no SONIA curve supplied"));
  }
  try {
    return CurveView(**sonia, CountsActual365(sonia.currentLink()), memo);
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("facility ", facility_id,
                                            ": debt-service projection failed: unusable SONIA curve: ", e.what()));
  }
}

}  // namespace

absl::StatusOr<FacilityDebtService> ProjectDebtService(const DebtFacility& facility, Date as_of,
                                                       const YieldCurveHandle& sonia,
                                                       DebtServiceDetail detail) {
  if (as_of == Date()) return absl::InvalidArgumentError("as_of: is required");
  absl::StatusOr<CurveView> curve = ViewOf(sonia, facility.facility_id);
  if (!curve.ok()) return curve.status();
  return ProjectChecked(facility, internal::SerialOf(as_of), *curve, detail);
}

absl::StatusOr<DebtServiceProjection> ProjectDebtService(
    std::span<const DebtFacility> facilities, Date as_of, const YieldCurveHandle& sonia,
    DebtServiceDetail detail, FacilityChecks checks, DiscountFactorMemo* discount_factors) {
  DebtServiceProjection out;
  if (facilities.empty()) return out;
  if (as_of == Date()) return absl::InvalidArgumentError("as_of: is required");
  absl::StatusOr<CurveView> curve = ViewOf(sonia, facilities.front().facility_id, discount_factors);
  if (!curve.ok()) return curve.status();
  const Serial as_of_serial = internal::SerialOf(as_of);
  out.facilities.reserve(facilities.size());
  for (const DebtFacility& f : facilities) {
    absl::StatusOr<FacilityDebtService> one = ProjectChecked(f, as_of_serial, *curve, detail, checks);
    if (!one.ok()) return one.status();
    AddWindow(out.next_12m, one->next_12m);
    AddWindow(out.next_24m, one->next_24m);
    out.facilities.push_back(*std::move(one));
  }
  return out;
}

}  // namespace oversight::risk
