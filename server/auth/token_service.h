#pragma once
// The bearer-token lifecycle over the store's tokens table: issue (random,
// shown once, stored as a salted hash, with an expiry), verify on every
// call, and the bootstrap administrator token of a fresh installation.
// Revocation is Store::RevokeToken: verification reads the row on every
// call, so a revoked token stops working at once, on every replica.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/auth/authorizer.h"
#include "server/store/store.h"

namespace oversight::server {

inline constexpr absl::Duration kDefaultTokenTtl = absl::Hours(24 * 90);
inline constexpr absl::Duration kMaxTokenTtl = absl::Hours(24 * 400);
inline constexpr std::size_t kMaxSubjectLength = 200;

struct TokenRequest {
  std::optional<Role> role;     // required
  std::string subject;          // required: who it is for
  std::string provider_id;      // required for, and only for, Role::kProvider
  std::string local_authority;  // required for, and only for, Role::kLocalAuthority
  absl::Duration ttl = absl::ZeroDuration();  // zero = kDefaultTokenTtl
};

struct IssuedToken {
  std::string token_id;
  std::string token;       // "ovt_<id>_<secret>": shown once, never stored or logged
  std::string expires_at;  // RFC 3339 UTC
};

// INVALID_ARGUMENT listing every bad field (role, subject, provider_id,
// local_authority, ttl_seconds) as a google.rpc.BadRequest; INTERNAL when
// the random generator fails; the store's error otherwise.
absl::StatusOr<IssuedToken> IssueToken(Store& store, const TokenRequest& request, absl::Time now);

// The principal a presented token stands for, or UNAUTHENTICATED:
// malformed, unknown, wrong secret, revoked or expired. The message never
// contains the token, and says "revoked"/"expired" only to a holder of the
// right secret.
absl::StatusOr<Principal> VerifyToken(Store& store, absl::string_view token, absl::Time now);

// A fresh installation's first administrator token. When the store holds
// no valid (unrevoked, unexpired) admin token, issues one and writes it,
// with a newline, to `path` with mode 0600 (through a new file renamed into
// place, so an existing file or symlink at `path` is replaced, never
// followed). Returns the token's id, or nullopt when an admin token already
// exists (nothing is written). INVALID_ARGUMENT naming the flag when the
// file cannot be written.
absl::StatusOr<std::optional<std::string>> BootstrapAdminToken(Store& store,
                                                               const std::string& path,
                                                               absl::Time now);

}  // namespace oversight::server
