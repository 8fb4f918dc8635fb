#pragma once

#include "absl/types/span.h"
#include "server/store/migration.h"

namespace oversight::server {

// The PostgreSQL schema, version by version. Same logical schema as
// SqliteMigrations(); see docs/storage.md.
absl::Span<const Migration> PostgresMigrations();

}  // namespace oversight::server
