// oversight alerts tail | list | ack.

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "clients/cli/alert_cursor.h"
#include "clients/cli/cli_support.h"
#include "clients/cli/command.h"
#include "clients/cli/exit_codes.h"
#include "clients/cli/flags.h"
#include "clients/cli/proto_text.h"
#include "clients/cli/table.h"

namespace oversight::client {
namespace {

namespace v1 = oversight::v1;

bool FilterFromFlags(v1::AlertFilter* filter) {
  v1::AlertSeverity severity{};
  v1::Region region{};
  if (!ParseEnumOption("min_severity", absl::GetFlag(FLAGS_min_severity), &severity) ||
      !ParseEnumOption("region", absl::GetFlag(FLAGS_region), &region)) {
    return false;
  }
  filter->set_min_severity(severity);
  filter->set_region(region);
  filter->set_provider_id(absl::GetFlag(FLAGS_provider));
  filter->set_local_authority(absl::GetFlag(FLAGS_local_authority));
  return true;
}

// Errors that reconnecting cannot cure: the request or the credentials are wrong.
bool IsPermanent(grpc::StatusCode code) {
  return code == grpc::StatusCode::INVALID_ARGUMENT || code == grpc::StatusCode::UNAUTHENTICATED ||
         code == grpc::StatusCode::PERMISSION_DENIED || code == grpc::StatusCode::NOT_FOUND ||
         code == grpc::StatusCode::UNIMPLEMENTED || code == grpc::StatusCode::FAILED_PRECONDITION;
}

Table AlertTable() {
  Table table;
  table.Column("sequence", "seq", true).Column("as_of", "as of").Column("severity", "severity")
      .Column("provider_id", "provider").Column("kind", "kind").Column("title", "title")
      .Column("acknowledged_by", "acknowledged by");
  return table;
}

void AddAlertRow(Table& table, const v1::Alert& a) {
  table.Row({IntCell(a.sequence()), TextCell(a.as_of()), TextCell(SeverityName(a.severity())),
             TextCell(a.provider_id()), TextCell(AlertKindName(a.kind())), TextCell(a.title()),
             TextCell(a.acknowledged_by())});
}

}  // namespace

int RunAlertsTail(const CommandContext& context) {
  v1::SubscribeAlertsRequest request;
  if (!FilterFromFlags(request.mutable_filter())) return kExitUsage;
  absl::Duration max_backoff;
  if (!ParseDurationOption("max_backoff", absl::GetFlag(FLAGS_max_backoff), &max_backoff)) return kExitUsage;
  max_backoff = std::max(max_backoff, absl::Milliseconds(100));
  const std::string state = absl::GetFlag(FLAGS_state);
  const std::int64_t count = absl::GetFlag(FLAGS_count);

  std::int64_t last = 0;
  if (absl::GetFlag(FLAGS_from) >= 0) {
    last = absl::GetFlag(FLAGS_from);
  } else if (!state.empty()) {
    absl::StatusOr<std::int64_t> cursor = ReadAlertCursor(state);
    if (!cursor.ok()) {
      std::cerr << "oversight alerts tail: " << cursor.status().message() << "\n";
      return kExitUsage;
    }
    last = *cursor;
  }
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;

  if (context.options.format == OutputFormat::kCsv) {
    std::cout << "sequence,as_of,severity,provider_id,kind,title\r\n" << std::flush;
  }
  std::int64_t received = 0;
  absl::Duration backoff = absl::Milliseconds(250);
  for (;;) {
    request.set_after_sequence(last);
    auto call = connection->NewStreamContext();
    auto reader = connection->stub().SubscribeAlerts(call.get(), request);
    v1::Alert alert;
    while (reader->Read(&alert)) {
      backoff = absl::Milliseconds(250);
      // The server replays strictly after `last`; the check also guards
      // against a replay overlapping what this process already printed.
      if (alert.sequence() <= last) continue;
      switch (context.options.format) {
        case OutputFormat::kJson:
          std::cout << ProtoJson(alert, /*one_line=*/true) << "\n";
          break;
        case OutputFormat::kCsv:
          std::cout << alert.sequence() << "," << alert.as_of() << "," << SeverityName(alert.severity()) << ","
                    << CsvQuote(alert.provider_id()) << "," << AlertKindName(alert.kind()) << ","
                    << CsvQuote(alert.title()) << "\r\n";
          break;
        case OutputFormat::kTable:
          std::cout << AlertLine(alert) << "\n";
          break;
      }
      std::cout << std::flush;
      last = alert.sequence();
      if (!state.empty()) {
        absl::Status saved = WriteAlertCursor(state, last);
        if (!saved.ok()) {
          std::cerr << "oversight alerts tail: cannot save --state: " << saved.message() << "\n";
          call->TryCancel();
          reader->Finish();
          return kExitPartial;
        }
      }
      if (count > 0 && ++received >= count) {
        call->TryCancel();
        reader->Finish();
        return kExitOk;
      }
    }
    const grpc::Status status = reader->Finish();
    if (IsPermanent(status.error_code())) return ReportRpcError("alerts tail", status);
    std::cerr << "oversight alerts tail: stream ended ("
              << (status.ok() ? std::string("server closed it") : StatusCodeName(status.error_code()) + ": " + status.error_message())
              << "); resuming after #" << last << " in " << absl::FormatDuration(backoff) << "\n";
    absl::SleepFor(backoff);
    backoff = std::min(backoff * 2, max_backoff);
  }
}

int RunAlertsList(const CommandContext& context) {
  v1::ListAlertsRequest request;
  if (!FilterFromFlags(request.mutable_filter())) return kExitUsage;
  request.set_after_sequence(std::max<std::int64_t>(0, absl::GetFlag(FLAGS_from)));
  request.set_limit(absl::GetFlag(FLAGS_limit));
  request.set_unacknowledged_only(absl::GetFlag(FLAGS_unacked));
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  v1::ListAlertsResponse response;
  auto call = connection->NewContext(kQueryTimeout);
  grpc::Status status = connection->stub().ListAlerts(call.get(), request, &response);
  if (!status.ok()) return ReportRpcError("alerts list", status);
  if (context.options.format == OutputFormat::kJson) {
    std::cout << ProtoJson(response) << "\n";
    return kExitOk;
  }
  Table table = AlertTable();
  for (const v1::Alert& a : response.alerts()) AddAlertRow(table, a);
  table.Print(std::cout, context.options.format);
  return kExitOk;
}

int RunAlertsAck(const CommandContext& context) {
  v1::AcknowledgeAlertRequest request;
  std::int64_t sequence = 0;
  if (!absl::SimpleAtoi(context.args[0], &sequence) || sequence <= 0) {
    std::cerr << "oversight alerts ack: \"" << context.args[0] << "\" is not an alert sequence number\n";
    return kExitUsage;
  }
  request.set_sequence(sequence);
  absl::StatusOr<Connection> connection = OpenOrReport(context);
  if (!connection.ok()) return kExitUsage;
  v1::AcknowledgeAlertResponse response;
  auto call = connection->NewContext(kQueryTimeout);
  grpc::Status status = connection->stub().AcknowledgeAlert(call.get(), request, &response);
  if (!status.ok()) return ReportRpcError("alerts ack", status);
  if (context.options.format == OutputFormat::kJson) {
    std::cout << ProtoJson(response.alert()) << "\n";
  } else if (context.options.format == OutputFormat::kCsv) {
    Table table = AlertTable();
    AddAlertRow(table, response.alert());
    table.Print(std::cout, OutputFormat::kCsv);
  } else {
    std::cout << "acknowledged " << AlertLine(response.alert()) << "\n";
  }
  return kExitOk;
}

}  // namespace oversight::client
