// The transformation registries, format by format. Expected values are the
// registry documents' own readings (XII Inline XBRL Transformation Registry
// 1-4 and the 2008 registry of Inline XBRL 1.0) and the separators seen in
// the Companies House corpus (docs/import.md, "XBRL reader").
#include "clients/import/xbrl/transformation_registry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace oversight::client::xbrl {
namespace {

using ::testing::HasSubstr;

const QName Ixt2008(const char* name) { return {kTransformationRegistry2008, name}; }
const QName Ixt1(const char* name) { return {kTransformationRegistry1, name}; }
const QName Ixt2(const char* name) { return {kTransformationRegistry2, name}; }
const QName Ixt3(const char* name) { return {kTransformationRegistry3, name}; }
const QName Ixt4(const char* name) { return {kTransformationRegistry4, name}; }

// The canonical decimal a format reads, or a failure naming the status.
std::string Read(const QName& format, absl::string_view text) {
  auto read = TransformNumber(format, text);
  if (!read.ok()) return "error: " + std::string(read.status().message());
  if (!read->has_value()) return "empty";
  return **read;
}

TEST(TransformationRegistryTest, NumCommaDotHasCommaGroupsAndDotDecimal) {
  // 2008 registry: "numcommadot" = comma thousands separator, dot decimal,
  // as in every Companies House filing that uses it ("276,961", "100.00";
  // Prod223_2125_09707484_20170731.html line 1127).
  EXPECT_EQ(Read(Ixt2008("numcommadot"), "1,234,567.89"), "1234567.89");
  EXPECT_EQ(Read(Ixt2008("numcommadot"), "276,961"), "276961");
  EXPECT_EQ(Read(Ixt2008("numcommadot"), "100.00"), "100.00");
  // The other convention is an error, never a number 100 times too big.
  EXPECT_THAT(Read(Ixt2008("numcommadot"), "1.234.567,89"), HasSubstr("error"));
}

TEST(TransformationRegistryTest, NumDotCommaHasDotGroupsAndCommaDecimal) {
  EXPECT_EQ(Read(Ixt2008("numdotcomma"), "1.234.567,89"), "1234567.89");
  EXPECT_THAT(Read(Ixt2008("numdotcomma"), "1,234,567.89"), HasSubstr("error"));
}

TEST(TransformationRegistryTest, NumDotDecimalAcceptsCommaSpaceAndNbspGroups) {
  for (const QName& f : {Ixt1("numdotdecimal"), Ixt2("numdotdecimal"), Ixt3("numdotdecimal")}) {
    EXPECT_EQ(Read(f, "1,234,567.89"), "1234567.89") << f.namespace_uri;
    EXPECT_EQ(Read(f, "1 234 567.89"), "1234567.89") << f.namespace_uri;
    EXPECT_EQ(Read(f, "1\xC2\xA0" "234"), "1234") << f.namespace_uri;  // NBSP
    EXPECT_EQ(Read(f, "  33,242 \n"), "33242") << f.namespace_uri;
    EXPECT_THAT(Read(f, "1.234,56"), HasSubstr("error")) << f.namespace_uri;
  }
  EXPECT_EQ(Read(Ixt4("num-dot-decimal"), "1,234,567.89"), "1234567.89");
}

TEST(TransformationRegistryTest, NumCommaDecimalSwapsTheSeparators) {
  for (const QName& f : {Ixt1("numcommadecimal"), Ixt2("numcommadecimal"), Ixt3("numcommadecimal"),
                         Ixt4("num-comma-decimal")}) {
    EXPECT_EQ(Read(f, "1.234.567,89"), "1234567.89") << f.namespace_uri;
    EXPECT_EQ(Read(f, "1 234,5"), "1234.5") << f.namespace_uri;
    EXPECT_THAT(Read(f, "1,234,567.89"), HasSubstr("error")) << f.namespace_uri;
  }
}

TEST(TransformationRegistryTest, NumSpaceDotAndNumSpaceComma) {
  EXPECT_EQ(Read(Ixt2008("numspacedot"), "1 234 567.89"), "1234567.89");
  EXPECT_EQ(Read(Ixt2008("numspacecomma"), "1 234 567,89"), "1234567.89");
  EXPECT_THAT(Read(Ixt2008("numspacedot"), "1,234"), HasSubstr("error"));
}

TEST(TransformationRegistryTest, NumUnitDecimalReadsMinorUnitsAsHundredths) {
  EXPECT_EQ(Read(Ixt2("numunitdecimal"), "5 pounds 34 pence"), "5.34");
  EXPECT_EQ(Read(Ixt2("numunitdecimal"), "1,000 pounds 5 pence"), "1000.05");
  EXPECT_EQ(Read(Ixt4("num-unit-decimal"), "12 euro"), "12");
}

TEST(TransformationRegistryTest, DigitGroupsMustBeThreeDigits) {
  EXPECT_THAT(Read(Ixt2("numdotdecimal"), "12,34"), HasSubstr("3 digits"));
  EXPECT_THAT(Read(Ixt2("numdotdecimal"), "1234,567"), HasSubstr("3 digits"));
  EXPECT_EQ(Read(Ixt2("numdotdecimal"), "1234567"), "1234567");
}

TEST(TransformationRegistryTest, DashesAreZero) {
  // zerodash and numdash: hyphen-minus, en dash U+2013, em dash U+2014,
  // minus sign U+2212 all mean 0 (the registry's definition).
  for (const QName& f : {Ixt1("zerodash"), Ixt2("zerodash"), Ixt3("zerodash"), Ixt2008("numdash")}) {
    EXPECT_EQ(Read(f, "-"), "0") << f.namespace_uri << " " << f.local_name;
    EXPECT_EQ(Read(f, "\xE2\x80\x93"), "0") << f.local_name;  // en dash
    EXPECT_EQ(Read(f, " \xE2\x80\x94 "), "0") << f.local_name;  // em dash
    EXPECT_EQ(Read(f, "\xE2\x88\x92"), "0") << f.local_name;  // minus sign
    EXPECT_THAT(Read(f, "12"), HasSubstr("not a dash")) << f.local_name;
  }
}

TEST(TransformationRegistryTest, FixedZeroIsZeroWhateverTheText) {
  EXPECT_EQ(Read(Ixt3("fixedzero"), "nil"), "0");
  EXPECT_EQ(Read(Ixt4("fixed-zero"), ""), "0");
}

TEST(TransformationRegistryTest, NoContentAndFixedEmptyAreEmptyNotZero) {
  EXPECT_EQ(Read(Ixt2("nocontent"), ""), "empty");
  EXPECT_EQ(Read(Ixt3("nocontent"), "-"), "empty");
  EXPECT_EQ(Read(Ixt3("fixedempty"), "anything"), "empty");
  EXPECT_EQ(Read(Ixt4("fixed-empty"), ""), "empty");
}

TEST(TransformationRegistryTest, NumWordsEnReadsEnglishNumberWords) {
  // Registry 3's examples: "no", "none", "one hundred and twenty-three".
  EXPECT_EQ(Read(Ixt3("numwordsen"), "None"), "0");
  EXPECT_EQ(Read(Ixt3("numwordsen"), "no"), "0");
  EXPECT_EQ(Read(Ixt3("numwordsen"), "twelve"), "12");
  EXPECT_EQ(Read(Ixt3("numwordsen"), "One hundred and twenty-three"), "123");
  EXPECT_EQ(Read(Ixt3("numwordsen"), "two thousand five hundred"), "2500");
  EXPECT_EQ(Read(Ixt4("num-word-en"), "three million forty thousand and six"), "3040006");
  EXPECT_THAT(Read(Ixt3("numwordsen"), "twenty widgets"), HasSubstr("not a number word"));
  EXPECT_THAT(Read(Ixt3("numwordsen"), "12"), HasSubstr("error"));
  EXPECT_THAT(Read(Ixt3("numwordsen"), "nine hundred billion billion"), HasSubstr("without a number"));
  EXPECT_THAT(Read(Ixt3("numwordsen"), "nine hundred ninety nine thousand billion"),
              HasSubstr("without a number"));
  EXPECT_THAT(Read(Ixt3("numwordsen"), "nine hundred ninety nine million million"),
              HasSubstr("without a number"));
  EXPECT_THAT(Read(Ixt3("numwordsen"), "nine hundred ninety nine billion nine hundred ninety nine "
                                       "million nine hundred ninety nine thousand one thousand"),
              HasSubstr("error"));
}

TEST(TransformationRegistryTest, EmptyTextWithANumberFormatIsAnError) {
  EXPECT_THAT(Read(Ixt2("numdotdecimal"), ""), HasSubstr("empty text"));
  EXPECT_THAT(Read(Ixt2("numdotdecimal"), "  "), HasSubstr("empty text"));
  EXPECT_THAT(Read(QName{}, ""), HasSubstr("empty text"));
}

TEST(TransformationRegistryTest, NoFormatIsAnUnsignedDecimal) {
  EXPECT_EQ(Read(QName{}, "1234.50"), "1234.50");
  EXPECT_THAT(Read(QName{}, "1,234"), HasSubstr("error"));
  EXPECT_THAT(Read(QName{}, "-5"), HasSubstr("error"));
}

TEST(TransformationRegistryTest, UnknownFormatIsNotFoundAndNamed) {
  auto wrong_registry = TransformNumber(Ixt2("num-dot-decimal"), "1");  // a registry 4 name
  ASSERT_FALSE(wrong_registry.ok());
  EXPECT_EQ(wrong_registry.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(wrong_registry.status().message(), HasSubstr("num-dot-decimal"));
  auto unknown_ns = TransformNumber(QName{"http://example.com/ixt", "numdotdecimal"}, "1");
  ASSERT_FALSE(unknown_ns.ok());
  EXPECT_THAT(unknown_ns.status().message(), HasSubstr("http://example.com/ixt"));
  // A date format is not a number format.
  EXPECT_FALSE(TransformNumber(Ixt2008("datelonguk"), "31 July 2017").ok());
  EXPECT_FALSE(IsNumericFormat(Ixt2008("datelonguk")));
  EXPECT_TRUE(IsNumericFormat(Ixt2("zerodash")));
}

TEST(TransformationRegistryTest, DateFormatsNormaliseToIsoDates) {
  EXPECT_EQ(TransformText(Ixt2008("datelonguk"), "31 July 2017").value_or("none"), "2017-07-31");
  EXPECT_EQ(TransformText(Ixt2008("datelonguk"), "31st July 2017").value_or("none"), "2017-07-31");
  EXPECT_EQ(TransformText(Ixt2008("dateslasheu"), "30/11/2017").value_or("none"), "2017-11-30");
  EXPECT_EQ(TransformText(Ixt2("datedaymonthyear"), "31.08.17").value_or("none"), "2017-08-31");
  EXPECT_EQ(TransformText(Ixt1("datelongus"), "July 31, 2017").value_or("none"), "2017-07-31");
  EXPECT_EQ(TransformText(Ixt2("datedaymonthyearen"), "30 Sept 2017").value_or("none"),
            "2017-09-30");
  EXPECT_FALSE(TransformText(Ixt2008("datelonguk"), "31 February 2017").has_value());
  EXPECT_EQ(TransformText(Ixt2("booleanfalse"), "No").value_or("none"), "false");
  EXPECT_EQ(TransformText(Ixt4("fixed-true"), "").value_or("none"), "true");
  EXPECT_FALSE(TransformText(Ixt2("numdotdecimal"), "1").has_value());
}

TEST(TransformationRegistryTest, XsdDecimalOfPlainXbrlKeepsItsSign) {
  EXPECT_EQ(ParseXsdDecimal("-97280").value_or("bad"), "-97280");
  EXPECT_EQ(ParseXsdDecimal(" 1.00 ").value_or("bad"), "1.00");
  EXPECT_EQ(ParseXsdDecimal("+.5").value_or("bad"), "0.5");
  EXPECT_FALSE(ParseXsdDecimal("1,000").ok());
  EXPECT_FALSE(ParseXsdDecimal("").ok());
  EXPECT_FALSE(ParseXsdDecimal("-").ok());
}

}  // namespace
}  // namespace oversight::client::xbrl
