#pragma once
#include "absl/strings/string_view.h"
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "risk/impact/market_snapshot.h"

namespace oversight::risk {

struct ProviderShare {
  std::string provider_id;
  int children_placed = 0;
  double share = 0;  // of children placed in the area, 0..1
};

// Concentration of children placed in one area (a region or a local
// authority): Herfindahl-Hirschman index on the 0-10,000 scale (shares in
// percent, squared and summed, the CMA's convention) and the four largest
// providers' combined share (CR4).
struct Concentration {
  std::string area;
  int children_placed = 0;
  double hhi = 0;
  double top4_share = 0;
  std::vector<ProviderShare> shares;  // largest first
};

absl::StatusOr<Concentration> ConcentrationInRegion(const MarketSnapshot& market, Region region);
// NOT_FOUND when no provider places children for that authority.
absl::StatusOr<Concentration> ConcentrationInAuthority(const MarketSnapshot& market,
                                                       absl::string_view local_authority);

}  // namespace oversight::risk
