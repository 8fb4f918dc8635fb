#pragma once
// The dashboard's login: the analyst gives the dashboard token once and gets a
// signed, expiring session cookie. The cookie is stateless (an HMAC keyed from
// the token), so a restarted gateway keeps wall screens logged in, and
// changing the token logs every browser out.
//
// Format: "v1.<expiry unix seconds>.<16-byte nonce hex>.<HMAC-SHA256 hex>",
// the MAC over "v1.<expiry>.<nonce>".

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace oversight::client::dashboard {

inline constexpr char kSessionCookieName[] = "oversight_dashboard";

// Equality whose running time does not depend on where the inputs differ, nor
// on their lengths (both are hashed first): a guessed token learns nothing
// from the response time.
bool ConstantTimeEquals(absl::string_view a, absl::string_view b);

class SessionSigner {
 public:
  explicit SessionSigner(absl::string_view dashboard_token);

  // True when `candidate` is the dashboard token (constant time).
  bool IsDashboardToken(absl::string_view candidate) const;

  std::string Issue(absl::Time now, absl::Duration lifetime) const;

  // True for a cookie value this signer issued that has not expired.
  bool Verify(absl::string_view value, absl::Time now) const;

 private:
  std::string Mac(absl::string_view payload) const;

  std::string token_;
  std::string key_;  // SHA-256 of a domain-separated token: the token itself never keys a MAC
};

}  // namespace oversight::client::dashboard
