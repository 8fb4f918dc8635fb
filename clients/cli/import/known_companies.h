#pragma once
// What the store already knows, fetched once per import: the providers by
// Companies House number (ListKnownCompanies) and the owner aliases
// (ListOwnerAliases). The importers decide from these which filings,
// company responses and Ofsted owners belong to the market.

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "clients/cli/connection.h"
#include "oversight/v1/oversight.pb.h"

namespace oversight::client {

struct KnownCompanies {
  std::vector<oversight::v1::Provider> providers;                      // sorted by provider_id
  absl::flat_hash_map<std::string, std::size_t> by_company_number;     // padded number -> index
  absl::flat_hash_map<std::string, std::size_t> by_provider_id;

  const oversight::v1::Provider* FindByNumber(const std::string& company_number) const;
  const oversight::v1::Provider* FindById(const std::string& provider_id) const;
  // The group a company belongs to for assessment: its parent_group, or its
  // own provider id when it heads a group or stands alone.
  static std::string GroupOf(const oversight::v1::Provider& provider);
};

// FAILED_PRECONDITION-style errors come back as the RPC's own status text.
absl::StatusOr<KnownCompanies> FetchKnownCompanies(const Connection& connection);

// (owner name, provider id) of every alias in the store.
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> FetchOwnerAliases(const Connection& connection);

}  // namespace oversight::client
