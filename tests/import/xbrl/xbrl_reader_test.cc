// ParseXbrlDocument on small documents written in the formats of real
// Companies House filings: one test per reader trap listed in
// docs/import.md ("XBRL reader") and /work/shared/data-sources.md sections 1
// and 4. Expected values are worked out by hand from the markup in each test.
#include "clients/import/xbrl/xbrl_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace oversight::client::xbrl {
namespace {

using ::testing::HasSubstr;

constexpr char kFrcCore[] = "http://xbrl.frc.org.uk/fr/2014-09-01/core";
constexpr char kFrcBus[] = "http://xbrl.frc.org.uk/cd/2014-09-01/business";

// An inline XBRL page: `ix_ns` is the Inline XBRL namespace (1.0 or 1.1),
// `hidden` goes in ix:hidden, `body` in the page. The FRC core namespace is
// bound to the prefix "core" on the root; tests bind it under other names.
std::string InlinePage(absl::string_view body, absl::string_view hidden = "",
                       absl::string_view ix_ns = "http://www.xbrl.org/2008/inlineXBRL",
                       absl::string_view extra_contexts = "") {
  return absl::StrCat(R"(<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix=")", ix_ns, R"("
 xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xbrldi="http://xbrl.org/2006/xbrldi"
 xmlns:iso4217="http://www.xbrl.org/2003/iso4217" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
 xmlns:ixt="http://www.xbrl.org/2008/inlineXBRL/transformation"
 xmlns:ixt2="http://www.xbrl.org/inlineXBRL/transformation/2011-07-31"
 xmlns:core="http://xbrl.frc.org.uk/fr/2014-09-01/core"
 xmlns:bus="http://xbrl.frc.org.uk/cd/2014-09-01/business">
<head><title>accounts</title></head>
<body>
<div style="display:none"><ix:header>
<ix:hidden>)", hidden, R"(</ix:hidden>
<ix:resources>
<xbrli:context id="CY"><xbrli:entity><xbrli:identifier scheme="http://www.companieshouse.gov.uk/">09707484</xbrli:identifier></xbrli:entity>
<xbrli:period><xbrli:startDate>2016-08-01</xbrli:startDate><xbrli:endDate>2017-07-31</xbrli:endDate></xbrli:period></xbrli:context>
<xbrli:context id="B"><xbrli:entity><xbrli:identifier scheme="http://www.companieshouse.gov.uk/">09707484</xbrli:identifier></xbrli:entity>
<xbrli:period><xbrli:instant>2017-07-31</xbrli:instant></xbrli:period></xbrli:context>
)", extra_contexts, R"(
<xbrli:unit id="GBP"><xbrli:measure>iso4217:GBP</xbrli:measure></xbrli:unit>
<xbrli:unit id="pure"><xbrli:measure>xbrli:pure</xbrli:measure></xbrli:unit>
</ix:resources></ix:header></div>
)", body, R"(
</body></html>
)");
}

std::string Number(absl::string_view name, absl::string_view context, absl::string_view attrs,
                   absl::string_view text) {
  return absl::StrCat("<ix:nonFraction name=\"", name, "\" contextRef=\"", context,
                      "\" unitRef=\"GBP\" decimals=\"0\" ", attrs, ">", text, "</ix:nonFraction>");
}

XbrlDocument ParseOk(const std::string& text) {
  auto doc = ParseXbrlDocument("test.html", text);
  EXPECT_TRUE(doc.ok()) << doc.status();
  return doc.ok() ? *std::move(doc) : XbrlDocument{};
}

const Fact* FindFact(const XbrlDocument& doc, absl::string_view local,
                     absl::string_view context = "") {
  for (const Fact& f : doc.facts) {
    if (f.concept_name.local_name == local && (context.empty() || f.context_ref == context)) {
      return &f;
    }
  }
  return nullptr;
}

double ValueOf(const XbrlDocument& doc, absl::string_view local, absl::string_view context = "") {
  const Fact* f = FindFact(doc, local, context);
  EXPECT_NE(f, nullptr) << local;
  if (f == nullptr || !f->value.has_value()) {
    ADD_FAILURE() << local << " has no value";
    return -1e300;
  }
  return *f->value;
}

TEST(XbrlReaderTest, ReadsContextsUnitsAndANumber) {
  const XbrlDocument doc = ParseOk(InlinePage(
      Number("core:TurnoverRevenue", "CY", "scale=\"0\" format=\"ixt:numcommadot\"", "276,961")));
  EXPECT_EQ(doc.format, XbrlDocument::Format::kInlineXbrl);
  ASSERT_EQ(doc.contexts.size(), 2u);
  const Context* cy = doc.FindContext("CY");
  ASSERT_NE(cy, nullptr);
  EXPECT_EQ(cy->period.kind, Period::Kind::kDuration);
  EXPECT_EQ(risk::FormatIsoDate(cy->period.start), "2016-08-01");
  EXPECT_EQ(risk::FormatIsoDate(cy->period.end), "2017-07-31");
  EXPECT_EQ(cy->entity_scheme, "http://www.companieshouse.gov.uk/");
  EXPECT_EQ(cy->entity_identifier, "09707484");
  const Context* b = doc.FindContext("B");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->period.kind, Period::Kind::kInstant);
  EXPECT_EQ(risk::FormatIsoDate(b->period.end), "2017-07-31");
  EXPECT_EQ(doc.FindContext("nope"), nullptr);
  const Unit* gbp = doc.FindUnit("GBP");
  ASSERT_NE(gbp, nullptr);
  ASSERT_EQ(gbp->measures.size(), 1u);
  EXPECT_EQ(gbp->measures[0], (QName{"http://www.xbrl.org/2003/iso4217", "GBP"}));

