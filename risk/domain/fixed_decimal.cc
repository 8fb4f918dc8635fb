#include "risk/domain/fixed_decimal.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace oversight::risk {
namespace {

constexpr std::array<double, 7> kPowersOfTen = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
constexpr std::array<std::uint64_t, 7> kIntegerPowersOfTen = {1, 10, 100, 1000, 10000, 100000, 1000000};

// The text of most numbers in reasons and notes (ratios, percentages,
// pounds in millions) from integer arithmetic: std::to_chars' exact
// algorithm costs ~550 instructions a number, and a stress run formats a
// dozen per assessment. |value| x 10^digits is computed with one rounding,
// so below 2^32 it is within 2^-21 of the exact product; unless its
// fractional part is within 1e-6 of one half, rounding the computed product
// to the nearest integer rounds the exact one the same way, which is the
// digit string printf prints. Anything else (large values, near-ties,
// more digits) takes the exact path. tests/risk/fixed_decimal_test.cc
// compares both paths with printf.
bool AppendByIntegerRounding(std::string& out, double value, int digits) {
  if (digits >= static_cast<int>(kPowersOfTen.size())) return false;
  const double scaled = std::fabs(value) * kPowersOfTen[static_cast<std::size_t>(digits)];
  if (!(scaled < 4294967296.0)) return false;
  const double whole = std::floor(scaled);
  const double fraction = scaled - whole;  // exact: both below 2^32
  if (std::fabs(fraction - 0.5) <= 1e-6) return false;
  const std::uint64_t rounded = static_cast<std::uint64_t>(whole) + (fraction > 0.5 ? 1 : 0);
  const std::uint64_t unit = kIntegerPowersOfTen[static_cast<std::size_t>(digits)];
  // A sign, 10 integer digits, a point and 6 decimals.
  std::array<char, 24> buffer;
  char* p = buffer.data();
  if (std::signbit(value)) *p++ = '-';  // printf keeps the sign of a value that rounds to zero
  p = std::to_chars(p, buffer.data() + buffer.size(), rounded / unit).ptr;
  if (digits > 0) {
    *p++ = '.';
    std::uint64_t decimals = rounded % unit;
    for (int i = digits - 1; i >= 0; --i) {
      p[i] = static_cast<char>('0' + decimals % 10);
      decimals /= 10;
    }
    p += digits;
  }
  out.append(buffer.data(), p);
  return true;
}

}  // namespace

void AppendFixedDecimal(std::string& out, double value, int digits, absl::string_view suffix) {
  digits = std::clamp(digits, 0, 17);
  if (!std::isfinite(value)) {  // as printf prints them
    out.append(std::isnan(value) ? (std::signbit(value) ? "-nan" : "nan") : (value < 0 ? "-inf" : "inf"));
  } else if (!AppendByIntegerRounding(out, value, digits)) {
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
