#include "risk/stress/stress_scenario.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace oversight::risk {

// Calibration of the standard scenarios:
// - +200bp on SONIA: the Bank Rate rises of 2022 moved SONIA by over 300bp in
//   a year; 200bp is the parallel shock of the PRA's interest-rate-risk
//   standard (and of the EBA's IRRBB parallel-up shock for sterling, 250bp,
//   rounded down for a one-year horizon).
// - 10% fall in children placed: councils' placement budgets and the move to
//   in-house provision (Stable Homes, Built on Love, 2023) can remove a tenth
//   of a provider's placements within a year.
// - fee freeze with 5% wage growth: the National Living Wage rose 9.7% (2023)
//   and 9.8% (2024) while CMA found fostering fees falling in real terms; 5% is
//   a moderate year.
std::vector<StressScenario> StandardScenarios() {
  std::vector<StressScenario> out;
  out.reserve(4);
  out.push_back({"sonia_plus_200", "SONIA up 200 basis points across the curve (floating-rate debt reprices)",
                 200, 0, 0, 0});
  out.push_back({"occupancy_minus_10",
                 "Children placed and fee revenue fall 10%; staff and premises costs mostly fixed", 0, 0.10, 0,
                 0});
  out.push_back({"fee_freeze_wage_5", "Fees frozen for a year while staff costs rise 5%", 0, 0, 0, 0.05});
  out.push_back({"combined",
                 "SONIA +200bp, 10% fewer children placed, fees frozen and staff costs +5%, together", 200, 0.10,
                 0, 0.05});
  return out;
}

absl::StatusOr<StressScenario> FindScenario(absl::string_view name) {
  std::vector<StressScenario> all = StandardScenarios();
  for (StressScenario& s : all) {
    if (s.name == name) return std::move(s);
  }
  return absl::NotFoundError(absl::StrCat(
      "scenario: no standard scenario \"", name, "\"; expected one of ",
      absl::StrJoin(all, ", ", [](std::string* out, const StressScenario& s) { absl::StrAppend(out, s.name); })));
}

}  // namespace oversight::risk
