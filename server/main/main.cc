// oversightd: the financial-oversight risk engine's gRPC server.
//
// Every flag has an environment variable equivalent, OVERSIGHTD_<FLAG> in
// upper case (OVERSIGHTD_LISTEN, OVERSIGHTD_STORE, ...); a flag given on the
// command line wins over the environment.
//
// TLS is the default. Plaintext needs --insecure and is refused unless the
// listen address is loopback (127.0.0.0/8, ::1, localhost).

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/match.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "server/auth/development_authorizer.h"
#include "server/auth/secure_authorizer.h"
#include "server/auth/token_service.h"
#include "server/main/health_listener.h"
#include "server/main/listen_address.h"
#include "server/main/tls_credentials.h"
#include "server/service/oversight_server.h"
#include "server/service/structured_log.h"
#include "server/store/sqlite/sqlite_store.h"
#include "server/store/store.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "Address to serve on, HOST:PORT or [IPV6]:PORT. Port 0 picks a free port (printed "
          "on start). Env OVERSIGHTD_LISTEN.");
ABSL_FLAG(std::string, health_listen, "",
          "Also serve grpc.health.v1.Health alone, in plaintext, on this HOST:PORT (e.g. "
          "0.0.0.0:8081) for probes that cannot speak TLS (Kubernetes gRPC probes, Docker "
          "HEALTHCHECK). Nothing else is served there. Empty = off. Env "
          "OVERSIGHTD_HEALTH_LISTEN.");
ABSL_FLAG(std::string, store, "sqlite:oversight.db",
          "Store URL: sqlite:PATH (one file, created if absent) or postgresql://USER@HOST/DB "
          "(libpq URI). Env OVERSIGHTD_STORE.");
ABSL_FLAG(std::string, sqlite_synchronous, "full",
          "sqlite: stores only. full: every commit is fsynced; an accepted write survives "
          "kill -9 and power loss. normal: fsync at WAL checkpoints only; an accepted write "
          "survives kill -9 and any crash of oversightd, but a power loss or OS crash may lose "
          "the last commits (docs/storage.md). Env OVERSIGHTD_SQLITE_SYNCHRONOUS.");
ABSL_FLAG(std::string, tls_cert, "",
          "PEM certificate chain served to clients. Required unless --insecure. Env "
          "OVERSIGHTD_TLS_CERT.");
ABSL_FLAG(std::string, tls_key, "",
          "PEM private key of --tls_cert. Required unless --insecure. Env OVERSIGHTD_TLS_KEY.");
ABSL_FLAG(std::string, tls_client_ca, "",
          "PEM CA bundle: when set, clients must present a certificate it signed (mutual TLS); "
          "a caller without a bearer token is then the principal its certificate's CN names "
          "(docs/security.md). Env OVERSIGHTD_TLS_CLIENT_CA.");
ABSL_FLAG(std::string, tls_client_map, "",
          "With --tls_client_ca: file mapping certificate common names to roles and scopes, "
          "one 'CN | role [| provider id or authority]' per line; only listed certificates are "
          "admitted. Empty = the CN convention (CN=regulator:<name>, CN=provider:<id>, ...). "
          "Env OVERSIGHTD_TLS_CLIENT_MAP.");
ABSL_FLAG(std::string, bootstrap_admin_token_file, "",
          "On start, when the store holds no valid admin token, issue one and write it to this "
          "file (mode 0600) for the first 'oversight token issue'. Env "
          "OVERSIGHTD_BOOTSTRAP_ADMIN_TOKEN_FILE.");
ABSL_FLAG(double, max_requests_per_second, 100,
          "Calls per second one caller may make, sustained (token bucket); beyond it calls end "
          "RESOURCE_EXHAUSTED. 0 = no limit. Env OVERSIGHTD_MAX_REQUESTS_PER_SECOND.");
ABSL_FLAG(int, request_burst, 200,
          "Calls one caller may make at once before --max_requests_per_second applies. Env "
          "OVERSIGHTD_REQUEST_BURST.");
ABSL_FLAG(bool, insecure, false,
          "Serve plaintext and admit every caller as the 'development' administrator. Refused "
          "unless --listen is loopback (127.0.0.0/8, ::1, localhost). Env OVERSIGHTD_INSECURE.");
ABSL_FLAG(int, max_message_bytes, 16 * 1024 * 1024,
          "Largest request or response message in bytes (both directions). Env "
          "OVERSIGHTD_MAX_MESSAGE_BYTES.");
