#include "server/store/store.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/store/postgres/postgres_store.h"
#include "server/store/sqlite/sqlite_store.h"

namespace oversight::server {

absl::string_view RecordKindName(RecordKind kind) {
  switch (kind) {
    case RecordKind::kProvider: return "provider";
    case RecordKind::kAccounts: return "accounts";
    case RecordKind::kRelatedPartyFlows: return "related_party_flows";
    case RecordKind::kFacility: return "facility";
    case RecordKind::kSetting: return "setting";
    case RecordKind::kPlacement: return "placement";
    case RecordKind::kEquityObservation: return "equity_observation";
  }
  return "";
}

absl::StatusOr<RecordKind> ParseRecordKind(absl::string_view name) {
  for (RecordKind kind : {RecordKind::kProvider, RecordKind::kAccounts,
                          RecordKind::kRelatedPartyFlows, RecordKind::kFacility,
                          RecordKind::kSetting, RecordKind::kPlacement,
                          RecordKind::kEquityObservation}) {
    if (RecordKindName(kind) == name) return kind;
  }
  return absl::InvalidArgumentError(absl::StrCat("kind: unknown record kind '", name, "'"));
}

absl::StatusOr<std::vector<absl::StatusOr<AssessmentWriteResult>>> Store::PutAssessments(
    absl::Span<const AssessmentWrite> writes) {
  std::vector<absl::StatusOr<AssessmentWriteResult>> results;
  results.reserve(writes.size());
  for (const AssessmentWrite& write : writes) {
    results.push_back(PutAssessment(write.assessment, write.alerts));
  }
  return results;
}

absl::StatusOr<std::unique_ptr<Store>> OpenStore(absl::string_view url) {
  if (absl::StartsWith(url, "sqlite:")) {
    absl::string_view path = url.substr(7);
    if (path.empty()) {
      return absl::InvalidArgumentError("store url: 'sqlite:' needs a file path or :memory:");
    }
    return OpenSqliteStore(path);
  }
  if (absl::StartsWith(url, "postgresql://") || absl::StartsWith(url, "postgres://")) {
    return OpenPostgresStore(url);
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "store url: '", url, "' is neither sqlite:PATH nor postgresql://... (postgres://...)"));
}

}  // namespace oversight::server
