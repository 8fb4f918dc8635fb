#include "server/scoring/rescore.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "proto/codec/enum_codec.h"
#include "proto/codec/status_codec.h"
#include "risk/alerts/alert_rules.h"
#include "risk/impact/market_snapshot.h"
#include "server/repository/assessment_rows.h"
#include "server/repository/provider_loader.h"
#include "server/scoring/as_of.h"
#include "server/scoring/inputs_fingerprint.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;

// Stores one provider's assessment unless the same inputs are already
// stored for the date; records what happened in `outcome`. A failure here is
// that provider's, not the run's.
absl::Status StoreAssessment(Store& store, const risk::RiskConfig& config,
                             const risk::Assessment& current, const std::string& fingerprint,
                             RescoreOutcome& outcome) {
  const std::string as_of = risk::FormatIsoDate(current.as_of);
  absl::StatusOr<std::optional<AssessmentRow>> existing = store.AssessmentAt(current.provider_id, as_of);
  if (!existing.ok()) return existing.status();
  if (existing->has_value() && (*existing)->inputs_fingerprint == fingerprint) {
    ++outcome.unchanged;
    return absl::OkStatus();
  }

  absl::StatusOr<std::optional<AssessmentRow>> previous_row =
      store.LatestAssessment(current.provider_id, as_of);
  if (!previous_row.ok()) return previous_row.status();
  std::optional<risk::Assessment> previous;
  if (previous_row->has_value()) {
    absl::StatusOr<risk::Assessment> decoded = AssessmentOf(**previous_row);
    if (!decoded.ok()) return decoded.status();
    previous = *std::move(decoded);
  }

  const std::vector<risk::Alert> alerts =
      risk::EvaluateAlerts(previous ? &*previous : nullptr, current, config);
  std::vector<AlertRow> alert_rows;
  alert_rows.reserve(alerts.size());
  for (const risk::Alert& alert : alerts) alert_rows.push_back(MakeAlertRow(alert));

  absl::StatusOr<AssessmentWriteResult> written =
      store.PutAssessment(MakeAssessmentRow(current, fingerprint), alert_rows);
  if (!written.ok()) return written.status();
  if (!written->assessment_written) {
    // Another run stored the same inputs between our check and our write.
    ++outcome.unchanged;
  } else {
    ++outcome.assessed;
    if (!previous || previous->rating != current.rating) {
      outcome.rating_changes.push_back(RatingChange{
          .provider_id = current.provider_id,
          .from = previous ? std::optional<risk::Rating>(previous->rating) : std::nullopt,
          .to = current.rating});
    }
  }
  for (const AlertRow& row : written->new_alerts) {
    absl::StatusOr<v1::Alert> alert = AlertProtoOf(row);
    if (!alert.ok()) return alert.status();
    outcome.new_alerts.push_back(*std::move(alert));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<RescoreOutcome> Rescore(Store& store, const risk::RiskConfig& config,
                                       const RescoreOptions& options) {
  if (options.as_of == risk::Date()) {
    return absl::InvalidArgumentError("as_of: required");
  }
  RescoreOutcome outcome;
  outcome.as_of = options.as_of;
  absl::StatusOr<std::vector<risk::ProviderData>> market = LoadMarket(store, &outcome.failures);
  if (!market.ok()) return market.status();

  std::vector<risk::Assessment> assessments;
  if (options.provider_id.empty()) {
    risk::MarketAssessment assessed = risk::AssessMarket(*market, config, options.as_of);
    assessments = std::move(assessed.ranked);
    for (auto& failure : assessed.failures) outcome.failures.push_back(std::move(failure));
  } else {
    auto it = std::find_if(market->begin(), market->end(), [&](const risk::ProviderData& d) {
      return d.provider.provider_id == options.provider_id;
    });
    if (it == market->end()) {
      for (const risk::ScoringFailure& failure : outcome.failures) {
        if (failure.provider_id == options.provider_id) return failure.status;
      }
      return absl::NotFoundError(
          absl::StrCat("provider ", options.provider_id, " is not registered"));
    }
    const risk::MarketSnapshot snapshot = risk::MarketSnapshot::Build(*market, options.as_of);
    absl::StatusOr<risk::Assessment> one = risk::AssessProvider(*it, snapshot, config, options.as_of);
    if (!one.ok()) {
      outcome.failures.push_back({.provider_id = options.provider_id, .status = one.status()});
    } else {
      assessments.push_back(*std::move(one));
    }
  }

  const std::string market_digest = MarketDigest(*market);
  const std::string as_of = risk::FormatIsoDate(options.as_of);
  for (const risk::Assessment& assessment : assessments) {
    auto data = std::find_if(market->begin(), market->end(), [&](const risk::ProviderData& d) {
      return d.provider.provider_id == assessment.provider_id;
    });
    if (data == market->end()) {
      outcome.failures.push_back({.provider_id = assessment.provider_id,
                                  .status = absl::InternalError("assessed provider not in the market")});
      continue;
    }
    const std::string fingerprint =
        InputsFingerprint(*data, market_digest, options.config_id, as_of);
    if (absl::Status s = StoreAssessment(store, config, assessment, fingerprint, outcome); !s.ok()) {
      // A store that cannot be reached fails every provider alike: stop.
      if (absl::IsUnavailable(s)) return s;
      outcome.failures.push_back({.provider_id = assessment.provider_id, .status = s});
    }
  }
  std::sort(outcome.new_alerts.begin(), outcome.new_alerts.end(),
            [](const v1::Alert& a, const v1::Alert& b) { return a.sequence() < b.sequence(); });
  return outcome;
}

v1::RescoreResponse ToProto(const RescoreOutcome& outcome) {
  v1::RescoreResponse response;
  response.set_as_of(risk::FormatIsoDate(outcome.as_of));
  response.set_assessed(outcome.assessed);
  response.set_unchanged(outcome.unchanged);
  for (const risk::ScoringFailure& failure : outcome.failures) {
    v1::RescoreResponse::Failure* out = response.add_failures();
    out->set_provider_id(failure.provider_id);
    *out->mutable_error() = codec::ToRpcStatus(failure.status);
  }
  for (const RatingChange& change : outcome.rating_changes) {
    v1::RatingChange* out = response.add_rating_changes();
    out->set_provider_id(change.provider_id);
    out->set_from(change.from ? codec::ToProto(*change.from) : v1::RATING_UNSPECIFIED);
    out->set_to(codec::ToProto(change.to));
  }
  for (const v1::Alert& alert : outcome.new_alerts) *response.add_new_alerts() = alert;
  return response;
}

absl::StatusOr<v1::RescoreResponse> Rescore(Store& store, const risk::RiskConfig& config,
                                            const v1::RescoreRequest& request,
                                            absl::string_view config_id) {
  absl::StatusOr<risk::Date> as_of = ResolveAsOf(request.as_of(), "as_of");
  if (!as_of.ok()) return as_of.status();
  absl::StatusOr<RescoreOutcome> outcome =
      Rescore(store, config,
              RescoreOptions{.as_of = *as_of,
                             .provider_id = request.provider_id(),
                             .config_id = std::string(config_id)});
  if (!outcome.ok()) return outcome.status();
  return ToProto(*outcome);
}

}  // namespace oversight::server
