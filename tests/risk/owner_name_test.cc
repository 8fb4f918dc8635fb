// risk::NormaliseOwnerName: each rule of risk/domain/owner_name.h, with the
// expected forms worked out by hand from the rules, and the spellings of one
// owner that Ofsted's yearly provider files actually vary between (case,
// "Ltd"/"Limited", "&"/"and", apostrophes, "(The)").

#include "risk/domain/owner_name.h"

#include <string>

#include "gtest/gtest.h"

namespace oversight::risk {
namespace {

struct Case {
  const char* input;
  const char* expected;
};

void ExpectForms(std::initializer_list<Case> cases) {
  for (const Case& c : cases) {
    EXPECT_EQ(NormaliseOwnerName(c.input), c.expected)
        << "input \"" << c.input << "\": computed \"" << NormaliseOwnerName(c.input)
        << "\", expected \"" << c.expected << "\"";
  }
}

TEST(OwnerNameTest, FoldsAsciiCaseOnly) {
  ExpectForms({{"ACME CARE", "acme care"},
               {"Acme Care", "acme care"},
               // Non-ASCII letters are kept byte for byte (no locale).
               {"CAFÉ Care", "caf\xC3\x89 care"}});
}

TEST(OwnerNameTest, AmpersandAndPlusBecomeAnd) {
  ExpectForms({{"A & B Care", "a and b care"}, {"A&B Care", "a and b care"}, {"A+B Care", "a and b care"}});
}

TEST(OwnerNameTest, ApostrophesAndFullStopsAreDropped) {
  ExpectForms({{"Children's Homes", "childrens homes"},
               {"Children\xE2\x80\x99s Homes", "childrens homes"},  // U+2019
               {"A.B.C. Care", "abc care"},
               {"Acme Care Ltd.", "acme care"}});
}

TEST(OwnerNameTest, OtherPunctuationSeparatesWordsAndSpacesCollapse) {
  ExpectForms({{"Acme-Care", "acme care"},
               {"Acme, Care", "acme care"},
               {"  Acme \t Care\n", "acme care"},
               {"Acme\xE2\x80\x93" "Care", "acme care"},  // U+2013 en dash
               {"\xE2\x80\x9C" "Acme\xE2\x80\x9D Care", "acme care"}});
}

TEST(OwnerNameTest, LeadingTheIsDropped) {
  ExpectForms({{"The Acme Group", "acme group"}, {"Acme Group (The)", "acme group"}, {"The", "the"}});
}

TEST(OwnerNameTest, TrailingLegalSuffixesAreDroppedRepeatedly) {
  ExpectForms({{"Acme Care Limited", "acme care"},
               {"Acme Care Ltd", "acme care"},
               {"Acme Care PLC", "acme care"},
               {"Acme Care LLP", "acme care"},
               {"Acme Care LP", "acme care"},
               {"Acme Care CIC", "acme care"},
               {"Acme Care Community Interest Company", "acme care"},
               {"Acme Care Public Limited Company", "acme care"},
               {"Acme Care Company Limited by Guarantee", "acme care"},
               {"Acme Care Company", "acme care"},
               {"Acme Care & Co", "acme care"},
               {"Acme Care Co. Ltd", "acme care"},
               {"Acme Care (UK) Limited", "acme care"},
               {"Acme Care U.K. Ltd", "acme care"},
               {"Acme Care U. K. Ltd", "acme care"},
               {"Acme Care UK Ltd (The)", "acme care"}});
}

TEST(OwnerNameTest, NameIsNeverReducedToNothing) {
  ExpectForms({{"Limited", "limited"}, {"UK Limited", "uk"}, {"", ""}, {" .,;& ", "and"}});
}

TEST(OwnerNameTest, SpellingsOfOneOwnerAreEqual) {
  const std::string key = NormaliseOwnerName("Acme Children's Services Limited");
  for (const char* spelling :
       {"ACME CHILDRENS SERVICES LTD", "Acme Children's Services Ltd.", "The Acme Childrens Services Limited",
        "Acme Children\xE2\x80\x99s Services (UK) Limited", "acme  childrens  services"}) {
    EXPECT_EQ(NormaliseOwnerName(spelling), key) << "spelling \"" << spelling << "\"";
  }
}

TEST(OwnerNameTest, DistinctBusinessesStayDistinct) {
  // "group", "holdings", "services" and "care" distinguish companies.
  EXPECT_NE(NormaliseOwnerName("Acme Care Ltd"), NormaliseOwnerName("Acme Care Group Ltd"));
  EXPECT_NE(NormaliseOwnerName("Acme Care"), NormaliseOwnerName("Acme Care Holdings"));
  EXPECT_NE(NormaliseOwnerName("Acme Care"), NormaliseOwnerName("Acme Care Services"));
  EXPECT_NE(NormaliseOwnerName("Acme"), NormaliseOwnerName("Acme Care"));
  // A suffix only goes at the end: "Limited" inside a name stays.
  EXPECT_EQ(NormaliseOwnerName("Limited Edition Care Ltd"), "limited edition care");
  // "co" only as a whole word: "Coastal" keeps its letters.
  EXPECT_EQ(NormaliseOwnerName("Acme Coastal Ltd"), "acme coastal");
}

}  // namespace
}  // namespace oversight::risk
