#include "risk/resilience/debt_service.h"

#include <algorithm>
#include <exception>

#include <ql/errors.hpp>
#include <ql/time/period.hpp>

#include "absl/strings/str_cat.h"
#include "risk/domain/validation.h"
#include "risk/resilience/uk_calendar.h"

namespace oversight::risk {
namespace {

constexpr int kMonthsPerPeriod = 12 / kInterestPaymentsPerYear;

// The n-th unadjusted roll date. QuantLib's Schedule generates forward from
// the effective date as start + n x tenor (not by repeated addition, so a
// 31st keeps rolling to month ends). Computing only the dates inside the
// projection window, rather than building a Schedule from start to maturity
// for every facility, gives the same dates at a fraction of the cost
// (tests/risk/resilience_debt_service_test.cc checks them against
// QuantLib::Schedule).
Date RollDate(const Date& start, int n) {
  return start + QuantLib::Period(n * kMonthsPerPeriod, QuantLib::Months);
}

Date Adjust(const Date& date) {
  return internal::UkCalendar().adjust(date, QuantLib::ModifiedFollowing);
}

void AddToWindows(FacilityDebtService& out, const DebtServicePayment& p, const Date& as_of,
                  const Date& horizon_12m, const Date& horizon_24m) {
  const Date paid = p.accrual_end;
  if (paid <= as_of || paid > horizon_24m) return;
  auto add = [&p](DebtServiceWindow& w) {
    w.interest += p.interest;
    w.amortisation += p.amortisation;
    w.maturities += p.maturity_repayment;
  };
  add(out.next_24m);
  if (paid <= horizon_12m) add(out.next_12m);
}

void AddWindow(DebtServiceWindow& total, const DebtServiceWindow& w) {
  total.interest += w.interest;
  total.amortisation += w.amortisation;
  total.maturities += w.maturities;
}

FacilityDebtService Project(const DebtFacility& f, const Date& as_of,
                            const YieldCurveHandle& sonia) {
  FacilityDebtService out;
  out.facility_id = f.facility_id;
  const Date horizon_12m = as_of + QuantLib::Period(12, QuantLib::Months);
  const Date horizon_24m = as_of + QuantLib::Period(24, QuantLib::Months);
  const Date maturity = Adjust(f.maturity_date);
  out.matures_within_12m = maturity <= horizon_12m;
  out.matures_within_24m = maturity <= horizon_24m;

  if (maturity <= as_of) {
    // Past maturity and still drawn: the balance is due now. No interest is
    // projected: default interest terms are not held.
    if (f.drawn > 0) {
      DebtServicePayment overdue;
      overdue.accrual_start = overdue.accrual_end = as_of;
      overdue.opening_balance = f.drawn;
      overdue.maturity_repayment = f.drawn;
      out.payments.push_back(overdue);
      out.next_12m.maturities += f.drawn;
      out.next_24m.maturities += f.drawn;
    }
    return out;
  }

  // First period: the one containing as_of, or the first one when the
  // facility starts later. Estimate from the month count, then step.
  int n = 0;
  if (f.start_date < as_of) {
    const int months = (as_of.year() - f.start_date.year()) * 12 +
                       (static_cast<int>(as_of.month()) - static_cast<int>(f.start_date.month()));
    n = std::max(0, months / kMonthsPerPeriod - 1);
    while (Adjust(RollDate(f.start_date, n + 1)) <= as_of) ++n;
  }
  // Like QuantLib::Schedule, the effective date is adjusted too.
  Date accrual_start = Adjust(RollDate(f.start_date, n));

  const QuantLib::YieldTermStructure& curve = **sonia;
  const Date reference = curve.referenceDate();
  const QuantLib::DayCounter& day_counter = internal::SoniaDayCounter();
  const double amortisation_per_payment = f.amortisation_per_year / kInterestPaymentsPerYear;
  double balance = f.drawn;

  while (accrual_start < maturity) {
    const Date roll = RollDate(f.start_date, n + 1);
    const bool final_period = roll >= f.maturity_date || Adjust(roll) >= maturity;
    const Date accrual_end = final_period ? maturity : Adjust(roll);
    if (accrual_end > horizon_24m) break;

    DebtServicePayment p;
    p.accrual_start = accrual_start;
    p.accrual_end = accrual_end;
    p.opening_balance = balance;
    p.accrual = day_counter.yearFraction(accrual_start, accrual_end);
    if (f.rate_type == RateType::kFixed) {
      p.rate = f.fixed_rate;
    } else {
      // Simple forward SONIA over the accrual period, F = (P(d1)/P(d2) - 1) / tau:
      // the expectation, under the curve, of daily SONIA compounded in
      // arrears. Accrual before the curve's reference date is projected at
      // the forward from the reference date (fixings are not held).
      const Date from = std::max(accrual_start, reference);
      const Date to = std::max(accrual_end, from + 1);
      const double tau = day_counter.yearFraction(from, to);
      const double forward = (curve.discount(from) / curve.discount(to) - 1.0) / tau;
      p.rate = forward + f.margin;
    }
    p.interest = balance * p.rate * p.accrual;
    if (final_period) {
      p.maturity_repayment = balance;
    } else {
      p.amortisation = std::min(balance, amortisation_per_payment);
    }
    balance -= p.amortisation + p.maturity_repayment;
    AddToWindows(out, p, as_of, horizon_12m, horizon_24m);
    if (accrual_end > as_of) out.payments.push_back(p);
    accrual_start = accrual_end;
    ++n;
  }
  return out;
}

}  // namespace

absl::StatusOr<FacilityDebtService> ProjectDebtService(const DebtFacility& facility, Date as_of,
                                                       const YieldCurveHandle& sonia) {
  if (absl::Status valid = ValidateDebtFacility(facility); !valid.ok()) return valid;
  if (as_of == Date()) return absl::InvalidArgumentError("as_of: is required");
  if (sonia.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("facility ", facility.facility_id, ": no SONIA curve supplied"));
  }
  try {
    return Project(facility, as_of, sonia);
  } catch (const std::exception& e) {  // QuantLib::Error derives from std::exception
    return absl::InternalError(absl::StrCat("facility ", facility.facility_id,
                                            ": debt-service projection failed: ", e.what()));
  }
}

absl::StatusOr<DebtServiceProjection> ProjectDebtService(
    std::span<const DebtFacility> facilities, Date as_of, const YieldCurveHandle& sonia) {
  DebtServiceProjection out;
  out.facilities.reserve(facilities.size());
  for (const DebtFacility& f : facilities) {
    absl::StatusOr<FacilityDebtService> one = ProjectDebtService(f, as_of, sonia);
    if (!one.ok()) return one.status();
    AddWindow(out.next_12m, one->next_12m);
    AddWindow(out.next_24m, one->next_24m);
    out.facilities.push_back(*std::move(one));
  }
  return out;
}

}  // namespace oversight::risk