  ASSERT_EQ(doc.facts.size(), 1u);
  const Fact& f = doc.facts[0];
  EXPECT_EQ(f.concept_name, (QName{kFrcCore, "TurnoverRevenue"}));
  EXPECT_TRUE(f.numeric);
  EXPECT_EQ(f.unit_ref, "GBP");
  EXPECT_EQ(f.decimals, "0");
  ASSERT_TRUE(f.value.has_value());
  EXPECT_DOUBLE_EQ(*f.value, 276961.0);
  EXPECT_EQ(f.text, "276,961");
  EXPECT_FALSE(f.hidden);
  EXPECT_EQ(f.location.document, "test.html");
  EXPECT_EQ(f.location.line, 22) << "the nonFraction's start tag is on line 22 of the page";
  EXPECT_EQ(f.format, (QName{"http://www.xbrl.org/2008/inlineXBRL/transformation", "numcommadot"}));
}

TEST(XbrlReaderTest, InlineXbrl11NamespaceReadsTheSame) {
  const XbrlDocument doc = ParseOk(InlinePage(
      Number("core:CashBankOnHand", "B", "format=\"ixt2:numdotdecimal\"", "49,468"), "",
      "http://www.xbrl.org/2013/inlineXBRL"));
  EXPECT_DOUBLE_EQ(ValueOf(doc, "CashBankOnHand"), 49468.0);
}

TEST(XbrlReaderTest, ScaleMultipliesByPowersOfTen) {
  const XbrlDocument doc = ParseOk(InlinePage(absl::StrCat(
      Number("core:TurnoverRevenue", "CY", "scale=\"3\" format=\"ixt:numcommadot\"", "1,250"),
      Number("core:Creditors", "B", "scale=\"6\" format=\"ixt2:numdotdecimal\"", "2.5"),
      "<ix:nonFraction name=\"core:PercentageShareholding\" contextRef=\"CY\" unitRef=\"pure\" "
      "decimals=\"INF\" scale=\"-2\" format=\"ixt2:numdotdecimal\">7.5</ix:nonFraction>")));
  // 1,250 thousand = 1,250,000; 2.5 million = 2,500,000; 7.5% = 0.075.
  EXPECT_DOUBLE_EQ(ValueOf(doc, "TurnoverRevenue"), 1250000.0);
  EXPECT_DOUBLE_EQ(ValueOf(doc, "Creditors"), 2500000.0);
  EXPECT_DOUBLE_EQ(ValueOf(doc, "PercentageShareholding"), 0.075);
  EXPECT_EQ(FindFact(doc, "PercentageShareholding")->decimals, "INF");
}

