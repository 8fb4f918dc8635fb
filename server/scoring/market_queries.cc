#include "server/scoring/market_queries.h"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "proto/codec/assessment_codec.h"
#include "proto/codec/enum_codec.h"
#include "risk/assessment/assess_on_curves.h"
#include "risk/domain/validation.h"
#include "risk/impact/concentration.h"
#include "risk/impact/market_snapshot.h"
#include "risk/resilience/sonia_curve.h"
#include "risk/stress/operating_shock.h"
#include "risk/stress/stress_scenario.h"
#include "risk/stress/stress_test.h"
#include "server/repository/provider_loader.h"
#include "server/scoring/as_of.h"
#include "server/scoring/heap_release.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;

}  // namespace

namespace {

absl::StatusOr<v1::Concentration> ConcentrationOfMarket(Store& store,
                                                        const v1::GetConcentrationRequest& request) {
  absl::StatusOr<risk::Date> as_of = ResolveAsOf(request.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();
  std::vector<risk::ScoringFailure> unreadable;  // left out, as in Rescore
  absl::StatusOr<std::vector<risk::ProviderData>> market = LoadMarket(store, &unreadable);
  if (!market.ok()) return market.status();
  const risk::MarketSnapshot snapshot = risk::MarketSnapshot::Build(*market, *as_of);

  absl::StatusOr<risk::Concentration> concentration;
  switch (request.area_case()) {
    case v1::GetConcentrationRequest::kRegion: {
      absl::StatusOr<risk::Region> region = codec::FromProto(request.region(), "region");
      if (!region.ok()) return region.status();
      concentration = risk::ConcentrationInRegion(snapshot, *region);
      break;
    }
    case v1::GetConcentrationRequest::kLocalAuthority:
      if (request.local_authority().empty()) return risk::InvalidField("local_authority", "required");
      concentration = risk::ConcentrationInAuthority(snapshot, request.local_authority());
      break;
    case v1::GetConcentrationRequest::AREA_NOT_SET:
      return risk::InvalidField("area", "required: a region or a local_authority");
  }
  if (!concentration.ok()) return concentration.status();

  absl::flat_hash_map<std::string, std::string> names;
  for (const risk::ProviderData& data : *market) names[data.provider.provider_id] = data.provider.name;
  v1::Concentration proto = codec::ToProto(*concentration);
  for (v1::ProviderShare& share : *proto.mutable_shares()) {
    if (auto it = names.find(share.provider_id()); it != names.end()) share.set_name(it->second);
  }
  return proto;
}

}  // namespace

absl::StatusOr<v1::Concentration> GetConcentration(Store& store,
                                                   const v1::GetConcentrationRequest& request) {
  absl::StatusOr<v1::Concentration> concentration = ConcentrationOfMarket(store, request);
  ReleaseFreedHeap();  // the decoded market is gone by now
  return concentration;
}

v1::ListScenariosResponse ListScenarios() {
  v1::ListScenariosResponse response;
  for (const risk::StressScenario& scenario : risk::StandardScenarios()) {
    *response.add_scenarios() = codec::ToProto(scenario);
  }
  return response;
}

namespace {

absl::StatusOr<v1::RunStressResponse> StressMarket(Store& store, const risk::RiskConfig& config,
                                                   const v1::RunStressRequest& request) {
  absl::StatusOr<risk::StressScenario> scenario;
  if (!request.scenario().empty() && request.has_custom()) {
    return risk::InvalidField("scenario", "give a standard scenario's name or a custom scenario, not both");
  } else if (!request.scenario().empty()) {
    scenario = risk::FindScenario(request.scenario());
  } else if (request.has_custom()) {
    scenario = codec::FromProto(request.custom(), "custom");
  } else {
    return risk::InvalidField("scenario", "required: a standard scenario's name or a custom scenario");
  }
  if (!scenario.ok()) return scenario.status();
  // Checked before the market is loaded (the codec has already
  // checked a custom scenario; a standard one is valid).
  if (absl::Status valid = risk::ValidateScenario(*scenario); !valid.ok()) return valid;
  absl::StatusOr<risk::Date> as_of = ResolveAsOf(request.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();

  std::vector<risk::ScoringFailure> unreadable;
  absl::StatusOr<std::vector<risk::ProviderData>> market = LoadMarket(store, &unreadable);
  if (!market.ok()) return market.status();
  const risk::MarketSnapshot snapshot = risk::MarketSnapshot::Build(*market, *as_of);
  // One scenario per call: the baseline curves are built once for the
  // market, not once per provider as the one-scenario RunStress would.
  absl::StatusOr<risk::SoniaCurves> curves = risk::BaselineSoniaCurves(config, *as_of);
  if (!curves.ok()) return curves.status();

  std::vector<v1::StressOutcome> outcomes;
  bool found = false;
  for (const risk::ProviderData& data : *market) {
    const bool wanted = request.provider_id().empty() || data.provider.provider_id == request.provider_id();
    if (!wanted) continue;
    found = true;
    absl::StatusOr<risk::Assessment> baseline = risk::StressBaseline(data, snapshot, config, *as_of, *curves);
    absl::StatusOr<risk::StressResult> result =
        baseline.ok() ? risk::RunStress(data, snapshot, config, *scenario, *as_of,
                                        std::make_shared<const risk::Assessment>(*std::move(baseline)), *curves)
                      : absl::StatusOr<risk::StressResult>(baseline.status());
    if (!result.ok()) {
      if (!request.provider_id().empty()) return result.status();
      continue;
    }
    outcomes.push_back(codec::ToProto(*result));
    outcomes.back().set_provider_id(data.provider.provider_id);
  }
  if (!request.provider_id().empty() && !found) {
    for (const risk::ScoringFailure& failure : unreadable) {
      if (failure.provider_id == request.provider_id()) return failure.status;
    }
    return absl::NotFoundError(absl::StrCat("provider ", request.provider_id(), " is not registered"));
  }
  std::sort(outcomes.begin(), outcomes.end(), [](const v1::StressOutcome& a, const v1::StressOutcome& b) {
    if (a.stressed_rating() != b.stressed_rating()) return a.stressed_rating() > b.stressed_rating();
    if (a.stressed_pd() != b.stressed_pd()) return a.stressed_pd() > b.stressed_pd();
    return a.provider_id() < b.provider_id();
  });
  v1::RunStressResponse response;
  for (v1::StressOutcome& outcome : outcomes) *response.add_outcomes() = std::move(outcome);
  return response;
}

}  // namespace

absl::StatusOr<v1::RunStressResponse> RunStress(Store& store, const risk::RiskConfig& config,
                                                const v1::RunStressRequest& request) {
  absl::StatusOr<v1::RunStressResponse> response = StressMarket(store, config, request);
  ReleaseFreedHeap();  // the decoded market is gone by now
  return response;
}

}  // namespace oversight::server
