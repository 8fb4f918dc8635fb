#include "server/store/sqlite/sqlite_wal_sync.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"

namespace oversight::server {

absl::StatusOr<std::unique_ptr<WalSync>> WalSync::Open(absl::string_view wal_path) {
  const std::string path(wal_path);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return absl::UnavailableError(
        absl::StrCat("sqlite: open the WAL '", path, "' to sync it: ", std::strerror(errno)));
  }
  auto sync = std::make_unique<WalSync>([fd] { return ::fdatasync(fd) == 0 ? 0 : errno; });
  sync->fd_ = fd;
  return sync;
}

WalSync::WalSync(std::function<int()> sync) : sync_(std::move(sync)) {}

WalSync::~WalSync() {
  if (fd_ >= 0) ::close(fd_);
}

std::uint64_t WalSync::NoteCommit() {
  absl::MutexLock lock(&mu_);
  return ++noted_;
}

absl::Status WalSync::AwaitDurable(std::uint64_t commit) {
  absl::MutexLock lock(&mu_);
  while (durable_ < commit) {
    if (!failed_.ok()) return failed_;
    if (syncing_) {
      // Another caller's fsync is under way; it may not cover `commit`
      // (noted after it began): look again once it is done.
      mu_.Await(absl::Condition(this, &WalSync::SyncIdle));
      continue;
    }
    syncing_ = true;
    // Every commit noted so far has its frames written.
    const std::uint64_t covered = noted_;
    mu_.Unlock();
    const int error = sync_();
    mu_.Lock();
    syncing_ = false;
    ++syncs_;
    if (error != 0) {
      failed_ = absl::UnavailableError(absl::StrCat(
          "sqlite: fsync of the WAL failed (", std::strerror(error),
          "): writes since the last successful fsync may not be durable; restart oversightd"));
      return failed_;
    }
    durable_ = std::max(durable_, covered);
  }
  return absl::OkStatus();
}

absl::Status WalSync::failure() const {
  absl::MutexLock lock(&mu_);
  return failed_;
}

std::int64_t WalSync::syncs() const {
  absl::MutexLock lock(&mu_);
  return syncs_;
}

}  // namespace oversight::server
