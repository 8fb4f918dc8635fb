#pragma once
// The cell values of Ofsted's provider files, read into domain types. Each
// function fails with the reason only; the caller names the line and column.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "risk/domain/identifiers.h"
#include "risk/domain/iso_date.h"
#include "risk/domain/region.h"
#include "risk/domain/setting.h"

namespace oversight::client::ofsted {

// Ofsted's unique reference number, as the domain's validation checks it.
using risk::IsOfstedUrn;

// dd/mm/yyyy (day and month may have one digit, as spreadsheets export them)
// or yyyy-mm-dd. Blank is a null Date.
absl::StatusOr<risk::Date> ParseOfstedDate(absl::string_view text);

// A whole number of places, thousands separators allowed ("1,250").
// Blank and "NULL" (2017's export of an empty cell) are nullopt.
absl::StatusOr<std::optional<int>> ParseOfstedPlaces(absl::string_view text);

// The overall judgement at the latest full inspection, mapped to the domain's
// four grades by their place on Ofsted's four-point scale:
//   grade 1 "Outstanding"                                   -> kOutstanding
//   grade 2 "Good"                                          -> kGood
//   grade 3 "Requires improvement to be good" (SCCIF 2017+),
//           "Requires improvement" (2014-2017),
//           "Adequate" (2012-2014), "Satisfactory" (to 2012) -> kRequiresImprovement
//   grade 4 "Inadequate"                                    -> kInadequate
// Blank, "Not yet inspected", "Not inspected" and "Not judged" (an
// inspection that made no overall judgement) -> kNotYetInspected.
absl::StatusOr<risk::InspectionJudgement> ParseOfstedJudgement(absl::string_view text);

// Ofsted's and ONS's region names ("Yorkshire and The Humber", "Yorkshire and
// Humber", "East of England", "East"). Ofsted's combined inspection region
// "North East, Yorkshire and the Humber" is not one region: it fails (the
// reader then splits it by the Government Office Region or the authority).
absl::StatusOr<risk::Region> ParseOfstedRegion(absl::string_view text);

// Whether a region cell holds Ofsted's combined "North East, Yorkshire and
// the Humber" inspection region.
bool IsCombinedNorthEastYorkshireRegion(absl::string_view text);

// The region of an upper-tier authority in the North East or in Yorkshire
// and The Humber, to split Ofsted's combined region when a file has no
// Government Office Region column (2015). The 27 authorities are those of
// ONS's local authority to region lookup; nullopt for any other authority.
std::optional<risk::Region> RegionOfNorthEastOrYorkshireAuthority(absl::string_view local_authority);

// Whether a row's provision type and sector are in the oversight regime's
// scope (CWSA 2026 s.16: children's homes and independent fostering agencies
// run by non-local-authority providers).
struct ProvisionScope {
  enum class Kind { kInScope, kOutOfScope };
  Kind kind = Kind::kOutOfScope;
  risk::SettingType type = risk::SettingType::kChildrensHome;  // kInScope only
};
// In scope: "Children's home", "Residential special school (registered as a
// children's home)" and its 2014-15 name "Residential special school (>295
// days/year)" (a school accommodating children for more than 295 days a year
// must register as a children's home), "Independent Fostering Agency".
// Known but out of scope: secure children's homes and secure training
// centres (commissioned by the state, not a market), supported
// accommodation, adoption agencies, residential family centres, holiday
// schemes, boarding and residential special schools, colleges. Unknown text
// fails.
absl::StatusOr<ProvisionScope> ClassifyProvisionType(absl::string_view text);

// "Private" and "Voluntary" are in scope; "Local Authority", "Health
// Authority" and "Academy" are not (the state runs or funds them: nothing to
// oversee financially).
// Blank is in scope (files without a sector column). Unknown text fails.
absl::StatusOr<bool> SectorInScope(absl::string_view text);

}  // namespace oversight::client::ofsted
