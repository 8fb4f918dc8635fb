#include "clients/dashboard/sse_event.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace oversight::client::dashboard {

std::string SseEvent(absl::string_view event, absl::string_view data, std::optional<int64_t> id) {
  std::string out;
  if (id.has_value()) absl::StrAppend(&out, "id: ", *id, "\n");
  // A field value ends at CR or LF, so the name must not carry either.
  if (!event.empty() && event.find_first_of("\r\n") == absl::string_view::npos) {
    absl::StrAppend(&out, "event: ", event, "\n");
  }
  for (absl::string_view line : absl::StrSplit(data, absl::ByAnyChar("\r\n"))) {
    absl::StrAppend(&out, "data: ", line, "\n");
  }
  out += "\n";
  return out;
}

std::string SseComment(absl::string_view text) {
  std::string out;
  for (absl::string_view line : absl::StrSplit(text, absl::ByAnyChar("\r\n"))) {
    absl::StrAppend(&out, ": ", line, "\n");
  }
  out += "\n";
  return out;
}

std::string SseRetry(int milliseconds) { return absl::StrCat("retry: ", milliseconds, "\n\n"); }

std::optional<int64_t> ParseLastEventId(absl::string_view value) {
  value = absl::StripAsciiWhitespace(value);
  if (value.empty() || value.size() > 19) return std::nullopt;
  for (char c : value) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  int64_t parsed = 0;
  if (!absl::SimpleAtoi(value, &parsed) || parsed < 0) return std::nullopt;
  return parsed;
}

}  // namespace oversight::client::dashboard
