#include "clients/dashboard/gateway_options.h"

#include "clients/channel/client_channel.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

ABSL_FLAG(std::string, server, "", "oversightd HOST:PORT (default 127.0.0.1:50051). Env OVERSIGHT_SERVER.");
ABSL_FLAG(std::string, token, "",
          "Bearer token sent to oversightd as \"authorization: Bearer ...\". Env OVERSIGHT_TOKEN.");
ABSL_FLAG(std::string, tls_ca, "", "PEM CA that signed oversightd's certificate. Env OVERSIGHT_TLS_CA.");
ABSL_FLAG(std::string, tls_cert, "", "PEM client certificate (mutual TLS). Env OVERSIGHT_TLS_CERT.");
ABSL_FLAG(std::string, tls_key, "", "PEM client key (mutual TLS). Env OVERSIGHT_TLS_KEY.");
ABSL_FLAG(bool, insecure, false,
          "Plaintext to a loopback development oversightd. Env OVERSIGHT_INSECURE.");
ABSL_FLAG(std::string, listen, "",
          "HTTP address HOST:PORT (default 127.0.0.1:8080; port 0 picks one). A non-loopback host "
          "needs --http_tls_cert and --http_tls_key. Env OVERSIGHT_DASHBOARD_LISTEN.");
ABSL_FLAG(std::string, dashboard_token, "",
          "Login token of the dashboard (at least 16 characters). Prefer --dashboard_token_file: "
          "a command line is visible to other users. Env OVERSIGHT_DASHBOARD_TOKEN.");
ABSL_FLAG(std::string, dashboard_token_file, "",
          "File whose first line is the login token. Env OVERSIGHT_DASHBOARD_TOKEN_FILE.");
ABSL_FLAG(std::string, http_tls_cert, "", "PEM certificate chain for HTTPS. Env OVERSIGHT_DASHBOARD_TLS_CERT.");
ABSL_FLAG(std::string, http_tls_key, "", "PEM key of --http_tls_cert. Env OVERSIGHT_DASHBOARD_TLS_KEY.");
ABSL_FLAG(std::string, web_root, "",
          "Folder of the static page (default: clients/dashboard/web of the source tree). Env "
          "OVERSIGHT_DASHBOARD_WEB_ROOT.");
ABSL_FLAG(std::string, session_lifetime, "12h",
          "How long a login lasts before the page asks for the token again.");
ABSL_FLAG(int, max_event_streams, 64, "Most browsers following the live feed at once.");
ABSL_FLAG(int, alert_log_capacity, 10000,
          "Alerts kept in memory for browsers that resume; older ones are fetched from oversightd.");

namespace oversight::client::dashboard {
namespace {

absl::StatusOr<std::string> ReadTokenFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat("--dashboard_token_file: cannot read \"", path, "\""));
  }
  std::string line;
  std::getline(in, line);
  return std::string(absl::StripAsciiWhitespace(line));
}

}  // namespace

bool IsLoopbackHost(absl::string_view host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || absl::StartsWith(host, "127.");
}

absl::Status ParseHostPort(absl::string_view text, absl::string_view option, std::string* host,
                           int* port) {
  const std::size_t colon = text.rfind(':');
  if (colon == absl::string_view::npos || colon == 0) {
    return absl::InvalidArgumentError(absl::StrCat(option, ": \"", text, "\" is not HOST:PORT"));
  }
  absl::string_view host_part = text.substr(0, colon);
  if (absl::StartsWith(host_part, "[") && absl::EndsWith(host_part, "]")) {
    host_part = host_part.substr(1, host_part.size() - 2);
  }
  int parsed = -1;
  if (!absl::SimpleAtoi(text.substr(colon + 1), &parsed) || parsed < 0 || parsed > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat(option, ": port of \"", text, "\" is not a number from 0 to 65535"));
  }
  *host = std::string(host_part);
  *port = parsed;
  return absl::OkStatus();
}

