#include "server/auth/rate_limiter.h"

#include <algorithm>

namespace oversight::server {

RateLimiter::RateLimiter(double per_second, double burst)
    : per_second_(per_second), burst_(std::max(burst, 1.0)) {}

bool RateLimiter::TryAcquire(absl::string_view caller, absl::Time now) {
  if (!enabled()) return true;
  absl::MutexLock lock(&mu_);
  auto it = buckets_.find(caller);
  if (it == buckets_.end()) {
    if (buckets_.size() >= kPruneAbove) {
      absl::erase_if(buckets_, [&](const auto& entry) {
        const Bucket& b = entry.second;
        return b.tokens + absl::ToDoubleSeconds(now - b.refilled) * per_second_ >= burst_;
      });
    }
    it = buckets_.emplace(std::string(caller), Bucket{.tokens = burst_, .refilled = now}).first;
  }
  Bucket& bucket = it->second;
  if (now > bucket.refilled) {
    bucket.tokens = std::min(burst_, bucket.tokens + absl::ToDoubleSeconds(now - bucket.refilled) * per_second_);
    bucket.refilled = now;
  }
  if (bucket.tokens < 1.0) return false;
  bucket.tokens -= 1.0;
  return true;
}

}  // namespace oversight::server
