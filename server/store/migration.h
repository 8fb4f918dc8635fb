#pragma once
// A versioned schema migration: applied once, in order, recorded in the
// schema_migrations table. Migrations are data (SQL text per backend); a
// released migration is never edited, only followed by a new one.

#include "absl/strings/string_view.h"

namespace oversight::server {

struct Migration {
  int version = 0;          // 1, 2, 3, ... without gaps
  absl::string_view name;   // short description, stored beside the version
  absl::string_view sql;    // one or more statements, no bound values
};

}  // namespace oversight::server
