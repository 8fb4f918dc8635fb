#pragma once
// Server-Sent Events framing (HTML Living Standard, "Server-sent events",
// section 9.2: the event-stream format).

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace oversight::client::dashboard {

// One event: "id:" when given (the browser sends it back as Last-Event-ID on
// reconnect), "event:" naming the listener, one "data:" line per line of
// `data`, then the blank line that dispatches it.
std::string SseEvent(absl::string_view event, absl::string_view data,
                     std::optional<int64_t> id = std::nullopt);

// A comment line: keeps proxies and the browser from timing the stream out.
std::string SseComment(absl::string_view text);

// The reconnection delay the browser should use.
std::string SseRetry(int milliseconds);

// A Last-Event-ID header (or ?after=) as an alert sequence: a decimal number
// >= 0; nullopt for anything else, which the caller treats as "no history".
std::optional<int64_t> ParseLastEventId(absl::string_view value);

}  // namespace oversight::client::dashboard
