// oversight import accounts PATH...: Companies House accounts (iXBRL .html,
// XBRL .xml, and the bulk zips read in place) into the store, for the
// companies the store knows (docs/import.md).

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "clients/cli/bulk_submit.h"
#include "clients/cli/cli_support.h"
#include "clients/cli/command.h"
#include "clients/cli/exit_codes.h"
#include "clients/cli/flags.h"
#include "clients/cli/import/import_summary.h"
#include "clients/cli/import/input_file.h"
#include "clients/cli/import/known_companies.h"
#include "clients/import/accounts/map_accounts.h"
#include "clients/import/archive/accounts_archive.h"
#include "clients/import/archive/bulk_names.h"
#include "clients/import/companies/company_number.h"
#include "clients/import/xbrl/xbrl_reader.h"
#include "proto/codec/codec.h"

namespace oversight::client {
namespace {

namespace v1 = ::oversight::v1;

// Requests are sent in batches so that a month's archive never sits in
// memory as protos at once.
constexpr std::size_t kBatchRecords = 512;

// Which companies to import: the known ones (default), a list, or all.
class CompanySelection {
 public:
  static absl::StatusOr<CompanySelection> FromFlags() {
    CompanySelection s;
    s.all_ = absl::GetFlag(FLAGS_all);
    const std::string file = absl::GetFlag(FLAGS_companies);
    if (!file.empty()) {
      std::ifstream in(file);
      if (!in) return absl::NotFoundError(absl::StrCat("--companies: cannot read ", file));
      std::string line;
      while (std::getline(in, line)) {
        absl::string_view text = absl::StripAsciiWhitespace(line);
        if (text.empty() || text[0] == '#') continue;
        std::vector<absl::string_view> fields = absl::StrSplit(text, absl::ByAnyChar(",\t "), absl::SkipEmpty());
        s.listed_.insert(companies::PadCompanyNumber(fields[0]));
      }
    }
    return s;
  }
  bool Wants(const std::string& number, const KnownCompanies& known) const {
    return all_ || listed_.contains(number) || known.FindByNumber(number) != nullptr;
  }

 private:
  bool all_ = false;
  absl::flat_hash_set<std::string> listed_;
};

// A company with accounts but no provider record: registered as its own
// provider (only with --all or --companies), kind and ownership from
// --kind/--ownership.
v1::Provider NewProviderFor(const accounts::ImportedAccounts& imported, const std::string& source) {
  v1::Provider p;
  p.set_provider_id(absl::StrCat("CH", imported.company_number));
  p.set_name(imported.company_name.empty() ? absl::StrCat("Company ", imported.company_number)
                                           : imported.company_name);
  p.set_companies_house_number(imported.company_number);
  v1::ProviderKind kind = v1::PROVIDER_KIND_CHILDRENS_HOMES;
  v1::Ownership ownership = v1::OWNERSHIP_OTHER_PRIVATE;
  ParseEnumOption("kind", absl::GetFlag(FLAGS_kind), &kind);
  ParseEnumOption("ownership", absl::GetFlag(FLAGS_ownership), &ownership);
  p.set_kind(kind);
  p.set_ownership(ownership);
  p.set_company_status(v1::COMPANY_STATUS_ACTIVE);
  p.mutable_provenance()->set_source(source);
  return p;
}

class AccountsImport {
 public:
  AccountsImport(const Connection& connection, KnownCompanies known, CompanySelection selection,
                 accounts::ConceptMap concept_map, bool dry_run, bool progress)
      : connection_(connection),
        known_(std::move(known)),
        selection_(std::move(selection)),
        concept_map_(std::move(concept_map)),
        dry_run_(dry_run),
        progress_(progress),
        run_id_(NewRunId("import-accounts")) {}

  absl::Status ImportPath(const std::string& path) {
    // A bulk archive's own date is when Companies House published the
    // filings in it: the filing date the point-in-time rules need.
    const std::optional<risk::Date> published = archive::ParseBulkArchiveDate(BaseName(path));
    archive::ArchiveLimits limits;
    // The member (or file) name carries the company number: documents of
    // companies outside the selection are not even read or decompressed, so
    // a month of the whole country costs only the market's filings.
    limits.wanted = [this](absl::string_view member_name) {
      const std::optional<archive::BulkMemberName> member = archive::ParseBulkMemberName(member_name);
      return !member.has_value() || selection_.Wants(member->company_number, known_);
    };
    return archive::VisitAccountsDocuments(path, limits, [&](archive::AccountsDocumentEntry entry) {
      ImportDocument(entry, published);
    });
  }

  void Flush() {
    if (requests_.empty()) return;
    if (!dry_run_) {
      const BulkOutcome outcome = SubmitWithRetry(connection_, requests_, "import accounts", false);
      if (!outcome.status.ok()) {
        for (const std::string& doc : batch_documents_) {
          summary_.Fail(doc, absl::StrCat("not stored: ", outcome.status.error_message()));
        }
      } else {
        summary_.stored += outcome.response.stored();
        summary_.unchanged += outcome.response.unchanged();
        for (const Rejection& r : RejectionsOf(outcome.response, sources_)) {
          summary_.Fail(r.source, r.field.empty() ? r.reason : absl::StrCat(r.field, ": ", r.reason));
        }
      }
    }
    requests_.clear();
    sources_.clear();
    batch_documents_.clear();
  }

  ImportSummary& summary() { return summary_; }