ABSL_FLAG(int, max_streams_per_caller, 16,
          "Most SubscribeAlerts streams one caller may hold open; 0 = no cap. Env "
          "OVERSIGHTD_MAX_STREAMS_PER_CALLER.");
ABSL_FLAG(int, alert_buffer, 1024,
          "Live alerts that may wait for one slow subscriber before its stream ends with "
          "RESOURCE_EXHAUSTED (it resumes from the sequence in the message). Env "
          "OVERSIGHTD_ALERT_BUFFER.");
ABSL_FLAG(int, workers, 4,
          "Threads for blocking work (store, scoring). Env OVERSIGHTD_WORKERS.");
ABSL_FLAG(int, max_bulk_records, 100000,
          "Most records one BulkSubmit stream may carry. Env OVERSIGHTD_MAX_BULK_RECORDS.");
ABSL_FLAG(int, shutdown_grace_seconds, 10,
          "On SIGTERM/SIGINT, how long in-flight calls may take to finish before they are "
          "cancelled. Env OVERSIGHTD_SHUTDOWN_GRACE_SECONDS.");
ABSL_FLAG(std::string, as_of_default, "",
          "YYYY-MM-DD used when a Rescore or RunStress request leaves as_of empty; empty = "
          "today (UTC). For replaying a fixed date, e.g. the sample market. Env "
          "OVERSIGHTD_AS_OF_DEFAULT.");

