// oversight providers | show | explain | history: the ranked market and one
// provider's assessments.

#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/cli/cli_support.h"
#include "clients/cli/command.h"
#include "clients/cli/connection.h"
#include "clients/cli/exit_codes.h"
#include "clients/cli/flags.h"
#include "clients/cli/proto_text.h"
#include "clients/cli/table.h"
#include "clients/records/record_fields.h"

namespace oversight::client {
namespace {

namespace v1 = oversight::v1;

Table AssessmentHeadlines(const v1::Assessment& a) {
  Table table;
  table.Column("figure", "figure").Column("value", "value");
  table.Row({TextCell("rating"), TextCell(RatingName(a.rating()))});
  table.Row({TextCell("likelihood"), TextCell(BandName(a.likelihood()))});
  table.Row({TextCell("impact"), TextCell(BandName(a.impact()))});
  table.Row({TextCell("one-year PD"), PercentCell(a.pd_one_year(), 2)});
  table.Row({TextCell("EBITDA margin"), PercentCell(OptionalOf(a, &v1::Assessment::has_ebitda_margin, &v1::Assessment::ebitda_margin))});
  table.Row({TextCell("operating margin"), PercentCell(OptionalOf(a, &v1::Assessment::has_operating_margin, &v1::Assessment::operating_margin))});
  table.Row({TextCell("ROCE"), PercentCell(OptionalOf(a, &v1::Assessment::has_roce, &v1::Assessment::roce))});
  table.Row({TextCell("excess profit (GBP)"), MoneyCell(OptionalOf(a, &v1::Assessment::has_excess_profit, &v1::Assessment::excess_profit))});
  table.Row({TextCell("net debt (GBP)"), MoneyCell(OptionalOf(a, &v1::Assessment::has_net_debt, &v1::Assessment::net_debt))});
  table.Row({TextCell("net debt / EBITDA"), LeverageCell(OptionalOf(a, &v1::Assessment::has_net_debt_to_ebitda, &v1::Assessment::net_debt_to_ebitda))});
  table.Row({TextCell("interest cover"), MultipleCell(OptionalOf(a, &v1::Assessment::has_interest_cover, &v1::Assessment::interest_cover))});
  table.Row({TextCell("fixed-charge cover"), MultipleCell(OptionalOf(a, &v1::Assessment::has_fixed_charge_cover, &v1::Assessment::fixed_charge_cover))});
  table.Row({TextCell("liquidity headroom (GBP)"), MoneyCell(OptionalOf(a, &v1::Assessment::has_liquidity_headroom, &v1::Assessment::liquidity_headroom))});
  table.Row({TextCell("debt maturing in 12 months (GBP)"), MoneyCell(a.debt_maturing_12m())});
  table.Row({TextCell("Altman Z''"), TextCell(a.has_altman_z2() ? absl::StrCat(NumberCell(a.altman_z2()).text, " (", a.altman_zone(), ")") : "-")});
  table.Row({TextCell("Ohlson PD"), PercentCell(OptionalOf(a, &v1::Assessment::has_ohlson_pd, &v1::Assessment::ohlson_pd), 2)});
  table.Row({TextCell("Merton PD"), PercentCell(OptionalOf(a, &v1::Assessment::has_merton_pd, &v1::Assessment::merton_pd), 2)});
  table.Row({TextCell("children placed"), IntCell(a.children_placed())});
  table.Row({TextCell("registered places"), IntCell(a.registered_places())});
  table.Row({TextCell("local authorities served"), IntCell(a.local_authorities_served())});
  table.Row({TextCell("authorities dependent"), IntCell(a.local_authorities_dependent())});
  table.Row({TextCell("in oversight scope"), BoolCell(a.in_oversight_scope())});
  std::vector<std::string> flags;
  if (a.going_concern_uncertainty()) flags.push_back("going-concern uncertainty");
  if (a.negative_net_tangible_assets()) flags.push_back("negative net tangible assets");
  if (a.accounts_overdue()) flags.push_back("accounts overdue");
  if (a.business_failure()) flags.push_back("business failure");
  if (a.insufficient_data()) flags.push_back("insufficient data");
  table.Row({TextCell("flags"), TextCell(flags.empty() ? "none" : absl::StrJoin(flags, ", "))});
  for (const std::string& reason : a.insufficient_data_reasons()) {
    table.Row({TextCell("insufficient data"), TextCell(reason)});
  }
  return table;
}

}  // namespace

int RunProviders(const CommandContext& context) {
  v1::ListProvidersRequest request;
  v1::ProviderKind kind{};
  v1::Ownership ownership{};
  v1::Region region{};
  v1::Rating rating{};
  if (!ParseEnumOption("kind", absl::GetFlag(FLAGS_kind), &kind) ||
      !ParseEnumOption("ownership", absl::GetFlag(FLAGS_ownership), &ownership) ||
      !ParseEnumOption("region", absl::GetFlag(FLAGS_region), &region) ||
      !ParseEnumOption("rating", absl::GetFlag(FLAGS_rating), &rating)) {
    return kExitUsage;
  }
  request.set_kind(kind);
  request.set_ownership(ownership);
  request.set_region(region);
  request.set_rating(rating);
  request.set_local_authority(absl::GetFlag(FLAGS_local_authority));
  const int limit = absl::GetFlag(FLAGS_limit);
  if (limit < 0) {
    std::cerr << "oversight providers: --limit must not be negative\n";
    return kExitUsage;
  }
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;

  Table table;
  table.Column("rank", "rank", true)
      .Column("provider_id", "provider")
      .Column("name", "name")
      .Column("rating", "rating")
      .Column("pd_one_year", "PD", true)
      .Column("net_debt_to_ebitda", "net debt/EBITDA", true)
      .Column("interest_cover", "interest cover", true)
      .Column("operating_margin", "op. margin", true)
      .Column("children_placed", "children", true)
      .Column("insufficient_data", "insufficient data");
  int rows = 0;
  // Pages of 500 (the API's maximum) until the server says there are no more.
  do {
    request.set_page_size(limit > 0 ? std::min(500, limit - rows) : 500);
    v1::ListProvidersResponse response;
    auto call = connection->NewContext(kQueryTimeout);
    grpc::Status status = connection->stub().ListProviders(call.get(), request, &response);
    if (!status.ok()) return ReportRpcError("providers", status);
    for (const v1::ProviderSummary& p : response.providers()) {
      table.Row({IntCell(p.rank()), TextCell(p.provider_id()), TextCell(p.name()),
                 // A rating that rests on too little data says so in the
                 // ranked list itself, not only in the explanation.
                 // (machine-readable output keeps the plain rating and has
                 // its own insufficient_data column).
                 Cell{p.insufficient_data() ? absl::StrCat(RatingName(p.rating()), " (insufficient data)")
                                            : RatingName(p.rating()),
                      RatingName(p.rating())},
                 PercentCell(p.pd_one_year(), 2),
                 LeverageCell(OptionalOf(p, &v1::ProviderSummary::has_net_debt_to_ebitda, &v1::ProviderSummary::net_debt_to_ebitda)),
                 MultipleCell(OptionalOf(p, &v1::ProviderSummary::has_interest_cover, &v1::ProviderSummary::interest_cover)),
                 PercentCell(OptionalOf(p, &v1::ProviderSummary::has_operating_margin, &v1::ProviderSummary::operating_margin)),
                 IntCell(p.children_placed()), BoolCell(p.insufficient_data())});
      ++rows;
    }
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty() && (limit == 0 || rows < limit));
  table.Print(std::cout, context.options.format);
  return kExitOk;
}

int RunShow(const CommandContext& context) {
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  v1::GetProviderRequest request;
  request.set_provider_id(context.args[0]);
  v1::ProviderView view;
  auto call = connection->NewContext(kQueryTimeout);
  grpc::Status status = connection->stub().GetProvider(call.get(), request, &view);
  if (!status.ok()) return ReportRpcError("show", status);
  if (context.options.format == OutputFormat::kJson) {
    std::cout << ProtoJson(view) << "\n";
    return kExitOk;
  }
  const v1::Provider& p = view.provider();
  Table facts;
  facts.Column("figure", "field").Column("value", "value");
  facts.Row({TextCell("provider"), TextCell(p.provider_id())});
  facts.Row({TextCell("name"), TextCell(p.name())});
  facts.Row({TextCell("companies house number"), TextCell(p.companies_house_number())});
  facts.Row({TextCell("kind"), TextCell(EnumValueName(*v1::ProviderKind_descriptor(), p.kind()))});
  facts.Row({TextCell("ownership"), TextCell(EnumValueName(*v1::Ownership_descriptor(), p.ownership()))});
  facts.Row({TextCell("parent group"), TextCell(p.parent_group())});
  facts.Row({TextCell("company status"), TextCell(EnumValueName(*v1::CompanyStatus_descriptor(), p.company_status()))});
  facts.Row({TextCell("accounts periods"), IntCell(view.accounts_periods())});
  facts.Row({TextCell("facilities"), IntCell(view.facilities())});
  facts.Row({TextCell("settings"), IntCell(view.settings())});
  facts.Row({TextCell("source"), TextCell(absl::StrCat(p.provenance().source(), " (v", p.provenance().version(), ")"))});
  if (view.has_latest_assessment()) {
    facts.Row({TextCell("assessed as of"), TextCell(view.latest_assessment().as_of())});
  }
  facts.Print(std::cout, context.options.format);
  if (!view.has_latest_assessment()) {
    if (context.options.format == OutputFormat::kTable) std::cout << "\nnot yet assessed\n";
    return kExitOk;
  }
  if (context.options.format == OutputFormat::kTable) std::cout << "\n";
  AssessmentHeadlines(view.latest_assessment()).Print(std::cout, context.options.format);
  return kExitOk;
}

int RunExplain(const CommandContext& context) {
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  v1::ExplainAssessmentRequest request;
  request.set_provider_id(context.args[0]);
  request.set_as_of(absl::GetFlag(FLAGS_as_of));
  v1::Assessment a;
  auto call = connection->NewContext(kQueryTimeout);
  grpc::Status status = connection->stub().ExplainAssessment(call.get(), request, &a);
  if (!status.ok()) return ReportRpcError("explain", status);
  if (context.options.format == OutputFormat::kJson) {
    std::cout << ProtoJson(a) << "\n";
    return kExitOk;
  }
  const v1::Explanation& e = a.explanation();
  Table figures;
  figures.Column("key", "figure")
      .Column("value", "value", true)
      .Column("unit", "unit")
      .Column("formula", "formula")
      .Column("source", "source")
      .Column("inputs", "inputs")
      .Column("note", "note");
  for (const v1::ExplainedFigure& f : e.figures()) {
    Cell value = NumberCell(OptionalOf(f, &v1::ExplainedFigure::has_value, &v1::ExplainedFigure::value), 4);
    if (f.has_value() && f.unit() == "GBP") value = MoneyCell(f.value());
    if (f.has_value() && (f.unit() == "percent" || f.unit() == "probability")) value = PercentCell(f.value(), 2);
    std::vector<std::string> inputs(f.inputs().begin(), f.inputs().end());
    figures.Row({TextCell(f.label().empty() ? f.key() : f.label()), value, TextCell(f.unit()), TextCell(f.formula()),
                 TextCell(f.source()), TextCell(absl::StrJoin(inputs, "; ")), TextCell(f.note())});
  }
  if (context.options.format == OutputFormat::kCsv) {
    figures.Print(std::cout, OutputFormat::kCsv);
    return kExitOk;
  }
  std::cout << a.provider_id() << " as of " << a.as_of() << ": " << RatingName(a.rating()) << " (likelihood "
            << BandName(a.likelihood()) << ", impact " << BandName(a.impact()) << "), one-year PD "
            << PercentCell(a.pd_one_year(), 2).text << "\n";
  if (!a.accounts_period_end().empty()) std::cout << "accounts for the period ending " << a.accounts_period_end() << "\n";
  std::cout << "\nWhy\n";
  if (e.reasons().empty()) std::cout << "  (no reasons recorded)\n";
  for (const std::string& reason : e.reasons()) std::cout << "  - " << reason << "\n";
  if (!e.contributions().empty()) {
    std::cout << "\nContributions to the likelihood of failure\n";
    Table contributions;
    contributions.Column("factor", "factor").Column("value", "value", true).Column("contribution", "contribution", true).Column("scale", "scale");
    for (const v1::FactorContribution& c : e.contributions()) {
      contributions.Row({TextCell(c.factor()), NumberCell(c.value(), 4), NumberCell(c.contribution(), 3), TextCell(c.scale())});
    }
    contributions.Print(std::cout, OutputFormat::kTable);
  }
  if (!a.covenants().empty()) {
    std::cout << "\nCovenants\n";
    Table covenants;
    covenants.Column("facility", "facility").Column("covenant", "covenant").Column("limit", "limit", true)
        .Column("actual", "actual", true).Column("headroom", "headroom", true).Column("headroom_ebitda", "headroom (GBP EBITDA)", true)
        .Column("next_test", "next test").Column("breached", "breached");
    for (const v1::CovenantHeadroom& c : a.covenants()) {
      covenants.Row({TextCell(c.facility_id()), TextCell(c.covenant()), MultipleCell(c.limit()),
                     MultipleCell(OptionalOf(c, &v1::CovenantHeadroom::has_actual, &v1::CovenantHeadroom::actual)),
                     MultipleCell(OptionalOf(c, &v1::CovenantHeadroom::has_headroom_ratio, &v1::CovenantHeadroom::headroom_ratio)),
                     MoneyCell(OptionalOf(c, &v1::CovenantHeadroom::has_headroom_ebitda, &v1::CovenantHeadroom::headroom_ebitda)),
                     TextCell(c.next_test_date()), BoolCell(c.breached())});
    }
    covenants.Print(std::cout, OutputFormat::kTable);
  }
  // One block per figure: the formula, source and inputs are sentences, too
  // long for table columns.
  std::cout << "\nFigures\n";
  for (const v1::ExplainedFigure& f : e.figures()) {
    Cell value = NumberCell(OptionalOf(f, &v1::ExplainedFigure::has_value, &v1::ExplainedFigure::value), 4);
    if (f.has_value() && f.unit() == "GBP") value = MoneyCell(f.value());
    if (f.has_value() && (f.unit() == "percent" || f.unit() == "probability")) value = PercentCell(f.value(), 2);
    std::cout << "  " << (f.label().empty() ? f.key() : f.label()) << ": " << value.text;
    if (f.has_value() && !f.unit().empty() && f.unit() != "percent" && f.unit() != "probability") {
      std::cout << " " << f.unit();
    }
    std::cout << "\n";
    if (!f.formula().empty()) std::cout << "      formula: " << f.formula() << "\n";
    if (!f.source().empty()) std::cout << "      source:  " << f.source() << "\n";
    for (const std::string& input : f.inputs()) std::cout << "      input:   " << input << "\n";
    if (!f.note().empty()) std::cout << "      note:    " << f.note() << "\n";
  }
  return kExitOk;
}

int RunHistory(const CommandContext& context) {
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  v1::GetAssessmentHistoryRequest request;
  request.set_provider_id(context.args[0]);
  request.set_limit(absl::GetFlag(FLAGS_limit));
  v1::AssessmentHistory history;
  auto call = connection->NewContext(kQueryTimeout);
  grpc::Status status = connection->stub().GetAssessmentHistory(call.get(), request, &history);
  if (!status.ok()) return ReportRpcError("history", status);
  if (context.options.format == OutputFormat::kJson) {
    std::cout << ProtoJson(history) << "\n";
    return kExitOk;
  }
  Table table;
  table.Column("as_of", "as of").Column("rating", "rating").Column("score", "score", true)
      .Column("pd_one_year", "PD", true).Column("net_debt_to_ebitda", "net debt/EBITDA", true)
      .Column("interest_cover", "interest cover", true).Column("accounts_period_end", "accounts to")
      .Column("computed_at", "computed at");
  for (const v1::Assessment& a : history.assessments()) {
    table.Row({TextCell(a.as_of()), TextCell(RatingName(a.rating())), NumberCell(a.score(), 3), PercentCell(a.pd_one_year(), 2),
               LeverageCell(OptionalOf(a, &v1::Assessment::has_net_debt_to_ebitda, &v1::Assessment::net_debt_to_ebitda)),
               MultipleCell(OptionalOf(a, &v1::Assessment::has_interest_cover, &v1::Assessment::interest_cover)),
               TextCell(a.accounts_period_end()), TextCell(a.computed_at())});
  }
  table.Print(std::cout, context.options.format);
  return kExitOk;
}

}  // namespace oversight::client
