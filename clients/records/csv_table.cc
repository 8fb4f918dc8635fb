#include "clients/records/csv_table.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace oversight::client {
namespace {

constexpr absl::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool RowIsBlank(const CsvRow& row) {
  if (row.cells.size() != 1 || row.quoted[0]) return false;
  return row.cells[0].empty();
}

}  // namespace

absl::StatusOr<std::vector<CsvRow>> ParseCsv(absl::string_view text) {
  if (absl::StartsWith(text, kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());

  std::vector<CsvRow> rows;
  CsvRow row;
  std::string cell;
  bool cell_quoted = false;
  bool in_quotes = false;
  bool after_closing_quote = false;
  int line = 1;
  row.line = line;

  auto finish_cell = [&] {
    row.cells.push_back(cell_quoted ? cell : std::string(absl::StripAsciiWhitespace(cell)));
    row.quoted.push_back(cell_quoted);
    cell.clear();
    cell_quoted = false;
    after_closing_quote = false;
  };
  auto finish_row = [&] {
    finish_cell();
    if (!RowIsBlank(row)) rows.push_back(std::move(row));
    row = CsvRow{};
  };

  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          cell.push_back('"');
          ++i;
        } else {
          in_quotes = false;
          after_closing_quote = true;
        }
      } else {
        if (c == '\n') ++line;
        // A CRLF inside a quoted cell is one line break in the value.
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        cell.push_back(c);
      }
      continue;
    }
    if (c == ',') {
      finish_cell();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      finish_row();
      ++line;
      row.line = line;
    } else if (c == '"') {
      if (after_closing_quote || !absl::StripAsciiWhitespace(cell).empty()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "line ", line, ": a quote may only open a cell (RFC 4180); double it (\"\") inside a quoted cell"));
      }
      cell.clear();
      cell_quoted = true;
      in_quotes = true;
    } else if (after_closing_quote) {
      if (c == ' ' || c == '\t') continue;
      return absl::InvalidArgumentError(
          absl::StrCat("line ", line, ": text after the closing quote of a cell"));
    } else {
      cell.push_back(c);
    }
  }
  if (in_quotes) {
    return absl::InvalidArgumentError(
        absl::StrCat("line ", row.line, ": quoted cell is not closed before the end of the file"));
  }
  finish_row();
  return rows;
}

}  // namespace oversight::client
