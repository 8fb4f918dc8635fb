#include "clients/cli/alert_cursor.h"

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/cli_support.h"

namespace oversight::client {

absl::StatusOr<std::int64_t> ReadAlertCursor(const std::string& path) {
  std::ifstream in(path);
  if (!in) return 0;
  std::stringstream text;
  text << in.rdbuf();
  std::int64_t sequence = 0;
  if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(text.str()), &sequence) || sequence < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--state: \"", path, "\" does not hold an alert sequence number"));
  }
  return sequence;
}

absl::Status WriteAlertCursor(const std::string& path, std::int64_t sequence) {
  return WriteFileAtomically(path, absl::StrCat(sequence, "\n"));
}

}  // namespace oversight::client
