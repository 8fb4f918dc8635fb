#pragma once
// The load generator's scenarios. Each talks to one server over plaintext
// gRPC on 127.0.0.1 through the callback client API, sends a bounded number
// of requests, waits a bounded time, and returns what it measured. None of
// them asserts a target: the figures go to the table and the JSON report.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "bench/load/latency.h"
#include "bench/load/server_process.h"
#include "bench/load/workload.h"
#include "grpcpp/channel.h"

namespace oversight::bench {

// A channel to `address` that shares no connection with any other channel
// made with a different `index` (gRPC otherwise pools subchannels), with
// 64 MiB receive messages (a whole-market RescoreResponse).
std::shared_ptr<grpc::Channel> MakeChannel(const std::string& address, int index = 0);

// --- Ingest -------------------------------------------------------------------
struct IngestOptions {
  int streams_in_flight = 4;       // concurrent BulkSubmit streams
  int records_per_stream = 5000;   // cut on provider boundaries
  absl::Duration timeout = absl::Minutes(3);
};
struct IngestResult {
  std::int64_t records = 0;
  std::int64_t stored = 0;
  std::int64_t unchanged = 0;
  std::int64_t rejected = 0;
  std::int64_t failed_streams = 0;
  std::string first_error;
  double seconds = 0;
  double records_per_second = 0;
  double server_cpu_seconds = 0;   // CPU the server used during the run
};
IngestResult RunIngest(const std::string& address, const Workload& workload,
                       const IngestOptions& options, const ServerProcess* server);

// --- Queries at a fixed rate --------------------------------------------------
enum class QueryKind { kGetProvider, kListProviders };
struct QueryOptions {
  double rate_per_second = 1000;
  absl::Duration duration = absl::Seconds(5);
  absl::Duration deadline = absl::Seconds(5);  // per request
  int channels = 4;
  // When set, every request's scheduled send time and latency are written
  // here (CSV), to line slow requests up with what the server was doing.
  std::string trace_path;
};
struct RateResult {
  std::string name;
  double offered_per_second = 0;
  double achieved_per_second = 0;
  std::int64_t sent = 0;
  std::int64_t ok = 0;
  std::int64_t errors = 0;
  std::string first_error;
  LatencySummary latency;  // from the scheduled send time, so a stalled sender counts
  double server_cpu_seconds = 0;
};
RateResult RunQueries(const std::string& address, QueryKind kind,
                      const std::vector<std::string>& provider_ids, const QueryOptions& options,
                      const ServerProcess* server);

// --- Nightly job ---------------------------------------------------------------
struct NightlyResult {
  double rescore_seconds = 0;
  std::vector<std::pair<std::string, double>> stress_seconds;  // per scenario
  double total_seconds = 0;
  std::int64_t assessed = 0;
  std::int64_t unchanged = 0;
  std::int64_t failures = 0;
  std::int64_t new_alerts = 0;
  std::int64_t stress_outcomes = 0;
  std::int64_t last_alert_sequence = 0;
  std::int64_t peak_rss_bytes = 0;
  std::int64_t rss_before_bytes = 0;
  std::string first_error;
};
NightlyResult RunNightly(const std::string& address, const ServerProcess& server);

// --- Alert fan-out -------------------------------------------------------------
struct AlertOptions {
  int active_subscribers = 1000;
  int idle_subscribers = 10000;    // total subscribers for the memory figure
  int stalled_subscribers = 10;    // never read
  int rounds = 10;                 // alerts raised per latency measurement
  int subscribers_per_channel = 250;
  absl::Duration round_timeout = absl::Seconds(30);
};
struct FanOutFigure {
  std::string name;
  int subscribers = 0;
  int stalled = 0;
  std::int64_t alerts = 0;            // distinct alerts raised
  std::int64_t deliveries_expected = 0;
  std::int64_t deliveries = 0;
  LatencySummary latency;             // commit (created_at) -> received
};
struct AlertResult {
  std::vector<FanOutFigure> fan_out;
  std::int64_t rss_no_subscribers = 0;
  std::int64_t rss_active = 0;              // active subscribers
  std::int64_t rss_active_and_stalled = 0;  // plus the stalled ones
  std::int64_t rss_idle = 0;                // idle_subscribers + stalled
  int idle_subscribers_connected = 0;       // confirmed by receiving an alert
  std::int64_t stalled_ended = 0;           // stalled streams the server ended (RESOURCE_EXHAUSTED)
  std::string first_error;
};
AlertResult RunAlerts(const std::string& address, const ServerProcess& server,
                      const std::vector<std::string>& provider_ids, std::int64_t after_sequence,
                      const AlertOptions& options);

}  // namespace oversight::bench
