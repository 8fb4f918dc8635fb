// The import-support RPCs of oversight.v1.OversightService (issue #12): the
// known companies an importer filters filings by, the owner aliases that
// link Ofsted's owner names to providers, and the owners an Ofsted import
// could not match. Thin like the rest of the service: validate and translate
// the request, call the store, map the status. Owner names are keyed by
// risk::NormaliseOwnerName, the same function the Ofsted importer matches
// with, so an alias recorded here is found there under the same key.

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "proto/codec/record_codec.h"
#include "proto/codec/status_codec.h"
#include "risk/domain/owner_name.h"
#include "risk/domain/validation.h"
#include "server/repository/record_identity.h"
#include "server/service/oversight_service.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;

// Owner names and Ofsted file names are short in practice (the longest
// registered company name is 160 characters); the bound keeps a hostile
// request from filling the tables.
constexpr std::size_t kMaxNameLength = 300;
// UnmatchedOwner.urns: "up to 20 of them" (the importer lists the first 20).
constexpr int kMaxUrnsPerOwner = 20;
// Owners per ReplaceUnmatchedOwners: Ofsted's register has about 4,000
// owners in all, so this is generous and still bounded.
constexpr int kMaxUnmatchedOwners = 50000;

grpc::Status Invalid(absl::string_view field, absl::string_view reason) {
  return codec::ToGrpcStatus(risk::InvalidField(field, reason));
}

// A required name: non-empty after trimming, at most kMaxNameLength bytes,
// and (for owner names) with something left after normalisation.
void CheckName(risk::Violations& violations, const std::string& field, absl::string_view value,
               bool is_owner_name) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(value);
  if (trimmed.empty()) {
    violations.Add(field, "required");
  } else if (value.size() > kMaxNameLength) {
    violations.Add(field, absl::StrCat("at most ", kMaxNameLength, " characters, got ", value.size()));
  } else if (is_owner_name && risk::NormaliseOwnerName(value).empty()) {
    violations.Add(field, "has no letters or digits to match on");
  }
}

std::string OwnerAliasObject(absl::string_view owner_name) {
  return absl::StrCat("owner_alias/", risk::NormaliseOwnerName(owner_name));
}

void ToProto(const OwnerAliasRow& row, v1::OwnerAlias* alias) {
  alias->set_owner_name(row.owner_name);
  alias->set_provider_id(row.provider_id);
  alias->set_created_by(row.created_by);
  alias->set_created_at(row.created_at);
}

void ToProto(const UnmatchedOwnerRow& row, v1::UnmatchedOwner* owner) {
  owner->set_owner_name(row.owner_name);
  owner->set_normalised_name(row.normalised_name);
  owner->set_ambiguous(row.ambiguous);
  for (const std::string& id : row.candidates) owner->add_candidate_provider_ids(id);
  owner->set_settings(row.settings);
  for (const std::string& urn : row.urns) owner->add_urns(urn);
  owner->set_source(row.source);
  owner->set_seen_at(row.seen_at);
}

