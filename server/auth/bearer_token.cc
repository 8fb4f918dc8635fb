#include "server/auth/bearer_token.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/evp.h>

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace oversight::server {
namespace {

bool IsLowerHex(absl::string_view text, std::size_t length) {
  if (text.size() != length) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<TokenParts> ParseBearerToken(absl::string_view token) {
  const absl::Status malformed = absl::UnauthenticatedError(
      "malformed bearer token: expected \"authorization: Bearer ovt_<id>_<secret>\" as issued "
      "by IssueToken");
  if (token.size() != kTokenPrefix.size() + 2 * kTokenIdBytes + 1 + 2 * kTokenSecretBytes ||
      token.substr(0, kTokenPrefix.size()) != kTokenPrefix) {
    return malformed;
  }
  absl::string_view rest = token.substr(kTokenPrefix.size());
  absl::string_view id = rest.substr(0, 2 * kTokenIdBytes);
  if (rest[2 * kTokenIdBytes] != '_') return malformed;
  absl::string_view secret = rest.substr(2 * kTokenIdBytes + 1);
  if (!IsLowerHex(id, 2 * kTokenIdBytes) || !IsLowerHex(secret, 2 * kTokenSecretBytes)) {
    return malformed;
  }
  return TokenParts{.id = std::string(id), .secret = std::string(secret)};
}

absl::StatusOr<std::string> RandomHex(int bytes) {
  std::vector<unsigned char> buffer(static_cast<std::size_t>(bytes));
  if (RAND_bytes(buffer.data(), bytes) != 1) {
    return absl::InternalError("the system's random number generator failed (OpenSSL RAND_bytes)");
  }
  const std::string hex = absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(buffer.data()), buffer.size()));
  OPENSSL_cleanse(buffer.data(), buffer.size());
  return hex;
}

absl::StatusOr<GeneratedToken> GenerateToken() {
  absl::StatusOr<std::string> id = RandomHex(kTokenIdBytes);
  if (!id.ok()) return id.status();
  absl::StatusOr<std::string> secret = RandomHex(kTokenSecretBytes);
  if (!secret.ok()) return secret.status();
  absl::StatusOr<std::string> salt = RandomHex(kTokenSaltBytes);
  if (!salt.ok()) return salt.status();
  GeneratedToken token;
  token.id = *id;
  token.token = absl::StrCat(kTokenPrefix, *id, "_", *secret);
  token.salt = *salt;
  token.hash = HashTokenSecret(*salt, *secret);
  return token;
}

std::string HashTokenSecret(absl::string_view salt_hex, absl::string_view secret) {
  std::string input = absl::HexStringToBytes(salt_hex);
  input.append(secret.data(), secret.size());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  // EVP_Digest (not the deprecated SHA256_* calls of OpenSSL 3).
  if (EVP_Digest(input.data(), input.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    length = 0;  // an empty hash matches no stored hash: fails closed
  }
  OPENSSL_cleanse(input.data(), input.size());
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), length));
}

bool TokenSecretMatches(absl::string_view salt_hex, absl::string_view secret,
                        absl::string_view stored_hash_hex) {
  const std::string computed = HashTokenSecret(salt_hex, secret);
  if (computed.empty() || computed.size() != stored_hash_hex.size()) return false;
  return CRYPTO_memcmp(computed.data(), stored_hash_hex.data(), computed.size()) == 0;
}

}  // namespace oversight::server
