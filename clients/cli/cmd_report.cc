// oversight report --out DIR: the state-of-the-market report (issue #7 item
// 4; the CMA's recommended annual state-of-the-sector review). Gathers every
// provider's latest assessment and each region's concentration from the
// server, then writes the HTML page, its SVG charts and CSV figures
// (clients/cli/report) into DIR.

#include <filesystem>
#include <iostream>
#include <string>
#include <system_error>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "clients/cli/cli_support.h"
#include "clients/cli/command.h"
#include "clients/cli/connection.h"
#include "clients/cli/exit_codes.h"
#include "clients/cli/proto_text.h"
#include "clients/cli/report/market_data.h"
#include "clients/cli/report/market_report.h"
#include "nlohmann/json.hpp"
#include "risk/domain/region.h"

ABSL_FLAG(std::string, out, "", "the directory to write the report into (created if missing)");

namespace oversight::client {
namespace {

namespace v1 = oversight::v1;

report::Rating RatingOf(v1::Rating rating) {
  switch (rating) {
    case v1::RATING_AMBER: return report::Rating::kAmber;
    case v1::RATING_RED: return report::Rating::kRed;
    case v1::RATING_BLACK: return report::Rating::kBlack;
    default: return report::Rating::kGreen;
  }
}

report::ProviderKind KindOf(v1::ProviderKind kind) {
  switch (kind) {
    case v1::PROVIDER_KIND_INDEPENDENT_FOSTERING_AGENCY: return report::ProviderKind::kIndependentFosteringAgency;
    case v1::PROVIDER_KIND_BOTH: return report::ProviderKind::kBoth;
    default: return report::ProviderKind::kChildrensHomes;
  }
}

report::ProviderFigures FiguresOf(const v1::ProviderSummary& s) {
  report::ProviderFigures f;
  f.provider_id = s.provider_id();
  f.name = s.name();
  f.kind = KindOf(s.kind());
  f.rating = RatingOf(s.rating());
  f.as_of = s.as_of();
  f.pd_one_year = s.pd_one_year();
  f.operating_margin = OptionalOf(s, &v1::ProviderSummary::has_operating_margin, &v1::ProviderSummary::operating_margin);
  f.ebitda_margin = OptionalOf(s, &v1::ProviderSummary::has_ebitda_margin, &v1::ProviderSummary::ebitda_margin);
  f.net_debt_to_ebitda =
      OptionalOf(s, &v1::ProviderSummary::has_net_debt_to_ebitda, &v1::ProviderSummary::net_debt_to_ebitda);
  f.interest_cover = OptionalOf(s, &v1::ProviderSummary::has_interest_cover, &v1::ProviderSummary::interest_cover);
  f.children_placed = s.children_placed();
  f.in_oversight_scope = s.in_oversight_scope();
  return f;
}

// Every ranked provider, a page of 500 (the API's maximum) at a time.
grpc::Status ListAll(const Connection& connection, std::vector<v1::ProviderSummary>* out) {
  v1::ListProvidersRequest request;
  request.set_page_size(500);
  do {
    v1::ListProvidersResponse response;
    auto call = connection.NewContext(kQueryTimeout);
    grpc::Status status = connection.stub().ListProviders(call.get(), request, &response);
    if (!status.ok()) return status;
    for (v1::ProviderSummary& s : *response.mutable_providers()) out->push_back(std::move(s));
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return grpc::Status::OK;
}

// The flags the summary does not carry (negative net tangible assets, the
// regions placed from) come with the provider's latest assessment.
grpc::Status AddAssessmentFlags(const Connection& connection, report::ProviderFigures* figures) {
  v1::GetProviderRequest request;
  request.set_provider_id(figures->provider_id);
  v1::ProviderView view;
  auto call = connection.NewContext(kQueryTimeout);
  grpc::Status status = connection.stub().GetProvider(call.get(), request, &view);
  if (!status.ok()) return status;
  const v1::Assessment& a = view.latest_assessment();
  figures->negative_net_tangible_assets = a.negative_net_tangible_assets();
  for (int region : a.regions()) figures->regions.push_back(RegionName(static_cast<v1::Region>(region)));
  return grpc::Status::OK;
}

grpc::Status RegionConcentrations(const Connection& connection, const std::string& as_of,
                                  std::vector<report::RegionConcentration>* out) {
  for (risk::Region region : risk::kAllRegions) {
    v1::GetConcentrationRequest request;
    // The proto numbers the regions 1..9 in the order of risk::kAllRegions.
    request.set_region(static_cast<v1::Region>(static_cast<int>(region) + 1));
    request.set_as_of(as_of);
    v1::Concentration concentration;
    auto call = connection.NewContext(kQueryTimeout);
    grpc::Status status = connection.stub().GetConcentration(call.get(), request, &concentration);
    report::RegionConcentration r;
    r.region = std::string(risk::RegionName(region));
    r.label = std::string(risk::RegionLabel(region));
    // A region where no provider places children is an empty row, not a failure.
    if (!status.ok() && status.error_code() != grpc::StatusCode::NOT_FOUND) return status;
    if (status.ok()) {
      r.children_placed = concentration.children_placed();
      r.hhi = concentration.hhi();
      r.top4_share = concentration.top4_share();
      for (const v1::ProviderShare& s : concentration.shares()) {
        r.shares.push_back({s.provider_id(), s.name(), s.children_placed(), s.share()});
      }
    }
    out->push_back(std::move(r));
  }
  return grpc::Status::OK;
}

}  // namespace

int RunReport(const CommandContext& context) {
  const std::string out_dir = absl::GetFlag(FLAGS_out);
  if (out_dir.empty()) {
    std::cerr << "oversight report: --out DIR is required\n";
    return kExitUsage;
  }
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;

  std::vector<v1::ProviderSummary> summaries;
  if (grpc::Status status = ListAll(*connection, &summaries); !status.ok()) {
    return ReportRpcError("report: list providers", status);
  }
  if (summaries.empty()) {
    std::cerr << "oversight report: no provider has been assessed yet; run `oversight nightly` first\n";
    return kExitNotFound;
  }
  report::MarketData market;
  market.source = context.options.server;
  market.generated_at = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone());
  for (const v1::ProviderSummary& s : summaries) {
    report::ProviderFigures figures = FiguresOf(s);
    if (grpc::Status status = AddAssessmentFlags(*connection, &figures); !status.ok()) {
      return ReportRpcError(absl::StrCat("report: provider ", s.provider_id()), status);
    }
    // ISO dates compare as strings.
    if (figures.as_of > market.as_of) market.as_of = figures.as_of;
    market.providers.push_back(std::move(figures));
  }
  if (grpc::Status status = RegionConcentrations(*connection, market.as_of, &market.regions); !status.ok()) {
    return ReportRpcError("report: concentration", status);
  }

  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) {
    std::cerr << "oversight report: --out " << out_dir << ": " << error.message() << "\n";
    return kExitUsage;
  }
  const std::vector<report::ReportFile> files = report::BuildMarketReport(market);
  nlohmann::json written = nlohmann::json::array();
  for (const report::ReportFile& file : files) {
    const std::string path = (std::filesystem::path(out_dir) / file.name).string();
    if (absl::Status status = WriteFileAtomically(path, file.contents); !status.ok()) {
      std::cerr << "oversight report: " << status.message() << "\n";
      return kExitPartial;
    }
    written.push_back(path);
  }
  const std::string page = (std::filesystem::path(out_dir) / report::kReportPage).string();
  if (context.options.format == OutputFormat::kJson) {
    std::cout << nlohmann::json{{"report", page},
                                {"as_of", market.as_of},
                                {"providers", market.providers.size()},
                                {"files", written}}
                     .dump()
              << "\n";
  } else {
    std::cout << "state-of-the-market report as of " << market.as_of << " (" << market.providers.size()
              << " providers): " << page << "\n"
              << files.size() - 1 << " chart and figure files beside it in " << out_dir << "\n";
  }
  return kExitOk;
}

}  // namespace oversight::client
