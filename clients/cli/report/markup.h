#pragma once
// Escaping for the report's HTML and SVG (both XML-compatible), and number
// formats shared by the charts, tables and narrative.

#include <string>

#include "absl/strings/string_view.h"

namespace oversight::client::report {

// Escapes &, <, >, " and ' so that text (a provider's name is submitted by the
// provider: untrusted) is safe both as element content and inside a quoted
// attribute, in HTML and in XML.
std::string EscapeMarkup(absl::string_view text);

// 0.2264 -> "22.6%" (decimals after the point).
std::string Percent(double ratio, int decimals = 1);
// 17086 -> "17,086".
std::string Count(long long value);
// 4.93 -> "4.9x".
std::string Multiple(double ratio);
// A coordinate or length in an SVG attribute: one decimal, "-0.0" never.
std::string Coordinate(double value);

}  // namespace oversight::client::report
