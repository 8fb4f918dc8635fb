#include "server/service/oversight_service.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "proto/codec/status_codec.h"
#include "risk/domain/validation.h"
#include "server/alerts/alert_filter.h"
#include "server/alerts/alert_rows.h"
#include "server/auth/token_service.h"
#include "server/repository/assessment_rows.h"
#include "server/repository/provider_loader.h"
#include "server/repository/submission.h"
#include "server/scoring/as_of.h"
#include "server/scoring/heap_release.h"
#include "server/scoring/market_queries.h"
#include "server/scoring/provider_ranking.h"
#include "server/scoring/rescore.h"
#include "server/service/bulk_submit_reactor.h"
#include "server/service/record_provider.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;

grpc::Status Invalid(absl::string_view field, absl::string_view reason) {
  return codec::ToGrpcStatus(risk::InvalidField(field, reason));
}

ResourceRef AlertResource(const v1::Alert& alert) {
  ResourceRef item = ResourceRef::ForProvider(alert.provider_id());
  item.local_authorities.assign(alert.local_authorities().begin(), alert.local_authorities().end());
  return item;
}

// The limit of a listing: 0 means the default; more than the maximum is
// refused rather than silently cut.
grpc::Status CheckLimit(absl::string_view field, int limit, int maximum) {
  if (limit < 0 || limit > maximum) {
    return Invalid(field, absl::StrCat("must be between 0 (default) and ", maximum, ", got ", limit));
  }
  return grpc::Status::OK;
}

}  // namespace

OversightService::OversightService(Store& store, AlertHub& hub, Authorizer& authorizer,
                                   WorkPool& pool, StreamLimiter& stream_limiter,
                                   ServiceLimits limits)
    : store_(store),
      hub_(hub),
      authorizer_(authorizer),
      pool_(pool),
      stream_limiter_(stream_limiter),
      limits_(limits) {}

template <typename Work>
grpc::ServerUnaryReactor* OversightService::RunUnary(grpc::CallbackServerContext* context,
                                                     Operation op, ResourceRef resource,
                                                     Work work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  pool_.Submit([this, reactor, context, op, resource = std::move(resource),
                work = std::move(work)]() mutable {
    CallScope scope(authorizer_, context, op, std::move(resource));
    grpc::Status status = scope.CheckStillWanted();
    if (status.ok()) status = scope.Authorize();
    if (status.ok()) status = work(scope);
    reactor->Finish(scope.End(std::move(status)));
  });
  return reactor;
}

grpc::ServerUnaryReactor* OversightService::RunUnaryCall(
    grpc::CallbackServerContext* context, Operation op, ResourceRef resource,
    std::function<grpc::Status(CallScope&)> work) {
  return RunUnary(context, op, std::move(resource), std::move(work));
}

// --- Ingest -----------------------------------------------------------------

grpc::ServerUnaryReactor* OversightService::Submit(grpc::CallbackServerContext* context,
                                                   const v1::SubmitRequest* request,
                                                   v1::SubmitResponse* response) {
  return RunUnary(context, Operation::kSubmit, RecordResource(request->record()),
                  [this, request, response](CallScope&) {
                    absl::StatusOr<v1::SubmitResponse> result = SubmitRecord(store_, *request);
                    if (!result.ok()) return codec::ToGrpcStatus(result.status());
                    *response = *std::move(result);
                    return grpc::Status::OK;
                  });
}

grpc::ServerReadReactor<v1::SubmitRequest>* OversightService::BulkSubmit(
    grpc::CallbackServerContext* context, v1::BulkSubmitResponse* response) {
  auto* reactor = new BulkSubmitReactor(
      store_, pool_, CallScope(authorizer_, context, Operation::kBulkSubmit, ResourceRef::Market()),
      response, limits_.bulk_batch, limits_.max_bulk_records);
  reactor->Start();
  return reactor;
}

// --- Queries ----------------------------------------------------------------

grpc::ServerUnaryReactor* OversightService::GetProvider(grpc::CallbackServerContext* context,
                                                        const v1::GetProviderRequest* request,
                                                        v1::ProviderView* response) {
  return RunUnary(context, Operation::kGetProvider, ResourceRef::ForProvider(request->provider_id()),
                  [this, request, response](CallScope&) {
                    if (request->provider_id().empty()) return Invalid("provider_id", "required");
                    absl::StatusOr<v1::ProviderView> view =
                        GetProviderView(store_, request->provider_id());
                    if (!view.ok()) return codec::ToGrpcStatus(view.status());
                    *response = *std::move(view);
                    return grpc::Status::OK;
                  });
}

