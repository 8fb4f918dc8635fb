#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/store/store.h"

namespace oversight::server {

// The embedded store: one SQLite file in WAL mode (synchronous=FULL), one
// writer connection serialised by a mutex and a small pool of reader
// connections, so reads never wait for writes. ":memory:" gives a private
// in-memory database on a single connection (for tests). Applies pending
// migrations before returning. UNAVAILABLE when the file cannot be opened,
// FAILED_PRECONDITION when its schema is newer than this binary knows.
absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(absl::string_view path);

// When a commit is durable (SQLite's PRAGMA synchronous, in WAL mode).
//   kFull:   the WAL is fsynced at every commit, before the write returns.
//            A write that returned survives kill -9 and a power loss or OS
//            crash. Costs an fsync per commit (1-4 ms on the development
//            VM's disk); for PutRecords' group commits it is made after the
//            writer moves on to the next group (see InspectSqliteDurability).
//   kNormal: the WAL is fsynced only at checkpoints. A write that returned
//            survives kill -9 and any crash of oversightd (the committed
//            WAL frames are in the OS page cache, which outlives the
//            process); a power loss or OS crash may lose the commits since
//            the last checkpoint, never the file's consistency.
// docs/storage.md weighs the two; oversightd's --sqlite_synchronous picks.
enum class SqliteSynchronous { kFull, kNormal };
// "full" or "normal"; INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<SqliteSynchronous> ParseSqliteSynchronous(absl::string_view name,
                                                         absl::string_view field);

struct SqliteOptions {
  SqliteSynchronous synchronous = SqliteSynchronous::kFull;
};
absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(absl::string_view path,
                                                       const SqliteOptions& options);
// OpenStore(url), with `sqlite` applied when the URL is a sqlite: one (and
// ignored for PostgreSQL, whose durability is the server's configuration).
absl::StatusOr<std::unique_ptr<Store>> OpenStore(absl::string_view url,
                                                 const SqliteOptions& sqlite);

// For tests and diagnostics: how the SQLite store behind `store` makes its
// commits durable; nullopt for another store. With kFull on a file, record
// groups commit at synchronous=NORMAL and each caller waits for an fsync of
// the WAL made after its commit (sqlite/sqlite_wal_sync.h); every other
// transaction commits at FULL.
struct SqliteDurability {
  int writer_synchronous = 0;  // the writer's PRAGMA synchronous between writes (2 FULL, 1 NORMAL)
  std::int64_t wal_syncs = -1; // those fsyncs so far; -1 when not made that way
};
std::optional<SqliteDurability> InspectSqliteDurability(Store& store);

}  // namespace oversight::server