TEST(XbrlReaderTest, SignNegatesOnceAndBracketsOutsideTheTagNeverDo) {
  // Prod223_2125_09707484_20170731.html line 1603: "Net current liabilities"
  // printed plain, tagged sign="-". Creditors printed "(473)" without sign
  // stay positive.
  const XbrlDocument doc = ParseOk(InlinePage(absl::StrCat(
      "<td>(", Number("core:NetCurrentAssetsLiabilities", "B", "format=\"ixt:numcommadot\" sign=\"-\"", "58,221"),
      ")</td><td>(", Number("core:Creditors", "B", "format=\"ixt:numcommadot\"", "473"), ")</td>",
      "<td>", Number("core:OperatingProfitLoss", "CY", "format=\"ixt:numcommadot\" sign=\"-\"", "890"),
      "</td>")));
  EXPECT_DOUBLE_EQ(ValueOf(doc, "NetCurrentAssetsLiabilities"), -58221.0);
  EXPECT_TRUE(FindFact(doc, "NetCurrentAssetsLiabilities")->sign_negated);
  EXPECT_DOUBLE_EQ(ValueOf(doc, "Creditors"), 473.0);
  EXPECT_FALSE(FindFact(doc, "Creditors")->sign_negated);
  EXPECT_DOUBLE_EQ(ValueOf(doc, "OperatingProfitLoss"), -890.0);
}

TEST(XbrlReaderTest, EveryNumberFormatOfTheCorpusInOnePage) {
  const XbrlDocument doc = ParseOk(InlinePage(absl::StrCat(
      Number("core:A", "B", "format=\"ixt:numcommadot\"", "1,234,567.89"),
      Number("core:B", "B", "format=\"ixt:numdotcomma\"", "1.234.567,89"),
      Number("core:C", "B", "format=\"ixt2:numdotdecimal\"", "1,234,567.89"),
      Number("core:D", "B", "format=\"ixt2:numcommadecimal\"", "1.234.567,89"),
      Number("core:E", "B", "format=\"ixt:numspacedot\"", "1 234 567.89"),
      Number("core:F", "B", "format=\"ixt2:zerodash\"", "\xE2\x80\x93"),  // en dash
      Number("core:G", "B", "format=\"ixt2:zerodash\"", "-"),
      Number("core:H", "B", "format=\"ixt:numdash\"", "-"),
      Number("core:I", "B", "format=\"ixt2:nocontent\"", ""),
      Number("core:J", "B", "", "42"),
      "<ix:nonFraction name=\"core:K\" contextRef=\"B\" unitRef=\"GBP\" decimals=\"0\" "
      "xmlns:ixt4=\"http://www.xbrl.org/inlineXBRL/transformation/2020-02-12\" "
      "format=\"ixt4:fixed-zero\">nil</ix:nonFraction>",
      "<ix:nonFraction name=\"core:L\" contextRef=\"B\" unitRef=\"GBP\" decimals=\"0\" "
      "xsi:nil=\"true\"/>")));
  for (const char* name : {"A", "B", "C", "D", "E"}) {
    EXPECT_DOUBLE_EQ(ValueOf(doc, name), 1234567.89) << name;
  }
  EXPECT_EQ(ValueOf(doc, "F"), 0.0);
  EXPECT_EQ(ValueOf(doc, "G"), 0.0);
  EXPECT_EQ(ValueOf(doc, "H"), 0.0);
  ASSERT_NE(FindFact(doc, "I"), nullptr);
  EXPECT_FALSE(FindFact(doc, "I")->value.has_value()) << "nocontent is empty, not 0";
  EXPECT_EQ(ValueOf(doc, "J"), 42.0);
  EXPECT_EQ(ValueOf(doc, "K"), 0.0);
  ASSERT_NE(FindFact(doc, "L"), nullptr);
  EXPECT_FALSE(FindFact(doc, "L")->value.has_value()) << "xsi:nil has no value";
}

TEST(XbrlReaderTest, UnknownFormatIsAnErrorNamingElementNameLineAndFormat) {
  auto doc = ParseXbrlDocument(
      "Prod223_1_01234567_20170731.html",
      InlinePage(Number("core:TurnoverRevenue", "CY", "format=\"ixt:numwhatever\"", "1")));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(doc.status().message(), HasSubstr("Prod223_1_01234567_20170731.html"));
  EXPECT_THAT(doc.status().message(), HasSubstr("line 22"));
  EXPECT_THAT(doc.status().message(), HasSubstr("ix:nonFraction"));
  EXPECT_THAT(doc.status().message(), HasSubstr("core:TurnoverRevenue"));
  EXPECT_THAT(doc.status().message(), HasSubstr("numwhatever"));
}

