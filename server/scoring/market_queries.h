#pragma once
// Market queries over the current records: concentration of placements in an
// area, and stress of one provider or the whole market.

#include "absl/status/statusor.h"
#include "oversight/v1/oversight.pb.h"
#include "risk/config/risk_config.h"
#include "server/store/store.h"

namespace oversight::server {

// GetConcentration: HHI and CR4 of children placed in a region or by a local
// authority, from every provider's latest placement returns at as_of (empty =
// today, UTC). INVALID_ARGUMENT naming "area"/"region"/"as_of"; NOT_FOUND
// when no provider places children for the authority. Shares carry the
// providers' names.
absl::StatusOr<oversight::v1::Concentration> GetConcentration(
    Store& store, const oversight::v1::GetConcentrationRequest& request);

// ListScenarios: the standard stress scenarios.
oversight::v1::ListScenariosResponse ListScenarios();

// RunStress: a standard scenario by name, or a custom one (validated, field
// paths "custom.*"), applied to one provider (NOT_FOUND when unknown) or to
// every provider (those that cannot be assessed are left out: Rescore
// reports them). Outcomes are worst first: stressed rating, then stressed PD,
// then provider_id.
absl::StatusOr<oversight::v1::RunStressResponse> RunStress(
    Store& store, const risk::RiskConfig& config, const oversight::v1::RunStressRequest& request);

}  // namespace oversight::server
