#pragma once
// Who a verified client certificate is (mutual TLS, --tls_client_ca). The
// certificate's subject common name (CN) names the role and scope, either by
// the built-in convention or through a mapping file.
//
// Convention (no mapping file):
//   CN=regulator[:<name>]        CN=scoring_job[:<name>]     CN=admin[:<name>]
//   CN=provider:<provider id>    CN=local_authority:<authority name>
// e.g. "CN=provider:P001", "CN=local_authority:Camden",
// "CN=regulator:analyst jane.doe". "scoring-job" and "local-authority" are
// accepted too.
//
// Mapping file (--tls_client_map; when given, it is the only source: a
// certificate whose CN is not listed is refused, whatever its form). One
// line per certificate, '#' starts a comment, blank lines are ignored:
//   <common name> | <role> [| <provider id or authority>]
// e.g.
//   ofsted-analytics-01 | regulator
//   Acme Care finance   | provider | P001
//   Camden CSC          | local_authority | Camden

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/auth/authorizer.h"

namespace oversight::server {

class CertificateIdentities {
 public:
  // The convention alone.
  CertificateIdentities() = default;
  // INVALID_ARGUMENT naming `source` and the line for a malformed entry, an
  // unknown role, a missing or unexpected scope, or a duplicate CN.
  static absl::StatusOr<CertificateIdentities> Parse(absl::string_view text,
                                                     absl::string_view source);
  static absl::StatusOr<CertificateIdentities> FromFile(const std::string& path);

  // The principal ("cert:<CN>") for a verified certificate's CN, or
  // UNAUTHENTICATED when the CN names no role.
  absl::StatusOr<Principal> Resolve(absl::string_view common_name) const;

  bool uses_mapping_file() const { return mapped_; }

 private:
  bool mapped_ = false;
  absl::flat_hash_map<std::string, Principal> by_common_name_;
};

}  // namespace oversight::server
