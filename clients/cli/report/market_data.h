#pragma once
// The figures the state-of-the-market report is drawn from: one row per
// assessed provider and one concentration per region, as plain data so the
// report writers never see a proto and can be tested on hand-built markets.

#include <optional>
#include <string>
#include <vector>

namespace oversight::client::report {

// The four oversight ratings in increasing order of concern (risk/assessment/
// assessment.h); the report counts and colours by them.
enum class Rating { kGreen, kAmber, kRed, kBlack };
inline constexpr Rating kAllRatings[] = {Rating::kGreen, Rating::kAmber, Rating::kRed, Rating::kBlack};
const char* RatingName(Rating rating);  // green, amber, red, black

// What a provider runs: the CMA's operating-margin references differ by kind.
enum class ProviderKind { kChildrensHomes, kIndependentFosteringAgency, kBoth };

// A provider's latest assessment, as the report needs it.
struct ProviderFigures {
  std::string provider_id;
  std::string name;
  ProviderKind kind = ProviderKind::kChildrensHomes;
  Rating rating = Rating::kGreen;
  std::string as_of;                          // date of the latest assessment
  double pd_one_year = 0;
  std::optional<double> operating_margin;     // EBIT / revenue (the CMA's measure)
  std::optional<double> ebitda_margin;        // EBITDA / revenue (the LGA's measure)
  std::optional<double> net_debt_to_ebitda;
  std::optional<double> interest_cover;
  int children_placed = 0;
  bool in_oversight_scope = false;
  bool negative_net_tangible_assets = false;  // LGA / Revolution Consulting solvency flag
  std::vector<std::string> regions;           // snake_case names of the regions it places children from
};

struct ProviderShare {
  std::string provider_id;
  std::string name;
  int children_placed = 0;
  double share = 0;  // of the area's children placed, 0..1
};

// GetConcentration for one region.
struct RegionConcentration {
  std::string region;  // snake_case name, e.g. "north_west"
  std::string label;   // "North West"
  int children_placed = 0;
  double hhi = 0;         // 0..10,000
  double top4_share = 0;  // 0..1
  std::vector<ProviderShare> shares;  // largest first
};

struct MarketData {
  std::string as_of;         // the most recent assessment date among the providers
  std::string generated_at;  // RFC 3339, when the report was drawn
  std::string source;        // the server it was drawn from
  std::vector<ProviderFigures> providers;
  std::vector<RegionConcentration> regions;  // England's nine, in the ONS order
};

}  // namespace oversight::client::report
