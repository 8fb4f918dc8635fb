#pragma once
// Runs SQL on a store's database behind the Store's back: for tests that
// inject faults or check what the database itself refuses.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "tests/support/test_support.h"

namespace oversight::server {

// `url` as given to OpenStore. OK when every statement succeeds; otherwise
// the database's error as a non-OK status.
absl::Status ExecRawSql(test_support::Backend backend, const std::string& url,
                        absl::string_view sql);

}  // namespace oversight::server
