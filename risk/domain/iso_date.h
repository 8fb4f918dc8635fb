#pragma once
// Dates in the domain are QuantLib::Date (serial day numbers, calendar-aware
// arithmetic). These helpers convert to and from ISO 8601 "YYYY-MM-DD", the
// only textual form used on the wire, in files and in the store.

#include "absl/strings/string_view.h"
#include <string>

#include <ql/time/date.hpp>

#include "absl/status/statusor.h"

namespace oversight::risk {

using Date = QuantLib::Date;

// Parses "YYYY-MM-DD". Rejects other layouts, impossible dates (2025-02-30)
// and dates outside QuantLib's range (1901-2199). `field` names the input in
// the error so a caller can report which field was bad.
absl::StatusOr<Date> ParseIsoDate(absl::string_view text, absl::string_view field = "date");

// Formats as "YYYY-MM-DD"; a null Date formats as the empty string.
std::string FormatIsoDate(const Date& date);
// The same appended to `out` (nothing for a null Date).
void AppendIsoDate(std::string& out, const Date& date);

}  // namespace oversight::risk
