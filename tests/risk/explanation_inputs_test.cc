// FigureInputs: a figure's input citations as one or two runs of the
// assessment's shared citation table (risk/assessment/explanation.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "risk/assessment/explanation.h"

namespace oversight::risk {
namespace {

using ::testing::ElementsAre;
using Range = FigureInputs::Range;

std::shared_ptr<const FigureInputs::Table> Table() {
  return std::make_shared<const FigureInputs::Table>(
      FigureInputs::Table{"accounts", "prior", "facility F1", "facility F2", "snapshot", "placements"});
}

TEST(FigureInputs, ReadsTwoRunsInOrder) {
  const FigureInputs inputs(Table(), Range{0, 1}, Range{2, 4});
  EXPECT_THAT(inputs.citations(), ElementsAre("accounts", "facility F1", "facility F2"));
  EXPECT_EQ(inputs.size(), 3u);
  EXPECT_FALSE(inputs.empty());
}

TEST(FigureInputs, ReadsAdjacentAndOverlappingRunsWithoutSkippingOrLooping) {
  EXPECT_THAT(FigureInputs(Table(), Range{0, 2}, Range{2, 3}).citations(),
              ElementsAre("accounts", "prior", "facility F1"));
  // A second run that starts before the first ends is read as given.
  EXPECT_THAT(FigureInputs(Table(), Range{4, 6}, Range{0, 5}).citations(),
              ElementsAre("snapshot", "placements", "accounts", "prior", "facility F1", "facility F2", "snapshot"));
}

TEST(FigureInputs, EmptyRunsAreSkipped) {
  EXPECT_THAT(FigureInputs(Table(), Range{1, 1}, Range{4, 6}).citations(), ElementsAre("snapshot", "placements"));
  EXPECT_THAT(FigureInputs(Table(), Range{4, 5}, Range{3, 3}).citations(), ElementsAre("snapshot"));
  const FigureInputs none(Table(), Range{2, 2}, Range{5, 5});
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.begin(), none.end());
  EXPECT_TRUE(FigureInputs().empty());
  EXPECT_EQ(FigureInputs().begin(), FigureInputs().end());
}

TEST(FigureInputs, OwnListAndCopiesShareTheTable) {
  const FigureInputs own{"a", "b"};
  const FigureInputs copy = own;
  EXPECT_THAT(copy.citations(), ElementsAre("a", "b"));
  EXPECT_EQ((*own.begin()).data(), (*copy.begin()).data()) << "a copy shares the citations, it does not copy them";
  EXPECT_THAT(FigureInputs(std::vector<std::string>{"x"}), ElementsAre("x"));
}

// Every citation of an assessment is written into one buffer; each reads
// back whole, including empty ones and ones written in several appends.
TEST(CitationTable, CitationsReadBackWholeFromOneBuffer) {
  CitationTable table;
  table.Reserve(16);  // smaller than the whole: the buffer grows and the citations stay right
  table.Add("accounts P001 2025-03-31 (sample/accounts.csv:7, v2)");
  table.Add("");
  table.AddWritten([](std::string& out) {
    out.append("facility ");
    out.append("P001/F1");
  });
  table.Add(std::string(300, 'x'));
  ASSERT_EQ(table.size(), 4u);
  EXPECT_EQ(table[0], "accounts P001 2025-03-31 (sample/accounts.csv:7, v2)");
  EXPECT_EQ(table[1], "");
  EXPECT_EQ(table[2], "facility P001/F1");
  EXPECT_EQ(table[3], std::string(300, 'x'));
  EXPECT_EQ(table[2].data() + table[2].size(), table[3].data()) << "one buffer, in order";
  const CitationTable copied = table;
  EXPECT_EQ(copied[2], "facility P001/F1");
  EXPECT_NE(copied[2].data(), table[2].data());
}

TEST(FigureDefinition, CatalogueEntryIsPointedAtAndOwnedTextsSurviveTheirSource) {
  static constexpr FigureSpec kEntry{"resilience.interest_cover", "Interest cover", "ratio",
                                     "EBITDA / interest payable", "Facility agreement"};
  const FigureDefinition entry = FigureDefinition::Static(kEntry);
  EXPECT_EQ(&entry.spec(), &kEntry) << "a catalogue entry is not copied";
  FigureDefinition owned;
  {
    std::string key = "resilience.covenant.F1.max_net_leverage";
    owned = FigureDefinition::Owned(key, "Covenant headroom", "ratio", "limit - net debt / EBITDA", "lenders");
    key.assign(key.size(), 'x');
  }
  const FigureDefinition copy = owned;
  EXPECT_EQ(copy.spec().key, "resilience.covenant.F1.max_net_leverage");
  EXPECT_EQ(copy.spec().unit, "ratio");
  EXPECT_EQ(&copy.spec(), &owned.spec()) << "copies share the owned texts";
  // Short texts live inside std::string's own buffer: the views must still
  // point into the shared copy, not into a moved-from temporary.
  const FigureDefinition small = FigureDefinition::Owned("k", "l", "u", "f", "s");
  const FigureDefinition small_copy = small;
  EXPECT_EQ(small_copy.spec().key, "k");
  EXPECT_EQ(small_copy.spec().source, "s");
  EXPECT_TRUE(FigureDefinition().spec().key.empty());
}

// Named: a figure's own key and label (kept, even short ones, in the shared
// copy), with the catalogue entry's unit, formula and source pointed at.
TEST(FigureDefinition, NamedFigureOwnsItsNameAndPointsAtItsEntrysTexts) {
  static constexpr FigureSpec kEntry{"resilience.covenant_leverage", "Covenant headroom", "ratio",
                                     "limit - net debt / EBITDA", "Facility agreement"};
  FigureDefinition named;
  {
    std::string key = "resilience.covenant_leverage.F1.max_net_leverage";
    std::string label = "F1";  // short: inside std::string's own buffer
    named = FigureDefinition::Named(key, label, kEntry);
    key.assign(key.size(), 'x');
    label.assign(label.size(), 'y');
  }
  const FigureDefinition copy = named;
  EXPECT_EQ(copy.spec().key, "resilience.covenant_leverage.F1.max_net_leverage");
  EXPECT_EQ(copy.spec().label, "F1");
  EXPECT_EQ(copy.spec().unit.data(), kEntry.unit.data()) << "the entry's unit is pointed at, not copied";
  EXPECT_EQ(copy.spec().formula.data(), kEntry.formula.data());
  EXPECT_EQ(copy.spec().source, "Facility agreement");
  EXPECT_EQ(&copy.spec(), &named.spec()) << "copies share the named texts";
}

}  // namespace
}  // namespace oversight::risk
