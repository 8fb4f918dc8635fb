#include "clients/cli/table.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace oversight::client {
namespace {

// Display width of UTF-8 text: counts code points, not bytes, so names with
// "£" or accents still line up.
std::size_t DisplayWidth(const std::string& text) {
  std::size_t width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;
  }
  return width;
}

std::string OneLine(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::replace(text.begin(), text.end(), '\r', ' ');
  return text;
}

}  // namespace

Cell TextCell(const std::string& text) { return {text, text}; }
Cell IntCell(long long value) { return {absl::StrCat(value), value}; }
Cell BoolCell(bool value) { return {value ? "yes" : "no", value}; }

Cell PercentCell(std::optional<double> value, int decimals) {
  if (!value.has_value()) return {"-", nullptr};
  return {absl::StrFormat("%.*f%%", decimals, *value * 100), *value};
}

Cell MultipleCell(std::optional<double> value) {
  if (!value.has_value()) return {"-", nullptr};
  return {absl::StrFormat("%.2fx", *value), *value};
}

Cell LeverageCell(std::optional<double> value) {
  if (value.has_value() && *value < 0) return {"net cash", *value};
  return MultipleCell(value);
}

Cell NumberCell(std::optional<double> value, int decimals) {
  if (!value.has_value()) return {"-", nullptr};
  return {absl::StrFormat("%.*f", decimals, *value), *value};
}

std::string FormatPounds(double value) {
  const double rounded = std::round(std::fabs(value));
  std::string digits = absl::StrFormat("%.0f", rounded);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return (value < 0 && rounded != 0) ? "-" + out : out;
}

Cell MoneyCell(std::optional<double> value) {
  if (!value.has_value()) return {"-", nullptr};
  return {FormatPounds(*value), *value};
}

std::string CsvQuote(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

Table& Table::Column(std::string key, std::string header, bool right_aligned) {
  columns_.push_back({std::move(key), std::move(header), right_aligned});
  return *this;
}

Table& Table::Row(std::vector<Cell> cells) {
  cells.resize(columns_.size(), Cell{"", nullptr});
  rows_.push_back(std::move(cells));
  return *this;
}

nlohmann::json Table::ToJson() const {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& row : rows_) {
    nlohmann::json object = nlohmann::json::object();
    for (std::size_t c = 0; c < columns_.size(); ++c) object[columns_[c].key] = row[c].value;
    array.push_back(std::move(object));
  }
  return array;
}

void Table::Print(std::ostream& out, OutputFormat format) const {
  if (format == OutputFormat::kJson) {
    out << ToJson().dump(2) << "\n";
    return;
  }
  if (format == OutputFormat::kCsv) {
    for (std::size_t c = 0; c < columns_.size(); ++c) out << (c ? "," : "") << CsvQuote(columns_[c].key);
    out << "\r\n";
    for (const auto& row : rows_) {
      for (std::size_t c = 0; c < columns_.size(); ++c) {
        const nlohmann::json& v = row[c].value;
        std::string text;
        if (v.is_null()) {
          text = "";  // empty = not known, as in the input files
        } else if (v.is_string()) {
          text = v.get<std::string>();
        } else {
          text = v.dump();
        }
        out << (c ? "," : "") << CsvQuote(text);
      }
      out << "\r\n";
    }
    return;
  }
  std::vector<std::size_t> width(columns_.size());
  for (std::size_t c = 0; c < columns_.size(); ++c) width[c] = DisplayWidth(columns_[c].header);
  for (const auto& row : rows_) {
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      width[c] = std::max(width[c], DisplayWidth(OneLine(row[c].text)));
    }
  }
  auto print_row = [&](const std::vector<std::string>& texts) {
    std::string line;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const std::size_t pad = width[c] - DisplayWidth(texts[c]);
      if (c > 0) line += "  ";
      if (columns_[c].right) line += std::string(pad, ' ');
      line += texts[c];
      if (!columns_[c].right && c + 1 < columns_.size()) line += std::string(pad, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  };
  std::vector<std::string> headers;
  std::vector<std::string> rules;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    headers.push_back(columns_[c].header);
    rules.push_back(std::string(width[c], '-'));
  }
  print_row(headers);
  print_row(rules);
  for (const auto& row : rows_) {
    std::vector<std::string> texts;
    for (const Cell& cell : row) texts.push_back(OneLine(cell.text));
    print_row(texts);
  }
}

}  // namespace oversight::client