namespace oversight::server {
namespace {

constexpr const char* kFlagNames[] = {
    "listen",     "store",           "tls_cert",         "tls_key",
    "tls_client_ca", "insecure",     "max_message_bytes", "max_streams_per_caller",
    "alert_buffer", "workers",       "max_bulk_records",  "shutdown_grace_seconds",
    "as_of_default", "health_listen", "tls_client_map", "bootstrap_admin_token_file",
    "max_requests_per_second", "request_burst", "sqlite_synchronous",
};

// Environment values become flags placed before the command line's own, so
// the command line wins (the last occurrence of a flag is the one used).
std::vector<std::string> ArgsWithEnvironment(int argc, char** argv) {
  std::vector<std::string> args;
  args.emplace_back(argv[0]);
  for (const char* name : kFlagNames) {
    const std::string env = absl::StrCat("OVERSIGHTD_", absl::AsciiStrToUpper(name));
    if (const char* value = std::getenv(env.c_str()); value != nullptr) {
      args.push_back(absl::StrCat("--", name, "=", value));
    }
  }
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  return args;
}

int Fail(absl::string_view reason) {
  LogLine("error", "startup_refused").Add("reason", reason);
  std::fprintf(stderr, "oversightd: %.*s\n", static_cast<int>(reason.size()), reason.data());
  return 2;
}

// Abseil's --help lists only flags defined in a file named after the binary
// (oversightd.cc); ours live in server/main/, so say so, or --help would
// print "No flags matched" and operators would have to know --helpfull.
bool IsOversightdFlagFile(absl::string_view filename) {
  return absl::StrContains(filename, "server/main/");
}

int Run(int argc, char** argv) {
  absl::FlagsUsageConfig usage_config;
  usage_config.contains_help_flags = &IsOversightdFlagFile;
  usage_config.contains_helpshort_flags = &IsOversightdFlagFile;
  absl::SetFlagsUsageConfig(usage_config);
  absl::SetProgramUsageMessage(
      "the financial-oversight risk engine's gRPC server.\n"
      "  oversightd --tls_cert=server.pem --tls_key=server.key [--store=postgresql://...]\n"
      "  oversightd --insecure --listen=127.0.0.1:0 --store=sqlite:/tmp/oversight.db");
  std::vector<std::string> args = ArgsWithEnvironment(argc, argv);
  std::vector<char*> arg_pointers;
  for (std::string& arg : args) arg_pointers.push_back(arg.data());
  absl::ParseCommandLine(static_cast<int>(arg_pointers.size()), arg_pointers.data());

  absl::StatusOr<ListenAddress> listen = ParseListenAddress(absl::GetFlag(FLAGS_listen));
  if (!listen.ok()) return Fail(listen.status().message());
  const bool insecure = absl::GetFlag(FLAGS_insecure);
  const bool has_tls = !absl::GetFlag(FLAGS_tls_cert).empty() || !absl::GetFlag(FLAGS_tls_key).empty();
  if (insecure && has_tls) return Fail("--insecure cannot be combined with --tls_cert/--tls_key");
  if (insecure && !IsLoopbackHost(listen->host)) {
    return Fail(absl::StrCat("--insecure refused: ", listen->host,
                             " is not a loopback address (127.0.0.0/8, ::1, localhost); plaintext "
                             "and the development authorizer are for a developer's own machine. "
                             "Serve TLS with --tls_cert and --tls_key instead"));
  }
  if (!insecure && !has_tls) {
    return Fail("TLS is required: give --tls_cert and --tls_key (PEM files), or --insecure on a "
                "loopback --listen address for local development");
  }
  std::optional<ListenAddress> health_listen;
  if (!absl::GetFlag(FLAGS_health_listen).empty()) {
    absl::StatusOr<ListenAddress> parsed = ParseListenAddress(absl::GetFlag(FLAGS_health_listen));
    if (!parsed.ok()) {
      return Fail(absl::StrCat("--health_listen: ", parsed.status().message()));
    }
    health_listen = *parsed;
  }
  if (absl::GetFlag(FLAGS_max_message_bytes) < 4096) {
    return Fail("--max_message_bytes must be at least 4096");
  }
  if (absl::GetFlag(FLAGS_alert_buffer) < 1) return Fail("--alert_buffer must be at least 1");
  if (absl::GetFlag(FLAGS_workers) < 1) return Fail("--workers must be at least 1");
  if (absl::GetFlag(FLAGS_max_streams_per_caller) < 0) {
    return Fail("--max_streams_per_caller must be 0 (no cap) or more");
  }
  if (absl::GetFlag(FLAGS_max_requests_per_second) < 0) {
    return Fail("--max_requests_per_second must be 0 (no limit) or more");
  }
  if (absl::GetFlag(FLAGS_request_burst) < 1) return Fail("--request_burst must be at least 1");
  if (!absl::GetFlag(FLAGS_tls_client_map).empty() && absl::GetFlag(FLAGS_tls_client_ca).empty()) {
    return Fail("--tls_client_map needs --tls_client_ca (client certificates are not requested "
                "without it)");
  }

  ServerConfig config;
  config.listen_address = listen->ToGrpcAddress();
  config.max_message_bytes = absl::GetFlag(FLAGS_max_message_bytes);
  config.workers = static_cast<std::size_t>(absl::GetFlag(FLAGS_workers));
  config.max_streams_per_caller = static_cast<std::size_t>(absl::GetFlag(FLAGS_max_streams_per_caller));
  config.limits.alert_stream.buffer_capacity = static_cast<std::size_t>(absl::GetFlag(FLAGS_alert_buffer));
  config.limits.max_bulk_records = absl::GetFlag(FLAGS_max_bulk_records);
  config.limits.as_of_default = absl::GetFlag(FLAGS_as_of_default);

  const std::string store_url = absl::GetFlag(FLAGS_store);
  const std::string store_for_log = RedactUrl(store_url);
  SqliteOptions sqlite_options;
  absl::StatusOr<SqliteSynchronous> synchronous =
      ParseSqliteSynchronous(absl::GetFlag(FLAGS_sqlite_synchronous), "--sqlite_synchronous");
  if (!synchronous.ok()) return Fail(std::string(synchronous.status().message()));
  sqlite_options.synchronous = *synchronous;
  absl::StatusOr<std::unique_ptr<Store>> store = OpenStore(store_url, sqlite_options);
  if (!store.ok()) {
    return Fail(absl::StrCat("--store=", store_for_log, ": ", RedactUrl(store.status().message())));
  }
  // The server owns the store and destroys the authorizer first, so the
  // authorizer may keep this reference.
  Store& store_ref = **store;

  std::unique_ptr<Authorizer> authorizer;
  if (insecure) {
    authorizer = std::make_unique<DevelopmentAuthorizer>(store_ref);
    LogLine("warning", "insecure_mode")
        .Add("message",
             "PLAINTEXT and NO AUTHENTICATION: every caller is the 'development' administrator. "
             "Never use --insecure outside a developer's own machine.");
  } else {
    absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
        MakeTlsCredentials({.cert_path = absl::GetFlag(FLAGS_tls_cert),
                            .key_path = absl::GetFlag(FLAGS_tls_key),
                            .client_ca_path = absl::GetFlag(FLAGS_tls_client_ca)});
    if (!credentials.ok()) return Fail(credentials.status().message());
    config.credentials = *credentials;
    SecureAuthorizerOptions options;
    options.requests_per_second = absl::GetFlag(FLAGS_max_requests_per_second);
    options.request_burst = absl::GetFlag(FLAGS_request_burst);
    if (!absl::GetFlag(FLAGS_tls_client_ca).empty()) {
      if (absl::GetFlag(FLAGS_tls_client_map).empty()) {
        options.certificates = CertificateIdentities();
      } else {
        absl::StatusOr<CertificateIdentities> map =
            CertificateIdentities::FromFile(absl::GetFlag(FLAGS_tls_client_map));
        if (!map.ok()) return Fail(map.status().message());
        options.certificates = *std::move(map);
      }
    }
    authorizer = std::make_unique<SecureAuthorizer>(store_ref, std::move(options));
  }

  if (const std::string path = absl::GetFlag(FLAGS_bootstrap_admin_token_file); !path.empty()) {
    absl::StatusOr<std::optional<std::string>> bootstrapped =
        BootstrapAdminToken(store_ref, path, absl::Now());
    if (!bootstrapped.ok()) return Fail(bootstrapped.status().message());
    if (bootstrapped->has_value()) {
      // The token id only: the token itself is in the file, nowhere else.
      LogLine("warning", "bootstrap_admin_token")
          .Add("token_id", **bootstrapped)
          .Add("file", path)
          .Add("message", "issued the first admin token; issue named tokens with it, then "
                          "revoke it (oversight token revoke) and delete the file");
    } else {
      LogLine("info", "bootstrap_admin_token")
          .Add("message", "an admin token already exists: nothing written");
    }
  }

  // Signals are taken by one thread with sigwait, so they must be blocked in
  // every thread, which inherit this mask from here.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  absl::StatusOr<std::unique_ptr<OversightServer>> server =
      OversightServer::Start(*std::move(store), std::move(authorizer), config);
  if (!server.ok()) return Fail(server.status().message());

  const char* tls_mode = insecure ? "off" : (absl::GetFlag(FLAGS_tls_client_ca).empty() ? "on" : "mutual");
  // The one line scripts parse; stdout, flushed.
  std::printf("oversightd listening on %s store=%s tls=%s\n", (*server)->address().c_str(),
              store_for_log.c_str(), tls_mode);
  std::fflush(stdout);
  LogLine("info", "started")
      .Add("listen", (*server)->address())
      .Add("store", store_for_log)
      .Add("tls", tls_mode)
      .Add("max_message_bytes", config.max_message_bytes)
      .Add("workers", static_cast<std::int64_t>(config.workers))
      .Add("alert_buffer", static_cast<std::int64_t>(config.limits.alert_stream.buffer_capacity))
      .Add("max_streams_per_caller", static_cast<std::int64_t>(config.max_streams_per_caller))
      .Add("max_requests_per_second", insecure ? 0.0 : absl::GetFlag(FLAGS_max_requests_per_second));

  // After the "listening" line, which scripts read first.
  std::unique_ptr<HealthListener> health;
  if (health_listen.has_value()) {
    absl::StatusOr<std::unique_ptr<HealthListener>> started =
        HealthListener::Start(health_listen->ToGrpcAddress());
    if (!started.ok()) {
      (*server)->Shutdown(absl::ZeroDuration());
      return Fail(started.status().message());
    }
    health = *std::move(started);
    health->SetServing(true);
    std::printf("oversightd health on %s\n", health->address().c_str());
    std::fflush(stdout);
    LogLine("info", "health_listening").Add("listen", health->address());
  }

  OversightServer* running = server->get();
  const absl::Duration grace = absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds));
  HealthListener* health_listener = health.get();
  std::thread signal_waiter([running, health_listener, signals, grace] {
    int received = 0;
    sigwait(&signals, &received);
    // Probes see NOT_SERVING before the API stops accepting calls.
    if (health_listener != nullptr) health_listener->SetServing(false);
    LogLine("info", "shutting_down")
        .Add("signal", received == SIGTERM ? "SIGTERM" : "SIGINT")
        .Add("grace_s", absl::ToDoubleSeconds(grace));
    running->Shutdown(grace);
  });
  running->Wait();
  signal_waiter.join();
  if (health != nullptr) health->Shutdown();
  server->reset();
  LogLine("info", "stopped");
  return 0;
}

}  // namespace
}  // namespace oversight::server

int main(int argc, char** argv) { return oversight::server::Run(argc, argv); }
