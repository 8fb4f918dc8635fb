#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/store/store.h"

namespace oversight::server {

// The production store: PostgreSQL through libpq, a small connection pool,
// one transaction per mutating call, migrations under pg_advisory_lock at
// start-up, alert inserts serialised by pg_advisory_xact_lock (sequence
// order = commit order) and announced with NOTIFY. `url` is a libpq URI
// (postgresql://user@host:port/db?...). INVALID_ARGUMENT for a malformed
// URI, UNAVAILABLE when the server cannot be reached.
absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(absl::string_view url);

}  // namespace oversight::server
