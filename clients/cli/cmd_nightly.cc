// oversight nightly: the scheduled re-scoring of the whole market.

#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "clients/cli/cli_support.h"
#include "clients/cli/command.h"
#include "clients/cli/exit_codes.h"
#include "clients/cli/flags.h"
#include "clients/cli/proto_text.h"
#include "clients/cli/table.h"
#include "nlohmann/json.hpp"
#include "proto/codec/status_codec.h"

namespace oversight::client {
namespace {

namespace v1 = oversight::v1;

std::string Rfc3339Now() { return absl::FormatTime(absl::RFC3339_sec, absl::Now(), absl::UTCTimeZone()); }

// The report a scheduler keeps: what was scored, what changed, what failed.
nlohmann::json Report(const v1::RescoreResponse& response, const std::string& server,
                      const std::string& started_at) {
  nlohmann::json failures = nlohmann::json::array();
  for (const auto& failure : response.failures()) {
    nlohmann::json violations = nlohmann::json::array();
    for (const risk::FieldViolation& v : codec::FieldViolationsOf(failure.error())) {
      violations.push_back({{"field", v.field}, {"reason", v.reason}});
    }
    failures.push_back({{"provider_id", failure.provider_id()},
                        {"code", StatusCodeName(static_cast<grpc::StatusCode>(failure.error().code()))},
                        {"message", failure.error().message()},
                        {"violations", violations}});
  }
  nlohmann::json changes = nlohmann::json::array();
  for (const auto& change : response.rating_changes()) {
    changes.push_back({{"provider_id", change.provider_id()},
                       {"from", change.from() == v1::RATING_UNSPECIFIED ? nlohmann::json(nullptr)
                                                                       : nlohmann::json(RatingName(change.from()))},
                       {"to", RatingName(change.to())}});
  }
  nlohmann::json alerts = nlohmann::json::array();
  for (const v1::Alert& alert : response.new_alerts()) {
    alerts.push_back(nlohmann::json::parse(ProtoJson(alert, /*one_line=*/true)));
  }
  return {{"as_of", response.as_of()},
          {"server", server},
          {"started_at", started_at},
          {"finished_at", Rfc3339Now()},
          {"assessed", response.assessed()},
          {"unchanged", response.unchanged()},
          {"failed", response.failures_size()},
          {"failures", failures},
          {"rating_changes", changes},
          {"new_alerts", alerts}};
}

}  // namespace

int RunNightly(const CommandContext& context) {
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  const std::string started_at = Rfc3339Now();
  v1::RescoreRequest request;
  request.set_as_of(absl::GetFlag(FLAGS_as_of));
  request.set_provider_id(absl::GetFlag(FLAGS_provider));
  v1::RescoreResponse response;
  auto call = connection->NewContext(kBatchTimeout);
  grpc::Status status = connection->stub().Rescore(call.get(), request, &response);
  if (!status.ok()) return ReportRpcError("nightly", status);

  const nlohmann::json report = Report(response, context.options.server, started_at);
  const std::string report_path = absl::GetFlag(FLAGS_report);
  if (!report_path.empty()) {
    absl::Status written = WriteFileAtomically(report_path, report.dump(2) + "\n");
    if (!written.ok()) {
      std::cerr << "oversight nightly: cannot write --report: " << written.message() << "\n";
      return kExitPartial;
    }
  }

  switch (context.options.format) {
    case OutputFormat::kJson:
      std::cout << report.dump(2) << "\n";
      break;
    case OutputFormat::kCsv: {
      Table table;
      table.Column("provider_id", "provider").Column("from", "from").Column("to", "to");
      for (const auto& change : response.rating_changes()) {
        table.Row({TextCell(change.provider_id()), TextCell(change.from() == v1::RATING_UNSPECIFIED ? "" : RatingName(change.from())),
                   TextCell(RatingName(change.to()))});
      }
      table.Print(std::cout, OutputFormat::kCsv);
      break;
    }
    case OutputFormat::kTable: {
      std::cout << "rescored as of " << response.as_of() << ": assessed " << response.assessed() << ", unchanged "
                << response.unchanged() << ", failed " << response.failures_size() << "\n";
      if (response.rating_changes_size() > 0) {
        std::cout << "\nRating changes\n";
        Table table;
        table.Column("provider_id", "provider").Column("from", "from").Column("to", "to");
        for (const auto& change : response.rating_changes()) {
          table.Row({TextCell(change.provider_id()),
                     TextCell(change.from() == v1::RATING_UNSPECIFIED ? "(first assessment)" : RatingName(change.from())),
                     TextCell(RatingName(change.to()))});
        }
        table.Print(std::cout, OutputFormat::kTable);
      } else {
        std::cout << "no rating changes\n";
      }
      std::cout << "\n" << response.new_alerts_size() << " new alert" << (response.new_alerts_size() == 1 ? "" : "s") << "\n";
      for (const v1::Alert& alert : response.new_alerts()) std::cout << "  " << AlertLine(alert) << "\n";
      if (response.failures_size() > 0) {
        std::cout << "\nFailed to score\n";
        for (const auto& failure : response.failures()) {
          std::cout << "  " << failure.provider_id() << ": " << failure.error().message() << "\n";
          for (const risk::FieldViolation& v : codec::FieldViolationsOf(failure.error())) {
            std::cout << "    " << v.field << ": " << v.reason << "\n";
          }
        }
      }
      if (!report_path.empty()) std::cout << "\nreport written to " << report_path << "\n";
      break;
    }
  }
  return response.failures_size() > 0 ? kExitPartial : kExitOk;
}

}  // namespace oversight::client