TEST(XbrlReaderTest, RegistryFourNameInTheOlderRegistryIsUnknown) {
  auto doc = ParseXbrlDocument(
      "t.html", InlinePage(Number("core:X", "CY", "format=\"ixt2:num-dot-decimal\"", "1")));
  ASSERT_FALSE(doc.ok());
  EXPECT_THAT(doc.status().message(), HasSubstr("num-dot-decimal"));
}

TEST(XbrlReaderTest, EmptyTextWithANumberFormatIsAnError) {
  auto doc = ParseXbrlDocument(
      "t.html", InlinePage(Number("core:X", "CY", "format=\"ixt2:numdotdecimal\"", "  ")));
  ASSERT_FALSE(doc.ok());
  EXPECT_THAT(doc.status().message(), HasSubstr("empty text"));
  EXPECT_THAT(doc.status().message(), HasSubstr("core:X"));
}

TEST(XbrlReaderTest, PrefixesAreResolvedToUrisWhateverTheirNames) {
  // pt, ns5 and frs-core bound to the FRC core namespace (Prod223 filings
  // 09796632, 09774295, 09184988), one of them declared on the fact itself.
  const std::string body = absl::StrCat(
      "<div xmlns:pt=\"", kFrcCore, "\">",
      Number("pt:CashBankOnHand", "B", "format=\"ixt:numcommadot\"", "1"), "</div>",
      "<div xmlns:ns5=\"", kFrcCore, "\">",
      Number("ns5:CurrentAssets", "B", "format=\"ixt:numcommadot\"", "2"), "</div>",
      "<ix:nonFraction xmlns:frs-core=\"", kFrcCore,
      "\" name=\"frs-core:Debtors\" contextRef=\"B\" unitRef=\"GBP\" decimals=\"0\">3</ix:nonFraction>",
      // "core" rebound to another namespace inside one element only.
      "<ix:nonFraction xmlns:core=\"http://www.xbrl.org/uk/gaap/core/2009-09-01\" "
      "name=\"core:CashBankInHand\" contextRef=\"B\" unitRef=\"GBP\" decimals=\"0\">4</ix:nonFraction>");
  const XbrlDocument doc = ParseOk(InlinePage(body));
  ASSERT_EQ(doc.facts.size(), 4u);
  EXPECT_EQ(doc.facts[0].concept_name, (QName{kFrcCore, "CashBankOnHand"}));
  EXPECT_EQ(doc.facts[1].concept_name, (QName{kFrcCore, "CurrentAssets"}));
  EXPECT_EQ(doc.facts[2].concept_name, (QName{kFrcCore, "Debtors"}));
  EXPECT_EQ(doc.facts[3].concept_name,
            (QName{"http://www.xbrl.org/uk/gaap/core/2009-09-01", "CashBankInHand"}));
}

TEST(XbrlReaderTest, UndeclaredPrefixInAFactNameIsAnError) {
  auto doc = ParseXbrlDocument("t.html", InlinePage(Number("nope:X", "B", "", "1")));
  ASSERT_FALSE(doc.ok());
  EXPECT_THAT(doc.status().message(), HasSubstr("prefix \"nope\""));
}

