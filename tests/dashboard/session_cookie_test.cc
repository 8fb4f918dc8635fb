// The dashboard's login cookie and token comparison.
#include "clients/dashboard/session_cookie.h"

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"

namespace oversight::client::dashboard {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'780'000'000);

TEST(SessionCookieTest, AnIssuedCookieVerifiesUntilItExpires) {
  SessionSigner signer("correct horse battery staple");
  const std::string cookie = signer.Issue(kNow, absl::Hours(12));
  EXPECT_TRUE(signer.Verify(cookie, kNow));
  EXPECT_TRUE(signer.Verify(cookie, kNow + absl::Hours(12) - absl::Seconds(1)));
  EXPECT_FALSE(signer.Verify(cookie, kNow + absl::Hours(12))) << "expired at its Max-Age";
}

TEST(SessionCookieTest, AnotherTokensCookieOrATamperedOneIsRefused) {
  SessionSigner signer("correct horse battery staple");
  SessionSigner other("a different dashboard token");
  const std::string cookie = signer.Issue(kNow, absl::Hours(1));
  EXPECT_FALSE(other.Verify(cookie, kNow)) << "changing the token logs every browser out";

  std::vector<std::string> parts = absl::StrSplit(cookie, '.');
  ASSERT_EQ(parts.size(), 4u) << cookie;
  // Extending the expiry invalidates the MAC.
  const std::string extended =
      parts[0] + "." + std::to_string(std::stoll(parts[1]) + 86400) + "." + parts[2] + "." + parts[3];
  EXPECT_FALSE(signer.Verify(extended, kNow));
  std::string flipped = cookie;
  flipped.back() = flipped.back() == '0' ? '1' : '0';
  EXPECT_FALSE(signer.Verify(flipped, kNow));
  EXPECT_FALSE(signer.Verify("", kNow));
  EXPECT_FALSE(signer.Verify("v1.x.y.z", kNow));
  EXPECT_FALSE(signer.Verify("correct horse battery staple", kNow)) << "the token is not a cookie";
}

TEST(SessionCookieTest, TwoLoginsGetDifferentCookies) {
  SessionSigner signer("correct horse battery staple");
  EXPECT_NE(signer.Issue(kNow, absl::Hours(1)), signer.Issue(kNow, absl::Hours(1)));
}

TEST(SessionCookieTest, TheTokenComparisonAcceptsOnlyTheExactToken) {
  SessionSigner signer("correct horse battery staple");
  EXPECT_TRUE(signer.IsDashboardToken("correct horse battery staple"));
  EXPECT_FALSE(signer.IsDashboardToken("correct horse battery stapl"));
  EXPECT_FALSE(signer.IsDashboardToken("correct horse battery staple "));
  EXPECT_FALSE(signer.IsDashboardToken(""));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

}  // namespace
}  // namespace oversight::client::dashboard
