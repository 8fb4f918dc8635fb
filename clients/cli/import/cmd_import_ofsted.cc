// oversight import ofsted FILE.csv...: Ofsted's provider-level files into
// settings of the providers whose owner name matches (alias table first, then
// normalised name); every unmatched or ambiguous owner is recorded in the
// store for the analyst (`oversight ofsted unmatched`), never guessed.
//
// oversight ofsted unmatched | aliases | alias OWNER PROVIDER | unalias OWNER:
// the analyst's side of the same table (docs/import.md).

#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/cli/bulk_submit.h"
#include "clients/cli/cli_support.h"
#include "clients/cli/command.h"
#include "clients/cli/exit_codes.h"
#include "clients/cli/flags.h"
#include "clients/cli/import/import_summary.h"
#include "clients/cli/import/input_file.h"
#include "clients/cli/import/known_companies.h"
#include "clients/cli/table.h"
#include "clients/import/ofsted/ofsted_register.h"
#include "clients/import/ofsted/owner_matching.h"
#include "proto/codec/codec.h"

namespace oversight::client {
namespace {

namespace v1 = ::oversight::v1;


v1::Setting SettingOf(const ofsted::OfstedSettingRow& row, const std::string& provider_id, const std::string& source) {
  risk::Setting s;
  s.provider_id = provider_id;
  s.urn = row.urn;
  s.type = row.type;
  s.name = row.name;
  s.local_authority = row.local_authority;
  s.region = row.region;
  // Ofsted leaves places blank for fostering agencies: 0 is the record's
  // "not applicable" (docs/data-format.md).
  s.registered_places = row.places.value_or(0);
  s.latest_judgement = row.judgement;
  s.owner_name = row.owner_name;
  s.provenance.source = absl::StrCat(source, ":", row.line);
  return codec::ToProto(s);
}

int ReportStatus(absl::string_view what, const grpc::Status& status) { return ReportRpcError(what, status); }

}  // namespace

int RunImportOfsted(const CommandContext& context) {
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  absl::StatusOr<KnownCompanies> known = FetchKnownCompanies(*connection);
  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> aliases =
      known.ok() ? FetchOwnerAliases(*connection) : known.status();
  if (!aliases.ok()) {
    std::cerr << "oversight import ofsted: " << aliases.status().message() << "\n";
    return kExitPartial;
  }
  std::vector<ofsted::OwnerDirectoryEntry> entries;
  for (const v1::Provider& p : known->providers) entries.push_back({p.provider_id(), p.name()});
  const ofsted::OwnerDirectory directory(std::move(entries), *std::move(aliases));

  ImportSummary summary;
  long long unmatched_owners = 0;
  Table unmatched_table;
  unmatched_table.Column("file", "file").Column("owner", "owner").Column("settings", "settings")
      .Column("ambiguous", "ambiguous").Column("candidates", "candidates");
  const std::string run_id = NewRunId("import-ofsted");
  std::size_t request_count = 0;
  for (const std::string& path : context.args) {
    const std::string source = BaseName(path);
    const std::optional<std::string> bytes = ReadWholeFile(path);
    if (!bytes) {
      summary.Fail(path, "cannot read the file");
      continue;
    }
    absl::StatusOr<ofsted::OfstedRegister> file = ofsted::ReadOfstedRegister(source, *bytes);
    if (!file.ok()) {
      summary.Fail(path, std::string(file.status().message()));
      continue;
    }
    for (const std::string& note : file->notes) summary.Note(source, note);
    for (const ofsted::OfstedRowProblem& problem : file->rejected) {
      summary.Fail(absl::StrCat(source, ":", problem.line), absl::StrCat(problem.column, ": ", problem.reason));
    }
    if (file->skipped_out_of_scope > 0) summary.skipped["outside the regime (provision type or sector)"] += file->skipped_out_of_scope;

    std::vector<v1::SubmitRequest> requests;
    std::vector<std::string> sources;
    for (const ofsted::OfstedSettingRow& row : file->settings) {
      ++summary.documents_read;
      // Leavers and closed-homes files list settings that have left the
      // register: they are not live settings of anyone.
      if (!ofsted::IsOnRegister(row)) {
        summary.Skip("no longer on the register (closed, resigned or cancelled)");
        continue;
      }
      const ofsted::OwnerMatch match = directory.Match(row.owner_name);
      if (match.kind != ofsted::OwnerMatch::Kind::kAlias && match.kind != ofsted::OwnerMatch::Kind::kName) {
        summary.Skip(match.kind == ofsted::OwnerMatch::Kind::kAmbiguous ? "owner matches several providers"
                                                                         : "owner not matched to a provider");
        continue;
      }
      ++summary.documents_imported;
      v1::SubmitRequest& request = requests.emplace_back();
      request.set_idempotency_key(absl::StrCat(run_id, "/", request_count++));
      *request.mutable_record()->mutable_setting() = SettingOf(row, match.provider_id, source);
      sources.push_back(absl::StrCat(source, ":", row.line));
    }

    const std::vector<ofsted::UnmatchedOwnerSummary> unmatched = ofsted::SummariseUnmatched(*file, directory);
    unmatched_owners += static_cast<long long>(unmatched.size());
    v1::ReplaceUnmatchedOwnersRequest replace;
    replace.set_source(source);
    for (const ofsted::UnmatchedOwnerSummary& owner : unmatched) {
      v1::UnmatchedOwner* out = replace.add_owners();
      out->set_owner_name(owner.owner_name);
      out->set_ambiguous(owner.ambiguous);
      for (const std::string& c : owner.candidates) out->add_candidate_provider_ids(c);
      out->set_settings(owner.settings);
      for (const std::string& urn : owner.urns) out->add_urns(urn);
      unmatched_table.Row({TextCell(source), TextCell(owner.owner_name), IntCell(owner.settings),
                           BoolCell(owner.ambiguous), TextCell(absl::StrJoin(owner.candidates, " "))});
    }
    if (absl::GetFlag(FLAGS_dry_run)) continue;
    if (!requests.empty()) {
      const BulkOutcome outcome = SubmitWithRetry(*connection, requests, "import ofsted", false);
      if (!outcome.status.ok()) return ReportStatus("import ofsted", outcome.status);
      summary.stored += outcome.response.stored();
      summary.unchanged += outcome.response.unchanged();
      for (const Rejection& r : RejectionsOf(outcome.response, sources)) {
        summary.Fail(r.source, r.field.empty() ? r.reason : absl::StrCat(r.field, ": ", r.reason));
      }
    }
    v1::ReplaceUnmatchedOwnersResponse replaced;
    auto call = connection->NewContext(kQueryTimeout);
    const grpc::Status status = connection->stub().ReplaceUnmatchedOwners(call.get(), replace, &replaced);
    if (!status.ok()) return ReportStatus("import ofsted (unmatched owners)", status);
  }
  summary.Print(std::cout, context.options.format, "ofsted settings");
  if (context.options.format == OutputFormat::kTable && unmatched_owners > 0) {
    std::cout << unmatched_owners << " owner(s) not matched to a provider: add an alias with\n"
              << "  oversight ofsted alias \"OWNER NAME\" PROVIDER_ID   and import again\n";
    unmatched_table.Print(std::cout, OutputFormat::kTable);
  }
  return summary.failed.empty() ? kExitOk : kExitPartial;
}

int RunOfstedUnmatched(const CommandContext& context) {
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  v1::ListUnmatchedOwnersRequest request;
  request.set_source(absl::GetFlag(FLAGS_source));
  v1::ListUnmatchedOwnersResponse response;
  auto call = connection->NewContext(kQueryTimeout);
  const grpc::Status status = connection->stub().ListUnmatchedOwners(call.get(), request, &response);
  if (!status.ok()) return ReportStatus("ofsted unmatched", status);
  Table table;
  table.Column("owner", "owner").Column("settings", "settings").Column("ambiguous", "ambiguous")
      .Column("candidates", "candidates").Column("source", "source").Column("urns", "urns")
      .Column("seen_at", "seen at");
  for (const v1::UnmatchedOwner& o : response.owners()) {
    table.Row({TextCell(o.owner_name()), IntCell(o.settings()), BoolCell(o.ambiguous()),
               TextCell(absl::StrJoin(o.candidate_provider_ids(), " ")), TextCell(o.source()),
               TextCell(absl::StrJoin(o.urns(), " ")), TextCell(o.seen_at())});
  }
  table.Print(std::cout, context.options.format);
  return kExitOk;
}

int RunOfstedAliases(const CommandContext& context) {
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  v1::ListOwnerAliasesResponse response;
  auto call = connection->NewContext(kQueryTimeout);
  const grpc::Status status = connection->stub().ListOwnerAliases(call.get(), v1::ListOwnerAliasesRequest(), &response);
  if (!status.ok()) return ReportStatus("ofsted aliases", status);
  Table table;
  table.Column("owner", "owner").Column("provider", "provider").Column("created_by", "created by")
      .Column("created_at", "created at");
  for (const v1::OwnerAlias& a : response.aliases()) {
    table.Row({TextCell(a.owner_name()), TextCell(a.provider_id()), TextCell(a.created_by()), TextCell(a.created_at())});
  }
  table.Print(std::cout, context.options.format);
  return kExitOk;
}

int RunOfstedAlias(const CommandContext& context) {
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  v1::PutOwnerAliasRequest request;
  request.mutable_alias()->set_owner_name(context.args[0]);
  request.mutable_alias()->set_provider_id(context.args[1]);
  v1::OwnerAlias stored;
  auto call = connection->NewContext(kQueryTimeout);
  const grpc::Status status = connection->stub().PutOwnerAlias(call.get(), request, &stored);
  if (!status.ok()) return ReportStatus("ofsted alias", status);
  std::cout << "alias \"" << stored.owner_name() << "\" -> " << stored.provider_id() << "\n";
  return kExitOk;
}

int RunOfstedUnalias(const CommandContext& context) {
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  v1::DeleteOwnerAliasRequest request;
  request.set_owner_name(context.args[0]);
  v1::DeleteOwnerAliasResponse response;
  auto call = connection->NewContext(kQueryTimeout);
  const grpc::Status status = connection->stub().DeleteOwnerAlias(call.get(), request, &response);
  if (!status.ok()) return ReportStatus("ofsted unalias", status);
  std::cout << (response.deleted() ? "deleted" : "no such alias") << "\n";
  return response.deleted() ? kExitOk : kExitNotFound;
}

}  // namespace oversight::client
