// oversight-dashboard: the live oversight dashboard's gateway.
//
//   oversight-dashboard --server=127.0.0.1:50051 --insecure
//       --dashboard_token_file=/etc/oversight/dashboard.token
//
// Prints "oversight-dashboard listening on http://HOST:PORT/" once it serves;
// stops cleanly on SIGTERM or SIGINT. See docs/dashboard.md.

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <memory>
#include <thread>

#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "clients/dashboard/alert_log.h"
#include "clients/dashboard/alert_relay.h"
#include "clients/dashboard/dashboard_api.h"
#include "clients/dashboard/gateway_options.h"
#include "clients/dashboard/http_gateway.h"
#include "clients/dashboard/upstream.h"

namespace oversight::client::dashboard {
namespace {

int Fail(absl::string_view reason) {
  std::fprintf(stderr, "oversight-dashboard: %.*s\n", static_cast<int>(reason.size()), reason.data());
  return 2;
}

int Run(int argc, char** argv) {
  // Signals are taken by one thread with sigwait, so every other thread
  // (gRPC's, httplib's) must start with them blocked: block them before
  // anything can start a thread.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  absl::SetProgramUsageMessage(
      "the live oversight dashboard: serves the page, follows oversightd's alerts.\n"
      "  oversight-dashboard --server=HOST:PORT [--tls_ca=ca.pem | --insecure] [--token=...]\n"
      "                      --dashboard_token_file=FILE [--listen=127.0.0.1:8080]");
  absl::ParseCommandLine(argc, argv);
  absl::StatusOr<GatewayOptions> options = ResolveGatewayOptions();
  if (!options.ok()) return Fail(options.status().message());
  absl::StatusOr<std::shared_ptr<ReadOnlyOversight>> upstream =
      ReadOnlyOversight::Open(options->upstream);
  if (!upstream.ok()) return Fail(upstream.status().message());

  auto log = std::make_shared<AlertLog>(options->alert_log_capacity);
  auto api = std::make_shared<DashboardApi>(*upstream);
  absl::StatusOr<std::unique_ptr<HttpGateway>> gateway = HttpGateway::Create(*options, api, log);
  if (!gateway.ok()) return Fail(gateway.status().message());
  absl::StatusOr<int> port = (*gateway)->Bind();
  if (!port.ok()) return Fail(port.status().message());

  AlertRelay relay(*upstream, log.get());
  relay.Start();

  std::thread signal_thread([&] {
    int received = 0;
    sigwait(&signals, &received);
    log->Close();  // ends every event stream, so the server's workers can finish
    (*gateway)->Stop();
  });

  const bool tls = !options->http_tls_cert.empty();
  std::printf("oversight-dashboard listening on %s://%s:%d/ (oversightd at %s)\n",
              tls ? "https" : "http", options->listen_host.c_str(), *port,
              options->upstream.server.c_str());
  std::fflush(stdout);
  (*gateway)->Serve();

  // Serve() also returns if the listening socket fails: wake the signal
  // thread then, so shutdown is the same either way.
  pthread_kill(signal_thread.native_handle(), SIGTERM);
  signal_thread.join();
  relay.Stop();
  return 0;
}

}  // namespace
}  // namespace oversight::client::dashboard

int main(int argc, char** argv) { return oversight::client::dashboard::Run(argc, argv); }