TEST(XbrlReaderTest, DimensionAndMemberQNamesResolveWithTheNamespacesAtTheirElement) {
  // The dimension's prefix "d" is declared only on the explicitMember; the
  // member's prefix "m" only on the segment. Both are the FRC core.
  const std::string contexts = absl::StrCat(
      R"(<xbrli:context id="B-within"><xbrli:entity><xbrli:identifier scheme="http://www.companieshouse.gov.uk/">09707484</xbrli:identifier>
<xbrli:segment xmlns:m=")", kFrcCore, R"(">
<xbrldi:explicitMember xmlns:d=")", kFrcCore, R"(" dimension="d:MaturitiesOrExpirationPeriodsDimension">m:WithinOneYear</xbrldi:explicitMember>
<xbrldi:explicitMember dimension="m:FinancialInstrumentCurrentNon-currentDimension"> m:CurrentFinancialInstruments </xbrldi:explicitMember>
</xbrli:segment></xbrli:entity>
<xbrli:period><xbrli:instant> 2017-07-31T00:00:00 </xbrli:instant></xbrli:period></xbrli:context>)");
  const XbrlDocument doc = ParseOk(InlinePage(
      Number("core:Creditors", "B-within", "format=\"ixt:numcommadot\"", "111,477"), "",
      "http://www.xbrl.org/2008/inlineXBRL", contexts));
  const Context* c = doc.FindContext("B-within");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(risk::FormatIsoDate(c->period.end), "2017-07-31") << "time part and spaces trimmed";
  ASSERT_EQ(c->dimensions.size(), 2u);
  // Sorted by dimension: "FinancialInstrument..." before "Maturities...".
  EXPECT_EQ(c->dimensions[0].dimension,
            (QName{kFrcCore, "FinancialInstrumentCurrentNon-currentDimension"}));
  EXPECT_EQ(c->dimensions[0].member, (QName{kFrcCore, "CurrentFinancialInstruments"}));
  EXPECT_EQ(c->dimensions[1].dimension, (QName{kFrcCore, "MaturitiesOrExpirationPeriodsDimension"}));
  EXPECT_EQ(c->dimensions[1].member, (QName{kFrcCore, "WithinOneYear"}));
  EXPECT_DOUBLE_EQ(ValueOf(doc, "Creditors"), 111477.0);
}

TEST(XbrlReaderTest, HiddenFactsAreMarkedHidden) {
  const XbrlDocument doc = ParseOk(InlinePage(
      "<p>Registered number <ix:nonNumeric name=\"bus:UKCompaniesHouseRegisteredNumber\" "
      "contextRef=\"CY\">9707484</ix:nonNumeric></p>",
      "<ix:nonNumeric name=\"bus:EntityDormantTruefalse\" contextRef=\"CY\">false</ix:nonNumeric>"
      + Number("core:ProfitLoss", "CY", "format=\"ixt:numcommadot\"", "24,643")));
  const Fact* dormant = FindFact(doc, "EntityDormantTruefalse");
  ASSERT_NE(dormant, nullptr);
  EXPECT_TRUE(dormant->hidden);
  EXPECT_FALSE(dormant->numeric);
  EXPECT_EQ(dormant->text, "false");
  EXPECT_EQ(dormant->concept_name.namespace_uri, kFrcBus);
  EXPECT_TRUE(FindFact(doc, "ProfitLoss")->hidden);
  const Fact* number = FindFact(doc, "UKCompaniesHouseRegisteredNumber");
  ASSERT_NE(number, nullptr);
  EXPECT_FALSE(number->hidden);
  EXPECT_EQ(number->text, "9707484");
}

TEST(XbrlReaderTest, ContinuationsJoinAndExcludedContentIsDropped) {
  const XbrlDocument doc = ParseOk(InlinePage(
      "<div><ix:nonNumeric name=\"core:PolicyText\" contextRef=\"CY\" continuedAt=\"c1\">"
      "<p>Turnover is   recognised</p><ix:exclude><p>Page 3</p></ix:exclude></ix:nonNumeric></div>"
      "<p>unrelated text</p>"
      "<ix:continuation id=\"c2\"><p>net of VAT.</p></ix:continuation>"
      "<ix:continuation id=\"c1\" continuedAt=\"c2\">on delivery<ix:exclude> (continued)</ix:exclude></ix:continuation>"));
  const Fact* f = FindFact(doc, "PolicyText");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->text, "Turnover is recognised on delivery net of VAT.");
}

TEST(XbrlReaderTest, NumbersNestedInATextFactAreStillRead) {
  const XbrlDocument doc = ParseOk(InlinePage(
      "<ix:nonNumeric name=\"core:EmployeesNote\" contextRef=\"CY\">The average number of employees "
      "was <ix:nonFraction name=\"core:AverageNumberEmployeesDuringPeriod\" contextRef=\"CY\" "
      "unitRef=\"pure\" decimals=\"0\">12</ix:nonFraction> (2016: 10).</ix:nonNumeric>"));
  ASSERT_EQ(doc.facts.size(), 2u);
  EXPECT_EQ(FindFact(doc, "EmployeesNote")->text,
            "The average number of employees was 12 (2016: 10).");
  EXPECT_DOUBLE_EQ(ValueOf(doc, "AverageNumberEmployeesDuringPeriod"), 12.0);
}

