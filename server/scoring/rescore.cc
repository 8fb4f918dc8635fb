#include "server/scoring/rescore.h"

#include <algorithm>
#include <span>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "proto/codec/enum_codec.h"
#include "proto/codec/status_codec.h"
#include "risk/alerts/alert_rules.h"
#include "risk/assessment/assessor.h"
#include "risk/impact/market_snapshot.h"
#include "server/repository/assessment_rows.h"
#include "server/repository/provider_loader.h"
#include "server/scoring/as_of.h"
#include "server/scoring/inputs_fingerprint.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;

// One provider's assessment waiting in a batch, with what is needed to
// report it once the batch is committed.
struct PendingAssessment {
  const risk::Assessment* current = nullptr;
  std::optional<risk::Rating> previous_rating;  // nullopt when first scored
};

// Decides whether one provider's assessment must be written: nothing when
// the same inputs are already stored for the date (counted as unchanged);
// otherwise the row and the alerts it raises against the latest assessment
// before the date. A failure here is that provider's, not the run's.
absl::StatusOr<std::optional<Store::AssessmentWrite>> PrepareAssessment(
    Store& store, const risk::RiskConfig& config, const risk::Assessment& current,
    const std::string& fingerprint, RescoreOutcome& outcome, PendingAssessment& pending) {
  const std::string as_of = risk::FormatIsoDate(current.as_of);
  absl::StatusOr<std::optional<AssessmentRow>> existing = store.AssessmentAt(current.provider_id, as_of);
  if (!existing.ok()) return existing.status();
  if (existing->has_value() && (*existing)->inputs_fingerprint == fingerprint) {
    ++outcome.unchanged;
    return std::nullopt;
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
  Store::AssessmentWrite write;
  write.assessment = MakeAssessmentRow(current, fingerprint);
  write.alerts.reserve(alerts.size());
  for (const risk::Alert& alert : alerts) write.alerts.push_back(MakeAlertRow(alert));
  pending.current = &current;
  if (previous) pending.previous_rating = previous->rating;
  return write;
}

// Records what the store did with one provider's assessment.
absl::Status RecordWritten(const PendingAssessment& pending, const AssessmentWriteResult& written,
                           RescoreOutcome& outcome) {
  const risk::Assessment& current = *pending.current;
  if (!written.assessment_written) {
    // Another run stored the same inputs between our check and our write.
    ++outcome.unchanged;
  } else {
    ++outcome.assessed;
    if (!pending.previous_rating || *pending.previous_rating != current.rating) {
      outcome.rating_changes.push_back(RatingChange{
          .provider_id = current.provider_id, .from = pending.previous_rating, .to = current.rating});
    }
  }
  for (const AlertRow& row : written.new_alerts) {
    absl::StatusOr<v1::Alert> alert = AlertProtoOf(row);
    if (!alert.ok()) return alert.status();
    outcome.new_alerts.push_back(*std::move(alert));
  }
  return absl::OkStatus();
}

// Assessments written per store transaction. On SQLite every commit is an
// fsync (synchronous=FULL), about 3.6 ms on the benchmark machine: one commit
// per provider made the store, not the models, the cost of a nightly run
// (docs/performance.md). A few hundred per commit keep each transaction
// short, so alerts still reach subscribers within a fraction of a second of
// their provider being scored.
constexpr std::size_t kAssessmentsPerCommit = 256;

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

  const std::string market_digest = MarketDigest(*market);
  const std::string as_of = risk::FormatIsoDate(options.as_of);
  absl::flat_hash_map<absl::string_view, const risk::ProviderData*> by_id;
  by_id.reserve(market->size());
  for (const risk::ProviderData& d : *market) by_id.emplace(d.provider.provider_id, &d);

  // Prepares and writes one batch of assessments in one transaction. A
  // store that cannot be reached fails every provider alike: the run stops.
  auto write_batch = [&](std::span<const risk::Assessment> assessments) -> absl::Status {
    std::vector<Store::AssessmentWrite> batch;
    std::vector<PendingAssessment> pending;
    batch.reserve(assessments.size());
    pending.reserve(assessments.size());
    for (const risk::Assessment& assessment : assessments) {
      auto data = by_id.find(assessment.provider_id);
      if (data == by_id.end()) {
        outcome.failures.push_back({.provider_id = assessment.provider_id,
                                    .status = absl::InternalError("assessed provider not in the market")});
        continue;
      }
      const std::string fingerprint =
          InputsFingerprint(*data->second, market_digest, options.config_id, as_of);
      PendingAssessment item;
      absl::StatusOr<std::optional<Store::AssessmentWrite>> write =
          PrepareAssessment(store, config, assessment, fingerprint, outcome, item);
      if (!write.ok()) {
        if (absl::IsUnavailable(write.status())) return write.status();
        outcome.failures.push_back({.provider_id = assessment.provider_id, .status = write.status()});
        continue;
      }
      if (!write->has_value()) continue;  // unchanged
      batch.push_back(**std::move(write));
      pending.push_back(item);
    }
    if (batch.empty()) return absl::OkStatus();
    absl::StatusOr<std::vector<absl::StatusOr<AssessmentWriteResult>>> written =
        store.PutAssessments(batch);
    if (!written.ok() && absl::IsUnavailable(written.status())) return written.status();
    for (std::size_t i = 0; i < pending.size(); ++i) {
      absl::Status s = !written.ok()           ? written.status()
                       : !(*written)[i].ok()   ? (*written)[i].status()
                                               : RecordWritten(pending[i], *(*written)[i], outcome);
      if (!s.ok()) {
        if (absl::IsUnavailable(s)) return s;
        outcome.failures.push_back({.provider_id = pending[i].current->provider_id, .status = s});
      }
    }
    return absl::OkStatus();
  };

  if (options.provider_id.empty()) {
    // The market is scored and written a batch at a time, so the run holds
    // one batch of assessments (about 10 KB each), not the whole market's.
    absl::Status run = risk::AssessMarketInBatches(
        *market, config, options.as_of, kAssessmentsPerCommit, [&](risk::AssessedBatch& batch) {
          for (risk::ScoringFailure& failure : batch.failures) outcome.failures.push_back(std::move(failure));
          return write_batch(batch.assessments);
        },
        // LoadMarket validated every record as it decoded it.
        risk::MarketInputs::kAlreadyValidated);
    if (!run.ok()) return run;
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
    } else if (absl::Status s = write_batch(std::span<const risk::Assessment>(&*one, 1)); !s.ok()) {
      return s;
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
