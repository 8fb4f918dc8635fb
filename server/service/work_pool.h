#pragma once
// A fixed set of threads for the blocking part of RPCs (store and scoring
// calls), so that gRPC's callback threads only ever dispatch and never wait
// on a database. Streams hold no thread while idle.

#include <cstddef>
#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace oversight::server {

class WorkPool {
 public:
  explicit WorkPool(std::size_t threads);
  ~WorkPool();  // Stop()s
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // Runs `task` on a pool thread, never on the calling thread. After Stop()
  // the task gets a thread of its own, so work that releases resources (a
  // finishing stream) is never dropped.
  void Submit(std::function<void()> task);
  // Runs every queued task, then joins the threads. Idempotent.
  void Stop();

  std::size_t queued() const;

 private:
  void Run();

  mutable absl::Mutex mu_;
  std::deque<std::function<void()>> tasks_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace oversight::server
