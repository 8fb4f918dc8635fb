#include "clients/records/record_kind.h"

#include <array>

#include "absl/strings/match.h"

namespace oversight::client {
namespace {

constexpr std::array<absl::string_view, 4> kProvidersRequired = {"provider_id", "name", "kind",
                                                                 "ownership"};
constexpr std::array<absl::string_view, 3> kPeriodRequired = {"provider_id", "period_start",
                                                              "period_end"};
constexpr std::array<absl::string_view, 7> kFacilitiesRequired = {
    "provider_id", "facility_id", "committed", "drawn", "start_date", "maturity_date", "rate_type"};
constexpr std::array<absl::string_view, 2> kSettingsRequired = {"provider_id", "urn"};
constexpr std::array<absl::string_view, 3> kPlacementsRequired = {"provider_id", "as_of",
                                                                  "placing_local_authority"};
constexpr std::array<absl::string_view, 4> kEquityRequired = {"provider_id", "as_of", "equity_value",
                                                              "equity_volatility"};

const std::array<RecordKindInfo, 7> kKinds = {{
    {RecordKind::kProviders, "providers", "provider", kProvidersRequired},
    {RecordKind::kAccounts, "accounts", "accounts", kPeriodRequired},
    {RecordKind::kRelatedPartyFlows, "related_party_flows", "related_party_flows", kPeriodRequired},
    {RecordKind::kFacilities, "facilities", "facility", kFacilitiesRequired},
    {RecordKind::kSettings, "settings", "setting", kSettingsRequired},
    {RecordKind::kPlacements, "placements", "placement", kPlacementsRequired},
    {RecordKind::kEquityObservations, "equity_observations", "equity_observation", kEquityRequired},
}};

}  // namespace

std::span<const RecordKindInfo> AllRecordKinds() { return kKinds; }

const RecordKindInfo& InfoOf(RecordKind kind) { return kKinds[static_cast<std::size_t>(kind)]; }

std::optional<RecordKind> RecordKindFromFileName(absl::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  const absl::string_view base = slash == absl::string_view::npos ? path : path.substr(slash + 1);
  // The longest matching prefix wins, so a future kind whose name extends
  // another's cannot be shadowed by it.
  std::optional<RecordKind> best;
  std::size_t best_length = 0;
  for (const RecordKindInfo& info : kKinds) {
    if (absl::StartsWithIgnoreCase(base, info.file_prefix) && info.file_prefix.size() > best_length) {
      best = info.kind;
      best_length = info.file_prefix.size();
    }
  }
  return best;
}

std::optional<RecordKind> RecordKindFromName(absl::string_view name) {
  for (const RecordKindInfo& info : kKinds) {
    if (info.file_prefix == name) return info.kind;
  }
  return std::nullopt;
}

}  // namespace oversight::client
