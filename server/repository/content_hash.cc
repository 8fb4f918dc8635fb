#include "server/repository/content_hash.h"

#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <memory>

#include "absl/strings/escaping.h"
#include "server/store/sha256.h"

namespace oversight::server {

std::string Sha256Hex(absl::Span<const absl::string_view> parts) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  // EVP calls fail only on allocation failure; a null context or a failed
  // step leaves `length` at 0 and the result empty, which callers never
  // match against a stored hash.
  if (ctx == nullptr || EVP_DigestInit_ex(ctx.get(), Sha256(), nullptr) != 1) return "";
  for (absl::string_view part : parts) {
    std::array<unsigned char, 8> size{};
    std::uint64_t n = part.size();
    for (int i = 7; i >= 0; --i, n >>= 8) size[static_cast<std::size_t>(i)] = n & 0xff;
    if (EVP_DigestUpdate(ctx.get(), size.data(), size.size()) != 1 ||
        EVP_DigestUpdate(ctx.get(), part.data(), part.size()) != 1) {
      return "";
    }
  }
  if (EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) != 1) return "";
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest.data()), length));
}

}  // namespace oversight::server
