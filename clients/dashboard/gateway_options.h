#pragma once
// The gateway's configuration. Upstream options are the CLI's (same flags and
// environment variables, docs/cli.md); the HTTP side has its own.
//   --server / OVERSIGHT_SERVER          oversightd HOST:PORT (default 127.0.0.1:50051)
//   --token / OVERSIGHT_TOKEN            bearer token sent to oversightd
//   --tls_ca, --tls_cert, --tls_key      TLS to oversightd (OVERSIGHT_TLS_*)
//   --insecure / OVERSIGHT_INSECURE      plaintext to a loopback development server
//   --listen / OVERSIGHT_DASHBOARD_LISTEN            HTTP HOST:PORT (default 127.0.0.1:8080)
//   --dashboard_token / OVERSIGHT_DASHBOARD_TOKEN    the login token of the page
//   --dashboard_token_file / OVERSIGHT_DASHBOARD_TOKEN_FILE   ... read from a file
//   --http_tls_cert, --http_tls_key      serve HTTPS (required off loopback)

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace oversight::client::dashboard {

struct UpstreamOptions {
  std::string server = "127.0.0.1:50051";
  std::string token;
  std::string tls_ca;
  std::string tls_cert;
  std::string tls_key;
  bool insecure = false;
};

struct GatewayOptions {
  UpstreamOptions upstream;
  std::string listen_host = "127.0.0.1";
  int listen_port = 8080;  // 0 picks a free port (printed on start)
  std::string dashboard_token;
  std::string http_tls_cert;
  std::string http_tls_key;
  std::string web_root;
  absl::Duration session_lifetime = absl::Hours(12);
  std::size_t max_event_streams = 64;
  std::size_t alert_log_capacity = 10000;
};

// Shortest login token accepted: the token is the only thing between the
// network and children's data, so it must not be guessable.
inline constexpr std::size_t kMinDashboardTokenLength = 16;

// Reads the flags (after absl::ParseCommandLine) and the environment; the
// command line wins. INVALID_ARGUMENT naming the option and the reason.
absl::StatusOr<GatewayOptions> ResolveGatewayOptions();

// True for 127.0.0.0/8, ::1 and localhost.
bool IsLoopbackHost(absl::string_view host);

// "HOST:PORT" or "[IPV6]:PORT" into host and port (0..65535).
absl::Status ParseHostPort(absl::string_view text, absl::string_view option, std::string* host,
                           int* port);

}  // namespace oversight::client::dashboard
