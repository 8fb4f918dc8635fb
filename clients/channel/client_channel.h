#pragma once
// The transport settings shared by the C++ clients of oversightd, so the CLI
// and the dashboard gateway cannot differ in how they verify the server or
// how fast they notice it has come back after a restart.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace oversight::client {

struct ClientTransport {
  bool insecure = false;  // plaintext (loopback development only)
  std::string tls_ca;     // PEM file of the CA that signed the server's certificate; empty = system roots
  std::string tls_cert;   // PEM client certificate, for mutual TLS
  std::string tls_key;    // its private key
};

// TLS (or, when insecure, plaintext) credentials from the PEM files. A file
// that cannot be read is INVALID_ARGUMENT naming the option (--tls_ca, ...).
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> MakeChannelCredentials(
    const ClientTransport& transport);

// 64 MiB responses, and reconnection within seconds of a server restart
// (gRPC's defaults back off to two minutes, too slow for a live alert tail
// or a wall screen).
grpc::ChannelArguments ClientChannelArguments();

// A command-line option with an environment-variable equivalent: the flag
// when given, else the variable when set and non-empty, else `fallback`.
std::string FlagOrEnv(const std::string& flag_value, const char* env, const std::string& fallback);
// True when the variable is "1", "true" or "yes" (any case).
bool EnvTrue(const char* env);

}  // namespace oversight::client
