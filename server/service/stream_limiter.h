#pragma once
// Caps the alert streams one caller may hold open at once, so that one
// client cannot exhaust the server's subscriber slots. 0 = no cap.

#include <cstddef>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace oversight::server {

class StreamLimiter {
 public:
  explicit StreamLimiter(std::size_t max_per_caller) : max_(max_per_caller) {}

  // False when `caller` already holds the maximum.
  bool TryAcquire(absl::string_view caller);
  void Release(absl::string_view caller);
  std::size_t max_per_caller() const { return max_; }

 private:
  const std::size_t max_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::size_t> open_ ABSL_GUARDED_BY(mu_);
};

}  // namespace oversight::server
