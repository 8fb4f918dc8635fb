#include "server/store/change_stamp_cache.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace oversight::server {

absl::StatusOr<std::string> ChangeStampCache::Get(
    absl::FunctionRef<absl::StatusOr<std::string>()> read_database) {
  // The local generation first: a write that commits after this load makes
  // the next stamp differ, so a view built after this call is never
  // labelled newer than what it read.
  const std::int64_t local = generation_.load(std::memory_order_acquire);
  {
    absl::MutexLock lock(&mu_);
    // Re-read after every local write too, so that write moves the stamp
    // once, not again when the periodic re-read first sees it.
    const bool due = local != read_after_ || absl::Now() - read_at_ >= refresh_;
    if (!due || reading_) return absl::StrCat(local, "|", database_);
    reading_ = true;
  }
  absl::StatusOr<std::string> database = read_database();
  absl::MutexLock lock(&mu_);
  reading_ = false;
  if (!database.ok()) return database.status();
  database_ = *std::move(database);
  read_at_ = absl::Now();
  read_after_ = local;
  return absl::StrCat(local, "|", database_);
}

}  // namespace oversight::server
