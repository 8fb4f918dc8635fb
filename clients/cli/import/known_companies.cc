#include "clients/cli/import/known_companies.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/command.h"
#include "clients/import/companies/company_number.h"

namespace oversight::client {
namespace {

absl::Status FromGrpc(absl::string_view what, const grpc::Status& status) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(what, ": ", status.error_message()));
}

}  // namespace

const oversight::v1::Provider* KnownCompanies::FindByNumber(const std::string& company_number) const {
  auto it = by_company_number.find(company_number);
  return it == by_company_number.end() ? nullptr : &providers[it->second];
}

const oversight::v1::Provider* KnownCompanies::FindById(const std::string& provider_id) const {
  auto it = by_provider_id.find(provider_id);
  return it == by_provider_id.end() ? nullptr : &providers[it->second];
}

std::string KnownCompanies::GroupOf(const oversight::v1::Provider& provider) {
  return provider.parent_group().empty() ? provider.provider_id() : provider.parent_group();
}

absl::StatusOr<KnownCompanies> FetchKnownCompanies(const Connection& connection) {
  oversight::v1::ListKnownCompaniesResponse response;
  auto call = connection.NewContext(kQueryTimeout);
  const grpc::Status status =
      connection.stub().ListKnownCompanies(call.get(), oversight::v1::ListKnownCompaniesRequest(), &response);
  if (!status.ok()) return FromGrpc("ListKnownCompanies", status);
  KnownCompanies known;
  known.providers.assign(response.providers().begin(), response.providers().end());
  for (std::size_t i = 0; i < known.providers.size(); ++i) {
    const oversight::v1::Provider& p = known.providers[i];
    known.by_provider_id.emplace(p.provider_id(), i);
    if (!p.companies_house_number().empty()) {
      known.by_company_number.emplace(companies::PadCompanyNumber(p.companies_house_number()), i);
    }
  }
  return known;
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>> FetchOwnerAliases(const Connection& connection) {
  oversight::v1::ListOwnerAliasesResponse response;
  auto call = connection.NewContext(kQueryTimeout);
  const grpc::Status status =
      connection.stub().ListOwnerAliases(call.get(), oversight::v1::ListOwnerAliasesRequest(), &response);
  if (!status.ok()) return FromGrpc("ListOwnerAliases", status);
  std::vector<std::pair<std::string, std::string>> aliases;
  aliases.reserve(response.aliases_size());
  for (const auto& alias : response.aliases()) aliases.emplace_back(alias.owner_name(), alias.provider_id());
  return aliases;
}

}  // namespace oversight::client
