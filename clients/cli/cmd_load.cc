// oversight load FILE...: the records of docs/data-format.md into BulkSubmit.

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "clients/cli/bulk_submit.h"
#include "clients/cli/command.h"
#include "clients/cli/connection.h"
#include "clients/cli/exit_codes.h"
#include "clients/cli/flags.h"
#include "clients/cli/table.h"
#include "clients/records/record_reader.h"
#include "nlohmann/json.hpp"
#include "proto/codec/status_codec.h"

namespace oversight::client {
namespace {

// The server names fields by their proto path from the record
// ("accounts.period.end"); people wrote the file's column ("period_end").
std::string ColumnOf(const std::string& field_path) {
  std::vector<std::string> parts = absl::StrSplit(field_path, absl::MaxSplits('.', 1));
  std::string column = parts.size() == 2 ? parts[1] : field_path;
  if (column == "period.start") return "period_start";
  if (column == "period.end") return "period_end";
  if (column == "covenant.test_frequency_months") return "covenant_test_frequency_months";
  if (column == "covenant.first_test_date") return "covenant_first_test_date";
  if (column.rfind("covenant.", 0) == 0) return column.substr(9);
  return column;
}

}  // namespace

int RunLoad(const CommandContext& context) {
  std::vector<ParsedRecord> records;
  std::vector<Rejection> rejections;
  for (const std::string& path : context.args) {
    absl::StatusOr<RecordFile> file = ReadRecords(path);
    if (!file.ok()) {
      rejections.push_back({path, "", std::string(file.status().message())});
      continue;
    }
    for (const RecordError& error : file->errors) {
      rejections.push_back({error.line > 0 ? absl::StrCat(error.file, ":", error.line) : error.file,
                            error.field, error.reason});
    }
    for (ParsedRecord& record : file->records) records.push_back(std::move(record));
  }
  // Providers first, then the records that refer to them, each in file order.
  std::stable_sort(records.begin(), records.end(), [](const ParsedRecord& a, const ParsedRecord& b) {
    return static_cast<int>(a.kind) < static_cast<int>(b.kind);
  });

  long long stored = 0;
  long long unchanged = 0;
  if (!absl::GetFlag(FLAGS_dry_run) && !records.empty()) {
    absl::StatusOr<Connection> connection = Connection::Open(context.options);
    if (!connection.ok()) {
      std::cerr << "oversight load: " << connection.status().message() << "\n";
      return kExitUsage;
    }
    const std::string run_id = NewRunId("load");
    const bool progress = context.options.format == OutputFormat::kTable && isatty(STDOUT_FILENO) == 1;
    std::vector<oversight::v1::SubmitRequest> requests(records.size());
    std::vector<std::string> sources(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
      requests[i].set_idempotency_key(absl::StrCat(run_id, "/", i));
      *requests[i].mutable_record() = records[i].record;
      sources[i] = records[i].source;
    }
    const BulkOutcome outcome = SubmitWithRetry(*connection, requests, "loading", progress);
    if (!outcome.status.ok()) return ReportRpcError("load", outcome.status);
    stored = outcome.response.stored();
    unchanged = outcome.response.unchanged();
    for (Rejection& r : RejectionsOf(outcome.response, sources)) {
      r.field = ColumnOf(r.field);
      rejections.push_back(std::move(r));
    }
  }

  // Rejections are counted per record (a record can break several fields).
  std::vector<std::string> rejected_sources;
  for (const Rejection& r : rejections) {
    if (std::find(rejected_sources.begin(), rejected_sources.end(), r.source) == rejected_sources.end()) {
      rejected_sources.push_back(r.source);
    }
  }
  const long long rejected = static_cast<long long>(rejected_sources.size());

  if (context.options.format == OutputFormat::kTable) {
    if (absl::GetFlag(FLAGS_dry_run)) {
      std::cout << "checked " << records.size() << " records (dry run: nothing submitted), rejected "
                << rejected << "\n";
    } else {
      std::cout << "stored " << stored << ", unchanged " << unchanged << ", rejected " << rejected << "\n";
    }
    for (const Rejection& r : rejections) {
      std::cout << "  rejected " << r.source << ": " << (r.field.empty() ? "" : r.field + ": ") << r.reason
                << "\n";
    }
  } else {
    nlohmann::json list = nlohmann::json::array();
    for (const Rejection& r : rejections) {
      list.push_back({{"source", r.source}, {"field", r.field}, {"reason", r.reason}});
    }
    if (context.options.format == OutputFormat::kJson) {
      nlohmann::json out = {{"records", records.size()}, {"stored", stored},   {"unchanged", unchanged},
                            {"rejected", rejected},      {"rejections", list}, {"dry_run", absl::GetFlag(FLAGS_dry_run)}};
      std::cout << out.dump(2) << "\n";
    } else {
      // CSV: one row per rejection; the counts go to stderr.
      Table table;
      table.Column("source", "source").Column("field", "field").Column("reason", "reason");
      for (const Rejection& r : rejections) table.Row({TextCell(r.source), TextCell(r.field), TextCell(r.reason)});
      table.Print(std::cout, OutputFormat::kCsv);
      std::cerr << "stored " << stored << ", unchanged " << unchanged << ", rejected " << rejected << "\n";
    }
  }
  return rejected > 0 ? kExitPartial : kExitOk;
}

}  // namespace oversight::client
