// risk::Text: a literal kept as a view, run-time text owned; both read,
// compare, copy and move as the std::string they replace.
#include "risk/domain/text.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace oversight::risk {
namespace {

constexpr char kPhrase[] = "log-odds of one-year default";

TEST(Text, ALiteralIsAViewOfItsCharactersAndOwnedTextIsACopy) {
  const Text literal = Text::Literal(kPhrase);
  EXPECT_EQ(literal.view().data(), kPhrase) << "no copy of a literal";
  EXPECT_EQ(literal, "log-odds of one-year default");

  std::string runtime = "combined one-year PD 3.2%";
  const Text owned = runtime;
  runtime[0] = 'X';  // the text kept its own characters
  EXPECT_EQ(owned, "combined one-year PD 3.2%");
  EXPECT_NE(owned.view().data(), runtime.data());
  EXPECT_EQ(Text("from a char pointer"), "from a char pointer");
}

TEST(Text, CopiesAndMovesKeepTheTextWhateverItsKind) {
  std::vector<Text> texts = {Text::Literal(kPhrase), Text(std::string(40, 'a')), Text(std::string("short")),
                             Text()};
  std::vector<Text> copies = texts;
  std::vector<Text> moved = std::move(copies);
  moved.reserve(100);  // relocates: a short owned text must not keep a view of its old place
  ASSERT_EQ(moved.size(), 4u);
  EXPECT_EQ(moved[0], kPhrase);
  EXPECT_EQ(moved[0].view().data(), kPhrase);
  EXPECT_EQ(moved[1], std::string(40, 'a'));
  EXPECT_EQ(moved[2], "short");
  EXPECT_TRUE(moved[3].empty());
  EXPECT_EQ(moved[1], texts[1]);
  EXPECT_FALSE(moved[1] == texts[2]);
  std::ostringstream printed;
  printed << moved[0] << "|" << moved[2];
  EXPECT_EQ(printed.str(), "log-odds of one-year default|short");
  EXPECT_EQ(moved[2].str(), "short");
}

}  // namespace
}  // namespace oversight::risk
