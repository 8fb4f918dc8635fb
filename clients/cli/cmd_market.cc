// oversight concentration | scenarios | stress: market-wide views.

#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/cli_support.h"
#include "clients/cli/command.h"
#include "clients/cli/exit_codes.h"
#include "clients/cli/flags.h"
#include "clients/cli/proto_text.h"
#include "clients/cli/table.h"

namespace oversight::client {

namespace v1 = oversight::v1;

int RunConcentration(const CommandContext& context) {
  v1::GetConcentrationRequest request;
  absl::StatusOr<int> region = ParseEnumValue(*v1::Region_descriptor(), context.args[0]);
  if (region.ok()) {
    request.set_region(static_cast<v1::Region>(*region));
  } else {
    request.set_local_authority(context.args[0]);
  }
  request.set_as_of(absl::GetFlag(FLAGS_as_of));
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  v1::Concentration concentration;
  auto call = connection->NewContext(kQueryTimeout);
  grpc::Status status = connection->stub().GetConcentration(call.get(), request, &concentration);
  if (!status.ok()) return ReportRpcError("concentration", status);
  if (context.options.format == OutputFormat::kJson) {
    std::cout << ProtoJson(concentration) << "\n";
    return kExitOk;
  }
  Table shares;
  shares.Column("provider_id", "provider").Column("name", "name")
      .Column("children_placed", "children", true).Column("share", "share", true);
  for (const v1::ProviderShare& s : concentration.shares()) {
    shares.Row({TextCell(s.provider_id()), TextCell(s.name()), IntCell(s.children_placed()), PercentCell(s.share())});
  }
  if (context.options.format == OutputFormat::kTable) {
    std::cout << concentration.area() << ": " << concentration.children_placed()
              << " children placed, HHI " << NumberCell(concentration.hhi(), 0).text << " (0-10,000), four largest "
              << PercentCell(concentration.top4_share()).text << "\n\n";
  }
  shares.Print(std::cout, context.options.format);
  return kExitOk;
}

int RunScenarios(const CommandContext& context) {
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  v1::ListScenariosResponse response;
  auto call = connection->NewContext(kQueryTimeout);
  grpc::Status status = connection->stub().ListScenarios(call.get(), v1::ListScenariosRequest(), &response);
  if (!status.ok()) return ReportRpcError("scenarios", status);
  Table table;
  table.Column("name", "scenario").Column("sonia_shift_bp", "SONIA shift (bp)", true)
      .Column("occupancy_fall", "occupancy fall", true).Column("fee_growth", "fee growth", true)
      .Column("wage_inflation", "wage inflation", true).Column("description", "description");
  for (const v1::StressScenario& s : response.scenarios()) {
    table.Row({TextCell(s.name()), NumberCell(s.sonia_shift_bp(), 0), PercentCell(s.occupancy_fall()),
               PercentCell(s.fee_growth()), PercentCell(s.wage_inflation()), TextCell(s.description())});
  }
  table.Print(std::cout, context.options.format);
  return kExitOk;
}

int RunStress(const CommandContext& context) {
  v1::RunStressRequest request;
  request.set_scenario(context.args[0]);
  if (context.args.size() > 1) request.set_provider_id(context.args[1]);
  request.set_as_of(absl::GetFlag(FLAGS_as_of));
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  v1::RunStressResponse response;
  auto call = connection->NewContext(kBatchTimeout);
  grpc::Status status = connection->stub().RunStress(call.get(), request, &response);
  if (!status.ok()) return ReportRpcError("stress", status);
  Table table;
  table.Column("provider_id", "provider").Column("baseline_rating", "rating").Column("stressed_rating", "stressed")
      .Column("baseline_pd", "PD", true).Column("stressed_pd", "stressed PD", true)
      .Column("stressed_interest_cover", "stressed cover", true)
      .Column("stressed_liquidity_headroom", "stressed headroom (GBP)", true)
      .Column("covenant_breached", "covenant breached").Column("liquidity_exhausted", "liquidity exhausted")
      .Column("first_break", "first break");
  for (const v1::StressOutcome& o : response.outcomes()) {
    table.Row({TextCell(o.provider_id()), TextCell(RatingName(o.baseline_rating())), TextCell(RatingName(o.stressed_rating())),
               PercentCell(o.baseline_pd(), 2), PercentCell(o.stressed_pd(), 2),
               MultipleCell(OptionalOf(o, &v1::StressOutcome::has_stressed_interest_cover, &v1::StressOutcome::stressed_interest_cover)),
               MoneyCell(OptionalOf(o, &v1::StressOutcome::has_stressed_liquidity_headroom, &v1::StressOutcome::stressed_liquidity_headroom)),
               BoolCell(o.covenant_breached()), BoolCell(o.liquidity_exhausted()), TextCell(o.first_break())});
  }
  table.Print(std::cout, context.options.format);
  return kExitOk;
}

}  // namespace oversight::client
