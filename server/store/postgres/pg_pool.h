#pragma once
// A small pool of libpq connections. A connection goes back to the pool
// only when healthy and outside a transaction; otherwise it is closed and a
// fresh one is opened on demand, so a server restart heals by itself.

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "server/store/postgres/pg_connection.h"

namespace oversight::server {

class PgPool {
 public:
  // A borrowed connection, returned to the pool on destruction.
  class Lease {
   public:
    Lease(PgPool* pool, std::unique_ptr<PgConnection> conn)
        : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    PgConnection& operator*() const { return *conn_; }
    PgConnection* operator->() const { return conn_.get(); }

   private:
    PgPool* pool_;
    std::unique_ptr<PgConnection> conn_;
  };

  PgPool(std::string conninfo, int max_connections)
      : conninfo_(std::move(conninfo)), max_connections_(max_connections) {}

  // Waits for an idle connection when all `max_connections` are lent out.
  // UNAVAILABLE when a new connection cannot be opened.
  absl::StatusOr<Lease> Acquire();
  // Closes every idle connection: called when one turned out dead (server
  // restart, terminated backend), since its idle siblings likely are too.
  void DiscardIdle();

 private:
  void Release(std::unique_ptr<PgConnection> conn);
  bool CanLend() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return !idle_.empty() || open_ < max_connections_;
  }

  const std::string conninfo_;
  const int max_connections_;
  absl::Mutex mu_;
  std::vector<std::unique_ptr<PgConnection>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;  // idle + lent
};

}  // namespace oversight::server
