#include "server/auth/token_service.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "risk/domain/validation.h"
#include "server/auth/bearer_token.h"

namespace oversight::server {
namespace {

constexpr char kTimestampFormat[] = "%Y-%m-%dT%H:%M:%SZ";

std::string Timestamp(absl::Time t) { return absl::FormatTime(kTimestampFormat, t, absl::UTCTimeZone()); }

bool Printable(absl::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
  }
  return true;
}

// Whether a stored token is usable at `now`.
bool Valid(const TokenRow& row, absl::Time now) {
  if (!row.revoked_at.empty()) return false;
  absl::Time expires;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, row.expires_at, &expires, &error)) return false;
  return now < expires;
}

}  // namespace

absl::StatusOr<IssuedToken> IssueToken(Store& store, const TokenRequest& request, absl::Time now) {
  risk::Violations violations;
  if (!request.role.has_value()) {
    violations.Add("role", "required: regulator, scoring_job, provider, local_authority or admin");
  }
  if (request.subject.empty()) {
    violations.Add("subject", "required: who the token is for, e.g. \"analyst jane.doe\"");
  } else if (request.subject.size() > kMaxSubjectLength || !Printable(request.subject)) {
    violations.Add("subject", absl::StrCat("must be at most ", kMaxSubjectLength,
                                           " printable characters"));
  }
  const bool provider = request.role == Role::kProvider;
  const bool authority = request.role == Role::kLocalAuthority;
  if (provider && request.provider_id.empty()) violations.Add("provider_id", "required for role provider");
  if (!provider && !request.provider_id.empty()) violations.Add("provider_id", "only for role provider");
  if (!Printable(request.provider_id) || request.provider_id.size() > kMaxSubjectLength) {
    violations.Add("provider_id", "must be printable and at most 200 characters");
  }
  if (authority && request.local_authority.empty()) {
    violations.Add("local_authority", "required for role local_authority");
  }
  if (!authority && !request.local_authority.empty()) {
    violations.Add("local_authority", "only for role local_authority");
  }
  if (!Printable(request.local_authority) || request.local_authority.size() > kMaxSubjectLength) {
    violations.Add("local_authority", "must be printable and at most 200 characters");
  }
  if (request.ttl < absl::ZeroDuration() || request.ttl > kMaxTokenTtl) {
    violations.Add("ttl_seconds", absl::StrCat("must be between 0 (default, 90 days) and ",
                                               absl::ToInt64Seconds(kMaxTokenTtl), " (400 days)"));
  }
  if (!violations.empty()) return violations.ToStatus();

  absl::StatusOr<GeneratedToken> generated = GenerateToken();
  if (!generated.ok()) return generated.status();
  const absl::Duration ttl = request.ttl == absl::ZeroDuration() ? kDefaultTokenTtl : request.ttl;
  TokenRow row{.token_id = generated->id,
               .salt = generated->salt,
               .hash = generated->hash,
               .role = RoleToWire(*request.role),
               .subject = request.subject,
               .provider_id = request.provider_id,
               .local_authority = request.local_authority,
               .created_at = Timestamp(now),
               .expires_at = Timestamp(now + ttl),
               .revoked_at = ""};
  if (absl::Status put = store.PutToken(row); !put.ok()) return put;
  return IssuedToken{.token_id = row.token_id, .token = generated->token, .expires_at = row.expires_at};
}

absl::StatusOr<Principal> VerifyToken(Store& store, absl::string_view token, absl::Time now) {
  absl::StatusOr<TokenParts> parts = ParseBearerToken(token);
  if (!parts.ok()) return parts.status();
  const absl::Status unknown = absl::UnauthenticatedError(
      absl::StrCat("bearer token ", parts->id, " is not recognised: ask an administrator for a token"));
  absl::StatusOr<std::optional<TokenRow>> row = store.GetToken(parts->id);
  if (!row.ok()) return row.status();  // the store is down: UNAVAILABLE, not a verdict
  if (!row->has_value()) return unknown;
  const TokenRow& stored = **row;
  if (!TokenSecretMatches(stored.salt, parts->secret, stored.hash)) return unknown;
  if (!stored.revoked_at.empty()) {
    return absl::UnauthenticatedError(
        absl::StrCat("bearer token ", stored.token_id, " was revoked at ", stored.revoked_at));
  }
  absl::Time expires;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, stored.expires_at, &expires, &error) || now >= expires) {
    return absl::UnauthenticatedError(
        absl::StrCat("bearer token ", stored.token_id, " expired at ", stored.expires_at));
  }
  std::optional<Role> role = RoleFromWire(stored.role);
  if (!role.has_value()) {
    return absl::UnauthenticatedError(absl::StrCat("bearer token ", stored.token_id, " has no valid role"));
  }
  return Principal{.id = absl::StrCat("token:", stored.token_id),
                   .role = *role,
                   .subject = stored.subject,
                   .provider_id = stored.provider_id,
                   .local_authority = stored.local_authority};
}

absl::StatusOr<std::optional<std::string>> BootstrapAdminToken(Store& store, const std::string& path,
                                                               absl::Time now) {
  absl::StatusOr<std::vector<TokenRow>> tokens = store.ListTokens();
  if (!tokens.ok()) return tokens.status();
  for (const TokenRow& row : *tokens) {
    if (row.role == RoleToWire(Role::kAdmin) && Valid(row, now)) return std::nullopt;
  }
  const auto fail = [&](absl::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat("--bootstrap_admin_token_file=", path, ": ", what,
                                                   ": ", std::strerror(errno)));
  };
  // A new file only this user can read, renamed over `path`: never a
  // moment with the token in a world-readable file, never through a link.
  const std::string temporary = absl::StrCat(path, ".tmp.", ::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return fail("cannot create the file");
  absl::StatusOr<IssuedToken> issued =
      IssueToken(store, TokenRequest{.role = Role::kAdmin, .subject = "bootstrap administrator"}, now);
  if (!issued.ok()) {
    ::close(fd);
    ::unlink(temporary.c_str());
    return issued.status();
  }
  const std::string contents = absl::StrCat(issued->token, "\n");
  const bool written = ::write(fd, contents.data(), contents.size()) == static_cast<ssize_t>(contents.size()) &&
                       ::fchmod(fd, 0600) == 0 && ::fsync(fd) == 0;
  ::close(fd);
  if (!written || ::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    // The token exists but nobody holds it: revoke it rather than leave it.
    (void)store.RevokeToken(issued->token_id, "");
    return fail("cannot write the token");
  }
  return std::optional<std::string>(issued->token_id);
}

}  // namespace oversight::server
