#pragma once
// Reads the current input records back as the risk core's ProviderData, each
// record's Provenance.version filled from the store (the explanation cites it).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "oversight/v1/oversight.pb.h"
#include "risk/assessment/assessor.h"
#include "risk/domain/provider_data.h"
#include "server/store/store.h"

namespace oversight::server {

// NOT_FOUND when the provider has no provider record; DATA_LOSS when a
// stored record does not decode.
absl::StatusOr<risk::ProviderData> LoadProviderData(Store& store, absl::string_view provider_id);

// Every registered provider, ordered by provider_id. Each record has passed
// its risk/domain/validation.h check as it was decoded (codec::FromProto)
// and names the provider it is filed under (DATA_LOSS otherwise), so the
// market may be scored with risk::MarketInputs::kAlreadyValidated. With
// `failures` null,
// the first provider whose records do not decode fails the call; otherwise
// that provider is left out and listed in `failures`, so one bad record
// cannot stop the nightly run for everyone else.
absl::StatusOr<std::vector<risk::ProviderData>> LoadMarket(
    Store& store, std::vector<risk::ScoringFailure>* failures = nullptr);

// The current version of every record that belongs to `data`, as
// "kind/provider/key@version" lines in a stable order: the input part of an
// assessment's fingerprint.
std::vector<std::string> RecordVersions(const risk::ProviderData& data);

// GetProvider: the provider record, counts of its records and its latest
// assessment (absent when never scored). NOT_FOUND when unknown.
absl::StatusOr<oversight::v1::ProviderView> GetProviderView(Store& store,
                                                            absl::string_view provider_id);

}  // namespace oversight::server
