// oversight_load: the service-level benchmarks of docs/performance.md.
//
// Starts the empty baseline server (oversight_empty_server) and the real
// oversightd on a fresh SQLite store in a temporary directory, both on
// 127.0.0.1, and runs against each, in one run and with the same client code:
//   ingest   BulkSubmit of the synthetic market (baseline and oversightd)
//   nightly  Rescore of the whole market + 5 stress scenarios, peak memory
//   queries  GetProvider, then ListProviders, at a fixed rate (baseline and oversightd)
//   alerts   fan-out latency to live subscribers, stalled subscribers, idle memory
// Prints a table and writes the figures as JSON. Every request has a
// deadline, every wait a bound; both servers are stopped on exit.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "bench/load/scenarios.h"
#include "nlohmann/json.hpp"

ABSL_FLAG(std::string, oversightd, "", "oversightd binary (default: beside this program)");
ABSL_FLAG(std::string, empty_server, "", "oversight_empty_server binary (default: beside this program)");
ABSL_FLAG(int, providers, 10000, "providers in the synthetic market (about 18 records each)");
ABSL_FLAG(int, streams, 4, "concurrent BulkSubmit streams");
ABSL_FLAG(double, query_rate, 1000, "offered queries per second, per query kind");
ABSL_FLAG(int, query_seconds, 5, "seconds of queries per kind and server");
ABSL_FLAG(int, subscribers, 1000, "active alert subscribers");
ABSL_FLAG(int, idle_subscribers, 10000, "total subscribers for the idle-memory figure");
ABSL_FLAG(int, stalled, 10, "stalled alert subscribers (never read)");
ABSL_FLAG(int, alert_rounds, 10, "alerts raised per fan-out measurement");
ABSL_FLAG(int, workers, 4, "oversightd --workers");
ABSL_FLAG(std::string, sqlite_synchronous, "full",
          "oversightd --sqlite_synchronous: full (fsync per commit, the default) or normal "
          "(fsync at checkpoints; survives kill -9, not power loss)");
ABSL_FLAG(std::string, query_trace, "",
          "append every oversightd query's kind, scheduled send (Unix ns) and latency (ms) to this CSV");
ABSL_FLAG(std::string, json, "", "write the figures as JSON to this file");
ABSL_FLAG(std::string, work_dir, "", "directory for the store and logs (default: a new temp dir, removed)");
ABSL_FLAG(bool, keep_work_dir, false, "keep the work directory (store and server logs)");

namespace oversight::bench {
namespace {

constexpr double kMiB = 1024.0 * 1024.0;

std::string Beside(const char* argv0, const std::string& name) {
  std::error_code error;
  std::filesystem::path self = std::filesystem::canonical("/proc/self/exe", error);
  if (error) self = argv0;
  return (self.parent_path() / name).string();
}

nlohmann::json ToJson(const IngestResult& r) {
  return {{"records", r.records},         {"stored", r.stored},
          {"unchanged", r.unchanged},     {"rejected", r.rejected},
          {"failed_streams", r.failed_streams}, {"first_error", r.first_error},
          {"seconds", r.seconds},         {"records_per_second", r.records_per_second},
          {"server_cpu_seconds", r.server_cpu_seconds}};
}

nlohmann::json ToJson(const RateResult& r) {
  return {{"name", r.name}, {"offered_per_second", r.offered_per_second},
          {"achieved_per_second", r.achieved_per_second}, {"sent", r.sent}, {"ok", r.ok},
          {"errors", r.errors}, {"first_error", r.first_error}, {"latency", ToJson(r.latency)},
          {"server_cpu_seconds", r.server_cpu_seconds}};
}

nlohmann::json ToJson(const NightlyResult& r) {
  nlohmann::json stress = nlohmann::json::object();
  for (const auto& [name, seconds] : r.stress_seconds) stress[name] = seconds;
  return {{"rescore_seconds", r.rescore_seconds}, {"stress_seconds", stress},
          {"total_seconds", r.total_seconds},     {"assessed", r.assessed},
          {"unchanged", r.unchanged},             {"failures", r.failures},
          {"new_alerts", r.new_alerts},           {"stress_outcomes", r.stress_outcomes},
          {"rss_before_bytes", r.rss_before_bytes}, {"peak_rss_bytes", r.peak_rss_bytes},
          {"first_error", r.first_error}};
}

nlohmann::json ToJson(const AlertResult& r) {
  nlohmann::json fan_out = nlohmann::json::array();
  for (const FanOutFigure& f : r.fan_out) {
    fan_out.push_back({{"name", f.name}, {"subscribers", f.subscribers}, {"stalled", f.stalled},
                       {"alerts", f.alerts}, {"deliveries_expected", f.deliveries_expected},
                       {"deliveries", f.deliveries}, {"latency", ToJson(f.latency)}});
  }
  return {{"fan_out", fan_out},
          {"rss_no_subscribers_bytes", r.rss_no_subscribers},
          {"rss_active_bytes", r.rss_active},
          {"rss_active_and_stalled_bytes", r.rss_active_and_stalled},
          {"rss_idle_bytes", r.rss_idle},
          {"idle_subscribers_connected", r.idle_subscribers_connected},
          {"stalled_ended_resource_exhausted", r.stalled_ended},
          {"first_error", r.first_error}};
}

const char* Verdict(bool met) { return met ? "met" : "MISSED"; }

std::string Machine() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line, model;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  }
  return absl::StrCat(sysconf(_SC_NPROCESSORS_ONLN), " x ", model);
}

