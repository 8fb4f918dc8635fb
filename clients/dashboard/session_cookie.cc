#include "clients/dashboard/session_cookie.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>
#include <cstdint>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace oversight::client::dashboard {
namespace {

std::array<unsigned char, SHA256_DIGEST_LENGTH> Sha256(absl::string_view text) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
  return digest;
}

std::string Hex(const unsigned char* bytes, std::size_t size) {
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(bytes), size));
}

}  // namespace

bool ConstantTimeEquals(absl::string_view a, absl::string_view b) {
  const auto da = Sha256(a);
  const auto db = Sha256(b);
  return CRYPTO_memcmp(da.data(), db.data(), da.size()) == 0;
}

SessionSigner::SessionSigner(absl::string_view dashboard_token) : token_(dashboard_token) {
  const auto key = Sha256(absl::StrCat("oversight-dashboard session key\n", dashboard_token));
  key_.assign(reinterpret_cast<const char*>(key.data()), key.size());
}

bool SessionSigner::IsDashboardToken(absl::string_view candidate) const {
  return ConstantTimeEquals(candidate, token_);
}

std::string SessionSigner::Mac(absl::string_view payload) const {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), mac, &mac_size);
  return Hex(mac, mac_size);
}

std::string SessionSigner::Issue(absl::Time now, absl::Duration lifetime) const {
  std::array<unsigned char, 16> nonce{};
  if (RAND_bytes(nonce.data(), static_cast<int>(nonce.size())) != 1) {
    // Without randomness the nonce is only a uniquifier, not a secret: the
    // MAC still authenticates, so a zero nonce is safe, merely less unique.
    nonce.fill(0);
  }
  const std::string payload =
      absl::StrCat("v1.", absl::ToUnixSeconds(now + lifetime), ".", Hex(nonce.data(), nonce.size()));
  return absl::StrCat(payload, ".", Mac(payload));
}

bool SessionSigner::Verify(absl::string_view value, absl::Time now) const {
  const std::vector<absl::string_view> parts = absl::StrSplit(value, '.');
  if (parts.size() != 4 || parts[0] != "v1") return false;
  int64_t expiry = 0;
  if (!absl::SimpleAtoi(parts[1], &expiry)) return false;
  const std::string payload = absl::StrCat(parts[0], ".", parts[1], ".", parts[2]);
  const std::string expected = Mac(payload);
  if (parts[3].size() != expected.size() ||
      CRYPTO_memcmp(parts[3].data(), expected.data(), expected.size()) != 0) {
    return false;
  }
  return absl::FromUnixSeconds(expiry) > now;
}

}  // namespace oversight::client::dashboard