absl::StatusOr<GatewayOptions> ResolveGatewayOptions() {
  GatewayOptions options;
  UpstreamOptions& up = options.upstream;
  up.server = FlagOrEnv(absl::GetFlag(FLAGS_server), "OVERSIGHT_SERVER", up.server);
  up.token = FlagOrEnv(absl::GetFlag(FLAGS_token), "OVERSIGHT_TOKEN", "");
  up.tls_ca = FlagOrEnv(absl::GetFlag(FLAGS_tls_ca), "OVERSIGHT_TLS_CA", "");
  up.tls_cert = FlagOrEnv(absl::GetFlag(FLAGS_tls_cert), "OVERSIGHT_TLS_CERT", "");
  up.tls_key = FlagOrEnv(absl::GetFlag(FLAGS_tls_key), "OVERSIGHT_TLS_KEY", "");
  up.insecure = absl::GetFlag(FLAGS_insecure) || EnvTrue("OVERSIGHT_INSECURE");
  if (up.server.find(':') == std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat("--server: \"", up.server, "\" is not HOST:PORT"));
  }
  if (up.tls_cert.empty() != up.tls_key.empty()) {
    return absl::InvalidArgumentError("--tls_cert and --tls_key: give both for mutual TLS, or neither");
  }
  if (up.insecure && (!up.tls_ca.empty() || !up.tls_cert.empty())) {
    return absl::InvalidArgumentError("--insecure: cannot be combined with --tls_ca/--tls_cert");
  }

  const std::string listen =
      FlagOrEnv(absl::GetFlag(FLAGS_listen), "OVERSIGHT_DASHBOARD_LISTEN", "127.0.0.1:8080");
  if (absl::Status s = ParseHostPort(listen, "--listen", &options.listen_host, &options.listen_port);
      !s.ok()) {
    return s;
  }
  options.http_tls_cert = FlagOrEnv(absl::GetFlag(FLAGS_http_tls_cert), "OVERSIGHT_DASHBOARD_TLS_CERT", "");
  options.http_tls_key = FlagOrEnv(absl::GetFlag(FLAGS_http_tls_key), "OVERSIGHT_DASHBOARD_TLS_KEY", "");
  if (options.http_tls_cert.empty() != options.http_tls_key.empty()) {
    return absl::InvalidArgumentError("--http_tls_cert and --http_tls_key: give both, or neither");
  }
  if (!IsLoopbackHost(options.listen_host) && options.http_tls_cert.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--listen: ", options.listen_host,
        " is not a loopback address; serving the dashboard beyond this machine needs HTTPS "
        "(--http_tls_cert and --http_tls_key) so the login token and cookie are not sent in clear"));
  }

  std::string token = FlagOrEnv(absl::GetFlag(FLAGS_dashboard_token), "OVERSIGHT_DASHBOARD_TOKEN", "");
  const std::string token_file =
      FlagOrEnv(absl::GetFlag(FLAGS_dashboard_token_file), "OVERSIGHT_DASHBOARD_TOKEN_FILE", "");
  if (!token.empty() && !token_file.empty()) {
    return absl::InvalidArgumentError("--dashboard_token and --dashboard_token_file: give one, not both");
  }
  if (!token_file.empty()) {
    absl::StatusOr<std::string> from_file = ReadTokenFile(token_file);
    if (!from_file.ok()) return from_file.status();
    token = *from_file;
  }
  if (token.empty()) {
    return absl::InvalidArgumentError(
        "--dashboard_token_file (or --dashboard_token): required; the dashboard shows children's "
        "placements and is never served without a login");
  }
  if (token.size() < kMinDashboardTokenLength) {
    return absl::InvalidArgumentError(absl::StrCat("--dashboard_token: must be at least ",
                                                   kMinDashboardTokenLength, " characters"));
  }
  options.dashboard_token = token;

  options.web_root = FlagOrEnv(absl::GetFlag(FLAGS_web_root), "OVERSIGHT_DASHBOARD_WEB_ROOT",
                               OVERSIGHT_DASHBOARD_WEB_DIR);
  const std::string lifetime = absl::GetFlag(FLAGS_session_lifetime);
  if (!absl::ParseDuration(lifetime, &options.session_lifetime) ||
      options.session_lifetime <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--session_lifetime: \"", lifetime, "\" is not a positive duration such as 12h"));
  }
  if (absl::GetFlag(FLAGS_max_event_streams) < 1) {
    return absl::InvalidArgumentError("--max_event_streams: must be at least 1");
  }
  options.max_event_streams = static_cast<std::size_t>(absl::GetFlag(FLAGS_max_event_streams));
  if (absl::GetFlag(FLAGS_alert_log_capacity) < 1) {
    return absl::InvalidArgumentError("--alert_log_capacity: must be at least 1");
  }
  options.alert_log_capacity = static_cast<std::size_t>(absl::GetFlag(FLAGS_alert_log_capacity));
  return options;
}

}  // namespace oversight::client::dashboard
