#pragma once
// The seven kinds of input record, how a file name announces its kind
// (docs/data-format.md: "providers*.csv", "accounts*.csv", ...) and which
// field of the oversight.v1.Record oneof carries each.

#include <optional>
#include <span>
#include <string>

#include "absl/strings/string_view.h"

namespace oversight::client {

// In load order: a provider must exist before records that refer to it.
enum class RecordKind {
  kProviders,
  kAccounts,
  kRelatedPartyFlows,
  kFacilities,
  kSettings,
  kPlacements,
  kEquityObservations,
};

struct RecordKindInfo {
  RecordKind kind;
  absl::string_view file_prefix;     // "providers", also the key in a JSON document
  absl::string_view record_field;    // the oversight.v1.Record oneof field, "provider"
  // Columns a file of this kind must have, and cells that must not be empty
  // (docs/data-format.md marks them "required").
  std::span<const absl::string_view> required;
};

// Every kind, in load order.
std::span<const RecordKindInfo> AllRecordKinds();
const RecordKindInfo& InfoOf(RecordKind kind);

// The kind a file holds, from its base name: "deploy/sample/accounts_2025.csv"
// -> kAccounts. Empty when the name starts with no known kind.
std::optional<RecordKind> RecordKindFromFileName(absl::string_view path);

// The kind named by a JSON document key ("providers", ...).
std::optional<RecordKind> RecordKindFromName(absl::string_view name);

}  // namespace oversight::client
