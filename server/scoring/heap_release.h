#pragma once
// Returning the heap of a whole-market job to the operating system.

#include "absl/time/time.h"

namespace oversight::server {

// Gives the pages glibc's allocator holds free back to the kernel
// (malloc_trim(0)). Call after work that decoded the whole market (Rescore,
// RunStress, concentration): glibc keeps freed small-block memory in its
// arenas for reuse, so without this a 10,000-provider job leaves ~850 MiB
// resident for the life of the process, and idle alert subscribers are
// then measured on top of it (docs/performance.md, Memory). At most one
// trim runs at a time and at most one per second: a burst of small
// re-scores does not turn into a burst of heap walks; the memory they free
// is reused by the next job meanwhile. A no-op on other C libraries.
void ReleaseFreedHeap();

// The same, once the process has had kQuietBeforeTrim without another such
// call: for small jobs that still decode the whole market (one provider's
// Rescore) and run while the alert hub fans their alerts out. A heap walk
// then would hold glibc's arena locks against the delivery threads; a
// burst of them (the alert rounds of a busy day) ends in one trim, on a
// background thread, after the burst.
inline constexpr absl::Duration kQuietBeforeTrim = absl::Seconds(2);
void ReleaseFreedHeapWhenQuiet();

}  // namespace oversight::server
