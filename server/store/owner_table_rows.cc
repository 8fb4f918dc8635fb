#include "server/store/owner_table_rows.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "server/store/store_support.h"

namespace oversight::server::store_internal {

absl::StatusOr<OwnerAliasRow> PrepareOwnerAlias(const OwnerAliasRow& alias) {
  STORE_RETURN_IF_ERROR(CheckNotEmpty("alias.normalised_name", alias.normalised_name));
  STORE_RETURN_IF_ERROR(CheckNotEmpty("alias.owner_name", alias.owner_name));
  STORE_RETURN_IF_ERROR(CheckNotEmpty("alias.provider_id", alias.provider_id));
  OwnerAliasRow row = alias;
  STORE_ASSIGN_OR_RETURN(created_at, TimestampOrNow("alias.created_at", alias.created_at));
  row.created_at = std::move(created_at);
  return row;
}

absl::StatusOr<std::vector<UnmatchedOwnerRow>> PrepareUnmatchedOwners(
    absl::string_view source, absl::Span<const UnmatchedOwnerRow> owners) {
  STORE_RETURN_IF_ERROR(CheckNotEmpty("source", source));
  const std::string now = NowTimestamp();
  std::vector<UnmatchedOwnerRow> rows;
  rows.reserve(owners.size());
  absl::flat_hash_set<absl::string_view> seen;
  for (std::size_t i = 0; i < owners.size(); ++i) {
    const UnmatchedOwnerRow& owner = owners[i];
    const std::string at = absl::StrCat("owners[", i, "]");
    STORE_RETURN_IF_ERROR(CheckNotEmpty(absl::StrCat(at, ".owner_name"), owner.owner_name));
    STORE_RETURN_IF_ERROR(CheckNotEmpty(absl::StrCat(at, ".normalised_name"), owner.normalised_name));
    if (!owner.source.empty() && owner.source != source) {
      return absl::InvalidArgumentError(absl::StrCat(at, ".source: '", owner.source,
                                                     "' differs from the request's '", source, "'"));
    }
    if (owner.settings < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(at, ".settings: must be 0 or more, got ", owner.settings));
    }
    if (!seen.insert(owner.normalised_name).second) {
      return absl::InvalidArgumentError(absl::StrCat(at, ".normalised_name: '", owner.normalised_name,
                                                     "' is listed twice for source '", source, "'"));
    }
    if (!owner.seen_at.empty()) {
      STORE_RETURN_IF_ERROR(CheckTimestamp(absl::StrCat(at, ".seen_at"), owner.seen_at));
    }
    UnmatchedOwnerRow row = owner;
    row.source = std::string(source);
    if (row.seen_at.empty()) row.seen_at = now;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string EncodeTextList(const std::vector<std::string>& values) {
  // Ids are arbitrary client text: an invalid UTF-8 byte is replaced rather
  // than failing the whole write (ids and URNs are ASCII in practice).
  return nlohmann::json(values).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

absl::StatusOr<std::vector<std::string>> DecodeTextList(absl::string_view column,
                                                        absl::string_view text) {
  nlohmann::json parsed = nlohmann::json::parse(text.begin(), text.end(), nullptr,
                                                /*allow_exceptions=*/false);
  if (!parsed.is_array()) {
    return absl::DataLossError(absl::StrCat(column, ": not a JSON array of strings: ", text));
  }
  std::vector<std::string> values;
  values.reserve(parsed.size());
  for (const nlohmann::json& value : parsed) {
    if (!value.is_string()) {
      return absl::DataLossError(absl::StrCat(column, ": not a JSON array of strings: ", text));
    }
    values.push_back(value.get<std::string>());
  }
  return values;
}

}  // namespace oversight::server::store_internal