 private:
  void ImportDocument(const archive::AccountsDocumentEntry& entry, const std::optional<risk::Date>& published) {
    const std::string where = entry.container.empty() ? entry.name : absl::StrCat(entry.container, ":", entry.name);
    ++summary_.documents_read;
    if (progress_ && (entry.ordinal % 64 == 0 || entry.ordinal == entry.entries)) {
      DrawDocumentProgress(summary_, entry.ordinal, entry.entries);
    }
    if (entry.skipped) {
      summary_.Skip("company not known to the store");
      return;
    }
    if (!entry.bytes.ok()) {
      summary_.Fail(where, std::string(entry.bytes.status().message()));
      return;
    }
    absl::StatusOr<xbrl::XbrlDocument> document = xbrl::ParseXbrlDocument(entry.name, *entry.bytes);
    if (!document.ok()) {
      summary_.Fail(where, std::string(document.status().message()));
      return;
    }
    absl::StatusOr<accounts::ImportedAccounts> imported = accounts::MapAccounts(*document, concept_map_);
    if (!imported.ok()) {
      summary_.Fail(where, std::string(imported.status().message()));
      return;
    }
    if (!selection_.Wants(imported->company_number, known_)) {
      summary_.Skip("company not known to the store");
      return;
    }
    if (imported->dormant) {
      summary_.Skip("dormant company");
      return;
    }
    std::vector<v1::SubmitRequest> document_requests;
    const v1::Provider* provider = known_.FindByNumber(imported->company_number);
    std::string provider_id;
    if (provider != nullptr) {
      provider_id = provider->provider_id();
    } else {
      v1::Provider added = NewProviderFor(*imported, where);
      provider_id = added.provider_id();
      v1::SubmitRequest& request = document_requests.emplace_back();
      *request.mutable_record()->mutable_provider() = added;
      // Later documents of the same company in this run find it.
      known_.by_company_number.emplace(imported->company_number, known_.providers.size());
      known_.by_provider_id.emplace(provider_id, known_.providers.size());
      known_.providers.push_back(std::move(added));
    }

    auto add_accounts = [&](risk::Accounts a, bool only_if_absent) -> absl::Status {
      a.provider_id = provider_id;
      a.provenance.source = where;
      if (published && a.period.end != risk::Date() && *published >= a.period.end) a.filing_date = *published;
      v1::Accounts proto = codec::ToProto(a);
      // Validated here so that a document imports all of its records or none.
      if (absl::StatusOr<risk::Accounts> valid = codec::FromProto(proto); !valid.ok()) return valid.status();
      v1::SubmitRequest& request = document_requests.emplace_back();
      *request.mutable_record()->mutable_accounts() = std::move(proto);
      request.set_only_if_absent(only_if_absent);
      return absl::OkStatus();
    };
    absl::Status status = add_accounts(imported->current, false);
    // Comparatives fill the previous period only when it is missing.
    if (status.ok() && imported->prior.has_value()) status = add_accounts(*imported->prior, true);
    if (!status.ok()) {
      summary_.Fail(where, std::string(status.message()));
      return;
    }
    ++summary_.documents_imported;
    for (const std::string& note : imported->notes) summary_.Note(where, note);
    for (v1::SubmitRequest& request : document_requests) {
      request.set_idempotency_key(absl::StrCat(run_id_, "/", request_count_++));
      requests_.push_back(std::move(request));
      sources_.push_back(where);
    }
    batch_documents_.push_back(where);
    if (requests_.size() >= kBatchRecords) Flush();
  }

  const Connection& connection_;
  KnownCompanies known_;
  CompanySelection selection_;
  accounts::ConceptMap concept_map_;
  bool dry_run_;
  bool progress_;
  std::string run_id_;
  std::size_t request_count_ = 0;
  std::vector<v1::SubmitRequest> requests_;
  std::vector<std::string> sources_;
  std::vector<std::string> batch_documents_;
  ImportSummary summary_;
};

}  // namespace

int RunImportAccounts(const CommandContext& context) {
  absl::StatusOr<CompanySelection> selection = CompanySelection::FromFlags();
  if (!selection.ok()) {
    std::cerr << "oversight import accounts: " << selection.status().message() << "\n";
    return kExitUsage;
  }
  absl::StatusOr<accounts::ConceptMap> concept_map = accounts::LoadBuiltInConceptMap();
  if (!concept_map.ok()) {
    std::cerr << "oversight import accounts: " << concept_map.status().message() << "\n";
    return kExitPartial;
  }
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  absl::StatusOr<KnownCompanies> known = FetchKnownCompanies(*connection);
  if (!known.ok()) {
    std::cerr << "oversight import accounts: " << known.status().message() << "\n";
    return kExitPartial;
  }
  const bool progress = context.options.format == OutputFormat::kTable && isatty(STDOUT_FILENO) == 1;
  AccountsImport import(*connection, *std::move(known), *std::move(selection), *std::move(concept_map),
                        absl::GetFlag(FLAGS_dry_run), progress);
  for (const std::string& path : context.args) {
    if (absl::Status status = import.ImportPath(path); !status.ok()) {
      import.summary().Fail(path, std::string(status.message()));
    }
  }
  import.Flush();
  if (progress) ClearDocumentProgress();
  import.summary().Print(std::cout, context.options.format, "accounts");
  return import.summary().failed.empty() ? kExitOk : kExitPartial;
}

}  // namespace oversight::client
