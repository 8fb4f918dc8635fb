#pragma once
#include "absl/strings/string_view.h"
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace oversight::risk {

// A stress applied to a provider's inputs before it is re-assessed.
struct StressScenario {
  std::string name;             // stable key, e.g. "sonia_plus_200"
  std::string description;
  double sonia_shift_bp = 0;    // parallel shift of the SONIA curve, basis points
  double occupancy_fall = 0;    // fraction of placements lost, e.g. 0.10
  double fee_growth = 0;        // annual change in fees (0 = freeze)
  double wage_inflation = 0;    // annual rise in staff costs
};

// The standard scenarios: a SONIA rise, an occupancy fall, a fee freeze with
// wage inflation, and their combination.
std::vector<StressScenario> StandardScenarios();
// NOT_FOUND naming the scenario and the ones that exist.
absl::StatusOr<StressScenario> FindScenario(absl::string_view name);

}  // namespace oversight::risk
