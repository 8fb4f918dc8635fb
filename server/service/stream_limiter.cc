#include "server/service/stream_limiter.h"

namespace oversight::server {

bool StreamLimiter::TryAcquire(absl::string_view caller) {
  absl::MutexLock lock(&mu_);
  std::size_t& open = open_[caller];
  if (max_ != 0 && open >= max_) return false;
  ++open;
  return true;
}

void StreamLimiter::Release(absl::string_view caller) {
  absl::MutexLock lock(&mu_);
  auto it = open_.find(caller);
  if (it == open_.end()) return;
  if (--it->second == 0) open_.erase(it);
}

}  // namespace oversight::server
