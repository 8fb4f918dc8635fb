#pragma once
// Returning the heap of a whole-market job to the operating system.

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

}  // namespace oversight::server
