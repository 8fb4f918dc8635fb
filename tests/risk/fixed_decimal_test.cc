// FixedDecimal must print exactly what printf's "%.Nf" prints (here through
// absl::StrFormat, the formatter it replaces in the explanation text).
#include "risk/domain/fixed_decimal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "absl/strings/str_format.h"

namespace oversight::risk {
namespace {

std::string Reference(double value, int digits) { return absl::StrFormat("%.*f", digits, value); }

// Reports a mismatch with printf; false once more than ten are reported, to
// stop a sweep that is failing everywhere.
bool MatchesPrintf(double value, int digits, int& mismatches) {
  if (FixedDecimal(value, digits) == Reference(value, digits)) return true;
  ADD_FAILURE() << absl::StrFormat("%.17g", value) << " with " << digits << " digits: " << FixedDecimal(value, digits)
                << " vs " << Reference(value, digits);
  return ++mismatches <= 10;
}

TEST(FixedDecimal, MatchesPrintfOnEdgeCases) {
  const double values[] = {0.0,     -0.0,    0.005,   0.015,  0.025,  1.005,  2.675,   -2.675,  0.125,
                           1e-9,    -1e-9,   0.5,     1.5,    2.5,    -0.5,   99.995,  1e6,     123456789.125,
                           1e22,    1e300,   -1e300,  4.35,   3.7e-5, 0.0499, 0.9999,  7.999999999,
                           std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::max(),
                           std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                           std::numeric_limits<double>::quiet_NaN()};
  for (double v : values) {
    for (int digits = 0; digits <= 6; ++digits) {
      EXPECT_EQ(FixedDecimal(v, digits), Reference(v, digits)) << "value " << v << " digits " << digits;
    }
  }
}

TEST(FixedDecimal, MatchesPrintfOnRandomValuesOfEveryMagnitude) {
  std::mt19937_64 random(20221110);
  std::uniform_real_distribution<double> mantissa(-10.0, 10.0);
  std::uniform_int_distribution<int> exponent(-8, 12);
  int mismatches = 0;
  for (int i = 0; i < 200'000; ++i) {
    const double v = mantissa(random) * std::pow(10.0, exponent(random));
    const int digits = i % 7;
    if (!MatchesPrintf(v, digits, mismatches)) return;
  }
}

// The integer-rounding path (fixed_decimal.cc) must hand every value whose
// scaled fraction is close to one half to the exact path: values at, just
// below and just above each tie, with 0 to 6 digits, scaled up to 2^32.
TEST(FixedDecimal, MatchesPrintfAtAndBesideRoundingTies) {
  std::mt19937_64 random(20261125);
  std::uniform_int_distribution<std::int64_t> units(0, 4'294'967'295);
  int mismatches = 0;
  for (int i = 0; i < 100'000; ++i) {
    const int digits = i % 7;
    const double tie = (static_cast<double>(units(random) >> (i % 33)) + 0.5) / std::pow(10.0, digits);
    for (double v : {tie, std::nextafter(tie, 0.0), std::nextafter(tie, 1e300), -tie,
                     tie * (1 + 1e-12), tie * (1 - 1e-12), tie * (1 + 1e-7)}) {
      if (!MatchesPrintf(v, digits, mismatches)) return;
    }
  }
}

// Every digit count the fast path takes (0 to 6), around the 2^32 bound on
// the scaled value where it hands over to the exact path.
TEST(FixedDecimal, MatchesPrintfOnEveryDigitCountAroundThePathBound) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> fraction(-1.0, 1.0);
  int mismatches = 0;
  for (int digits = 0; digits <= 8; ++digits) {
    const double bound = 4294967296.0 / std::pow(10.0, digits);
    for (int i = 0; i < 20'000; ++i) {
      const double v = bound * (1 + fraction(random) * (i % 2 == 0 ? 1e-3 : 1.0));
      if (!MatchesPrintf(v, digits, mismatches)) return;
    }
  }
}

TEST(FixedDecimal, AppendsAfterExistingTextAndBeforeTheSuffix) {
  std::string text = "Net debt is ";
  AppendFixedDecimal(text, 4.256, 2, "x EBITDA");
  EXPECT_EQ(text, "Net debt is 4.26x EBITDA");
}

}  // namespace
}  // namespace oversight::risk
