#include "clients/cli/options.h"

#include "clients/channel/client_channel.h"

#include <cstdlib>

#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/flags.h"

namespace oversight::client {

absl::StatusOr<GlobalOptions> ResolveGlobalOptions() {
  GlobalOptions options;
  options.server = FlagOrEnv(absl::GetFlag(FLAGS_server), "OVERSIGHT_SERVER", options.server);
  options.token = FlagOrEnv(absl::GetFlag(FLAGS_token), "OVERSIGHT_TOKEN", "");
  options.tls_ca = FlagOrEnv(absl::GetFlag(FLAGS_tls_ca), "OVERSIGHT_TLS_CA", "");
  options.tls_cert = FlagOrEnv(absl::GetFlag(FLAGS_tls_cert), "OVERSIGHT_TLS_CERT", "");
  options.tls_key = FlagOrEnv(absl::GetFlag(FLAGS_tls_key), "OVERSIGHT_TLS_KEY", "");
  options.insecure = absl::GetFlag(FLAGS_insecure) || EnvTrue("OVERSIGHT_INSECURE");

  const std::string timeout = FlagOrEnv(absl::GetFlag(FLAGS_timeout), "OVERSIGHT_TIMEOUT", "");
  if (!timeout.empty()) {
    absl::Duration parsed;
    if (!absl::ParseDuration(timeout, &parsed) || parsed <= absl::ZeroDuration()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--timeout: \"", timeout, "\" is not a positive duration such as 30s or 10m"));
    }
    options.timeout = parsed;
  }
  if (options.server.find(':') == std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("--server: \"", options.server, "\" is not HOST:PORT"));
  }
  if (absl::GetFlag(FLAGS_json) && absl::GetFlag(FLAGS_csv)) {
    return absl::InvalidArgumentError("--json and --csv: choose one output format");
  }
  if (absl::GetFlag(FLAGS_json)) options.format = OutputFormat::kJson;
  if (absl::GetFlag(FLAGS_csv)) options.format = OutputFormat::kCsv;
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return absl::InvalidArgumentError("--tls_cert and --tls_key: give both for mutual TLS, or neither");
  }
  if (options.insecure && (!options.tls_ca.empty() || !options.tls_cert.empty())) {
    return absl::InvalidArgumentError("--insecure: cannot be combined with --tls_ca/--tls_cert");
  }
  return options;
}

}  // namespace oversight::client
