#include "server/scoring/heap_release.h"

#include <atomic>
#include <cstdint>

#include "absl/time/clock.h"
#include "absl/time/time.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace oversight::server {
namespace {

constexpr absl::Duration kMinInterval = absl::Seconds(1);

// Nanoseconds since the epoch of the last trim started; a compare-exchange
// on it elects the one caller that trims.
std::atomic<std::int64_t> last_trim_ns{0};

}  // namespace

void ReleaseFreedHeap() {
#if defined(__GLIBC__)
  const std::int64_t now = absl::GetCurrentTimeNanos();
  std::int64_t last = last_trim_ns.load(std::memory_order_relaxed);
  if (now - last < absl::ToInt64Nanoseconds(kMinInterval)) return;
  if (!last_trim_ns.compare_exchange_strong(last, now, std::memory_order_relaxed)) return;
  // 0: keep no padding at the top of the heap. glibc >= 2.8 also releases
  // whole free pages inside every arena (madvise), not just the top.
  malloc_trim(0);
#endif
}

}  // namespace oversight::server
