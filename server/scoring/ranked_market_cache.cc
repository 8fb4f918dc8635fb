#include "server/scoring/ranked_market_cache.h"

#include <string>
#include <utility>

namespace oversight::server {

absl::StatusOr<std::shared_ptr<const RankedMarket>> RankedMarketCache::Current() {
  absl::StatusOr<std::string> stamp = store_.ChangeStamp();
  if (!stamp.ok()) return stamp.status();
  {
    absl::MutexLock lock(&snapshot_mu_);
    if (snapshot_ != nullptr && snapshot_->change_stamp == *stamp) return snapshot_;
  }
  absl::MutexLock build(&build_mu_);
  // Whoever held build_mu_ before may have built what this caller needs.
  // The stamp is read again, before the build, so the snapshot is labelled
  // with a stamp no newer than the data it reads: a write that lands during
  // the build moves the stamp and the next call rebuilds.
  stamp = store_.ChangeStamp();
  if (!stamp.ok()) return stamp.status();
  {
    absl::MutexLock lock(&snapshot_mu_);
    if (snapshot_ != nullptr && snapshot_->change_stamp == *stamp) return snapshot_;
  }
  std::shared_ptr<const RankedMarket> previous;
  {
    absl::MutexLock lock(&snapshot_mu_);
    previous = snapshot_;
  }
  absl::StatusOr<std::shared_ptr<const RankedMarket>> built =
      BuildRankedMarket(store_, *std::move(stamp), previous.get());
  if (!built.ok()) return built.status();
  absl::MutexLock lock(&snapshot_mu_);
  snapshot_ = *built;
  ++builds_;
  return built;
}

std::int64_t RankedMarketCache::builds() const {
  absl::MutexLock lock(&snapshot_mu_);
  return builds_;
}

}  // namespace oversight::server
