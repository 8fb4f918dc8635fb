#pragma once
// Loads the illustrative sample market of deploy/sample/ the way a user's own
// files are loaded: every CSV through the CLI's record reader
// (oversight_records), every record through the wire codec and the risk
// core's validation (oversight_codec), grouped into one risk::ProviderData
// per provider. Shared by the end-to-end tests of the sample.

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "risk/domain/iso_date.h"
#include "risk/domain/provider_data.h"

namespace oversight::e2e {

// The record files of deploy/sample/, in load order (providers first).
inline constexpr const char* kSampleFiles[] = {
    "providers.csv",  "accounts.csv",   "related_party_flows.csv", "facilities.csv",
    "settings.csv",   "placements.csv", "equity_observations.csv",
};

struct SampleMarket {
  risk::Date as_of;                          // the one line of deploy/sample/AS_OF
  std::vector<risk::ProviderData> providers; // in providers.csv order
  std::map<std::string, int> records_per_file;

  // nullptr when there is no such provider.
  const risk::ProviderData* Find(const std::string& provider_id) const;
};

// Fails on the first file that cannot be read or holds a line that does not
// parse, decode or validate (the message names file, line and field), and
// on a record whose provider is not in providers.csv.
absl::StatusOr<SampleMarket> LoadSampleMarket(const std::string& directory);

}  // namespace oversight::e2e