TEST(XbrlReaderTest, DateFormatOnATextFactIsNormalised) {
  const XbrlDocument doc = ParseOk(InlinePage(
      "<ix:nonNumeric name=\"bus:BalanceSheetDate\" contextRef=\"B\" format=\"ixt:datelonguk\">"
      "31 July 2017</ix:nonNumeric>"));
  const Fact* f = FindFact(doc, "BalanceSheetDate");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->text, "31 July 2017");
  EXPECT_EQ(f->normalized, "2017-07-31");
}

TEST(XbrlReaderTest, MissingContextIsAnErrorNamingTheContextRef) {
  auto doc = ParseXbrlDocument("t.html", InlinePage(Number("core:Creditors", "PY", "", "5")));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(doc.status().message(), HasSubstr("contextRef \"PY\" names no context"));
  EXPECT_THAT(doc.status().message(), HasSubstr("core:Creditors"));
  EXPECT_THAT(doc.status().message(), HasSubstr("line 22"));
}

TEST(XbrlReaderTest, MissingOrUnknownUnitIsAnError) {
  auto no_unit = ParseXbrlDocument(
      "t.html", InlinePage("<ix:nonFraction name=\"core:X\" contextRef=\"B\" decimals=\"0\">1</ix:nonFraction>"));
  ASSERT_FALSE(no_unit.ok());
  EXPECT_THAT(no_unit.status().message(), HasSubstr("no unitRef"));
  auto bad_unit = ParseXbrlDocument(
      "t.html", InlinePage("<ix:nonFraction name=\"core:X\" contextRef=\"B\" unitRef=\"EUR\" "
                           "decimals=\"0\">1</ix:nonFraction>"));
  ASSERT_FALSE(bad_unit.ok());
  EXPECT_THAT(bad_unit.status().message(), HasSubstr("unitRef \"EUR\" names no unit"));
}

TEST(XbrlReaderTest, ImpossibleContextDateIsAnErrorNamingTheContext) {
  const std::string contexts =
      R"(<xbrli:context id="bad"><xbrli:entity><xbrli:identifier scheme="s">1</xbrli:identifier></xbrli:entity>
<xbrli:period><xbrli:instant>2017-02-30</xbrli:instant></xbrli:period></xbrli:context>)";
  auto doc = ParseXbrlDocument("t.html", InlinePage("", "", "http://www.xbrl.org/2008/inlineXBRL",
                                                    contexts));
  ASSERT_FALSE(doc.ok());
  EXPECT_THAT(doc.status().message(), HasSubstr("context \"bad\""));
  EXPECT_THAT(doc.status().message(), HasSubstr("instant"));
  EXPECT_THAT(doc.status().message(), HasSubstr("2017-02-30"));
}

TEST(XbrlReaderTest, MalformedXmlIsAnErrorWithItsLine) {
  const std::string page = absl::StrReplaceAll(
      InlinePage(Number("core:X", "B", "", "1")), {{"</ix:nonFraction>", "</ix:nonFractio>"}});
  auto doc = ParseXbrlDocument("broken.html", page);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(doc.status().message(), HasSubstr("broken.html: line 22"));
  EXPECT_THAT(doc.status().message(), HasSubstr("not well-formed"));
}

