#pragma once
// Server credentials from --tls_cert, --tls_key and --tls_client_ca.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/security/server_credentials.h"

namespace oversight::server {

struct TlsFiles {
  std::string cert_path;       // PEM certificate chain
  std::string key_path;        // PEM private key
  std::string client_ca_path;  // optional: require and verify client certificates
};

// INVALID_ARGUMENT naming the flag when a file is missing, unreadable or not
// PEM. The key's contents are never put in a message.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeTlsCredentials(const TlsFiles& files);

}  // namespace oversight::server
