#pragma once
// SHA-256 as OpenSSL 3 is best asked for it, shared by the store's content
// hash and the repository's request hash.
#include <openssl/types.h>

namespace oversight::server {

// The SHA-256 implementation, fetched once (EVP_MD_fetch) and kept for the
// life of the process. EVP_sha256() is OpenSSL 3's legacy handle: every
// digest made with it fetches the implementation from the provider store
// again, under a lock (~3 % of oversightd's CPU during a bulk ingest).
// Falls back to EVP_sha256() if the fetch fails.
const EVP_MD* Sha256();

}  // namespace oversight::server
