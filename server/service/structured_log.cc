#include "server/service/structured_log.h"

#include <cstdio>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "server/auth/secret_redaction.h"

namespace oversight::server {
namespace {

absl::Mutex sink_mu(absl::kConstInit);
std::function<void(absl::string_view)>* sink ABSL_GUARDED_BY(sink_mu) = nullptr;

bool NeedsQuotes(absl::string_view value) {
  if (value.empty()) return true;
  for (char c : value) {
    if (c == ' ' || c == '"' || c == '=' || c == '\\' || !absl::ascii_isprint(static_cast<unsigned char>(c))) {
      return true;
    }
  }
  return false;
}

std::string Quote(absl::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(&out, "\\x%02x", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace

LogLine::LogLine(absl::string_view level, absl::string_view event) {
  line_ = absl::StrCat("ts=", absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone()),
                       " level=", level, " event=", event);
}

LogLine::~LogLine() {
  absl::MutexLock lock(&sink_mu);
  if (sink != nullptr) {
    (*sink)(line_);
    return;
  }
  std::fprintf(stderr, "%s\n", line_.c_str());
  std::fflush(stderr);
}

LogLine& LogLine::Add(absl::string_view key, absl::string_view value) {
  // Defence in depth: whatever a caller passes, no token, password or
  // private key reaches the log (server/auth/secret_redaction.h).
  const std::string safe = RedactSecrets(value);
  absl::StrAppend(&line_, " ", key, "=", NeedsQuotes(safe) ? Quote(safe) : safe);
  return *this;
}

LogLine& LogLine::Add(absl::string_view key, std::int64_t value) {
  absl::StrAppend(&line_, " ", key, "=", value);
  return *this;
}

LogLine& LogLine::Add(absl::string_view key, double value) {
  absl::StrAppendFormat(&line_, " %s=%.3f", key, value);
  return *this;
}

LogLine& LogLine::Add(absl::string_view key, bool value) {
  absl::StrAppend(&line_, " ", key, "=", value ? "true" : "false");
  return *this;
}

void SetLogSink(std::function<void(absl::string_view line)> new_sink) {
  absl::MutexLock lock(&sink_mu);
  delete sink;
  sink = new_sink ? new std::function<void(absl::string_view)>(std::move(new_sink)) : nullptr;
}

std::string RedactUrl(absl::string_view url) {
  std::string out(url);
  // userinfo: scheme://user:password@host
  std::size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    std::size_t start = scheme + 3;
    std::size_t end = out.find_first_of("/?#", start);
    std::size_t at = out.rfind('@', end == std::string::npos ? out.size() : end);
    if (at != std::string::npos && at > start) {
      std::size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) {
        out.replace(colon + 1, at - colon - 1, "REDACTED");
      }
    }
  }
  // password=... in a query string or key=value connection string.
  for (std::size_t pos = 0; (pos = absl::AsciiStrToLower(out).find("password=", pos)) != std::string::npos;) {
    std::size_t value = pos + 9;
    std::size_t end = out.find_first_of("& ", value);
    if (end == std::string::npos) end = out.size();
    out.replace(value, end - value, "REDACTED");
    pos = value + 8;
  }
  return out;
}

}  // namespace oversight::server
