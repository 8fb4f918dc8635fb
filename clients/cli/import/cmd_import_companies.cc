// oversight import companies FILE...: saved Companies House API responses
// (company profile, persons with significant control, filing history) into
// the providers' records; then the affected providers are re-scored so that a
// company in administration or with overdue accounts raises its alert at once
// (docs/import.md).

#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clients/cli/bulk_submit.h"
#include "clients/cli/cli_support.h"
#include "clients/cli/command.h"
#include "clients/cli/exit_codes.h"
#include "clients/cli/flags.h"
#include "clients/cli/import/import_summary.h"
#include "clients/cli/import/input_file.h"
#include "clients/cli/import/known_companies.h"
#include "clients/import/companies/companies_house_response.h"
#include "proto/codec/codec.h"
#include "risk/domain/iso_date.h"

namespace oversight::client {
namespace {

namespace v1 = ::oversight::v1;

// Everything read about one company, from however many files.
struct CompanyResponses {
  std::optional<companies::CompanyProfile> profile;
  std::optional<companies::PersonsWithSignificantControl> psc;
  std::optional<companies::FilingHistory> filings;
  std::vector<std::string> sources;
};


// The provider record after applying what Companies House says. The parent
// link: a corporate owner of more than half the company that is itself a
// known provider puts the company in that provider's group.
v1::Provider Updated(const v1::Provider& current, const CompanyResponses& company, const KnownCompanies& known,
                     ImportSummary& summary) {
  absl::StatusOr<risk::Provider> domain = codec::FromProto(current);
  if (!domain.ok()) return current;  // the stored record always decodes; keep it as it is if not
  risk::Provider p = *std::move(domain);
  if (company.profile) {
    p.company_status = company.profile->status;
    p.accounts_overdue_at_companies_house = company.profile->accounts_overdue;
    p.next_accounts_due = company.profile->next_accounts_due;
  }
  if (company.psc) {
    const std::optional<companies::CorporateController> parent = companies::ParentCompany(*company.psc);
    p.parent_company_number = parent ? parent->registration_number : std::string();
    if (parent) {
      if (const v1::Provider* parent_provider = known.FindByNumber(parent->registration_number)) {
        if (parent_provider->provider_id() != p.provider_id) p.parent_group = KnownCompanies::GroupOf(*parent_provider);
      } else {
        summary.Note(company.sources.front(),
                     absl::StrCat("parent ", parent->name, " (", parent->registration_number,
                                  ") is not a known provider: group left as it was"));
      }
    }
  }
  v1::Provider updated = codec::ToProto(p);
  updated.mutable_provenance()->set_source(absl::StrCat("companies house: ", company.sources.front()));
  return updated;
}

// A subsidiary the store does not know yet, whose parent it does: registered
// as a provider in the parent's group (issue #12: "every subsidiary of a
// known group").
std::optional<v1::Provider> NewSubsidiary(const std::string& number, const CompanyResponses& company,
                                          const KnownCompanies& known) {
  if (!company.psc) return std::nullopt;
  const std::optional<companies::CorporateController> parent = companies::ParentCompany(*company.psc);
  if (!parent) return std::nullopt;
  const v1::Provider* parent_provider = known.FindByNumber(parent->registration_number);
  if (parent_provider == nullptr) return std::nullopt;
  v1::Provider p;
  p.set_provider_id(absl::StrCat("CH", number));
  p.set_name(company.profile && !company.profile->company_name.empty() ? company.profile->company_name
                                                                        : absl::StrCat("Company ", number));
  p.set_companies_house_number(number);
  p.set_kind(parent_provider->kind());
  p.set_ownership(parent_provider->ownership());
  p.set_parent_group(KnownCompanies::GroupOf(*parent_provider));
  p.set_company_status(v1::COMPANY_STATUS_ACTIVE);
  return p;
}

}  // namespace

int RunImportCompanies(const CommandContext& context) {
  ImportSummary summary;
  std::map<std::string, CompanyResponses> by_number;
  for (const std::string& path : context.args) {
    ++summary.documents_read;
    const std::optional<std::string> bytes = ReadWholeFile(path);
    if (!bytes) {
      summary.Fail(path, "cannot read the file");
      continue;
    }
    absl::StatusOr<companies::CompaniesHouseResponse> response =
        companies::ReadCompaniesHouseResponse(BaseName(path), *bytes);
    if (!response.ok()) {
      summary.Fail(path, std::string(response.status().message()));
      continue;
    }
    std::visit(
        [&](auto& r) {
          CompanyResponses& company = by_number[r.company_number];
          company.sources.push_back(BaseName(path));
          using T = std::decay_t<decltype(r)>;
          if constexpr (std::is_same_v<T, companies::CompanyProfile>) {
            company.profile = std::move(r);
          } else if constexpr (std::is_same_v<T, companies::PersonsWithSignificantControl>) {
            company.psc = std::move(r);
          } else {
            company.filings = std::move(r);
          }
        },
        *response);
  }

  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  absl::StatusOr<KnownCompanies> known = FetchKnownCompanies(*connection);
  if (!known.ok()) {
    std::cerr << "oversight import companies: " << known.status().message() << "\n";
    return kExitPartial;
  }

  const std::string run_id = NewRunId("import-companies");
  std::vector<v1::SubmitRequest> requests;
  std::vector<std::string> sources;
  std::set<std::string> affected;
  auto submit = [&](v1::Provider provider, const std::string& source) {
    v1::SubmitRequest& request = requests.emplace_back();
    request.set_idempotency_key(absl::StrCat(run_id, "/", requests.size() - 1));
    affected.insert(provider.provider_id());
    *request.mutable_record()->mutable_provider() = std::move(provider);
    sources.push_back(source);
  };
  for (const auto& [number, company] : by_number) {
    const v1::Provider* current = known->FindByNumber(number);
    if (current == nullptr) {
      if (std::optional<v1::Provider> subsidiary = NewSubsidiary(number, company, *known)) {
        ++summary.documents_imported;
        submit(Updated(*subsidiary, company, *known, summary), company.sources.front());
      } else {
        summary.Skip("company not known to the store (and no known parent)");
      }
      continue;
    }
    ++summary.documents_imported;
    if (company.filings && !company.filings->accounts_filings.empty()) {
      const auto& latest = company.filings->accounts_filings.front();
      summary.Note(company.sources.front(), absl::StrCat("latest accounts filed ", risk::FormatIsoDate(latest.date),
                                                         " (", latest.description, ")"));
    }
    submit(Updated(*current, company, *known, summary), company.sources.front());
  }

  if (!absl::GetFlag(FLAGS_dry_run) && !requests.empty()) {
    const BulkOutcome outcome = SubmitWithRetry(*connection, requests, "import companies", false);
    if (!outcome.status.ok()) return ReportRpcError("import companies", outcome.status);
    summary.stored = outcome.response.stored();
    summary.unchanged = outcome.response.unchanged();
    for (const Rejection& r : RejectionsOf(outcome.response, sources)) {
      summary.Fail(r.source, r.field.empty() ? r.reason : absl::StrCat(r.field, ": ", r.reason));
    }
    // Re-score what changed, so that failure events and overdue accounts
    // reach the alert stream now rather than at the next nightly run.
    if (!absl::GetFlag(FLAGS_no_rescore) && outcome.response.stored() > 0) {
      for (const std::string& provider_id : affected) {
        v1::RescoreRequest rescore;
        rescore.set_provider_id(provider_id);
        rescore.set_as_of(absl::GetFlag(FLAGS_as_of));
        v1::RescoreResponse response;
        auto call = connection->NewContext(kQueryTimeout);
        const grpc::Status status = connection->stub().Rescore(call.get(), rescore, &response);
        if (!status.ok()) {
          summary.Fail(provider_id, absl::StrCat("re-score: ", status.error_message()));
          continue;
        }
        for (const v1::Alert& alert : response.new_alerts()) {
          summary.Note(provider_id, absl::StrCat("alert ", alert.sequence(), ": ", alert.title()));
        }
      }
    }
  }
  summary.Print(std::cout, context.options.format, "companies");
  return summary.failed.empty() ? kExitOk : kExitPartial;
}

}  // namespace oversight::client
