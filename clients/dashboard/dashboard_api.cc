#include "clients/dashboard/dashboard_api.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "clients/dashboard/proto_json.h"
#include "nlohmann/json.hpp"

namespace oversight::client::dashboard {
namespace {

constexpr absl::Duration kCallTimeout = absl::Seconds(15);
// ListProviders pages hold at most 500; the regime's population is hundreds of
// providers, so 20 pages is a bound that only a runaway page token reaches.
constexpr int kProviderPageSize = 500;
constexpr int kMaxProviderPages = 20;

ApiResponse Error(const grpc::Status& status, absl::string_view what) {
  nlohmann::json body = {{"error", absl::StrCat(what, ": ", status.error_message())},
                         {"code", static_cast<int>(status.error_code())}};
  return {HttpStatusFor(status), body.dump()};
}

ApiResponse Internal(const absl::Status& status) {
  nlohmann::json body = {{"error", std::string(status.message())}, {"code", 13}};
  return {500, body.dump()};
}

absl::StatusOr<std::vector<v1::ProviderSummary>> AllProviders(const ReadOnlyOversight& upstream,
                                                              v1::ListProvidersRequest request,
                                                              grpc::Status* rpc_status) {
  std::vector<v1::ProviderSummary> providers;
  request.set_page_size(kProviderPageSize);
  for (int page = 0; page < kMaxProviderPages; ++page) {
    auto context = upstream.NewContext(kCallTimeout);
    v1::ListProvidersResponse response;
    *rpc_status = upstream.ListProviders(context.get(), request, &response);
    if (!rpc_status->ok()) return absl::UnavailableError("ListProviders failed");
    for (auto& summary : *response.mutable_providers()) providers.push_back(std::move(summary));
    if (response.next_page_token().empty()) return providers;
    request.set_page_token(response.next_page_token());
  }
  return absl::ResourceExhaustedError(
      absl::StrCat("ListProviders: more than ", kMaxProviderPages * kProviderPageSize, " providers"));
}

}  // namespace

int HttpStatusFor(const grpc::Status& status) {
  switch (status.error_code()) {
    case grpc::StatusCode::OK:
      return 200;
    case grpc::StatusCode::NOT_FOUND:
      return 404;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::OUT_OF_RANGE:
      return 400;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return 503;
    default:
      return 502;
  }
}

DashboardApi::DashboardApi(std::shared_ptr<const ReadOnlyOversight> upstream)
    : upstream_(std::move(upstream)) {}

ApiResponse DashboardApi::Providers() const {
  grpc::Status rpc_status;
  absl::StatusOr<std::vector<v1::ProviderSummary>> providers =
      AllProviders(*upstream_, v1::ListProvidersRequest(), &rpc_status);
  if (!rpc_status.ok()) return Error(rpc_status, "ListProviders");
  if (!providers.ok()) return Internal(providers.status());
  nlohmann::json list = nlohmann::json::array();
  for (const v1::ProviderSummary& summary : *providers) {
    absl::StatusOr<nlohmann::json> json = ToJson(summary);
    if (!json.ok()) return Internal(json.status());
    list.push_back(*std::move(json));
  }
  nlohmann::json body = {{"providers", std::move(list)}};
  return {200, body.dump()};
}

ApiResponse DashboardApi::Provider(absl::string_view provider_id) const {
  nlohmann::json body;
  {
    auto context = upstream_->NewContext(kCallTimeout);
    v1::GetProviderRequest request;
    request.set_provider_id(std::string(provider_id));
    v1::ProviderView view;
    const grpc::Status status = upstream_->GetProvider(context.get(), request, &view);
    if (!status.ok()) return Error(status, "GetProvider");
    absl::StatusOr<nlohmann::json> json = ToJson(view);
    if (!json.ok()) return Internal(json.status());
    body["view"] = *std::move(json);
  }
  {
    auto context = upstream_->NewContext(kCallTimeout);
    v1::ExplainAssessmentRequest request;
    request.set_provider_id(std::string(provider_id));
    v1::Assessment assessment;
    const grpc::Status status = upstream_->ExplainAssessment(context.get(), request, &assessment);
    if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
      body["assessment"] = nullptr;  // a provider not yet scored
    } else if (!status.ok()) {
      return Error(status, "ExplainAssessment");
    } else {
      absl::StatusOr<nlohmann::json> json = ToJson(assessment);
      if (!json.ok()) return Internal(json.status());
      body["assessment"] = *std::move(json);
    }
  }
  {
    auto context = upstream_->NewContext(kCallTimeout);
    v1::GetAssessmentHistoryRequest request;
    request.set_provider_id(std::string(provider_id));
    request.set_limit(60);
    v1::AssessmentHistory history;
    const grpc::Status status = upstream_->GetAssessmentHistory(context.get(), request, &history);
    if (!status.ok() && status.error_code() != grpc::StatusCode::NOT_FOUND) {
      return Error(status, "GetAssessmentHistory");
    }
    // The charts need the figures over time, not every explanation again.
    for (v1::Assessment& assessment : *history.mutable_assessments()) {
      assessment.clear_explanation();
    }
    absl::StatusOr<nlohmann::json> json = ToJson(history);
    if (!json.ok()) return Internal(json.status());
    body["history"] = (*json)["assessments"];
  }
  return {200, body.dump()};
}

