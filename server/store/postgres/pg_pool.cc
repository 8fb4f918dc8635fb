#include "server/store/postgres/pg_pool.h"

#include <utility>

namespace oversight::server {

PgPool::Lease::~Lease() {
  if (conn_ != nullptr) pool_->Release(std::move(conn_));
}

absl::StatusOr<PgPool::Lease> PgPool::Acquire() {
  {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &PgPool::CanLend));
    if (!idle_.empty()) {
      std::unique_ptr<PgConnection> conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn));
    }
    ++open_;  // reserve the slot before connecting outside the lock
  }
  absl::StatusOr<std::unique_ptr<PgConnection>> conn = PgConnection::Connect(conninfo_);
  if (!conn.ok()) {
    absl::MutexLock lock(&mu_);
    --open_;
    return conn.status();
  }
  return Lease(this, std::move(*conn));
}

void PgPool::DiscardIdle() {
  std::vector<std::unique_ptr<PgConnection>> closing;
  {
    absl::MutexLock lock(&mu_);
    open_ -= static_cast<int>(idle_.size());
    closing.swap(idle_);
  }
  // Closed here, outside the lock.
}

void PgPool::Release(std::unique_ptr<PgConnection> conn) {
  if (!conn->healthy() || !conn->idle()) conn.reset();  // close outside any doubt
  absl::MutexLock lock(&mu_);
  if (conn == nullptr) {
    --open_;
  } else {
    idle_.push_back(std::move(conn));
  }
}

}  // namespace oversight::server
