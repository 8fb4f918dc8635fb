#include "server/store/sqlite/sqlite_checkpointer.h"

#include <pthread.h>
#include <signal.h>

#include <utility>

namespace oversight::server {

absl::StatusOr<std::unique_ptr<SqliteCheckpointer>> SqliteCheckpointer::Start(absl::string_view path,
                                                                             int wal_pages) {
  absl::StatusOr<std::unique_ptr<SqliteConnection>> connection =
      SqliteConnection::Open(path, /*query_only=*/false);
  if (!connection.ok()) return connection.status();
  // Its own commits (it makes none) must not checkpoint either.
  if (absl::Status s = (*connection)->Exec("PRAGMA wal_autocheckpoint = 0"); !s.ok()) return s;
  return std::unique_ptr<SqliteCheckpointer>(
      new SqliteCheckpointer(*std::move(connection), wal_pages > 0 ? wal_pages : kDefaultWalPages));
}

SqliteCheckpointer::SqliteCheckpointer(std::unique_ptr<SqliteConnection> connection, int wal_pages)
    : wal_pages_(wal_pages), connection_(std::move(connection)) {
  // The thread starts with every signal blocked (a new thread inherits its
  // creator's mask). The store may be opened before oversightd blocks
  // SIGTERM/SIGINT for the thread that sigwaits for them, and a thread with
  // them unblocked would take a SIGTERM's default action: kill the process
  // instead of a graceful shutdown (oversightd_process_tests).
  sigset_t all;
  sigset_t previous;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &previous);
  thread_ = std::thread([this] { Run(); });
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

SqliteCheckpointer::~SqliteCheckpointer() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void SqliteCheckpointer::Attach(SqliteConnection& writer) {
  sqlite3_wal_hook(writer.handle(), &SqliteCheckpointer::OnCommit, this);
}

void SqliteCheckpointer::Detach(SqliteConnection& writer) {
  sqlite3_wal_hook(writer.handle(), nullptr, nullptr);
}

int SqliteCheckpointer::checkpoints() const {
  absl::MutexLock lock(&mu_);
  return checkpoints_;
}

bool SqliteCheckpointer::AwaitCheckpoints(int n, absl::Duration timeout) const {
  absl::MutexLock lock(&mu_);
  const auto reached = [this, n]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return checkpoints_ >= n; };
  return mu_.AwaitWithTimeout(absl::Condition(&reached), timeout);
}

int SqliteCheckpointer::OnCommit(void* self, sqlite3* db, const char* database, int wal_pages) {
  auto* checkpointer = static_cast<SqliteCheckpointer*>(self);
  if (wal_pages >= kRestartFactor * checkpointer->wal_pages_) {
    // What SQLite's own hook (sqlite3WalDefaultHook) does at every
    // interval; PASSIVE, so when the thread is checkpointing at this moment
    // it gives way at once and the next commit tries again.
    sqlite3_wal_checkpoint_v2(db, database, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
  }
  // Shorter than at the last request: the WAL restarted from its start
  // (a checkpoint caught up).
  if (wal_pages < checkpointer->requested_at_pages_) checkpointer->requested_at_pages_ = 0;
  if (wal_pages - checkpointer->requested_at_pages_ >= checkpointer->wal_pages_) {
    checkpointer->requested_at_pages_ = wal_pages;
    absl::MutexLock lock(&checkpointer->mu_);
    checkpointer->requested_ = true;
  }
  return SQLITE_OK;
}

void SqliteCheckpointer::Run() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(this, &SqliteCheckpointer::Due));
      if (stopping_) return;
      requested_ = false;
    }
    // PASSIVE: copies what it can without waiting for the writer or
    // readers. A failure (e.g. an I/O error) leaves the WAL as it was, to
    // be retried at the next request; the writer's commits do not depend
    // on it.
    int log_frames = 0;
    int checkpointed = 0;
    sqlite3_wal_checkpoint_v2(connection_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log_frames,
                              &checkpointed);
    absl::MutexLock lock(&mu_);
    ++checkpoints_;
  }
}

}  // namespace oversight::server