ApiResponse DashboardApi::Regions() const {
  const google::protobuf::EnumDescriptor* regions = v1::Region_descriptor();
  nlohmann::json list = nlohmann::json::array();
  for (int i = 0; i < regions->value_count(); ++i) {
    const auto region = static_cast<v1::Region>(regions->value(i)->number());
    if (region == v1::REGION_UNSPECIFIED) continue;
    nlohmann::json entry = {{"region", regions->value(i)->name()}};
    {
      auto context = upstream_->NewContext(kCallTimeout);
      v1::GetConcentrationRequest request;
      request.set_region(region);
      v1::Concentration concentration;
      const grpc::Status status = upstream_->GetConcentration(context.get(), request, &concentration);
      if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
        entry["concentration"] = nullptr;
      } else if (!status.ok()) {
        return Error(status, absl::StrCat("GetConcentration ", regions->value(i)->name()));
      } else {
        absl::StatusOr<nlohmann::json> json = ToJson(concentration);
        if (!json.ok()) return Internal(json.status());
        entry["concentration"] = *std::move(json);
      }
    }
    nlohmann::json at_risk = nlohmann::json::array();
    for (const v1::Rating rating : {v1::RATING_BLACK, v1::RATING_RED}) {
      v1::ListProvidersRequest request;
      request.set_region(region);
      request.set_rating(rating);
      grpc::Status rpc_status;
      absl::StatusOr<std::vector<v1::ProviderSummary>> providers =
          AllProviders(*upstream_, request, &rpc_status);
      if (!rpc_status.ok()) return Error(rpc_status, "ListProviders");
      if (!providers.ok()) return Internal(providers.status());
      for (const v1::ProviderSummary& summary : *providers) {
        absl::StatusOr<nlohmann::json> json = ToJson(summary);
        if (!json.ok()) return Internal(json.status());
        at_risk.push_back(*std::move(json));
      }
    }
    entry["at_risk"] = std::move(at_risk);
    list.push_back(std::move(entry));
  }
  nlohmann::json body = {{"regions", std::move(list)}};
  return {200, body.dump()};
}

absl::StatusOr<std::vector<RelayedAlert>> DashboardApi::AlertsAfter(int64_t after, int limit) const {
  auto context = upstream_->NewContext(kCallTimeout);
  v1::ListAlertsRequest request;
  request.set_after_sequence(after);
  request.set_limit(limit);
  v1::ListAlertsResponse response;
  const grpc::Status status = upstream_->ListAlerts(context.get(), request, &response);
  if (!status.ok()) {
    return absl::UnavailableError(absl::StrCat("ListAlerts: ", status.error_message()));
  }
  std::vector<RelayedAlert> alerts;
  for (const v1::Alert& alert : response.alerts()) {
    absl::StatusOr<nlohmann::json> json = ToJson(alert);
    if (!json.ok()) return json.status();
    alerts.push_back(RelayedAlert{alert.sequence(), json->dump()});
  }
  return alerts;
}

}  // namespace oversight::client::dashboard