int Run(int argc, char** argv) {
  absl::SetProgramUsageMessage("service-level benchmarks of oversightd against an empty gRPC baseline");
  absl::ParseCommandLine(argc, argv);
  std::string oversightd = absl::GetFlag(FLAGS_oversightd);
  if (oversightd.empty()) oversightd = Beside(argv[0], "oversightd");
  std::string empty_server = absl::GetFlag(FLAGS_empty_server);
  if (empty_server.empty()) empty_server = Beside(argv[0], "oversight_empty_server");

  std::string work_dir = absl::GetFlag(FLAGS_work_dir);
  const bool own_work_dir = work_dir.empty();
  if (own_work_dir) {
    std::string pattern = (std::filesystem::temp_directory_path() / "oversight-load.XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      std::cerr << "oversight_load: cannot create a temporary directory\n";
      return 1;
    }
    work_dir = pattern;
  }
  std::filesystem::create_directories(work_dir);
  std::cout << "oversight_load: machine " << Machine() << "; work dir " << work_dir << "\n";

  SyntheticMarketOptions market;
  market.providers = absl::GetFlag(FLAGS_providers);
  const absl::Time built_from = absl::Now();
  const Workload workload = BuildWorkload(market, absl::StrCat(getpid(), "-", absl::ToUnixSeconds(built_from)));
  std::cout << "synthetic market: " << market.providers << " providers, " << workload.requests.size()
            << " records (built in " << absl::FormatDuration(absl::Now() - built_from) << ")\n";

  nlohmann::json report = {{"machine", Machine()},
                           {"providers", market.providers},
                           {"records", workload.requests.size()}};
  bool ran = true;
  IngestOptions ingest_options;
  ingest_options.streams_in_flight = absl::GetFlag(FLAGS_streams);
  QueryOptions query_options;
  query_options.rate_per_second = absl::GetFlag(FLAGS_query_rate);
  query_options.duration = absl::Seconds(absl::GetFlag(FLAGS_query_seconds));

  // --- Baseline: the empty handlers ---------------------------------------------
  IngestResult base_ingest;
  RateResult base_get, base_list;
  {
    absl::StatusOr<ServerProcess> baseline =
        ServerProcess::Start(empty_server, {"--listen=127.0.0.1:0"}, work_dir + "/empty_server.log");
    if (!baseline.ok()) {
      std::cerr << "oversight_load: " << baseline.status() << "\n";
      return 1;
    }
    std::cout << "baseline server at " << baseline->address() << "\n";
    base_ingest = RunIngest(baseline->address(), workload, ingest_options, &*baseline);
    base_get = RunQueries(baseline->address(), QueryKind::kGetProvider, workload.provider_ids, query_options, &*baseline);
    base_list = RunQueries(baseline->address(), QueryKind::kListProviders, workload.provider_ids, query_options, &*baseline);
  }

  // --- oversightd on SQLite -----------------------------------------------------------
  absl::StatusOr<ServerProcess> server = ServerProcess::Start(
      oversightd,
      {"--listen=127.0.0.1:0", absl::StrCat("--store=sqlite:", work_dir, "/oversight.db"), "--insecure",
       // Thousands of subscribers share the one development principal.
       "--max_streams_per_caller=0", absl::StrCat("--workers=", absl::GetFlag(FLAGS_workers)),
       absl::StrCat("--as_of_default=", SyntheticAsOfText()),
       absl::StrCat("--sqlite_synchronous=", absl::GetFlag(FLAGS_sqlite_synchronous))},
      work_dir + "/oversightd.log");
  if (!server.ok()) {
    std::cerr << "oversight_load: " << server.status() << "\n";
    return 1;
  }
  std::cout << "oversightd at " << server->address() << "\n";
  const IngestResult ingest = RunIngest(server->address(), workload, ingest_options, &*server);
  std::cout << "ingest done\n";
  const NightlyResult nightly = RunNightly(server->address(), *server);
  std::cout << "nightly done\n";
  // Traced against oversightd only: the baseline's requests are not the question.
  query_options.trace_path = absl::GetFlag(FLAGS_query_trace);
  const RateResult get = RunQueries(server->address(), QueryKind::kGetProvider, workload.provider_ids, query_options, &*server);
  // Both query kinds in the same state: after the nightly job (whose
  // Rescore leaves the ranked list built), before the alert phases, whose
  // 10,000 subscribers' teardown would otherwise fall on one of them.
  const RateResult list = RunQueries(server->address(), QueryKind::kListProviders, workload.provider_ids, query_options, &*server);
  AlertOptions alert_options;
  alert_options.active_subscribers = absl::GetFlag(FLAGS_subscribers);
  alert_options.idle_subscribers = absl::GetFlag(FLAGS_idle_subscribers);
  alert_options.stalled_subscribers = absl::GetFlag(FLAGS_stalled);
  alert_options.rounds = absl::GetFlag(FLAGS_alert_rounds);
  const AlertResult alerts =
      RunAlerts(server->address(), *server, workload.provider_ids, nightly.last_alert_sequence, alert_options);
  std::cout << "alerts done\n";
  server->Stop();

  // --- Report ------------------------------------------------------------------------
  // Complete = every scenario ran to the end. Queries that miss their
  // deadline are a figure (the latency target missed), not a broken run.
  ran = base_ingest.failed_streams == 0 && ingest.failed_streams == 0 && ingest.rejected == 0 &&
        nightly.first_error.empty() && alerts.first_error.empty();
  const double ingest_ratio = ingest.records_per_second / base_ingest.records_per_second;
  std::printf("\n%-44s %14s %14s %8s  %s\n", "figure", "oversightd", "empty baseline", "ratio", "target");
  std::printf("%-44s %14.0f %14.0f %8.2f  >= 20,000/s and ratio >= 0.5: %s\n", "BulkSubmit records/s",
              ingest.records_per_second, base_ingest.records_per_second, ingest_ratio,
              Verdict(ingest.records_per_second >= 20000 && ingest_ratio >= 0.5));
  std::printf("%-44s %14s\n", "  SQLite synchronous", absl::GetFlag(FLAGS_sqlite_synchronous).c_str());
  std::printf("%-44s %14.2f %14.2f %8s\n", "  server CPU seconds for the ingest", ingest.server_cpu_seconds,
              base_ingest.server_cpu_seconds, "");
  for (const auto& [mine, base] : {std::pair{&get, &base_get}, std::pair{&list, &base_list}}) {
    std::printf("%-44s %14.0f %14.0f %8s  %.0f/s offered\n", absl::StrCat(mine->name, " achieved/s").c_str(),
                mine->achieved_per_second, base->achieved_per_second, "", mine->offered_per_second);
    std::printf("%-44s %14.2f %14.2f %8s\n", absl::StrCat("  ", mine->name, " p50 ms").c_str(),
                mine->latency.p50_ms, base->latency.p50_ms, "");
    std::printf("%-44s %14.2f %14.2f %8s  < 5 ms at 1,000/s: %s\n", absl::StrCat("  ", mine->name, " p99 ms").c_str(),
                mine->latency.p99_ms, base->latency.p99_ms, "",
                Verdict(mine->latency.p99_ms < 5 && mine->achieved_per_second >= 0.99 * mine->offered_per_second &&
                        mine->errors == 0));
    std::printf("%-44s %14lld %14lld\n", absl::StrCat("  ", mine->name, " errors").c_str(),
                static_cast<long long>(mine->errors), static_cast<long long>(base->errors));
  }
  std::printf("%-44s %14.2f %14s %8s  < 30 s: %s\n", "nightly: Rescore + 5 stress, seconds", nightly.total_seconds, "-",
              "", Verdict(nightly.total_seconds < 30 && nightly.first_error.empty()));
  std::printf("%-44s %14.2f\n", "  Rescore seconds", nightly.rescore_seconds);
  for (const auto& [name, seconds] : nightly.stress_seconds) {
    std::printf("%-44s %14.2f\n", absl::StrCat("  RunStress ", name, " seconds").c_str(), seconds);
  }
  std::printf("%-44s %14.1f\n", "  peak server RSS MiB during the job", static_cast<double>(nightly.peak_rss_bytes) / kMiB);
  std::printf("%-44s %14lld\n", "  assessed", static_cast<long long>(nightly.assessed));
  for (const FanOutFigure& f : alerts.fan_out) {
    std::printf("%-44s %14.2f %14s %8s  p99 < 100 ms: %s (%lld of %lld deliveries)\n",
                absl::StrCat("alert p99 ms, ", f.name).c_str(), f.latency.p99_ms, "-", "",
                Verdict(f.latency.p99_ms < 100 && f.deliveries >= f.deliveries_expected),
                static_cast<long long>(f.deliveries), static_cast<long long>(f.deliveries_expected));
  }
  std::printf("%-44s %14.1f\n", "server RSS MiB, no subscribers", static_cast<double>(alerts.rss_no_subscribers) / kMiB);
  std::printf("%-44s %14.1f\n", "server RSS MiB, active subscribers", static_cast<double>(alerts.rss_active) / kMiB);
  std::printf("%-44s %14.1f\n", "server RSS MiB, + stalled", static_cast<double>(alerts.rss_active_and_stalled) / kMiB);
  std::printf("%-44s %14.1f %14s %8s  < 1024 MiB: %s (%d connected)\n", "server RSS MiB, idle subscribers + stalled",
              static_cast<double>(alerts.rss_idle) / kMiB, "-", "",
              Verdict(alerts.rss_idle < 1024 * kMiB && alerts.idle_subscribers_connected >= alert_options.idle_subscribers),
              alerts.idle_subscribers_connected);
  for (const std::string* error : std::initializer_list<const std::string*>{&base_ingest.first_error, &ingest.first_error, &nightly.first_error,
                                   &get.first_error, &list.first_error, &alerts.first_error}) {
    if (!error->empty()) std::printf("error: %s\n", error->c_str());
  }

  report["baseline"] = {{"ingest", ToJson(base_ingest)}, {"get_provider", ToJson(base_get)},
                        {"list_providers", ToJson(base_list)}};
  report["oversightd"] = {{"ingest", ToJson(ingest)},     {"nightly", ToJson(nightly)},
                          {"get_provider", ToJson(get)},  {"list_providers", ToJson(list)},
                          {"alerts", ToJson(alerts)}};
  report["ingest_ratio"] = ingest_ratio;
  report["sqlite_synchronous"] = absl::GetFlag(FLAGS_sqlite_synchronous);
  report["complete"] = ran;
  if (const std::string path = absl::GetFlag(FLAGS_json); !path.empty()) {
    std::ofstream out(path);
    out << report.dump(2) << "\n";
    std::cout << "\nfigures written to " << path << "\n";
  }
  if (own_work_dir && !absl::GetFlag(FLAGS_keep_work_dir)) {
    std::error_code ignored;
    std::filesystem::remove_all(work_dir, ignored);
  }
  // Exit 1 only when a scenario could not run completely; a missed target
  // is a figure, reported above, not a failure of the run.
  return ran ? 0 : 1;
}

}  // namespace
}  // namespace oversight::bench

int main(int argc, char** argv) { return oversight::bench::Run(argc, argv); }
