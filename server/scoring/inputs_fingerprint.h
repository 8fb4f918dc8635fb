#pragma once
// What an assessment was computed from, as one string: if it is unchanged,
// re-scoring the same date would give the same result, so nothing is written.

#include <span>
#include <string>

#include "absl/strings/string_view.h"
#include "risk/domain/provider_data.h"

namespace oversight::server {

// The version of the scoring code. Bump it whenever a model change alters
// results, so that re-scoring replaces assessments computed by older code.
inline constexpr absl::string_view kEngineVersion = "oversight-engine/1";

// Everything one provider's score depends on besides its own records: every
// record version in the market (shares of placements, group scope and the
// sector comparison of margins all read other providers' records). A
// SHA-256 hex digest of the sorted "kind/provider/key@version" lines.
std::string MarketDigest(std::span<const risk::ProviderData> market);

// SHA-256 hex of the engine version, the configuration's identity, the
// as-of date, the provider's own record versions and the market digest.
std::string InputsFingerprint(const risk::ProviderData& provider, absl::string_view market_digest,
                              absl::string_view config_id, absl::string_view as_of);

}  // namespace oversight::server