// The rows ReplaceUnmatchedOwners stores, or INVALID_ARGUMENT listing every
// bad field. normalised_name and seen_at are the server's: a client's
// values are ignored, so the key always agrees with the alias table's.
absl::StatusOr<std::vector<UnmatchedOwnerRow>> UnmatchedOwnerRows(
    const v1::ReplaceUnmatchedOwnersRequest& request) {
  risk::Violations violations;
  CheckName(violations, "source", request.source(), /*is_owner_name=*/false);
  if (request.owners_size() > kMaxUnmatchedOwners) {
    violations.Add("owners", absl::StrCat("at most ", kMaxUnmatchedOwners, " per request, got ",
                                          request.owners_size()));
    return violations.ToStatus();
  }
  std::vector<UnmatchedOwnerRow> rows;
  rows.reserve(static_cast<std::size_t>(request.owners_size()));
  absl::flat_hash_map<std::string, int> first_with_name;
  for (int i = 0; i < request.owners_size(); ++i) {
    const v1::UnmatchedOwner& owner = request.owners(i);
    const std::string at = absl::StrCat("owners[", i, "]");
    CheckName(violations, at + ".owner_name", owner.owner_name(), /*is_owner_name=*/true);
    if (!owner.source().empty() && owner.source() != request.source()) {
      violations.Add(at + ".source", absl::StrCat("'", owner.source(), "' differs from source '",
                                                  request.source(), "'; leave it empty"));
    }
    if (owner.settings() < 0) {
      violations.Add(at + ".settings", absl::StrCat("must be 0 or more, got ", owner.settings()));
    }
    if (owner.urns_size() > kMaxUrnsPerOwner) {
      violations.Add(at + ".urns",
                     absl::StrCat("at most ", kMaxUrnsPerOwner, ", got ", owner.urns_size()));
    }
    for (int u = 0; u < owner.urns_size(); ++u) {
      if (owner.urns(u).empty()) violations.Add(absl::StrCat(at, ".urns[", u, "]"), "empty");
    }
    for (int c = 0; c < owner.candidate_provider_ids_size(); ++c) {
      if (owner.candidate_provider_ids(c).empty()) {
        violations.Add(absl::StrCat(at, ".candidate_provider_ids[", c, "]"), "empty");
      }
    }
    if (owner.ambiguous() && owner.candidate_provider_ids_size() < 2) {
      violations.Add(at + ".candidate_provider_ids",
                     "an ambiguous owner names at least two candidate providers");
    } else if (!owner.ambiguous() && owner.candidate_provider_ids_size() > 0) {
      violations.Add(at + ".candidate_provider_ids", "only an ambiguous owner has candidates");
    }
    UnmatchedOwnerRow row;
    row.source = request.source();
    row.normalised_name = risk::NormaliseOwnerName(owner.owner_name());
    if (!row.normalised_name.empty()) {
      auto [first, inserted] = first_with_name.emplace(row.normalised_name, i);
      if (!inserted) {
        violations.Add(at + ".owner_name",
                       absl::StrCat("is owners[", first->second, "] again once normalised ('",
                                    row.normalised_name, "'): list each owner once"));
      }
    }
    row.owner_name = owner.owner_name();
    row.ambiguous = owner.ambiguous();
    row.candidates.assign(owner.candidate_provider_ids().begin(), owner.candidate_provider_ids().end());
    row.settings = owner.settings();
    row.urns.assign(owner.urns().begin(), owner.urns().end());
    rows.push_back(std::move(row));
  }
  if (!violations.empty()) return violations.ToStatus();
  return rows;
}

}  // namespace

