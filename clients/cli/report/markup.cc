#include "clients/cli/report/markup.h"

#include <cmath>

#include "absl/strings/str_format.h"

namespace oversight::client::report {

std::string EscapeMarkup(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string Percent(double ratio, int decimals) {
  const double value = ratio * 100;
  // Round first so that -0.04% prints as 0.0%, not -0.0%.
  const double scale = std::pow(10.0, decimals);
  double rounded = std::round(value * scale) / scale;
  if (rounded == 0) rounded = 0;
  return absl::StrFormat("%.*f%%", decimals, rounded);
}

std::string Count(long long value) {
  std::string digits = absl::StrFormat("%d", value < 0 ? -value : value);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return value < 0 ? "-" + digits : digits;
}

std::string Multiple(double ratio) {
  double rounded = std::round(ratio * 10) / 10;
  if (rounded == 0) rounded = 0;
  return absl::StrFormat("%.1fx", rounded);
}

std::string Coordinate(double value) {
  double rounded = std::round(value * 10) / 10;
  if (rounded == 0) rounded = 0;
  return absl::StrFormat("%.1f", rounded);
}

}  // namespace oversight::client::report
