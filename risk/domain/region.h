#pragma once
#include "absl/strings/string_view.h"
#include <array>

#include "absl/status/statusor.h"

namespace oversight::risk {

// England's nine regions (ONS International Territorial Level 1), the unit the
// CMA and Ofsted use for regional concentration.
enum class Region {
  kNorthEast,
  kNorthWest,
  kYorkshireAndTheHumber,
  kEastMidlands,
  kWestMidlands,
  kEastOfEngland,
  kLondon,
  kSouthEast,
  kSouthWest,
};

inline constexpr std::array<Region, 9> kAllRegions = {
    Region::kNorthEast,    Region::kNorthWest,     Region::kYorkshireAndTheHumber,
    Region::kEastMidlands, Region::kWestMidlands,  Region::kEastOfEngland,
    Region::kLondon,       Region::kSouthEast,     Region::kSouthWest};

// Stable snake_case names used on the wire, in files and in the store
// ("north_east", "yorkshire_and_the_humber", ...).
absl::string_view RegionName(Region region);
// Human label ("Yorkshire and The Humber").
absl::string_view RegionLabel(Region region);
// Accepts the snake_case name or the label, case-insensitively.
absl::StatusOr<Region> ParseRegion(absl::string_view text);

}  // namespace oversight::risk