grpc::ServerUnaryReactor* OversightService::ListKnownCompanies(
    grpc::CallbackServerContext* context, const v1::ListKnownCompaniesRequest*,
    v1::ListKnownCompaniesResponse* response) {
  return RunUnaryCall(
      context, Operation::kListKnownCompanies, ResourceRef::Market(),
      [this, response](CallScope& scope) {
        // Ordered by provider_id (store.h), one provider record per provider.
        absl::StatusOr<std::vector<StoredRecord>> records =
            store_.CurrentRecordsOfKind(RecordKind::kProvider);
        if (!records.ok()) return codec::ToGrpcStatus(records.status());
        std::vector<const StoredRecord*> providers;
        for (const StoredRecord& record : *records) {
          // The filter hook: a scoped caller sees only its own providers.
          if (scope.MaySee(ResourceRef::ForProvider(record.provider_id))) providers.push_back(&record);
        }
        for (const StoredRecord* stored : providers) {
          absl::StatusOr<codec::DomainRecord> decoded = DecodeStoredRecord(*stored);
          if (!decoded.ok()) return codec::ToGrpcStatus(decoded.status());
          const auto* provider = std::get_if<risk::Provider>(&*decoded);
          if (provider == nullptr) {
            return grpc::Status(grpc::StatusCode::DATA_LOSS,
                                absl::StrCat("stored provider record ", stored->provider_id,
                                             " decodes as another kind"));
          }
          *response->add_providers() = codec::ToProto(*provider);
        }
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* OversightService::PutOwnerAlias(grpc::CallbackServerContext* context,
                                                          const v1::PutOwnerAliasRequest* request,
                                                          v1::OwnerAlias* response) {
  return RunUnaryCall(
      context, Operation::kPutOwnerAlias,
      ResourceRef::ForObject(OwnerAliasObject(request->alias().owner_name())),
      [this, request, response](CallScope& scope) {
        const v1::OwnerAlias& alias = request->alias();
        risk::Violations violations;
        CheckName(violations, "alias.owner_name", alias.owner_name(), /*is_owner_name=*/true);
        if (alias.provider_id().empty()) violations.Add("alias.provider_id", "required");
        if (!violations.empty()) return codec::ToGrpcStatus(violations.ToStatus());
        OwnerAliasRow row{.normalised_name = risk::NormaliseOwnerName(alias.owner_name()),
                          .owner_name = std::string(absl::StripAsciiWhitespace(alias.owner_name())),
                          .provider_id = alias.provider_id(),
                          .created_by = scope.principal().id,
                          .created_at = ""};
        absl::StatusOr<OwnerAliasRow> stored = store_.PutOwnerAlias(row);
        // The store checks the provider in the same transaction as the write.
        if (absl::IsNotFound(stored.status())) return Invalid("alias.provider_id", "unknown provider");
        if (!stored.ok()) return codec::ToGrpcStatus(stored.status());
        ToProto(*stored, response);
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* OversightService::DeleteOwnerAlias(
    grpc::CallbackServerContext* context, const v1::DeleteOwnerAliasRequest* request,
    v1::DeleteOwnerAliasResponse* response) {
  return RunUnaryCall(context, Operation::kDeleteOwnerAlias,
                      ResourceRef::ForObject(OwnerAliasObject(request->owner_name())),
                      [this, request, response](CallScope&) {
                        risk::Violations violations;
                        CheckName(violations, "owner_name", request->owner_name(),
                                  /*is_owner_name=*/true);
                        if (!violations.empty()) return codec::ToGrpcStatus(violations.ToStatus());
                        absl::StatusOr<bool> deleted =
                            store_.DeleteOwnerAlias(risk::NormaliseOwnerName(request->owner_name()));
                        if (!deleted.ok()) return codec::ToGrpcStatus(deleted.status());
                        response->set_deleted(*deleted);
                        return grpc::Status::OK;
                      });
}

grpc::ServerUnaryReactor* OversightService::ListOwnerAliases(grpc::CallbackServerContext* context,
                                                             const v1::ListOwnerAliasesRequest*,
                                                             v1::ListOwnerAliasesResponse* response) {
  return RunUnaryCall(context, Operation::kListOwnerAliases, ResourceRef::ForObject("owner_aliases"),
                      [this, response](CallScope&) {
                        absl::StatusOr<std::vector<OwnerAliasRow>> aliases = store_.ListOwnerAliases();
                        if (!aliases.ok()) return codec::ToGrpcStatus(aliases.status());
                        for (const OwnerAliasRow& row : *aliases) ToProto(row, response->add_aliases());
                        return grpc::Status::OK;
                      });
}

grpc::ServerUnaryReactor* OversightService::ReplaceUnmatchedOwners(
    grpc::CallbackServerContext* context, const v1::ReplaceUnmatchedOwnersRequest* request,
    v1::ReplaceUnmatchedOwnersResponse* response) {
  return RunUnaryCall(
      context, Operation::kReplaceUnmatchedOwners,
      ResourceRef::ForObject(absl::StrCat("unmatched_owners/", request->source())),
      [this, request, response](CallScope&) {
        absl::StatusOr<std::vector<UnmatchedOwnerRow>> rows = UnmatchedOwnerRows(*request);
        if (!rows.ok()) return codec::ToGrpcStatus(rows.status());
        absl::StatusOr<int> stored = store_.ReplaceUnmatchedOwners(request->source(), *rows);
        if (!stored.ok()) return codec::ToGrpcStatus(stored.status());
        response->set_stored(*stored);
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* OversightService::ListUnmatchedOwners(
    grpc::CallbackServerContext* context, const v1::ListUnmatchedOwnersRequest* request,
    v1::ListUnmatchedOwnersResponse* response) {
  return RunUnaryCall(context, Operation::kListUnmatchedOwners,
                      ResourceRef::ForObject(request->source().empty()
                                                 ? std::string("unmatched_owners")
                                                 : absl::StrCat("unmatched_owners/", request->source())),
                      [this, request, response](CallScope&) {
                        absl::StatusOr<std::vector<UnmatchedOwnerRow>> owners =
                            store_.ListUnmatchedOwners(request->source());
                        if (!owners.ok()) return codec::ToGrpcStatus(owners.status());
                        for (const UnmatchedOwnerRow& row : *owners) ToProto(row, response->add_owners());
                        return grpc::Status::OK;
                      });
}

}  // namespace oversight::server
