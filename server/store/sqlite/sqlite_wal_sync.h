#pragma once
// Durability of a bulk write's commit without the writer waiting for it.
//
// With synchronous=FULL SQLite fsyncs the WAL inside every commit, and the
// store's single writer waits for the disk there: ~40 % of the writer's time
// in a 180,000-record bulk load (1-4 ms an fsync, one per group commit),
// during which no other batch can be written. For the record groups of
// PutRecords the store instead commits at synchronous=NORMAL (SQLite writes
// the frames and does not fsync) and hands the commit to a WalSync: the
// caller returns only once an fsync of the WAL that began after its commit
// has completed, as with FULL, while the writer is already writing the next
// group. One fsync covers every commit written before it began, so commits
// that finish while an fsync is under way share the next one.
//
// What a caller is told is unchanged: a write that returned is in a WAL
// frame that was fsynced, so it survives kill -9 and a power loss. What
// differs: a group's rows are visible to readers from its commit, up to one
// fsync before they are durable (with FULL, visibility waited for the
// fsync). A power loss in that window loses them, never a later commit
// without an earlier one (the WAL is replayed in order and stops at the
// first frame that did not reach the disk), and no caller was told they
// were stored. A failed fsync fails every caller waiting for it and every
// later one: the store can no longer promise durability (the kernel may
// have dropped the pages it could not write), so its bulk writes stop.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace oversight::server {

class WalSync {
 public:
  // Syncs the file at `wal_path` (the database's "-wal" file, which must
  // exist: SQLite creates it when the writer opens the database in WAL
  // mode and keeps it while any connection is open).
  static absl::StatusOr<std::unique_ptr<WalSync>> Open(absl::string_view wal_path);
  // For tests: `sync` stands for fdatasync (0 or an errno value).
  explicit WalSync(std::function<int()> sync);
  WalSync(const WalSync&) = delete;
  WalSync& operator=(const WalSync&) = delete;
  ~WalSync();

  // Called by the writer right after a commit returned, in commit order:
  // the commit's frames are written. Returns its number for AwaitDurable.
  std::uint64_t NoteCommit();
  // Returns once an fsync that began after commit `commit` was noted has
  // completed (running it, if none is under way), or with UNAVAILABLE if an
  // fsync failed (then and for every later call).
  absl::Status AwaitDurable(std::uint64_t commit);

  // OK until an fsync fails, then that failure: a writer refuses new work.
  absl::Status failure() const;

  // fsyncs completed so far: for tests and diagnostics.
  std::int64_t syncs() const;

 private:
  bool SyncIdle() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !syncing_; }

  std::function<int()> sync_;
  int fd_ = -1;

  mutable absl::Mutex mu_;
  std::uint64_t noted_ ABSL_GUARDED_BY(mu_) = 0;   // commits noted
  std::uint64_t durable_ ABSL_GUARDED_BY(mu_) = 0; // commits covered by a completed fsync
  bool syncing_ ABSL_GUARDED_BY(mu_) = false;
  std::int64_t syncs_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status failed_ ABSL_GUARDED_BY(mu_);
};

}  // namespace oversight::server