TEST(XbrlReaderTest, NonXmlBytesAndPlainHtmlAreRejected) {
  for (absl::string_view bytes :
       {absl::string_view(""), absl::string_view("PK\x03\x04 not xml at all"),
        absl::string_view("\0\1\2\3", 4), absl::string_view("<html><body>accounts</body></html>")}) {
    auto doc = ParseXbrlDocument("x.html", bytes);
    ASSERT_FALSE(doc.ok()) << bytes;
    EXPECT_EQ(doc.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(doc.status().message(), HasSubstr("x.html"));
  }
  auto html = ParseXbrlDocument("x.html", "<html><body>accounts</body></html>");
  EXPECT_THAT(html.status().message(), HasSubstr("neither inline XBRL"));
}

TEST(XbrlReaderTest, ExternalEntitiesAreNeverExpanded) {
  // An XXE attempt: the entity must not be read from disk.
  const std::string page =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE html [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n" +
      InlinePage("<ix:nonNumeric name=\"core:T\" contextRef=\"B\">a&x;b</ix:nonNumeric>")
          .substr(std::string("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n").size());
  auto doc = ParseXbrlDocument("xxe.html", page);
  ASSERT_TRUE(doc.ok()) << doc.status();
  const Fact* f = FindFact(*doc, "T");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->text, "ab") << "the entity reference is dropped, never resolved";
}

TEST(XbrlReaderTest, XhtmlDoctypeAndItsEntitiesAreAccepted) {
  // The XHTML DTD is declared but never read; &nbsp; and &pound; are then
  // undeclared, which XML allows, and read as their characters.
  const std::string page =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 "
      "Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n" +
      InlinePage("<ix:nonNumeric name=\"bus:EntityCurrentLegalOrRegisteredName\" contextRef=\"CY\">"
                 "Lid&nbsp;IT  Limited</ix:nonNumeric> &pound;<ix:nonFraction name=\"core:Cash\" "
                 "contextRef=\"B\" unitRef=\"GBP\" decimals=\"0\" format=\"ixt:numspacedot\">1&nbsp;234"
                 "</ix:nonFraction>")
          .substr(std::string("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n").size());
  const XbrlDocument doc = ParseOk(page);
  ASSERT_NE(FindFact(doc, "EntityCurrentLegalOrRegisteredName"), nullptr);
  EXPECT_EQ(FindFact(doc, "EntityCurrentLegalOrRegisteredName")->text, "Lid IT Limited");
  EXPECT_DOUBLE_EQ(ValueOf(doc, "Cash"), 1234.0);
}

TEST(XbrlReaderTest, EntityExpansionBombIsRejected) {
  // "Billion laughs": ten levels of ten-fold internal entities.
  std::string dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE html [\n<!ENTITY e0 \"ha\">\n";
  for (int i = 1; i <= 9; ++i) {
    dtd += absl::StrCat("<!ENTITY e", i, " \"");
    for (int k = 0; k < 10; ++k) dtd += absl::StrCat("&e", i - 1, ";");
    dtd += "\">\n";
  }
  dtd += "]>\n";
  const std::string page =
      dtd + InlinePage("<p title=\"&e9;\">&e9;</p>")
                .substr(std::string("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n").size());
  auto doc = ParseXbrlDocument("bomb.html", page);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(doc.status().message(), HasSubstr("bomb.html"));
}

TEST(XbrlReaderTest, PlainXbrlConceptsAreElements) {
  // The 2004 UK GAAP layout of Prod224_0042_02961990_20160831.xml: default
  // namespace xbrli, concepts as pt: elements, tuples, signed decimals,
  // identifier scheme and value swapped.
  const std::string xml = R"(<?xml version="1.0"?>
<xbrl xmlns="http://www.xbrl.org/2003/instance" xmlns:pt="http://www.xbrl.org/uk/fr/gaap/pt/2004-12-01"
 xmlns:gc="http://www.xbrl.org/uk/fr/gcd/2004-12-01" xmlns:iso4217="http://www.xbrl.org/2003/iso4217"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:link="http://www.xbrl.org/2003/linkbase"
 xmlns:xlink="http://www.w3.org/1999/xlink">
<link:schemaRef xlink:type="simple" xlink:href="x.xsd"/>
<gc:EntityNames><gc:EntityCurrentLegalName contextRef="y1">Monkton   Flats Ltd</gc:EntityCurrentLegalName></gc:EntityNames>
<pt:NetCurrentAssetsLiabilities contextRef="e1" precision="4" unitRef="GBP">-312</pt:NetCurrentAssetsLiabilities>
<pt:CreditorsDueWithinOneYearTotalCurrentLiabilities contextRef="e1" precision="3" unitRef="GBP">312</pt:CreditorsDueWithinOneYearTotalCurrentLiabilities>
<pt:LandBuildingsDepreciation contextRef="e1" precision="2" unitRef="GBP">-0</pt:LandBuildingsDepreciation>
<pt:TurnoverGrossOperatingRevenue contextRef="y1" unitRef="GBP" xsi:nil="true"/>
<unit id="GBP"><measure>iso4217:GBP</measure></unit>
<context id="y1"><entity><identifier scheme="02961990">http://www.companieshouse.gov.uk/</identifier></entity>
<period><startDate>2015-09-01</startDate><endDate>2016-08-31</endDate></period></context>
<context id="e1"><entity><identifier scheme=" 02961990">x</identifier></entity><period><instant>2016-08-31</instant></period></context>
</xbrl>
)";
  auto doc = ParseXbrlDocument("Prod224_0042_02961990_20160831.xml", xml);
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->format, XbrlDocument::Format::kXbrl);
  ASSERT_EQ(doc->facts.size(), 5u);
  const std::string pt = "http://www.xbrl.org/uk/fr/gaap/pt/2004-12-01";
  EXPECT_EQ(doc->facts[0].concept_name,
            (QName{"http://www.xbrl.org/uk/fr/gcd/2004-12-01", "EntityCurrentLegalName"}));
  EXPECT_FALSE(doc->facts[0].numeric);
  EXPECT_EQ(doc->facts[0].text, "Monkton Flats Ltd");
  EXPECT_EQ(doc->facts[1].concept_name, (QName{pt, "NetCurrentAssetsLiabilities"}));
  EXPECT_DOUBLE_EQ(*doc->facts[1].value, -312.0);
  EXPECT_FALSE(doc->facts[1].sign_negated) << "the sign is in the number, not a sign attribute";
  EXPECT_EQ(doc->facts[2].concept_name, (QName{pt, "CreditorsDueWithinOneYearTotalCurrentLiabilities"}));
  EXPECT_DOUBLE_EQ(*doc->facts[2].value, 312.0);
  EXPECT_EQ(*doc->facts[3].value, 0.0);
  EXPECT_FALSE(doc->facts[4].value.has_value());
  EXPECT_EQ(doc->facts[1].location.line, 8);
  const Context* y1 = doc->FindContext("y1");
  ASSERT_NE(y1, nullptr);
  EXPECT_EQ(y1->entity_scheme, "02961990");
  EXPECT_EQ(y1->entity_identifier, "http://www.companieshouse.gov.uk/");
  EXPECT_EQ(doc->FindContext("e1")->entity_scheme, "02961990") << "scheme trimmed";
}

