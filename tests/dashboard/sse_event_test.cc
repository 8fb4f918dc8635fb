// Server-Sent Events framing, checked against the examples of the HTML
// Living Standard, section 9.2.6 "Interpreting an event stream".
#include "clients/dashboard/sse_event.h"

#include "gtest/gtest.h"

namespace oversight::client::dashboard {
namespace {

TEST(SseEventTest, AnAlertCarriesItsSequenceAsTheEventId) {
  EXPECT_EQ(SseEvent("alert", R"({"sequence":"42"})", 42),
            "id: 42\nevent: alert\ndata: {\"sequence\":\"42\"}\n\n");
}

TEST(SseEventTest, EachLineOfDataIsItsOwnDataField) {
  // The standard's example: "data: YHOO\ndata: +2\ndata: 10" dispatches
  // "YHOO\n+2\n10".
  EXPECT_EQ(SseEvent("", "YHOO\n+2\n10"), "data: YHOO\ndata: +2\ndata: 10\n\n");
}

TEST(SseEventTest, StatusEventsHaveNoIdSoTheResumePointIsKept) {
  EXPECT_EQ(SseEvent("status", R"({"upstream":"down"})"),
            "event: status\ndata: {\"upstream\":\"down\"}\n\n");
}

TEST(SseEventTest, AnEventNameWithANewlineIsDropped) {
  EXPECT_EQ(SseEvent("a\nid: 9", "x"), "data: x\n\n");
}

TEST(SseEventTest, CommentsAndRetry) {
  EXPECT_EQ(SseComment("keepalive"), ": keepalive\n\n");
  EXPECT_EQ(SseRetry(2000), "retry: 2000\n\n");
}

TEST(SseEventTest, LastEventIdIsADecimalSequenceOrNothing) {
  EXPECT_EQ(ParseLastEventId("17"), 17);
  EXPECT_EQ(ParseLastEventId(" 0 "), 0);
  EXPECT_EQ(ParseLastEventId("9223372036854775807"), INT64_MAX);
  EXPECT_EQ(ParseLastEventId(""), std::nullopt);
  EXPECT_EQ(ParseLastEventId("-1"), std::nullopt);
  EXPECT_EQ(ParseLastEventId("12a"), std::nullopt);
  EXPECT_EQ(ParseLastEventId("99999999999999999999"), std::nullopt);
}

}  // namespace
}  // namespace oversight::client::dashboard
