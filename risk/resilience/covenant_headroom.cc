#include "risk/resilience/covenant_headroom.h"

#include <algorithm>
#include <array>

#include "risk/domain/recent_results.h"
#include "risk/resilience/serial_dates.h"

namespace oversight::risk {

namespace {

internal::Serial NextTestSerial(internal::Serial first, int frequency, internal::Serial target) {
  // Serial arithmetic equal to first_test_date + Period(n x frequency, Months)
  // adjusted Following on the UK calendar (see serial_dates.h for why), from
  // the first test's civil date, converted once.
  const internal::CivilDate first_civil = internal::CivilOf(first);
  auto test_date = [&](int n) {
    return internal::AdjustFollowing(internal::AddMonths(first_civil, n * frequency));
  };
  int n = 0;
  if (first < target) {
    // Start a period or two short of as_of and step forward.
    const internal::CivilDate target_civil = internal::CivilOf(target);
    const int months = (target_civil.year - first_civil.year) * 12 + (target_civil.month - first_civil.month);
    n = std::max(0, months / frequency - 1);
  }
  internal::Serial test = test_date(n);
  while (test < target) test = test_date(++n);
  return test;
}

}  // namespace

Date NextCovenantTestDate(const Covenant& covenant, Date as_of) {
  const internal::Serial first = internal::SerialOf(covenant.first_test_date);
  if (first == 0 || covenant.test_frequency_months <= 0) return Date();  // 0: no first test date
  const internal::Serial target = internal::SerialOf(as_of);
  const int frequency = covenant.test_frequency_months;
  // The stress module asks for each covenant's date on every curve it tries.
  thread_local internal::RecentResults<std::array<internal::Serial, 3>, internal::Serial, 8> recent;
  return internal::DateOf(
      recent.Get({first, frequency, target}, [&] { return NextTestSerial(first, frequency, target); }));
}

std::vector<CovenantHeadroom> AssessCovenants(const DebtFacility& facility,
                                              const CovenantInputs& inputs, Date as_of) {
  std::vector<CovenantHeadroom> out;
  AppendCovenantTests(facility, inputs, as_of, out);
  return out;
}

void AppendCovenantTests(const DebtFacility& facility, const CovenantInputs& inputs, Date as_of,
                         std::vector<CovenantHeadroom>& out) {
  const Covenant& covenant = facility.covenant;
  const Date next_test = NextCovenantTestDate(covenant, as_of);

  if (covenant.max_net_leverage) {
    CovenantHeadroom h;
    h.facility_id = facility.facility_id;
    h.covenant = Text::Literal("max_net_leverage");
    h.limit = *covenant.max_net_leverage;
    h.next_test_date = next_test;
    if (inputs.ebitda.has_value() && inputs.net_debt.has_value()) {
      const double ebitda = *inputs.ebitda.value;
      const double net_debt = *inputs.net_debt.value;
      // EBITDA at which net debt / EBITDA reaches the limit is net debt / limit.
      h.headroom_ebitda = ebitda - net_debt / h.limit;
      if (ebitda > 0) {
        h.actual = net_debt / ebitda;
        h.headroom_ratio = h.limit - *h.actual;
        h.breached = *h.headroom_ratio < 0;
      } else {
        // No positive EBITDA: any net debt breaches a leverage covenant.
        h.breached = net_debt > 0;
      }
    }
    out.push_back(std::move(h));
  }

  if (covenant.min_interest_cover) {
    CovenantHeadroom h;
    h.facility_id = facility.facility_id;
    h.covenant = Text::Literal("min_interest_cover");
    h.limit = *covenant.min_interest_cover;
    h.next_test_date = next_test;
    if (inputs.ebitda.has_value() && inputs.interest.has_value()) {
      const double ebitda = *inputs.ebitda.value;
      const double interest = *inputs.interest.value;
      // EBITDA at which EBITDA / interest reaches the limit is limit x interest.
      h.headroom_ebitda = ebitda - h.limit * interest;
      if (interest > 0) {
        h.actual = ebitda / interest;
        h.headroom_ratio = *h.actual - h.limit;
        h.breached = *h.headroom_ratio < 0;
      }
    }
    out.push_back(std::move(h));
  }
}

}  // namespace oversight::risk
