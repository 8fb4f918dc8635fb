#include "server/auth/secret_redaction.h"

#include <cctype>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/auth/bearer_token.h"

namespace oversight::server {
namespace {

// std::string forms: Debian's absl::string_view is not std::string_view, so
// std::string's find/replace do not take it.
const std::string& RedactedText() {
  static const std::string* text = new std::string(kRedacted);
  return *text;
}

bool IsTokenChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
         c == '~' || c == '+' || c == '/' || c == '=';
}

// Replaces the run of token characters starting at `from` (up to the
// next space, quote, comma, ...).
std::size_t RedactRun(std::string& out, std::size_t from) {
  std::size_t end = from;
  while (end < out.size() && IsTokenChar(out[end])) ++end;
  if (end == from) return from;
  out.replace(from, end - from, RedactedText());
  return from + kRedacted.size();
}

// ovt_<id>_<secret>: keep the id, drop the secret.
void RedactOurTokens(std::string& out) {
  std::size_t pos = 0;
  while ((pos = out.find(std::string(kTokenPrefix), pos)) != std::string::npos) {
    std::size_t id_end = pos + kTokenPrefix.size();
    while (id_end < out.size() && absl::ascii_isxdigit(static_cast<unsigned char>(out[id_end]))) ++id_end;
    if (id_end < out.size() && out[id_end] == '_' && id_end + 1 < out.size() &&
        IsTokenChar(out[id_end + 1]) && !absl::StartsWith(absl::string_view(out).substr(id_end + 1), kRedacted)) {
      pos = RedactRun(out, id_end + 1);
    } else {
      pos = id_end;
    }
  }
}

// "Bearer <anything>" in any case.
void RedactBearer(std::string& out) {
  std::size_t pos = 0;
  while (true) {
    const std::string lower = absl::AsciiStrToLower(out);
    pos = lower.find("bearer ", pos);
    if (pos == std::string::npos) return;
    std::size_t value = pos + 7;
    while (value < out.size() && out[value] == ' ') ++value;
    if (absl::StartsWith(absl::string_view(out).substr(value), kRedacted)) {
      pos = value + kRedacted.size();
      continue;
    }
    pos = RedactRun(out, value);
  }
}

// scheme://user:password@host
void RedactUrlPasswords(std::string& out) {
  std::size_t search = 0;
  while (true) {
    const std::size_t scheme = out.find("://", search);
    if (scheme == std::string::npos) return;
    const std::size_t start = scheme + 3;
    std::size_t end = out.find_first_of("/?# \"'", start);
    if (end == std::string::npos) end = out.size();
    const std::size_t at = out.rfind('@', end);
    if (at != std::string::npos && at > start) {
      const std::size_t colon = out.find(':', start);
      if (colon != std::string::npos && colon < at &&
          absl::string_view(out).substr(colon + 1, at - colon - 1) != kRedacted) {
        out.replace(colon + 1, at - colon - 1, RedactedText());
        end = colon + 1 + kRedacted.size();
      }
    }
    search = end;
  }
}

// password=..., passwd=..., secret=..., token=... (connection strings, query strings)
void RedactKeyValues(std::string& out) {
  for (const std::string key : {"password=", "passwd=", "secret=", "token=", "sslpassword="}) {
    std::size_t pos = 0;
    while (true) {
      const std::string lower = absl::AsciiStrToLower(out);
      pos = lower.find(key, pos);
      if (pos == std::string::npos) break;
      // Only at a word start: "page_token=" is a page cursor, not a secret.
      if (pos > 0 && (absl::ascii_isalnum(static_cast<unsigned char>(out[pos - 1])) || out[pos - 1] == '_')) {
        pos += key.size();
        continue;
      }
      const std::size_t value = pos + key.size();
      if (absl::StartsWith(absl::string_view(out).substr(value), kRedacted)) {
        pos = value + kRedacted.size();
        continue;
      }
      std::size_t end = out.find_first_of("& \"',;", value);
      if (end == std::string::npos) end = out.size();
      out.replace(value, end - value, RedactedText());
      pos = value + kRedacted.size();
    }
  }
}

void RedactPrivateKeys(std::string& out) {
  const std::string kBegin = "-----BEGIN ";
  const std::string kEnd = "-----END ";
  std::size_t pos = 0;
  while ((pos = out.find(kBegin, pos)) != std::string::npos) {
    const std::size_t label_end = out.find("-----", pos + kBegin.size());
    if (label_end == std::string::npos) return;
    const std::string label = out.substr(pos + kBegin.size(), label_end - pos - kBegin.size());
    if (!absl::StrContains(label, "PRIVATE KEY")) {
      pos = label_end;
      continue;
    }
    const std::size_t end_marker = out.find(absl::StrCat(kEnd, label, "-----"), label_end);
    const std::size_t stop = end_marker == std::string::npos
                                 ? out.size()
                                 : end_marker + kEnd.size() + label.size() + 5;
    const std::string replacement = absl::StrCat("[", label, " ", kRedacted, "]");
    out.replace(pos, stop - pos, replacement);
    pos += replacement.size();
  }
}

}  // namespace

std::string RedactSecrets(absl::string_view text) {
  std::string out(text);
  RedactPrivateKeys(out);
  RedactOurTokens(out);
  RedactBearer(out);
  RedactUrlPasswords(out);
  RedactKeyValues(out);
  return out;
}

}  // namespace oversight::server
