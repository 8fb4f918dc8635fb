#pragma once
// The report's CSV files (RFC 4180, CRLF line ends as the RFC specifies),
// built a row at a time.

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace oversight::client::report {

class CsvFile {
 public:
  explicit CsvFile(std::vector<std::string> header);

  // Cells are added left to right; Row() ends the row.
  CsvFile& Text(absl::string_view text);
  CsvFile& Integer(long long value);
  // Full precision (%.10g) so that a program reading the file gets the value
  // the chart was drawn from; absent is an empty cell ("not known").
  CsvFile& Number(std::optional<double> value);
  CsvFile& Bool(bool value);
  void Row();

  const std::string& contents() const { return contents_; }

 private:
  void Cell(absl::string_view text);

  std::size_t columns_ = 0;
  std::size_t cells_in_row_ = 0;
  std::string contents_;
};

// One RFC 4180 field. A text field beginning with =, +, -, @, tab or carriage
// return is prefixed with an apostrophe: the names come from providers, and a
// spreadsheet would otherwise run "=HYPERLINK(...)" as a formula (OWASP "CSV
// injection"). Numbers never go through this path.
std::string CsvTextField(absl::string_view text);

}  // namespace oversight::client::report
