#include "risk/domain/fixed_decimal.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace oversight::risk {

void AppendFixedDecimal(std::string& out, double value, int digits, absl::string_view suffix) {
  digits = std::clamp(digits, 0, 17);
  if (!std::isfinite(value)) {  // as printf prints them
    out.append(std::isnan(value) ? (std::signbit(value) ? "-nan" : "nan") : (value < 0 ? "-inf" : "inf"));
  } else {
    // 309 integer digits (DBL_MAX), a sign, a point and 17 decimals.
    std::array<char, 330> buffer;
    const std::to_chars_result r =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed, digits);
    out.append(buffer.data(), r.ptr);
  }
  out.append(suffix.data(), suffix.size());
}

std::string FixedDecimal(double value, int digits) {
  std::string out;
  AppendFixedDecimal(out, value, digits);
  return out;
}

}  // namespace oversight::risk