TEST(XbrlReaderTest, PlainXbrlItemThatIsNotANumberIsAnError) {
  const std::string xml = R"(<xbrl xmlns="http://www.xbrl.org/2003/instance" xmlns:pt="urn:pt">
<pt:X contextRef="e" unitRef="GBP">1,000</pt:X>
<unit id="GBP"><measure>GBP</measure></unit>
<context id="e"><entity><identifier scheme="s">1</identifier></entity><period><instant>2016-08-31</instant></period></context>
</xbrl>)";
  auto doc = ParseXbrlDocument("t.xml", xml);
  ASSERT_FALSE(doc.ok());
  EXPECT_THAT(doc.status().message(), HasSubstr("line 2"));
  EXPECT_THAT(doc.status().message(), HasSubstr("pt:X"));
  EXPECT_THAT(doc.status().message(), HasSubstr("1,000"));
}

TEST(XbrlReaderTest, ContinuationChainsMustEndAndNotLoop) {
  auto missing = ParseXbrlDocument(
      "t.html", InlinePage("<ix:nonNumeric name=\"core:T\" contextRef=\"B\" continuedAt=\"c9\">a</ix:nonNumeric>"));
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("continuedAt \"c9\""));
  auto loop = ParseXbrlDocument(
      "t.html",
      InlinePage("<ix:nonNumeric name=\"core:T\" contextRef=\"B\" continuedAt=\"c1\">a</ix:nonNumeric>"
                 "<ix:continuation id=\"c1\" continuedAt=\"c2\">b</ix:continuation>"
                 "<ix:continuation id=\"c2\" continuedAt=\"c1\">c</ix:continuation>"));
  ASSERT_FALSE(loop.ok());
  EXPECT_THAT(loop.status().message(), HasSubstr("loops"));
}

TEST(XbrlReaderTest, BadSignOrScaleIsAnError) {
  auto sign = ParseXbrlDocument("t.html", InlinePage(Number("core:X", "B", "sign=\"+\"", "1")));
  ASSERT_FALSE(sign.ok());
  EXPECT_THAT(sign.status().message(), HasSubstr("sign"));
  auto scale = ParseXbrlDocument("t.html", InlinePage(Number("core:X", "B", "scale=\"three\"", "1")));
  ASSERT_FALSE(scale.ok());
  EXPECT_THAT(scale.status().message(), HasSubstr("scale"));
}

}  // namespace
}  // namespace oversight::client::xbrl
