#pragma once
// Contractual debt service per facility over the next 12 and 24 months,
// projected with QuantLib: UK-calendar payment schedule, Actual/365 (Fixed)
// accrual (the SONIA convention), forward SONIA read from the curve.
//
// Conventions (documented in docs/risk-models.md, "Financial resilience"):
//  - interest is paid quarterly: roll dates are start_date + 3n months
//    (unadjusted, as QuantLib's Schedule generates them forward from the
//    start), adjusted Modified Following on the UnitedKingdom (settlement)
//    calendar; the final period ends at maturity (short back stub);
//  - the balance at as_of is `drawn`; each payment date before maturity
//    repays amortisation_per_year / 4 (never more than the balance); what
//    remains is repaid at maturity (bullet);
//  - floating coupon = balance x (simple forward SONIA over the accrual
//    period + margin) x accrual; fixed coupon = balance x fixed_rate x
//    accrual. The part of the current period that accrued before the curve's
//    reference date is projected at the curve's forward from the reference
//    date (fixings are not held);
//  - a payment falls in the "next 12 months" when as_of < payment date <=
//    as_of + 12 months (calendar months, QuantLib date arithmetic); likewise
//    24 months;
//  - a facility past maturity that is still drawn is due now: its drawn
//    balance is a maturity repayment inside both windows.

#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "risk/domain/debt_facility.h"
#include "risk/domain/iso_date.h"
#include "risk/resilience/sonia_curve.h"

namespace oversight::risk {

class DiscountFactorMemo;  // risk/resilience/discount_factor_memo.h

inline constexpr int kInterestPaymentsPerYear = 4;

struct DebtServicePayment {
  Date accrual_start;
  Date accrual_end;         // = payment date
  Pounds opening_balance = 0;
  double rate = 0;          // all-in annual rate (forward SONIA + margin, or fixed)
  double accrual = 0;       // Actual/365 (Fixed) year fraction
  Pounds interest = 0;
  Pounds amortisation = 0;  // scheduled repayment
  Pounds maturity_repayment = 0;  // bullet at maturity (or overdue balance)
};

// Amounts paid inside one window after as_of.
struct DebtServiceWindow {
  Pounds interest = 0;
  Pounds amortisation = 0;
  Pounds maturities = 0;  // bullet repayments at (or overdue past) maturity
  Pounds total() const { return interest + amortisation + maturities; }
};

struct FacilityDebtService {
  std::string facility_id;
  bool matures_within_12m = false;  // maturity <= as_of + 12 months (incl. already matured)
  bool matures_within_24m = false;
  DebtServiceWindow next_12m;
  DebtServiceWindow next_24m;       // includes next_12m
  // Payment dates within 24 months, in order (empty with kTotalsOnly).
  std::vector<DebtServicePayment> payments;
};

// Whether to list each payment (with its QuantLib dates) or only the window
// totals. Totals are what the scoring needs; building the dates costs about a
// fifth of the projection with Debian's high-resolution QuantLib dates.
// kTwelveMonthTotals stops at the 12-month horizon and leaves next_24m zero:
// the stress module's breaking-point search reads only the next 12 months
// (interest for cover, debt service against liquidity), on every curve it
// tries, and the second year is half the projection.
enum class DebtServiceDetail { kTotalsOnly, kWithPayments, kTwelveMonthTotals };

// Projects one facility. INVALID_ARGUMENT for a facility that fails
// ValidateDebtFacility; INTERNAL (naming the facility) if QuantLib throws,
// e.g. a curve that does not reach the payment dates.
absl::StatusOr<FacilityDebtService> ProjectDebtService(
    const DebtFacility& facility, Date as_of, const YieldCurveHandle& sonia,
    DebtServiceDetail detail = DebtServiceDetail::kWithPayments);

struct DebtServiceProjection {
  std::vector<FacilityDebtService> facilities;  // in input order
  DebtServiceWindow next_12m;                   // summed over facilities
  DebtServiceWindow next_24m;
};

// Whether each facility is checked with ValidateDebtFacility first. Only a
// caller that has itself validated every facility passed may say
// kAlreadyValidated: the assessor validates all of a provider's records
// before any model runs, and the stress module projects the same validated
// facilities on dozens of curves per provider (the check was 4 % of a stress).
enum class FacilityChecks { kValidate, kAlreadyValidated };

// `discount_factors`, when given and bound to `sonia`'s curve, keeps the
// curve's discount factors for the next projection on the same curve
// (ignored when bound to another curve).
absl::StatusOr<DebtServiceProjection> ProjectDebtService(
    std::span<const DebtFacility> facilities, Date as_of, const YieldCurveHandle& sonia,
    DebtServiceDetail detail = DebtServiceDetail::kWithPayments,
    FacilityChecks checks = FacilityChecks::kValidate, DiscountFactorMemo* discount_factors = nullptr);

}  // namespace oversight::risk
