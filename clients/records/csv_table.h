#pragma once
// RFC 4180 comma-separated values: the layout of every input file users load
// with `oversight load`. Written by hand rather than taken from a library
// because none of the project's Debian dependencies parses CSV, and the
// parser must report the physical line each row starts on so that errors
// and provenance can name "file:line".

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace oversight::client {

struct CsvRow {
  int line = 0;                    // 1-based physical line the row starts on
  std::vector<std::string> cells;  // unquoted; surrounding blanks trimmed from unquoted cells
  std::vector<bool> quoted;        // whether each cell was quoted (a quoted "" is an explicit empty)
};

// Splits `text` into rows. Accepts a UTF-8 byte-order mark, LF or CRLF line
// ends, quoted cells with embedded commas, line breaks and doubled quotes.
// Lines that are entirely empty are skipped. Fails, naming the line, on an
// unterminated quote or text after a closing quote.
absl::StatusOr<std::vector<CsvRow>> ParseCsv(absl::string_view text);

}  // namespace oversight::client
