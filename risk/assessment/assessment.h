#pragma once
#include "absl/strings/string_view.h"
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "risk/assessment/explanation.h"
#include "risk/domain/iso_date.h"
#include "risk/domain/region.h"
#include "risk/domain/text.h"

namespace oversight::risk {

// Oversight rating: likelihood of failure combined with the impact of failure.
//   green  - no concern;
//   amber  - heightened monitoring;
//   red    - failure risk significant: information request, business review
//            (CWSA 2026 s.16 powers; Care Act 2014 s.55 by analogy);
//   black  - failure likely or occurring: the duty to warn local authorities.
enum class Rating { kGreen, kAmber, kRed, kBlack };
absl::string_view RatingName(Rating rating);  // green, amber, red, black
absl::StatusOr<Rating> ParseRating(absl::string_view text);

enum class Band { kLow, kMedium, kHigh, kVeryHigh };
absl::string_view BandName(Band band);  // low, medium, high, very_high

struct CovenantHeadroom {
  std::string facility_id;
  Text covenant;                 // "max_net_leverage" or "min_interest_cover"
  double limit = 0;
  std::optional<double> actual;  // absent when the tested ratio cannot be computed
  std::optional<double> headroom_ratio;     // limit - actual (leverage) or actual - limit (cover); negative = breach
  std::optional<double> headroom_ebitda;    // pounds of EBITDA that could be lost before breach
  Date next_test_date;
  bool breached = false;
};

// The headline figures the service stores, ranks and shows. Every optional
// is absent when its inputs are missing; the explanation says why.
struct Assessment {
  std::string provider_id;
  Date as_of;
  Date accounts_period_end;  // the accounts the figures come from (null if none)

  Rating rating = Rating::kGreen;
  Band likelihood = Band::kLow;
  Band impact = Band::kLow;
  double score = 0;  // ranking key within a rating: higher = worse

  // Profitability (CMA measures).
  std::optional<double> ebitda_margin;
  std::optional<double> operating_margin;
  std::optional<double> roce;
  std::optional<double> excess_profit;             // GBP above the cost of capital
  std::optional<double> adjusted_operating_margin; // related-party flows added back
  std::optional<double> profit_above_cap;          // GBP above the configured cap

  // Financial resilience.
  std::optional<double> net_debt;
  std::optional<double> net_debt_to_ebitda;
  std::optional<double> interest_cover;
  std::optional<double> fixed_charge_cover;
  std::optional<double> liquidity_headroom;        // GBP
  double debt_maturing_12m = 0;
  double debt_maturing_24m = 0;
  std::vector<CovenantHeadroom> covenants;
  bool going_concern_uncertainty = false;
  bool negative_net_tangible_assets = false;       // LGA/Revolution Consulting solvency flag
  bool accounts_overdue = false;
  bool business_failure = false;                   // administration, liquidation, ...

  // Failure-probability models.
  std::optional<double> altman_z2;
  std::string altman_zone;                         // safe, grey, distress
  std::optional<double> ohlson_pd;
  std::optional<double> merton_pd;
  std::optional<double> merton_distance_to_default;
  double pd_one_year = 0;                          // combined
  std::array<double, 5> survival = {1, 1, 1, 1, 1};  // P(survive 1..5 years)

  // Difficult-to-replace impact.
  int children_placed = 0;
  int registered_places = 0;
  int settings = 0;
  int local_authorities_served = 0;
  int local_authorities_dependent = 0;             // share above the configured threshold
  double max_local_authority_share = 0;
  std::vector<std::string> local_authorities;      // every authority with children placed
  std::vector<Region> regions;
  bool in_oversight_scope = false;

  // The likelihood of failure could not be measured properly: no accounts,
  // filleted accounts without a profit and loss account, or no failure model
  // computable. The rating then rests on what could be computed (likelihood
  // at least medium) and must not be read as a clean bill of health.
  bool insufficient_data = false;
  std::vector<std::string> insufficient_data_reasons;

  Explanation explanation;
};

}  // namespace oversight::risk
