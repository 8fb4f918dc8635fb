#include "clients/cli/report/csv_file.h"

#include <cassert>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"

namespace oversight::client::report {

std::string CsvTextField(absl::string_view text) {
  std::string value(text);
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r')) {
    value.insert(0, "'");
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  return absl::StrCat("\"", absl::StrReplaceAll(value, {{"\"", "\"\""}}), "\"");
}

CsvFile::CsvFile(std::vector<std::string> header) : columns_(header.size()) {
  for (const std::string& name : header) Text(name);
  Row();
}

void CsvFile::Cell(absl::string_view text) {
  if (cells_in_row_ > 0) contents_ += ",";
  absl::StrAppend(&contents_, text);
  ++cells_in_row_;
}

CsvFile& CsvFile::Text(absl::string_view text) {
  Cell(CsvTextField(text));
  return *this;
}

CsvFile& CsvFile::Integer(long long value) {
  Cell(absl::StrCat(value));
  return *this;
}

CsvFile& CsvFile::Number(std::optional<double> value) {
  Cell(value.has_value() ? absl::StrFormat("%.10g", *value) : "");
  return *this;
}

CsvFile& CsvFile::Bool(bool value) {
  Cell(value ? "true" : "false");
  return *this;
}

void CsvFile::Row() {
  // Every row has the header's width: a short row is a programming error.
  assert(cells_in_row_ == columns_);
  contents_ += "\r\n";
  cells_in_row_ = 0;
}

}  // namespace oversight::client::report
