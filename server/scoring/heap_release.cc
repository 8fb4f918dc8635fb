#include "server/scoring/heap_release.h"

#include <atomic>
#include <cstdint>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
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

void Trim() {
#if defined(__GLIBC__)
  // 0: keep no padding at the top of the heap. glibc >= 2.8 also releases
  // whole free pages inside every arena (madvise), not just the top.
  malloc_trim(0);
#endif
}

// One background thread that trims once calls have stopped for
// kQuietBeforeTrim. Created on first use and never destroyed (no static
// destructor races a thread still waiting at exit).
class QuietTrimmer {
 public:
  QuietTrimmer() { std::thread([this] { Run(); }).detach(); }

  void Request() {
    absl::MutexLock lock(&mu_);
    due_ = absl::Now() + kQuietBeforeTrim;  // every call pushes it back
    wake_.Signal();
  }

 private:
  void Run() {
    absl::MutexLock lock(&mu_);
    while (true) {
      if (due_ == absl::InfiniteFuture()) {
        wake_.Wait(&mu_);
      } else if (absl::Now() < due_) {
        wake_.WaitWithDeadline(&mu_, due_);
      } else {
        due_ = absl::InfiniteFuture();
        mu_.Unlock();
        Trim();
        mu_.Lock();
      }
    }
  }

  absl::Mutex mu_;
  absl::CondVar wake_;
  absl::Time due_ ABSL_GUARDED_BY(mu_) = absl::InfiniteFuture();
};

}  // namespace

void ReleaseFreedHeapWhenQuiet() {
  static QuietTrimmer* const trimmer = new QuietTrimmer();
  trimmer->Request();
}

void ReleaseFreedHeap() {
#if defined(__GLIBC__)
  const std::int64_t now = absl::GetCurrentTimeNanos();
  std::int64_t last = last_trim_ns.load(std::memory_order_relaxed);
  if (now - last < absl::ToInt64Nanoseconds(kMinInterval)) return;
  if (!last_trim_ns.compare_exchange_strong(last, now, std::memory_order_relaxed)) return;
  Trim();
#endif
}

}  // namespace oversight::server
