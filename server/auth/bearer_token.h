#pragma once
// Bearer tokens: "ovt_<id>_<secret>", where <id> is 16 hex digits (64
// random bits, not secret: it names the token in listings, the audit trail
// and revocation, and makes lookup one indexed read) and <secret> is 64 hex
// digits (256 bits from OpenSSL's CSPRNG). Only SHA-256(salt || secret) and
// the 128-bit random salt are stored; the token itself is shown once, when
// issued.
//
// Why SHA-256 and not a slow password hash (PBKDF2, scrypt): the secret is
// 256 uniformly random bits, not a human password, so there is nothing for
// a dictionary or brute-force attack to exploit; a slow hash would only
// make every call slower. The salt keeps equal secrets (there are none in
// practice) from having equal hashes and defeats precomputed tables.
//
// Why OpenSSL RAND_bytes and not absl::BitGen: Abseil's generators are
// explicitly not cryptographically secure (their output can be predicted
// from earlier output); RAND_bytes is a CSPRNG seeded from the kernel.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace oversight::server {

inline constexpr absl::string_view kTokenPrefix = "ovt_";
inline constexpr int kTokenIdBytes = 8;       // 16 hex digits
inline constexpr int kTokenSecretBytes = 32;  // 256 bits, 64 hex digits
inline constexpr int kTokenSaltBytes = 16;

struct TokenParts {
  std::string id;      // 16 lower-case hex digits
  std::string secret;  // 64 lower-case hex digits
};

// UNAUTHENTICATED "malformed bearer token" for anything but the exact form;
// the message never repeats the token.
absl::StatusOr<TokenParts> ParseBearerToken(absl::string_view token);

// A freshly generated token and what the store keeps of it.
struct GeneratedToken {
  std::string id;
  std::string token;  // the whole "ovt_<id>_<secret>": give it to the holder once
  std::string salt;   // hex
  std::string hash;   // hex SHA-256(salt || secret)
};

// INTERNAL when the CSPRNG fails (never silently a weaker token).
absl::StatusOr<GeneratedToken> GenerateToken();

// `bytes` random bytes from the CSPRNG as lower-case hex.
absl::StatusOr<std::string> RandomHex(int bytes);

// Lower-case hex SHA-256 over the salt's bytes followed by the secret's.
std::string HashTokenSecret(absl::string_view salt_hex, absl::string_view secret);

// Compares in constant time (CRYPTO_memcmp): how long it takes does not
// depend on where the hashes first differ.
bool TokenSecretMatches(absl::string_view salt_hex, absl::string_view secret,
                        absl::string_view stored_hash_hex);

}  // namespace oversight::server
