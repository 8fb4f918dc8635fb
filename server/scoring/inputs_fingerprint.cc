#include "server/scoring/inputs_fingerprint.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_join.h"
#include "server/repository/content_hash.h"
#include "server/repository/provider_loader.h"

namespace oversight::server {

std::string MarketDigest(std::span<const risk::ProviderData> market) {
  std::vector<std::string> lines;
  for (const risk::ProviderData& data : market) {
    std::vector<std::string> versions = RecordVersions(data);
    lines.insert(lines.end(), versions.begin(), versions.end());
  }
  std::sort(lines.begin(), lines.end());
  const std::string joined = absl::StrJoin(lines, "\n");
  return Sha256Hex({"market", joined});
}

std::string InputsFingerprint(const risk::ProviderData& provider, absl::string_view market_digest,
                              absl::string_view config_id, absl::string_view as_of) {
  const std::string own = absl::StrJoin(RecordVersions(provider), "\n");
  return Sha256Hex({kEngineVersion, config_id, as_of, own, market_digest});
}

}  // namespace oversight::server
