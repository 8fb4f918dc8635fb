#include "server/repository/content_hash.h"

#include <array>
#include <cstdint>

#include "server/store/sha256.h"

namespace oversight::server {

std::string Sha256Hex(absl::Span<const absl::string_view> parts) {
  Sha256Digest sha;
  for (absl::string_view part : parts) {
    std::array<char, 8> size{};
    std::uint64_t n = part.size();
    for (int i = 7; i >= 0; --i, n >>= 8) size[static_cast<std::size_t>(i)] = static_cast<char>(n & 0xff);
    sha.Add(absl::string_view(size.data(), size.size()));
    sha.Add(part);
  }
  return sha.FinishHex();
}

}  // namespace oversight::server
