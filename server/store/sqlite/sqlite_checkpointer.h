#pragma once
// Moves SQLite's WAL checkpoint off the commit path.
//
// By default the connection whose commit takes the WAL past 1,000 pages
// copies the WAL back into the database file there and then, inside that
// commit (wal_autocheckpoint). The store has one writer, which every write
// waits for, so that copy stalls every writer: ~4 % of oversightd's CPU
// during a bulk ingest, all of it on the serialised path. Here the writer
// only notes how long the WAL has grown (a WAL hook, which replaces the
// automatic checkpoint), and a thread with its own connection runs a
// PASSIVE checkpoint, which never blocks the writer or the readers and
// changes nothing about durability (a commit is durable once its WAL frames
// are, see docs/storage.md).
//
// SQLite restarts the WAL from its beginning only when a checkpoint has
// copied every frame before the next write begins, which a checkpoint
// running beside a busy writer never quite does: left alone, the WAL grew
// to 211 MB over a 180,000-record ingest. So once the WAL passes
// kRestartFactor times the checkpoint interval, the writer's commit runs
// the checkpoint itself, as SQLite's automatic one would: by then the
// thread has copied all but the latest frames, so the writer copies only
// those, and the WAL restarts at the next write.

#include <sqlite3.h>

#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/synchronization/mutex.h"
#include "server/store/sqlite/sqlite_connection.h"

namespace oversight::server {

class SqliteCheckpointer {
 public:
  // SQLite's own wal_autocheckpoint default: a checkpoint once the WAL
  // holds this many pages (4 MiB at the default 4 KiB page).
  static constexpr int kDefaultWalPages = 1000;
  // The writer checkpoints itself past this many intervals (16 MB).
  static constexpr int kRestartFactor = 4;

  // Opens the checkpointer's connection to `path` (a file; not ":memory:",
  // which has no WAL) and starts its thread. Attach the writer next.
  static absl::StatusOr<std::unique_ptr<SqliteCheckpointer>> Start(absl::string_view path,
                                                                   int wal_pages = kDefaultWalPages);
  SqliteCheckpointer(const SqliteCheckpointer&) = delete;
  SqliteCheckpointer& operator=(const SqliteCheckpointer&) = delete;
  // Stops the thread after any checkpoint under way. Detach the writer
  // first (or close it).
  ~SqliteCheckpointer();

  // Installs the WAL hook on the writer connection, which turns its
  // automatic checkpoint off. The writer must be detached (Detach) or
  // closed before this object is destroyed.
  void Attach(SqliteConnection& writer);
  static void Detach(SqliteConnection& writer);

  // Checkpoints run so far, and a wait for the count to reach `n` (true)
  // or the timeout to pass (false): for tests and diagnostics.
  int checkpoints() const;
  bool AwaitCheckpoints(int n, absl::Duration timeout) const;

 private:
  SqliteCheckpointer(std::unique_ptr<SqliteConnection> connection, int wal_pages);
  // The WAL hook: runs on the writer's thread inside its commit, so it only
  // records the request.
  static int OnCommit(void* self, sqlite3* db, const char* database, int wal_pages);
  void Run();
  bool Due() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return requested_ || stopping_; }

  const int wal_pages_;
  std::unique_ptr<SqliteConnection> connection_;  // used by the thread only
  // The WAL's length at the last request, kept by the hook (the writer's
  // thread only): a checkpoint is requested per wal_pages_ new pages, not
  // at every commit past wal_pages_, which while the writer keeps the WAL
  // from restarting would copy the same hot pages over and over.
  int requested_at_pages_ = 0;

  mutable absl::Mutex mu_;
  bool requested_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int checkpoints_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread thread_;
};

}  // namespace oversight::server
