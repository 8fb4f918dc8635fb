// The gateway's address handling and reconnect backoff.
#include "clients/dashboard/alert_relay.h"
#include "clients/dashboard/gateway_options.h"
#include "clients/dashboard/http_gateway.h"

#include "gtest/gtest.h"

namespace oversight::client::dashboard {
namespace {

TEST(GatewayOptionsTest, HostAndPort) {
  std::string host;
  int port = -1;
  ASSERT_TRUE(ParseHostPort("127.0.0.1:8080", "--listen", &host, &port).ok());
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 8080);
  ASSERT_TRUE(ParseHostPort("[::1]:0", "--listen", &host, &port).ok());
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 0);
  const absl::Status bad = ParseHostPort("localhost", "--listen", &host, &port);
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("--listen"), absl::string_view::npos) << bad.message();
  EXPECT_FALSE(ParseHostPort("localhost:70000", "--listen", &host, &port).ok());
}

TEST(GatewayOptionsTest, OnlyLoopbackCountsAsLoopback) {
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_TRUE(IsLoopbackHost("::1"));
  EXPECT_FALSE(IsLoopbackHost("0.0.0.0"));
  EXPECT_FALSE(IsLoopbackHost("10.0.0.1"));
  EXPECT_FALSE(IsLoopbackHost("128.0.0.1"));
}

TEST(AlertRelayTest, BackoffDoublesFromTheInitialDelayUpToTheCap) {
  const RelayBackoff backoff{absl::Milliseconds(250), absl::Seconds(10)};
  EXPECT_EQ(BackoffDelay(backoff, 0), absl::Milliseconds(250));
  EXPECT_EQ(BackoffDelay(backoff, 1), absl::Milliseconds(500));
  EXPECT_EQ(BackoffDelay(backoff, 3), absl::Seconds(2));
  EXPECT_EQ(BackoffDelay(backoff, 6), absl::Seconds(10)) << "250ms x 64 = 16s, capped";
  EXPECT_EQ(BackoffDelay(backoff, 1000), absl::Seconds(10));
}

TEST(CookieValueTest, FindsTheNamedCookieOnly) {
  EXPECT_EQ(CookieValue("a=1; oversight_dashboard=v1.2.3.4; b=2", "oversight_dashboard"), "v1.2.3.4");
  EXPECT_EQ(CookieValue("oversight_dashboard_x=1", "oversight_dashboard"), "");
  EXPECT_EQ(CookieValue("", "oversight_dashboard"), "");
}

}  // namespace
}  // namespace oversight::client::dashboard
