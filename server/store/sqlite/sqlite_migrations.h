#pragma once

#include "absl/types/span.h"
#include "server/store/migration.h"

namespace oversight::server {

// The SQLite schema, version by version. Same logical schema as
// PostgresMigrations(); see docs/storage.md.
absl::Span<const Migration> SqliteMigrations();

}  // namespace oversight::server
