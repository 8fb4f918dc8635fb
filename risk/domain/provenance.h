#pragma once
#include <cstdint>
#include <string>

namespace oversight::risk {

// Where an input record came from, so that every figure in an assessment's
// explanation can be traced back to the filing, file line or submission that
// supplied it. `version` is the store's version of the record (0 when the
// record has not been stored, e.g. in a unit test or `oversight model`).
struct Provenance {
  std::string source;    // e.g. "sample/accounts.csv:12", "Prod224_0042_02531662_20160930.xml"
  std::int64_t version = 0;
};

}  // namespace oversight::risk
