#pragma once
// SHA-256 as OpenSSL 3 is best asked for it, shared by the store's content
// hash and the repository's request hash.

#include <openssl/types.h>

#include <array>
#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace oversight::server {

// The SHA-256 implementation, fetched once (EVP_MD_fetch) and kept for the
// life of the process. EVP_sha256() is OpenSSL 3's legacy handle: every
// digest made with it fetches the implementation from the provider store
// again, under a lock (~3 % of oversightd's CPU during a bulk ingest).
// Falls back to EVP_sha256() if the fetch fails.
const EVP_MD* Sha256();

// One SHA-256 digest of the bytes added, in order. It runs on a context kept
// per thread and initialised again for each digest (EVP_Digest, or a new
// EVP_MD_CTX, allocates and frees a context every time: two digests per
// submitted record), and gathers short additions into one buffer so that
// the digest sees one update for many small pieces. So: one digest at a time
// per thread (never two alive together on one thread).
class Sha256Digest {
 public:
  Sha256Digest();
  Sha256Digest(const Sha256Digest&) = delete;
  Sha256Digest& operator=(const Sha256Digest&) = delete;

  void Add(absl::string_view bytes);
  // False (and `digest` unset) only if OpenSSL failed, which for SHA-256 in
  // memory means it could not allocate.
  bool Finish(std::array<unsigned char, 32>& digest);
  // The digest as 64 lowercase hex digits; empty if OpenSSL failed (no
  // stored hash is empty, so a failure never matches one).
  std::string FinishHex();

 private:
  void Flush();

  EVP_MD_CTX* ctx_;
  bool ok_;
  std::size_t used_ = 0;
  std::array<char, 256> buffer_;
};

}  // namespace oversight::server
