#pragma once

#include <memory>

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

}  // namespace oversight::server