grpc::ServerUnaryReactor* OversightService::ListProviders(grpc::CallbackServerContext* context,
                                                          const v1::ListProvidersRequest* request,
                                                          v1::ListProvidersResponse* response) {
  return RunUnary(context, Operation::kListProviders, ResourceRef::Market(),
                  [this, request, response](CallScope& scope) {
                    // The filter hook: a scoped caller's pages and total
                    // hold only its providers. A caller who may see the
                    // market as a whole (an unscoped role) is asked once,
                    // not once per provider: the total walks all 10,000.
                    const bool sees_market = scope.MaySee(ResourceRef::Market());
                    absl::StatusOr<v1::ListProvidersResponse> list = ListRankedProviders(
                        ranked_market_, *request,
                        [&scope, sees_market](const std::string& provider_id) {
                          return sees_market ||
                                 scope.MaySee(ResourceRef::ForProvider(provider_id));
                        });
                    if (!list.ok()) return codec::ToGrpcStatus(list.status());
                    *response = *std::move(list);
                    return grpc::Status::OK;
                  });
}

grpc::ServerUnaryReactor* OversightService::GetAssessmentHistory(
    grpc::CallbackServerContext* context, const v1::GetAssessmentHistoryRequest* request,
    v1::AssessmentHistory* response) {
  return RunUnary(
      context, Operation::kGetAssessmentHistory, ResourceRef::ForProvider(request->provider_id()),
      [this, request, response](CallScope&) {
        risk::Violations violations;
        if (request->provider_id().empty()) violations.Add("provider_id", "required");
        if (request->limit() < 0 || request->limit() > 500) {
          violations.Add("limit", absl::StrCat("must be between 0 (default 20) and 500, got ",
                                               request->limit()));
        }
        if (!violations.empty()) return codec::ToGrpcStatus(violations.ToStatus());
        absl::StatusOr<std::vector<AssessmentRow>> rows = store_.AssessmentHistory(
            request->provider_id(), request->limit() == 0 ? 20 : request->limit());
        if (!rows.ok()) return codec::ToGrpcStatus(rows.status());
        if (rows->empty()) {
          // Distinguish "never scored" (empty history) from "no such provider".
          absl::StatusOr<v1::ProviderView> view = GetProviderView(store_, request->provider_id());
          if (!view.ok()) return codec::ToGrpcStatus(view.status());
        }
        for (const AssessmentRow& row : *rows) {
          absl::StatusOr<v1::Assessment> assessment = AssessmentProtoOf(row);
          if (!assessment.ok()) return codec::ToGrpcStatus(assessment.status());
          *response->add_assessments() = *std::move(assessment);
        }
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* OversightService::ExplainAssessment(
    grpc::CallbackServerContext* context, const v1::ExplainAssessmentRequest* request,
    v1::Assessment* response) {
  return RunUnary(
      context, Operation::kExplainAssessment, ResourceRef::ForProvider(request->provider_id()),
      [this, request, response](CallScope&) {
        risk::Violations violations;
        if (request->provider_id().empty()) violations.Add("provider_id", "required");
        if (!request->as_of().empty()) {
          if (absl::StatusOr<risk::Date> as_of = ResolveAsOf(request->as_of(), "as_of"); !as_of.ok()) {
            for (const risk::FieldViolation& v : risk::FieldViolationsOf(as_of.status())) {
              violations.Add(v.field, v.reason);
            }
            if (risk::FieldViolationsOf(as_of.status()).empty()) {
              violations.Add("as_of", std::string(as_of.status().message()));
            }
          }
        }
        if (!violations.empty()) return codec::ToGrpcStatus(violations.ToStatus());
        absl::StatusOr<std::optional<AssessmentRow>> row =
            request->as_of().empty() ? store_.LatestAssessment(request->provider_id())
                                     : store_.AssessmentAt(request->provider_id(), request->as_of());
        if (!row.ok()) return codec::ToGrpcStatus(row.status());
        if (!row->has_value()) {
          absl::StatusOr<v1::ProviderView> view = GetProviderView(store_, request->provider_id());
          if (!view.ok()) return codec::ToGrpcStatus(view.status());
          return grpc::Status(
              grpc::StatusCode::NOT_FOUND,
              request->as_of().empty()
                  ? absl::StrCat("provider ", request->provider_id(), " has not been scored: Rescore it first")
                  : absl::StrCat("provider ", request->provider_id(), " has no assessment as of ",
                                 request->as_of()));
        }
        absl::StatusOr<v1::Assessment> assessment = AssessmentProtoOf(**row);
        if (!assessment.ok()) return codec::ToGrpcStatus(assessment.status());
        *response = *std::move(assessment);
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* OversightService::GetConcentration(
    grpc::CallbackServerContext* context, const v1::GetConcentrationRequest* request,
    v1::Concentration* response) {
  ResourceRef area = ResourceRef::Market();
  if (request->area_case() == v1::GetConcentrationRequest::kLocalAuthority) {
    area = ResourceRef::ForObject(absl::StrCat("local_authority/", request->local_authority()));
    area.local_authorities.push_back(request->local_authority());
  }
  return RunUnary(context, Operation::kGetConcentration, std::move(area),
                  [this, request, response](CallScope&) {
                    absl::StatusOr<v1::Concentration> result = server::GetConcentration(store_, *request);
                    if (!result.ok()) return codec::ToGrpcStatus(result.status());
                    *response = *std::move(result);
                    return grpc::Status::OK;
                  });
}

grpc::ServerUnaryReactor* OversightService::ListScenarios(grpc::CallbackServerContext* context,
                                                          const v1::ListScenariosRequest*,
                                                          v1::ListScenariosResponse* response) {
  return RunUnary(context, Operation::kListScenarios, ResourceRef::Market(),
                  [response](CallScope&) {
                    *response = server::ListScenarios();
                    return grpc::Status::OK;
                  });
}

grpc::ServerUnaryReactor* OversightService::RunStress(grpc::CallbackServerContext* context,
                                                      const v1::RunStressRequest* request,
                                                      v1::RunStressResponse* response) {
  return RunUnary(context, Operation::kRunStress,
                  request->provider_id().empty() ? ResourceRef::Market()
                                                 : ResourceRef::ForProvider(request->provider_id()),
                  [this, request, response](CallScope& scope) {
                    v1::RunStressRequest effective = *request;
                    if (effective.as_of().empty()) effective.set_as_of(limits_.as_of_default);
                    absl::StatusOr<v1::RunStressResponse> result =
                        server::RunStress(store_, limits_.risk_config, effective);
                    if (!result.ok()) return codec::ToGrpcStatus(result.status());
                    for (v1::StressOutcome& outcome : *result->mutable_outcomes()) {
                      if (scope.MaySee(ResourceRef::ForProvider(outcome.provider_id()))) {
                        *response->add_outcomes() = std::move(outcome);
                      }
                    }
                    return grpc::Status::OK;
                  });
}

grpc::ServerUnaryReactor* OversightService::Rescore(grpc::CallbackServerContext* context,
                                                    const v1::RescoreRequest* request,
                                                    v1::RescoreResponse* response) {
  return RunUnary(context, Operation::kRescore,
                  request->provider_id().empty() ? ResourceRef::Market()
                                                 : ResourceRef::ForProvider(request->provider_id()),
                  [this, request, response](CallScope&) {
                    v1::RescoreRequest effective = *request;
                    if (effective.as_of().empty()) effective.set_as_of(limits_.as_of_default);
                    absl::StatusOr<v1::RescoreResponse> result = server::Rescore(
                        store_, limits_.risk_config, effective, limits_.config_id);
                    // The alerts are committed by now, before anyone is told:
                    // wake the hub so live subscribers get them at once.
                    hub_.Kick();
                    // A market re-score changed most of the ranked list:
                    // rebuild it now, so the dashboards' next ListProviders
                    // does not wait for it (an error resurfaces there).
                    if (request->provider_id().empty() && result.ok()) {
                      (void)ranked_market_.Current();
                    }
                    // Rescore decoded the whole market: return what it
                    // freed. After one provider's re-score, not at once:
                    // the hub is fanning its alerts out right now.
                    if (request->provider_id().empty()) {
                      ReleaseFreedHeap();
                    } else {
                      ReleaseFreedHeapWhenQuiet();
                    }
                    if (!result.ok()) return codec::ToGrpcStatus(result.status());
                    *response = *std::move(result);
                    return grpc::Status::OK;
                  });
}

// --- Alerts -----------------------------------------------------------------

grpc::ServerWriteReactor<v1::Alert>* OversightService::SubscribeAlerts(
    grpc::CallbackServerContext* context, const v1::SubscribeAlertsRequest* request) {
  auto* reactor = new AlertStreamReactor(
      store_, hub_, pool_, stream_limiter_,
      CallScope(authorizer_, context, Operation::kSubscribeAlerts,
                request->filter().provider_id().empty()
                    ? ResourceRef::Market()
                    : ResourceRef::ForProvider(request->filter().provider_id())),
      *request, limits_.alert_stream);
  reactor->Start();
  return reactor;
}

grpc::ServerUnaryReactor* OversightService::ListAlerts(grpc::CallbackServerContext* context,
                                                       const v1::ListAlertsRequest* request,
                                                       v1::ListAlertsResponse* response) {
  return RunUnary(
      context, Operation::kListAlerts,
      request->filter().provider_id().empty() ? ResourceRef::Market()
                                              : ResourceRef::ForProvider(request->filter().provider_id()),
      [this, request, response](CallScope& scope) {
        risk::Violations violations;
        if (request->after_sequence() < 0) {
          violations.Add("after_sequence",
                         absl::StrCat("must be 0 or more, got ", request->after_sequence()));
        }
        for (const risk::FieldViolation& v :
             risk::FieldViolationsOf(ValidateAlertFilter(request->filter(), "filter"))) {
          violations.Add(v.field, v.reason);
        }
        if (request->limit() < 0 || request->limit() > limits_.max_list_alerts) {
          violations.Add("limit", absl::StrCat("must be between 0 (default 100) and ",
                                               limits_.max_list_alerts, ", got ", request->limit()));
        }
        if (!violations.empty()) return codec::ToGrpcStatus(violations.ToStatus());
        const int limit = request->limit() == 0 ? 100 : request->limit();
        const int page = std::max(limit, 500);
        std::int64_t cursor = request->after_sequence();
        while (response->alerts_size() < limit) {
          absl::StatusOr<std::vector<AlertRow>> rows = store_.AlertsAfter(cursor, page);
          if (!rows.ok()) return codec::ToGrpcStatus(rows.status());
          for (const AlertRow& row : *rows) {
            cursor = row.sequence;
            if (request->unacknowledged_only() && !row.acknowledged_by.empty()) continue;
            absl::StatusOr<v1::Alert> alert = AlertFromRow(row);
            if (!alert.ok()) return codec::ToGrpcStatus(alert.status());
            if (!AlertMatches(request->filter(), *alert) || !scope.MaySee(AlertResource(*alert))) {
              continue;
            }
            *response->add_alerts() = *std::move(alert);
            if (response->alerts_size() == limit) break;
          }
          if (static_cast<int>(rows->size()) < page) break;
        }
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* OversightService::AcknowledgeAlert(
    grpc::CallbackServerContext* context, const v1::AcknowledgeAlertRequest* request,
    v1::AcknowledgeAlertResponse* response) {
  return RunUnary(
      context, Operation::kAcknowledgeAlert,
      ResourceRef::ForObject(absl::StrCat("alert/", request->sequence())),
      [this, request, response](CallScope& scope) {
        if (request->sequence() <= 0) {
          return Invalid("sequence", absl::StrCat("must be positive, got ", request->sequence()));
        }
        const grpc::Status not_found(grpc::StatusCode::NOT_FOUND,
                                     absl::StrCat("no alert with sequence ", request->sequence()));
        // Read it first: an alert the caller may not see is "not found" to it.
        absl::StatusOr<std::vector<AlertRow>> rows = store_.AlertsAfter(request->sequence() - 1, 1);
        if (!rows.ok()) return codec::ToGrpcStatus(rows.status());
        if (rows->empty() || rows->front().sequence != request->sequence()) return not_found;
        absl::StatusOr<v1::Alert> alert = AlertFromRow(rows->front());
        if (!alert.ok()) return codec::ToGrpcStatus(alert.status());
        if (!scope.MaySee(AlertResource(*alert))) return not_found;
        absl::StatusOr<AlertRow> acknowledged =
            store_.AcknowledgeAlert(request->sequence(), scope.principal().id, "");
        if (!acknowledged.ok()) return codec::ToGrpcStatus(acknowledged.status());
        absl::StatusOr<v1::Alert> result = AlertFromRow(*acknowledged);
        if (!result.ok()) return codec::ToGrpcStatus(result.status());
        *response->mutable_alert() = *std::move(result);
        return grpc::Status::OK;
      });
}

// --- Administration ----------------------------------------------------------

grpc::ServerUnaryReactor* OversightService::IssueToken(grpc::CallbackServerContext* context,
                                                       const v1::IssueTokenRequest* request,
                                                       v1::IssueTokenResponse* response) {
  return RunUnary(context, Operation::kIssueToken, ResourceRef::ForObject("tokens"),
                  [this, request, response](CallScope&) {
                    TokenRequest token{.role = RoleFromWire(request->role()),
                                       .subject = request->subject(),
                                       .provider_id = request->provider_id(),
                                       .local_authority = request->local_authority(),
                                       .ttl = absl::Seconds(request->ttl_seconds())};
                    absl::StatusOr<IssuedToken> issued = server::IssueToken(store_, token, absl::Now());
                    if (!issued.ok()) return codec::ToGrpcStatus(issued.status());
                    response->set_token_id(issued->token_id);
                    response->set_token(issued->token);
                    response->set_expires_at(issued->expires_at);
                    return grpc::Status::OK;
                  });
}

grpc::ServerUnaryReactor* OversightService::RevokeToken(grpc::CallbackServerContext* context,
                                                        const v1::RevokeTokenRequest* request,
                                                        v1::RevokeTokenResponse*) {
  return RunUnary(context, Operation::kRevokeToken,
                  ResourceRef::ForObject(absl::StrCat("token/", request->token_id())),
                  [this, request](CallScope&) {
                    if (request->token_id().empty()) return Invalid("token_id", "required");
                    return codec::ToGrpcStatus(store_.RevokeToken(request->token_id(), ""));
                  });
}

grpc::ServerUnaryReactor* OversightService::ListTokens(grpc::CallbackServerContext* context,
                                                       const v1::ListTokensRequest*,
                                                       v1::ListTokensResponse* response) {
  return RunUnary(context, Operation::kListTokens, ResourceRef::ForObject("tokens"),
                  [this, response](CallScope&) {
                    absl::StatusOr<std::vector<TokenRow>> tokens = store_.ListTokens();
                    if (!tokens.ok()) return codec::ToGrpcStatus(tokens.status());
                    for (const TokenRow& row : *tokens) {
                      v1::TokenInfo* info = response->add_tokens();
                      info->set_token_id(row.token_id);
                      info->set_role(static_cast<v1::Role>(row.role));
                      info->set_subject(row.subject);
                      info->set_provider_id(row.provider_id);
                      info->set_local_authority(row.local_authority);
                      info->set_created_at(row.created_at);
                      info->set_expires_at(row.expires_at);
                      info->set_revoked_at(row.revoked_at);
                    }
                    return grpc::Status::OK;
                  });
}

grpc::ServerUnaryReactor* OversightService::QueryAudit(grpc::CallbackServerContext* context,
                                                       const v1::QueryAuditRequest* request,
                                                       v1::QueryAuditResponse* response) {
  return RunUnary(context, Operation::kQueryAudit, ResourceRef::ForObject("audit"),
                  [this, request, response](CallScope&) {
                    if (grpc::Status s = CheckLimit("limit", request->limit(), 1000); !s.ok()) return s;
                    if (request->after_id() < 0) {
                      return Invalid("after_id", absl::StrCat("must be 0 or more, got ", request->after_id()));
                    }
                    AuditQuery query{.after_id = request->after_id(),
                                     .principal = request->principal(),
                                     .object = request->object(),
                                     .limit = request->limit() == 0 ? 100 : request->limit()};
                    absl::StatusOr<std::vector<AuditRow>> rows = store_.QueryAudit(query);
                    if (!rows.ok()) return codec::ToGrpcStatus(rows.status());
                    for (const AuditRow& row : *rows) {
                      v1::AuditEntry* entry = response->add_entries();
                      entry->set_id(row.id);
                      entry->set_at(row.at);
                      entry->set_principal(row.principal);
                      entry->set_role(static_cast<v1::Role>(row.role));
                      entry->set_method(row.method);
                      entry->set_object(row.object);
                      entry->set_outcome(row.outcome);
                    }
                    return grpc::Status::OK;
                  });
}

}  // namespace oversight::server
