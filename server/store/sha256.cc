#include "server/store/sha256.h"

#include <openssl/evp.h>

#include <cstring>
#include <memory>

#include "absl/strings/escaping.h"

namespace oversight::server {

const EVP_MD* Sha256() {
  static const EVP_MD* const md = [] {
    const EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return fetched != nullptr ? fetched : EVP_sha256();
  }();
  return md;
}

namespace {

EVP_MD_CTX* ThreadContext() {
  thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(
      EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  return context.get();
}

}  // namespace

Sha256Digest::Sha256Digest()
    : ctx_(ThreadContext()),
      ok_(ctx_ != nullptr && EVP_DigestInit_ex(ctx_, Sha256(), nullptr) == 1) {}

void Sha256Digest::Add(absl::string_view bytes) {
  if (used_ + bytes.size() > buffer_.size()) {
    Flush();
    if (bytes.size() > buffer_.size()) {
      if (ok_) ok_ = EVP_DigestUpdate(ctx_, bytes.data(), bytes.size()) == 1;
      return;
    }
  }
  if (!bytes.empty()) std::memcpy(buffer_.data() + used_, bytes.data(), bytes.size());
  used_ += bytes.size();
}

void Sha256Digest::Flush() {
  if (used_ > 0 && ok_) ok_ = EVP_DigestUpdate(ctx_, buffer_.data(), used_) == 1;
  used_ = 0;
}

std::string Sha256Digest::FinishHex() {
  std::array<unsigned char, 32> digest{};
  if (!Finish(digest)) return "";
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

bool Sha256Digest::Finish(std::array<unsigned char, 32>& digest) {
  Flush();
  unsigned int length = 0;
  return ok_ && EVP_DigestFinal_ex(ctx_, digest.data(), &length) == 1 && length == digest.size();
}

}  // namespace oversight::server
