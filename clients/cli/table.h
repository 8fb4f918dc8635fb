#pragma once
// Tabular output in the three formats of --json/--csv/default: an aligned
// table for people, RFC 4180 CSV and a JSON array of objects for programs.
// Each cell holds both forms: the text people read ("12.7%", "5.2x", "-")
// and the value programs read (0.127, 5.2, null).

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "clients/cli/options.h"
#include "nlohmann/json.hpp"

namespace oversight::client {

struct Cell {
  std::string text;
  nlohmann::json value;
};

Cell TextCell(const std::string& text);
Cell IntCell(long long value);
Cell BoolCell(bool value);
// 0.127 -> "12.7%"; absent -> "-".
Cell PercentCell(std::optional<double> value, int decimals = 1);
// 5.23 -> "5.23x"; absent -> "-".
Cell MultipleCell(std::optional<double> value);
// Net debt / EBITDA: a negative figure means net cash (EBITDA is positive
// whenever the ratio is given), shown as "net cash"; the value stays numeric.
Cell LeverageCell(std::optional<double> value);
// 1250000 -> "1,250,000"; absent -> "-".
Cell MoneyCell(std::optional<double> value);
Cell NumberCell(std::optional<double> value, int decimals = 2);

class Table {
 public:
  // `key` names the JSON member / CSV column; `header` is what people read.
  Table& Column(std::string key, std::string header, bool right_aligned = false);
  Table& Row(std::vector<Cell> cells);
  bool empty() const { return rows_.empty(); }

  void Print(std::ostream& out, OutputFormat format) const;
  nlohmann::json ToJson() const;

 private:
  struct ColumnSpec {
    std::string key;
    std::string header;
    bool right = false;
  };
  std::vector<ColumnSpec> columns_;
  std::vector<std::vector<Cell>> rows_;
};

// RFC 4180 quoting of one CSV cell.
std::string CsvQuote(const std::string& text);

// "1,250,000" with thousands separators and the sign; used by MoneyCell.
std::string FormatPounds(double value);

}  // namespace oversight::client
