#include "server/repository/provider_loader.h"

#include <algorithm>
#include <map>
#include <optional>
#include <type_traits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "proto/codec/record_codec.h"
#include "server/repository/assessment_rows.h"
#include "server/repository/record_identity.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;

// One provider's records as they are read, before its provider record is
// known to exist.
struct Pending {
  std::optional<risk::Provider> provider;
  risk::ProviderData data;
};

void Add(Pending& pending, codec::DomainRecord record) {
  std::visit(
      [&pending](auto&& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, risk::Provider>) pending.provider = std::move(r);
        else if constexpr (std::is_same_v<T, risk::Accounts>) pending.data.accounts.push_back(std::move(r));
        else if constexpr (std::is_same_v<T, risk::RelatedPartyFlows>) pending.data.related_party_flows.push_back(std::move(r));
        else if constexpr (std::is_same_v<T, risk::DebtFacility>) pending.data.facilities.push_back(std::move(r));
        else if constexpr (std::is_same_v<T, risk::Setting>) pending.data.settings.push_back(std::move(r));
        else if constexpr (std::is_same_v<T, risk::PlacementReturn>) pending.data.placements.push_back(std::move(r));
        else pending.data.equity_observations.push_back(std::move(r));
      },
      std::move(record));
}

// Decodes records grouped by provider (ordered by provider_id). A provider
// whose records do not decode carries the first error.
struct Grouped {
  std::map<std::string, Pending> pending;
  std::map<std::string, absl::Status> errors;
};

Grouped Group(const std::vector<StoredRecord>& stored) {
  Grouped grouped;
  for (const StoredRecord& s : stored) {
    if (grouped.errors.contains(s.provider_id)) continue;
    absl::StatusOr<codec::DomainRecord> record = DecodeStoredRecord(s);
    // Filed under its own provider (PrepareSubmission keys it by the
    // provider it names): checked all the same, because the market's
    // scoring relies on it (risk::MarketInputs::kAlreadyValidated).
    if (record.ok() && codec::ProviderIdOf(*record) != s.provider_id) {
      record = absl::DataLossError(absl::StrCat(
          "stored ", RecordKindName(s.kind), " ", s.provider_id, "/", s.record_key, " v", s.version,
          " names provider \"", codec::ProviderIdOf(*record), "\""));
    }
    if (!record.ok()) {
      grouped.errors.emplace(s.provider_id, record.status());
      grouped.pending.erase(s.provider_id);
      continue;
    }
    Add(grouped.pending[s.provider_id], *std::move(record));
  }
  return grouped;
}

template <typename T>
void AppendVersions(const std::vector<T>& records, std::vector<std::string>& out) {
  for (const T& r : records) {
    const codec::DomainRecord record(r);
    out.push_back(absl::StrCat(RecordKindName(KindOf(record)), "/", r.provider_id, "/",
                               RecordKeyOf(record), "@", r.provenance.version));
  }
}

}  // namespace

absl::StatusOr<risk::ProviderData> LoadProviderData(Store& store, absl::string_view provider_id) {
  absl::StatusOr<std::vector<StoredRecord>> stored = store.CurrentRecords(provider_id);
  if (!stored.ok()) return stored.status();
  Grouped grouped = Group(*stored);
  if (auto it = grouped.errors.find(std::string(provider_id)); it != grouped.errors.end()) {
    return it->second;
  }
  auto it = grouped.pending.find(std::string(provider_id));
  if (it == grouped.pending.end() || !it->second.provider.has_value()) {
    return absl::NotFoundError(absl::StrCat("provider ", provider_id, " is not registered"));
  }
  risk::ProviderData data = std::move(it->second.data);
  data.provider = *std::move(it->second.provider);
  return data;
}

absl::StatusOr<std::vector<risk::ProviderData>> LoadMarket(
    Store& store, std::vector<risk::ScoringFailure>* failures) {
  absl::StatusOr<std::vector<StoredRecord>> stored = store.AllCurrentRecords();
  if (!stored.ok()) return stored.status();
  Grouped grouped = Group(*stored);
  if (!grouped.errors.empty()) {
    if (failures == nullptr) return grouped.errors.begin()->second;
    for (auto& [provider_id, status] : grouped.errors) {
      failures->push_back(risk::ScoringFailure{.provider_id = provider_id, .status = status});
    }
  }
  std::vector<risk::ProviderData> market;
  market.reserve(grouped.pending.size());
  for (auto& [provider_id, pending] : grouped.pending) {
    // Records without a provider record cannot be submitted (the repository
    // refuses them), so a provider-less group is not a registered provider.
    if (!pending.provider.has_value()) continue;
    risk::ProviderData data = std::move(pending.data);
    data.provider = *std::move(pending.provider);
    market.push_back(std::move(data));
  }
  return market;
}

std::vector<std::string> RecordVersions(const risk::ProviderData& data) {
  std::vector<std::string> out;
  AppendVersions(std::vector<risk::Provider>{data.provider}, out);
  AppendVersions(data.accounts, out);
  AppendVersions(data.related_party_flows, out);
  AppendVersions(data.facilities, out);
  AppendVersions(data.settings, out);
  AppendVersions(data.placements, out);
  AppendVersions(data.equity_observations, out);
  std::sort(out.begin(), out.end());
  return out;
}

absl::StatusOr<v1::ProviderView> GetProviderView(Store& store, absl::string_view provider_id) {
  absl::StatusOr<risk::ProviderData> data = LoadProviderData(store, provider_id);
  if (!data.ok()) return data.status();
  v1::ProviderView view;
  *view.mutable_provider() = codec::ToProto(data->provider);
  view.set_accounts_periods(static_cast<int>(data->accounts.size()));
  view.set_facilities(static_cast<int>(data->facilities.size()));
  view.set_settings(static_cast<int>(data->settings.size()));
  absl::StatusOr<std::optional<AssessmentRow>> latest = store.LatestAssessment(provider_id);
  if (!latest.ok()) return latest.status();
  if (latest->has_value()) {
    absl::StatusOr<v1::Assessment> assessment = AssessmentProtoOf(**latest);
    if (!assessment.ok()) return assessment.status();
    *view.mutable_latest_assessment() = *std::move(assessment);
  }
  return view;
}

}  // namespace oversight::server
