#pragma once
// Options shared by every subcommand. Each has an environment equivalent so a
// scheduler can configure the client once: the command line wins, then the
// environment, then the default.
//   --server     OVERSIGHT_SERVER     host:port (default 127.0.0.1:50051)
//   --token      OVERSIGHT_TOKEN      bearer token ("authorization: Bearer ...")
//   --tls_ca     OVERSIGHT_TLS_CA     PEM file of the CA that signed the server
//   --tls_cert   OVERSIGHT_TLS_CERT   PEM client certificate (mutual TLS)
//   --tls_key    OVERSIGHT_TLS_KEY    PEM client key (mutual TLS)
//   --insecure   OVERSIGHT_INSECURE   plaintext, for a loopback development server
//   --timeout    OVERSIGHT_TIMEOUT    per-call deadline ("30s", "10m")

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace oversight::client {

enum class OutputFormat { kTable, kJson, kCsv };

struct GlobalOptions {
  std::string server = "127.0.0.1:50051";
  std::string token;
  std::string tls_ca;
  std::string tls_cert;
  std::string tls_key;
  bool insecure = false;
  std::optional<absl::Duration> timeout;  // absent: the subcommand's own default
  OutputFormat format = OutputFormat::kTable;
};

// Reads the global flags (after absl::ParseCommandLine) and the environment.
// INVALID_ARGUMENT naming the option for a malformed value or a conflict
// (--json with --csv, --tls_cert without --tls_key).
absl::StatusOr<GlobalOptions> ResolveGlobalOptions();

}  // namespace oversight::client
