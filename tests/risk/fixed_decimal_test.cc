// FixedDecimal must print exactly what printf's "%.Nf" prints (here through
// absl::StrFormat, the formatter it replaces in the explanation text).
#include "risk/domain/fixed_decimal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "absl/strings/str_format.h"

namespace oversight::risk {
namespace {

std::string Reference(double value, int digits) { return absl::StrFormat("%.*f", digits, value); }

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
    const int digits = i % 4;
    if (FixedDecimal(v, digits) != Reference(v, digits)) {
      ADD_FAILURE() << absl::StrFormat("%.17g", v) << " with " << digits << " digits: " << FixedDecimal(v, digits)
                    << " vs " << Reference(v, digits);
      if (++mismatches > 10) return;
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
