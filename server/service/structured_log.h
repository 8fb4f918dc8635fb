#pragma once
// Structured log lines: one event per line, key=value pairs, on stderr.
//   ts=2026-11-24T22:26:35.123Z level=info event=request method=Submit code=OK duration_ms=3
// Values with spaces, quotes or '=' are double-quoted with escapes, so the
// lines split unambiguously. Never log a token, key or password: pass URLs
// through RedactUrl first.

#include <cstdint>
#include <functional>
#include <string>

#include "absl/strings/string_view.h"

namespace oversight::server {

class LogLine {
 public:
  LogLine(absl::string_view level, absl::string_view event);
  ~LogLine();  // writes the line
  LogLine(const LogLine&) = delete;
  LogLine& operator=(const LogLine&) = delete;

  LogLine& Add(absl::string_view key, absl::string_view value);
  LogLine& Add(absl::string_view key, const char* value) { return Add(key, absl::string_view(value)); }
  LogLine& Add(absl::string_view key, const std::string& value) {
    return Add(key, absl::string_view(value));
  }
  LogLine& Add(absl::string_view key, std::int64_t value);
  LogLine& Add(absl::string_view key, int value) { return Add(key, static_cast<std::int64_t>(value)); }
  LogLine& Add(absl::string_view key, double value);
  LogLine& Add(absl::string_view key, bool value);

 private:
  std::string line_;
};

// Replaces where log lines go (default: stderr); for tests. Thread-safe.
void SetLogSink(std::function<void(absl::string_view line)> sink);

// A store URL fit for a log: the password of "postgresql://user:secret@host"
// and any "password=" parameter become "REDACTED".
std::string RedactUrl(absl::string_view url);

}  // namespace oversight::server
