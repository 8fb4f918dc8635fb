#pragma once
// The part of Store::ChangeStamp both backends share: a local write
// generation, exact for this process's writes, joined to a figure read from
// the database (other processes' writes), which is re-read at most once per
// refresh period or after a local write. One caller re-reads; the others
// answer with the figure they have rather than queue behind the query.

#include <atomic>
#include <cstdint>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace oversight::server {

class ChangeStampCache {
 public:
  explicit ChangeStampCache(absl::Duration refresh) : refresh_(refresh) {}

  // A write that a derived view may read has committed.
  void NoteLocalChange() { generation_.fetch_add(1, std::memory_order_release); }

  // "local|database". `read_database` returns the backend's own counters.
  absl::StatusOr<std::string> Get(absl::FunctionRef<absl::StatusOr<std::string>()> read_database);

 private:
  const absl::Duration refresh_;
  std::atomic<std::int64_t> generation_{0};
  absl::Mutex mu_;
  std::string database_ ABSL_GUARDED_BY(mu_);
  absl::Time read_at_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  std::int64_t read_after_ ABSL_GUARDED_BY(mu_) = -1;  // the local generation when database_ was read
  bool reading_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace oversight::server
