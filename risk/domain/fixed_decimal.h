#pragma once
// Numbers in the text of reasons, notes and labels ("4.25x", "12.5%",
// "£3.2m"), formatted as printf's "%.<digits>f" formats them.
//
// Why not absl::StrFormat: every assessment writes a dozen such numbers into
// its explanation, and StrFormat's generic float path cost ~4,000
// instructions a number (6% of scoring in callgrind). std::to_chars gives the
// same correctly rounded digits (tests/risk/fixed_decimal_test.cc compares
// them with StrFormat) at a fraction of the cost.
#include <string>

#include "absl/strings/string_view.h"

namespace oversight::risk {

// `value` with exactly `digits` digits after the point (0..17), like "%.Nf".
std::string FixedDecimal(double value, int digits);

// Appends the same text to `out`, followed by `suffix`.
void AppendFixedDecimal(std::string& out, double value, int digits, absl::string_view suffix = {});

}  // namespace oversight::risk
