#pragma once
// Per-caller request rate limit: one token bucket per principal (Turner,
// "New dynamic algorithms for bandwidth allocation", the classic token
// bucket): a caller may make `burst` calls at once and `per_second` calls a
// second sustained; beyond that its calls are refused RESOURCE_EXHAUSTED
// before any work, so one caller cannot starve the others or the store.

#include <cstddef>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace oversight::server {

class RateLimiter {
 public:
  // per_second <= 0 disables the limit. burst < 1 is taken as 1.
  RateLimiter(double per_second, double burst);

  // Takes one token from `caller`'s bucket at time `now`; false when empty.
  bool TryAcquire(absl::string_view caller, absl::Time now);

  bool enabled() const { return per_second_ > 0; }
  double per_second() const { return per_second_; }
  double burst() const { return burst_; }

 private:
  struct Bucket {
    double tokens = 0;
    absl::Time refilled;
  };
  // Buckets that have refilled completely carry no information: dropped when
  // the map grows, so that it stays bounded by the active callers.
  static constexpr std::size_t kPruneAbove = 4096;

  const double per_second_;
  const double burst_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Bucket> buckets_ ABSL_GUARDED_BY(mu_);
};

}  // namespace oversight::server
