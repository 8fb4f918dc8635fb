// The twelve real Companies House filings of tests/import/data/real/ (byte
// for byte copies of Prod223/Prod224 bulk-product members; see
// /work/shared/data-sources.md section 4). Every one must parse, and a few
// facts of each are checked against the file: the comment beside each
// expectation names the line of the file it was read from.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "clients/import/xbrl/xbrl_reader.h"

namespace oversight::client::xbrl {
namespace {

constexpr char kFrcCore[] = "http://xbrl.frc.org.uk/fr/2014-09-01/core";
constexpr char kFrcBus[] = "http://xbrl.frc.org.uk/cd/2014-09-01/business";
constexpr char kUkGaap2009[] = "http://www.xbrl.org/uk/gaap/core/2009-09-01";
constexpr char kUkGaap2004[] = "http://www.xbrl.org/uk/fr/gaap/pt/2004-12-01";

std::string ReadFile(const std::string& name) {
  const std::string path = std::string(OVERSIGHT_IMPORT_TEST_DATA) + "/real/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

XbrlDocument Parse(const std::string& name) {
  auto doc = ParseXbrlDocument(name, ReadFile(name));
  EXPECT_TRUE(doc.ok()) << doc.status();
  return doc.ok() ? *std::move(doc) : XbrlDocument{};
}

// The fact of `concept_name` in `context` whose start tag is on `line`.
const Fact* At(const XbrlDocument& doc, const QName& concept_name, absl::string_view context,
               int line) {
  for (const Fact& f : doc.facts) {
    if (f.concept_name == concept_name && f.context_ref == context && f.location.line == line) {
      return &f;
    }
  }
  ADD_FAILURE() << "no " << concept_name.local_name << " in " << context << " at line " << line
                << " of " << doc.name;
  return nullptr;
}

void ExpectValue(const XbrlDocument& doc, const QName& concept_name, absl::string_view context,
                 int line, double expected) {
  const Fact* f = At(doc, concept_name, context, line);
  if (f == nullptr) return;
  ASSERT_TRUE(f->value.has_value()) << concept_name.local_name << " line " << line;
  EXPECT_DOUBLE_EQ(*f->value, expected)
      << concept_name.local_name << " line " << line << " of " << doc.name << ": computed "
      << *f->value << ", expected " << expected;
}

TEST(RealFilingsTest, EveryFilingParses) {
  struct Expected {
    const char* name;
    XbrlDocument::Format format;
    size_t contexts;
    size_t facts;
  };
  // Independent counts from the files themselves: contexts are
  // `grep -o '<xbrli:context \|<context ' FILE | wc -l`, facts are
  // `grep -o '<ix:nonFraction \|<ix:nonNumeric ' FILE | wc -l` for inline
  // pages and `grep -o 'contextRef=' FILE | wc -l` for .xml instances.
  const Expected files[] = {
      {"Prod223_2125_09168118_20170831.html", XbrlDocument::Format::kInlineXbrl, 7, 28},
      {"Prod223_2125_09184988_20170831.html", XbrlDocument::Format::kInlineXbrl, 540, 68},
      {"Prod223_2125_09324595_20171130.html", XbrlDocument::Format::kInlineXbrl, 6, 33},
      {"Prod223_2125_09519031_20180331.html", XbrlDocument::Format::kInlineXbrl, 6, 37},
      {"Prod223_2125_09707484_20170731.html", XbrlDocument::Format::kInlineXbrl, 27, 151},
      {"Prod223_2125_09744525_20170831.html", XbrlDocument::Format::kInlineXbrl, 29, 68},
      {"Prod223_2125_09752901_20170831.html", XbrlDocument::Format::kInlineXbrl, 17, 59},
      {"Prod223_2125_09757403_20171231.html", XbrlDocument::Format::kInlineXbrl, 11, 38},
      {"Prod223_2125_09774295_20170930.html", XbrlDocument::Format::kInlineXbrl, 15, 56},
      {"Prod223_2125_09796632_20180331.html", XbrlDocument::Format::kInlineXbrl, 11, 27},
      {"Prod224_0042_02531662_20160930.xml", XbrlDocument::Format::kXbrl, 6, 83},
      {"Prod224_0042_02961990_20160831.xml", XbrlDocument::Format::kXbrl, 6, 76},
  };
  for (const Expected& e : files) {
    auto doc = ParseXbrlDocument(e.name, ReadFile(e.name));
    ASSERT_TRUE(doc.ok()) << doc.status();
    EXPECT_EQ(doc->format, e.format) << e.name;
    EXPECT_EQ(doc->contexts.size(), e.contexts) << e.name;
    EXPECT_EQ(doc->facts.size(), e.facts) << e.name;
  }
}

TEST(RealFilingsTest, LidIt09707484SignedSubtotalsAndDimensionalCreditors) {
  const XbrlDocument doc = Parse("Prod223_2125_09707484_20170731.html");
  // Line 1127: TurnoverRevenue 276,961 (ixt:numcommadot, 2008 registry).
  ExpectValue(doc, {kFrcCore, "TurnoverRevenue"}, "Period_TMinusZero", 1127, 276961);
  // Line 1603: "Net current liabilities" printed 58,221 with sign="-".
  ExpectValue(doc, {kFrcCore, "NetCurrentAssetsLiabilities"}, "PeriodEnd_TMinusZero", 1603, -58221);
  // Line 232, inside ix:hidden: prior-year loss 890 with sign="-".
  const Fact* hidden = At(doc, {kFrcCore, "ProfitLoss"}, "Period_TMinusOne", 232);
  ASSERT_NE(hidden, nullptr);
  EXPECT_TRUE(hidden->hidden);
  EXPECT_DOUBLE_EQ(hidden->value.value_or(0), -890);
  // Line 1581: creditors within one year, dimension in the context.
  ExpectValue(doc, {kFrcCore, "Creditors"}, "WithinOneYear_PeriodEnd_TMinusZero", 1581, 111477);
  const Context* within = doc.FindContext("WithinOneYear_PeriodEnd_TMinusZero");
  ASSERT_NE(within, nullptr);
  ASSERT_EQ(within->dimensions.size(), 1u);
  EXPECT_EQ(within->dimensions[0].dimension,
            (QName{kFrcCore, "MaturitiesOrExpirationPeriodsDimension"}));
  EXPECT_EQ(within->dimensions[0].member, (QName{kFrcCore, "WithinOneYear"}));
  // Line 446: the registered number without its leading zero.
  const Fact* number = At(doc, {kFrcBus, "UKCompaniesHouseRegisteredNumber"}, "Period_TMinusZero", 446);
  ASSERT_NE(number, nullptr);
  EXPECT_EQ(number->text, "9707484");
  // Line 1446: BalanceSheetDate "31 July 2017" (ixt:datelonguk).
  const Fact* bsd = At(doc, {kFrcBus, "BalanceSheetDate"}, "PeriodEnd_TMinusZero", 1446);
  ASSERT_NE(bsd, nullptr);
  EXPECT_EQ(bsd->normalized, "2017-07-31");
}

TEST(RealFilingsTest, PtPrefixBoundToFrcCore09796632) {
  const XbrlDocument doc = Parse("Prod223_2125_09796632_20180331.html");
  // Line 64 (the whole page is on a few lines): pt:Creditors 36,397 tagged
  // sign="-" (a filer's sign mistake, kept as tagged) in context eFY1-CNC1.
  ExpectValue(doc, {kFrcCore, "Creditors"}, "eFY1-CNC1", 64, -36397);
  ExpectValue(doc, {kFrcCore, "NetAssetsLiabilities"}, "eFY1", 64, 7171);
}

TEST(RealFilingsTest, Ns5PrefixAndZerodash09774295) {
  const XbrlDocument doc = Parse("Prod223_2125_09774295_20170930.html");
  // Line 352: ns5:TurnoverRevenue 12,800, ix namespace declared on the element.
  ExpectValue(doc, {kFrcCore, "TurnoverRevenue"}, "FY_30_09_2017", 352, 12800);
  // Line 386: ixt2:zerodash "-" is 0.
  ExpectValue(doc, {kFrcCore, "StaffCostsEmployeeBenefitsExpense"}, "FY_30_09_2017", 386, 0);
}

TEST(RealFilingsTest, FrsCorePrefixNumdashAndUndeclaredDimensionPrefix09184988) {
  const XbrlDocument doc = Parse("Prod223_2125_09184988_20170831.html");
  // Line 6692: frs-core:Debtors "-" with ixt:numdash (2010-04-20 registry).
  ExpectValue(doc, {kFrcCore, "Debtors"}, "CURRENT_FY_END", 6692, 0);
  // Line 6710: CashBankOnHand 7,359.
  ExpectValue(doc, {kFrcCore, "CashBankOnHand"}, "CURRENT_FY_END", 6710, 7359);
  // Line 1630: dimension "dpl-countries:CountriesDimension" whose prefix is
  // declared nowhere: kept as written, no namespace.
  const Context* uk = doc.FindContext("DPL_FRS_CURRENT_PERIOD_UK");
  ASSERT_NE(uk, nullptr);
  ASSERT_EQ(uk->dimensions.size(), 1u);
  EXPECT_EQ(uk->dimensions[0].dimension, (QName{"", "dpl-countries:CountriesDimension"}));
  EXPECT_EQ(uk->entity_identifier, "9184988");  // line 1628
}

TEST(RealFilingsTest, UkGaap2009Filings) {
  const XbrlDocument a = Parse("Prod223_2125_09324595_20171130.html");
  // Line 249: uk-gaap-pt:FixedAssets 6,497 (ixt = 2011-07-31 registry).
  ExpectValue(a, {kUkGaap2009, "FixedAssets"}, "current-mud", 249, 6497);
  ExpectValue(a, {kUkGaap2009, "CreditorsDueWithinOneYear"}, "current-mud", 293, 4810);
  // Line 225: ixt:zerodash "-".
  ExpectValue(a, {kUkGaap2009, "CalledUpShareCapitalNotPaidNotExpressedAsCurrentAsset"},
              "current-mud", 225, 0);

  const XbrlDocument b = Parse("Prod223_2125_09168118_20170831.html");
  // Line 184: "100.00" under the 2008 ixt:numcommadot.
  ExpectValue(b, {kUkGaap2009, "CalledUpShareCapitalNotPaidNotExpressedAsCurrentAsset"},
              "current-mud", 184, 100);

  const XbrlDocument c = Parse("Prod223_2125_09519031_20180331.html");
  ExpectValue(c, {kUkGaap2009, "TangibleFixedAssets"}, "current-mud", 232, 0);  // "-"
  ExpectValue(c, {kUkGaap2009, "CashBankInHand"}, "previous-mud", 279, 1710);
}

TEST(RealFilingsTest, InlineXbrl11WithNocontent09744525) {
  const XbrlDocument doc = Parse("Prod223_2125_09744525_20170831.html");
  ExpectValue(doc, {kFrcCore, "TurnoverRevenue"}, "CY", 2087, 33242);
  ExpectValue(doc, {kFrcCore, "StaffCostsEmployeeBenefitsExpense"}, "CY", 2167, 15496);
  ExpectValue(doc, {kFrcCore, "DepreciationAmortisationImpairmentExpense"}, "CY", 2223, 5000);
  // Line 1174: an empty ix:nonNumeric with ixt2:nocontent.
  const Fact* country = At(doc, {kFrcBus, "CountryFormationOrIncorporation"}, "Countries_CY", 1174);
  ASSERT_NE(country, nullptr);
  EXPECT_EQ(country->text, "");
}

TEST(RealFilingsTest, BracketsWithoutSignAndTwoDimensions09752901) {
  const XbrlDocument doc = Parse("Prod223_2125_09752901_20170831.html");
  // Line 1231: creditors printed "(473)" with no sign attribute: positive.
  const char* within =
      "FY1.END.segment.core-FinancialInstrumentCurrentNon-currentDimension.core-"
      "CurrentFinancialInstruments.core-MaturitiesOrExpirationPeriodsDimension.core-WithinOneYear";
  ExpectValue(doc, {kFrcCore, "Creditors"}, within, 1231, 473);
  const Context* c = doc.FindContext(within);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->dimensions.size(), 2u);
  // Line 1283: total equity 473 tagged sign="-".
  ExpectValue(doc, {kFrcCore, "Equity"}, "FY1.END", 1283, -473);
}

TEST(RealFilingsTest, Frc09757403) {
  const XbrlDocument doc = Parse("Prod223_2125_09757403_20171231.html");
  ExpectValue(doc, {kFrcCore, "CurrentAssets"}, "CurrYearEnd", 66, 296068);
  ExpectValue(doc, {kFrcCore, "NetCurrentAssetsLiabilities"}, "CompYearEnd", 88, -8280);
}

TEST(RealFilingsTest, UkGaap2004XbrlFilings) {
  const XbrlDocument a = Parse("Prod224_0042_02531662_20160930.xml");
  // Line 3 (the instance is on one line): negative reserves as signed decimals.
  ExpectValue(a, {kUkGaap2004, "ProfitLossAccountReserve"}, "e2016", 3, -97280);
  ExpectValue(a, {kUkGaap2004, "ShareholderFunds"}, "e2016", 3, -96280);
  bool found_number = false;
  for (const Fact& f : a.facts) {
    if (f.concept_name.local_name == "CompaniesHouseRegisteredNumber") {
      EXPECT_EQ(f.text, "02531662");
      found_number = true;
    }
  }
  EXPECT_TRUE(found_number);

  const XbrlDocument b = Parse("Prod224_0042_02961990_20160831.xml");
  ExpectValue(b, {kUkGaap2004, "NetCurrentAssetsLiabilities"}, "eFY1", 3, -312);
  ExpectValue(b, {kUkGaap2004, "CreditorsDueWithinOneYearTotalCurrentLiabilities"}, "eFY1", 3, 312);
  // Scheme and identifier swapped in this filing's contexts.
  const Context* c = b.FindContext("eFY1");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->entity_scheme, "02961990");
  EXPECT_EQ(risk::FormatIsoDate(c->period.end), "2016-08-31");
}

}  // namespace
}  // namespace oversight::client::xbrl
