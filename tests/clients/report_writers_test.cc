// Unit tests of the state-of-the-market report's writers (clients/cli/report)
// on hand-built markets: every expected figure below is computed by hand in
// the comment beside it.

#include <algorithm>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "clients/cli/report/csv_file.h"
#include "clients/cli/report/market_data.h"
#include "clients/cli/report/market_report.h"
#include "clients/cli/report/market_statistics.h"
#include "clients/cli/report/markup.h"
#include "clients/cli/report/svg_charts.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace oversight::client::report {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Pct(double edge) { return Percent(edge, 0); }

// The attributes of every <rect class="bar" ...> in document order.
std::vector<std::map<std::string, std::string>> Bars(const std::string& svg) {
  std::vector<std::map<std::string, std::string>> bars;
  const std::regex rect(R"(<rect class="bar"([^>]*)>)");
  const std::regex attribute(R"(([a-z-]+)="([^"]*)\")");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), rect); it != std::sregex_iterator(); ++it) {
    const std::string attributes = (*it)[1];
    std::map<std::string, std::string> bar;
    for (auto a = std::sregex_iterator(attributes.begin(), attributes.end(), attribute); a != std::sregex_iterator(); ++a) {
      bar[(*a)[1]] = (*a)[2];
    }
    bars.push_back(bar);
  }
  return bars;
}

// A structural check of XML-style markup: every start tag is closed in order
// (or self-closing); `void_elements` are HTML elements without an end tag.
bool TagsBalance(const std::string& text, const std::vector<std::string>& void_elements, std::string* problem) {
  std::vector<std::string> open;
  std::size_t pos = 0;
  while ((pos = text.find('<', pos)) != std::string::npos) {
    const std::size_t end = text.find('>', pos);
    if (end == std::string::npos) {
      *problem = "unterminated tag";
      return false;
    }
    const std::string tag = text.substr(pos + 1, end - pos - 1);
    pos = end + 1;
    if (tag.empty() || tag[0] == '!') continue;
    if (tag[0] == '/') {
      const std::string name = tag.substr(1);
      if (open.empty() || open.back() != name) {
        *problem = "</" + name + "> closes <" + (open.empty() ? std::string("nothing") : open.back()) + ">";
        return false;
      }
      open.pop_back();
      continue;
    }
    if (tag.back() == '/') continue;
    const std::string name = tag.substr(0, tag.find_first_of(" \n"));
    if (std::find(void_elements.begin(), void_elements.end(), name) != void_elements.end()) continue;
    open.push_back(name);
  }
  if (!open.empty()) *problem = "<" + open.back() + "> never closed";
  return open.empty();
}

TEST(ReportStatistics, MedianOfOddEvenAndNoValues) {
  EXPECT_EQ(Median({0.3, 0.1, 0.2}), 0.2);
  EXPECT_DOUBLE_EQ(*Median({0.4, 0.1, 0.2, 0.3}), 0.25) << "mean of the two middle values 0.2 and 0.3";
  EXPECT_FALSE(Median({}).has_value());
}

TEST(ReportStatistics, HistogramCountsEachValueOnceWithEdgesOpeningTheirBin) {
  // Edges 0, 10%, 20% -> bins (<0), [0,10%), [10%,20%), (>=20%).
  // -5% -> bin 0; 0 and 5% -> bin 1; 10% and 19% -> bin 2; 20% and 30% -> bin 3.
  const std::vector<HistogramBin> bins = Histogram({-0.05, 0, 0.05, 0.1, 0.19, 0.2, 0.3}, {0, 0.1, 0.2}, Pct);
  ASSERT_EQ(bins.size(), 4u);
  std::vector<int> counts;
  std::vector<std::string> labels;
  for (const HistogramBin& bin : bins) {
    counts.push_back(bin.count);
    labels.push_back(bin.label);
  }
  EXPECT_THAT(counts, ElementsAre(1, 2, 2, 2));
  EXPECT_THAT(labels, ElementsAre("< 0%", "0% to 10%", "10% to 20%", ">= 20%"));
  EXPECT_FALSE(bins.front().lower.has_value());
  EXPECT_FALSE(bins.back().upper.has_value());
}

TEST(ReportStatistics, EvenEdgesHitDecimalValuesExactly) {
  const std::vector<double> edges = EvenEdges(-4, 9, 0.05);
  ASSERT_EQ(edges.size(), 14u);
  EXPECT_EQ(edges.front(), -0.2);
  EXPECT_EQ(edges[7], 0.15) << "3/20 must be the double nearest 0.15, as the literal is";
  const std::vector<HistogramBin> bins = Histogram({0.15}, edges, Pct);
  EXPECT_EQ(bins[8].label, "15% to 20%");
  EXPECT_EQ(bins[8].count, 1) << "a margin of exactly 15% belongs to the bin 15% opens";
}

TEST(ReportStatistics, RatingsByRegionCountAProviderInEachRegionItServes) {
  std::vector<ProviderFigures> providers(3);
  providers[0].rating = Rating::kRed;
  providers[0].regions = {"london", "south_east"};
  providers[1].rating = Rating::kGreen;
  providers[1].regions = {"london"};
  providers[2].rating = Rating::kBlack;
  const std::vector<RegionConcentration> regions = {{"london", "London"}, {"south_east", "South East"},
                                                    {"north_east", "North East"}};
  const std::vector<RegionRatingCounts> rows = CountRatingsByRegion(providers, regions);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[0].counts, ElementsAre(1, 0, 1, 0));
  EXPECT_THAT(rows[1].counts, ElementsAre(0, 0, 1, 0));
  EXPECT_THAT(rows[2].counts, ElementsAre(0, 0, 0, 0));
  EXPECT_THAT(CountRatings(providers), ElementsAre(1, 0, 1, 1));
}

TEST(ReportStatistics, EnglandSharesSumTheRegions) {
  // Region A: 100 children, P1 30, P2 20. Region B: 50 children, P1 10, P3 25.
  // England: 150 children; P1 40 (26.67%), P3 25 (16.67%), P2 20 (13.33%).
  const std::vector<RegionConcentration> regions = {
      {"a", "A", 100, 0, 0, {{"P1", "One", 30, 0.3}, {"P2", "Two", 20, 0.2}}},
      {"b", "B", 50, 0, 0, {{"P3", "Three", 25, 0.5}, {"P1", "One", 10, 0.2}}}};
  const std::vector<ProviderShare> shares = EnglandShares(regions);
  ASSERT_EQ(shares.size(), 3u);
  EXPECT_EQ(shares[0].provider_id, "P1");
  EXPECT_EQ(shares[0].children_placed, 40);
  EXPECT_NEAR(shares[0].share, 40.0 / 150, 1e-12);
  EXPECT_EQ(shares[1].provider_id, "P3");
  EXPECT_NEAR(shares[1].share, 25.0 / 150, 1e-12);
  EXPECT_EQ(shares[2].provider_id, "P2");
  EXPECT_NEAR(shares[2].share, 20.0 / 150, 1e-12);
}

TEST(ReportStatistics, HighestLeverageLeavesOutNetCashAndUnknown) {
  std::vector<ProviderFigures> providers(5);
  providers[0].provider_id = "A";
  providers[0].net_debt_to_ebitda = 3.0;
  providers[1].provider_id = "B";
  providers[1].net_debt_to_ebitda = 7.5;
  providers[2].provider_id = "C";
  providers[2].net_debt_to_ebitda = -1.0;  // net cash
  providers[3].provider_id = "D";          // EBITDA not positive: absent
  providers[4].provider_id = "E";
  providers[4].net_debt_to_ebitda = 5.0;
  std::vector<std::string> ids;
  for (const ProviderFigures& p : HighestLeverage(providers, 2)) ids.push_back(p.provider_id);
  EXPECT_THAT(ids, ElementsAre("B", "E"));
  EXPECT_EQ(HighestLeverage(providers, 10).size(), 3u);
}

TEST(ReportMarkup, EscapesEveryMarkupCharacter) {
  EXPECT_EQ(EscapeMarkup("Smith & Sons <Care> \"Homes\" 'Ltd'"),
            "Smith &amp; Sons &lt;Care&gt; &quot;Homes&quot; &#39;Ltd&#39;");
  EXPECT_EQ(Percent(0.2264), "22.6%");
  EXPECT_EQ(Percent(-0.0004), "0.0%") << "no negative zero";
  EXPECT_EQ(Multiple(4.93), "4.9x");
  EXPECT_EQ(Count(17086), "17,086");
  EXPECT_EQ(Count(999), "999");
  EXPECT_EQ(Count(1000000), "1,000,000");
  EXPECT_EQ(Count(-1234), "-1,234");
}

TEST(ReportCsv, QuotesAsRfc4180AndDefusesFormulas) {
  EXPECT_EQ(CsvTextField("plain"), "plain");
  EXPECT_EQ(CsvTextField("Smith, Jones Ltd"), "\"Smith, Jones Ltd\"");
  EXPECT_EQ(CsvTextField("The \"Best\" Homes"), "\"The \"\"Best\"\" Homes\"");
  EXPECT_EQ(CsvTextField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvTextField("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(CsvTextField("@SUM(A1)"), "'@SUM(A1)");

  CsvFile csv({"name", "value", "count", "flag"});
  csv.Text("A, B").Number(0.226).Integer(-3).Bool(true);
  csv.Row();
  csv.Text("C").Number(std::nullopt).Integer(0).Bool(false);
  csv.Row();
  EXPECT_EQ(csv.contents(), "name,value,count,flag\r\n\"A, B\",0.226,-3,true\r\nC,,0,false\r\n")
      << "an unknown figure is an empty cell, never 0";
}

TEST(ReportSvg, NiceCeilingIsOneTwoOrFiveTimesAPowerOfTen) {
  EXPECT_EQ(NiceCeiling(0), 1);
  EXPECT_EQ(NiceCeiling(1), 1);
  EXPECT_EQ(NiceCeiling(2), 2);
  EXPECT_EQ(NiceCeiling(3), 5);
  EXPECT_EQ(NiceCeiling(5), 5);
  EXPECT_EQ(NiceCeiling(7), 10);
  EXPECT_EQ(NiceCeiling(12), 20);
  EXPECT_EQ(NiceCeiling(21), 50);
  EXPECT_EQ(NiceCeiling(100), 100);
}

TEST(ReportSvg, HistogramBarsHaveTheHeightsComputedByHand) {
  // Counts 1, 3, 0, 2: axis maximum NiceCeiling(3) = 5, plot 200 px high, so
  // heights 40, 120, 0 and 80 px; 4 bins over 640 px are 160 px wide, drawn
  // with a 1 px gap each side (x = 56 + 160 i + 1, width 158); a bar stands
  // on the baseline y = 48 + 200 = 248.
  std::vector<HistogramBin> bins = Histogram({}, {0, 0.1, 0.2}, Pct);
  bins[0].count = 1;
  bins[1].count = 3;
  bins[2].count = 0;
  bins[3].count = 2;
  const std::string svg = HistogramSvg(bins, {"Margins", "margin", "providers", {"0%", "10%", "20%"}, {}});
  const auto bars = Bars(svg);
  ASSERT_EQ(bars.size(), 4u) << svg;
  const double heights[] = {40, 120, 0, 80};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(std::stod(bars[i].at("height")), heights[i]) << "bin " << i << " in\n" << svg;
    EXPECT_EQ(std::stod(bars[i].at("y")), 248 - heights[i]) << "bin " << i;
    EXPECT_EQ(std::stod(bars[i].at("x")), 56 + 160.0 * static_cast<double>(i) + 1) << "bin " << i;
    EXPECT_EQ(std::stod(bars[i].at("width")), 158) << "bin " << i;
  }
  EXPECT_THAT(svg, HasSubstr("<title>0% to 10%: 3 providers</title>"));
}

TEST(ReportSvg, ReferenceLineSitsAtItsValueWithinTheBin) {
  // 15% lies halfway through the bin [10%, 20%), the third of four 160 px
  // bins: x = 56 + 2.5 * 160 = 456.
  const std::vector<HistogramBin> bins = Histogram({0.05}, {0, 0.1, 0.2}, Pct);
  const std::string svg =
      HistogramSvg(bins, {"Margins", "margin", "providers", {"0%", "10%", "20%"}, {{0.15, "CMA <ref> & co"}}});
  EXPECT_THAT(svg, HasSubstr("<g class=\"reference\"><line x1=\"456.0\" y1=\"38.0\" x2=\"456.0\" y2=\"248.0\""));
  EXPECT_THAT(svg, HasSubstr("CMA &lt;ref&gt; &amp; co"));
}

TEST(ReportSvg, RatingBarsSegmentWidthsAreProportional) {
  // Row totals 4 and 2: axis maximum 5 over 490 px (720 - 190 - 40), so one
  // provider is 98 px; segments are drawn only for ratings present.
  const std::string svg = RatingBarsSvg("Ratings", {{"London", {1, 2, 0, 1}}, {"North East", {0, 0, 2, 0}}});
  const auto bars = Bars(svg);
  ASSERT_EQ(bars.size(), 4u) << svg;
  EXPECT_EQ(std::stod(bars[0].at("width")), 98);
  EXPECT_EQ(bars[0].at("fill"), RatingColour(Rating::kGreen));
  EXPECT_EQ(std::stod(bars[1].at("width")), 196);
  EXPECT_EQ(std::stod(bars[1].at("x")), 190 + 98);
  EXPECT_EQ(bars[2].at("fill"), RatingColour(Rating::kBlack));
  EXPECT_EQ(std::stod(bars[3].at("width")), 196);
  std::string problem;
  EXPECT_TRUE(TagsBalance(svg, {}, &problem)) << problem;
}

TEST(ReportSvg, ScatterPlacesPointsOnLinearChildrenAndLogPdAxes) {
  // Largest provider 2,750 children: the axis runs to 3,000 over 632 px
  // (720 - 64 - 24), so x = 64 + 2750 / 3000 * 632 = 643.3. PD on a log
  // scale from 0.01% to 100% over 260 px above the baseline y = 58 + 260:
  // PD 1% is two decades up of four, y = 318 - 130 = 188; PD 0 is drawn on
  // the 0.01% floor, y = 318.
  const std::string svg = PdScatterSvg("PD", {{2750, 0.01, Rating::kAmber, "Big & <Co>"}, {10, 0, Rating::kGreen, "Small"}});
  EXPECT_THAT(svg, HasSubstr("<circle class=\"point\" cx=\"643.3\" cy=\"188.0\" r=\"5\" fill=\"#f2a900\""));
  EXPECT_THAT(svg, HasSubstr("cy=\"318.0\" r=\"5\" fill=\"#2e7d32\""));
  EXPECT_THAT(svg, HasSubstr(">3000</text>"));
  EXPECT_THAT(svg, HasSubstr("<title>Big &amp; &lt;Co&gt;: 2750 children, PD 1.00%</title>"));
  std::string problem;
  EXPECT_TRUE(TagsBalance(svg, {}, &problem)) << problem;
}

MarketData HandBuiltMarket() {
  MarketData market;
  market.as_of = "2026-03-31";
  market.generated_at = "2026-04-01T06:00:00Z";
  market.source = "127.0.0.1:50051";
  auto provider = [](std::string id, std::string name, ProviderKind kind, Rating rating,
                     std::optional<double> operating, std::optional<double> ebitda, std::optional<double> leverage) {
    ProviderFigures p;
    p.provider_id = std::move(id);
    p.name = std::move(name);
    p.kind = kind;
    p.rating = rating;
    p.as_of = "2026-03-31";
    p.operating_margin = operating;
    p.ebitda_margin = ebitda;
    p.net_debt_to_ebitda = leverage;
    p.pd_one_year = 0.02;
    p.children_placed = 10;
    p.regions = {"london"};
    return p;
  };
  using K = ProviderKind;
  market.providers = {
      provider("H1", "<script>alert(\"x\")</script> & Co", K::kChildrensHomes, Rating::kRed, 0.20, 0.25, 6.0),
      provider("H2", "Homes, \"Best\" Ltd", K::kChildrensHomes, Rating::kGreen, 0.30, 0.35, 1.0),
      provider("H3", "Third Homes", K::kChildrensHomes, Rating::kAmber, 0.25, 0.31, std::nullopt),
      provider("F1", "=Fostering First", K::kIndependentFosteringAgency, Rating::kGreen, 0.10, 0.12, -0.5),
      provider("F2", "Second Fostering", K::kIndependentFosteringAgency, Rating::kBlack, 0.12, 0.15, 9.0),
  };
  market.providers[0].negative_net_tangible_assets = true;
  market.providers[0].in_oversight_scope = true;
  market.providers[4].in_oversight_scope = true;
  market.regions = {{"london", "London", 50, 3000, 1.0, {{"H1", "<script>alert(\"x\")</script> & Co", 30, 0.6},
                                                           {"F2", "Second Fostering", 20, 0.4}}},
                    {"north_east", "North East", 0, 0, 0, {}}};
  return market;
}

const ReportFile* Find(const std::vector<ReportFile>& files, const std::string& name) {
  for (const ReportFile& file : files) {
    if (file.name == name) return &file;
  }
  return nullptr;
}

TEST(MarketReport, WritesThePageAndOneCsvPerChartAndTable) {
  const std::vector<ReportFile> files = BuildMarketReport(HandBuiltMarket());
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files.front().name, "report.html");
  for (const char* name :
       {"key_figures.csv", "rating_counts.csv", "rating_counts_by_region.csv", "operating_margin_distribution.csv",
        "ebitda_margin_distribution.csv", "leverage_distribution.csv", "highest_leverage.csv",
        "negative_net_tangible_assets.csv", "england_shares.csv", "region_concentration.csv", "region_shares.csv",
        "pd_vs_children_placed.csv", "operating_margin_distribution.svg", "ebitda_margin_distribution.svg",
        "leverage_distribution.svg", "rating_counts_by_region.svg", "england_shares.svg",
        "region_concentration.svg", "pd_vs_children_placed.svg"}) {
    EXPECT_NE(Find(files, name), nullptr) << name;
  }
  const std::string& html = files.front().contents;
  std::string problem;
  EXPECT_TRUE(TagsBalance(html, {"meta"}, &problem)) << problem;
  for (const ReportFile& file : files) {
    if (absl::EndsWith(file.name, ".svg")) {
      EXPECT_TRUE(TagsBalance(file.contents, {}, &problem)) << file.name << ": " << problem;
      EXPECT_THAT(html, HasSubstr(file.contents)) << file.name << " must be inline in the page";
    }
  }
  EXPECT_THAT(html, Not(HasSubstr("<script"))) << "a provider's name must never become markup";
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"));
}

TEST(MarketReport, RatingCountsAndHistogramsAgreeWithTheProviders) {
  const std::vector<ReportFile> files = BuildMarketReport(HandBuiltMarket());
  EXPECT_EQ(Find(files, "rating_counts.csv")->contents,
            "rating,providers\r\ngreen,2\r\namber,1\r\nred,1\r\nblack,1\r\n");
  EXPECT_THAT(Find(files, "rating_counts_by_region.csv")->contents,
              HasSubstr("london,London,2,1,1,1,5\r\nnorth_east,North East,0,0,0,0,0\r\n"));
  // Leverage 6.0, 1.0, absent, -0.5, 9.0: net cash 1, [1x,2x) 1, [6x,7x) 1,
  // >= 8x 1, not computable 1.
  const std::string leverage = Find(files, "leverage_distribution.csv")->contents;
  EXPECT_THAT(leverage, HasSubstr("< 0x (net cash),,0,1\r\n"));
  EXPECT_THAT(leverage, HasSubstr("1x to 2x,1,2,1\r\n"));
  EXPECT_THAT(leverage, HasSubstr("6x to 7x,6,7,1\r\n"));
  EXPECT_THAT(leverage, HasSubstr(">= 8x,8,,1\r\n"));
  EXPECT_THAT(leverage, HasSubstr("not computable,,,1\r\n"));
  // Operating margins 20%, 30%, 25%, 10%, 12%: bin [20%,25%) holds 20% only.
  EXPECT_THAT(Find(files, "operating_margin_distribution.csv")->contents, HasSubstr("20% to 25%,0.2,0.25,1\r\n"));
  EXPECT_EQ(Find(files, "highest_leverage.csv")->contents.substr(0, 4), "rank");
  EXPECT_THAT(Find(files, "highest_leverage.csv")->contents, HasSubstr("1,F2,Second Fostering,black,9,"));
  EXPECT_THAT(Find(files, "negative_net_tangible_assets.csv")->contents,
              HasSubstr("H1,\"<script>alert(\"\"x\"\")</script> & Co\",red,6,0.2,10\r\n"));
  EXPECT_THAT(Find(files, "pd_vs_children_placed.csv")->contents, HasSubstr("F1,'=Fostering First,green,10,0.02\r\n"));
}

TEST(MarketReport, MarginsAreLabelledAndComparedOnlyWithTheirOwnKind) {
  const std::vector<ReportFile> files = BuildMarketReport(HandBuiltMarket());
  const std::string& key = Find(files, "key_figures.csv")->contents;
  // Homes' operating margins 20%, 30%, 25% -> median 25%, against the CMA's
  // 22.6%: 2.4 points above. IFAs' 10%, 12% -> 11%, 8.4 points below 19.4%.
  // EBITDA margins 25, 35, 31, 12, 15% -> median 25%, 7.8 points above 17.2%.
  EXPECT_THAT(key, HasSubstr("median_operating_margin_childrens_homes,0.25,3,0.226,"));
  EXPECT_THAT(key, HasSubstr("median_operating_margin_fostering_agencies,0.11,2,0.194,"));
  EXPECT_THAT(key, HasSubstr("median_ebitda_margin_all,0.25,5,0.172,"));
  EXPECT_THAT(key, HasSubstr("providers_in_oversight_scope,2,5,"));
  EXPECT_THAT(key, HasSubstr("negative_net_tangible_assets,1,5,"));
  const std::string& html = files.front().contents;
  EXPECT_THAT(html, HasSubstr("<strong>25.0%</strong> (3 providers), 2.4 percentage points above the CMA's 22.6%"));
  EXPECT_THAT(html, HasSubstr("<strong>11.0%</strong> (2 providers), 8.4 percentage points below the CMA's 19.4%"));
  EXPECT_THAT(html, HasSubstr("Median <strong>EBITDA</strong> margin (EBITDA / revenue): <strong>25.0%</strong> (5 providers), "
                              "7.8 percentage points above the LGA / Revolution Consulting figure of 17.2%"));
  EXPECT_THAT(html, HasSubstr("Median <strong>OPERATING</strong> margin"));
  // England: London 50 children, H1 30 (60%).
  EXPECT_THAT(Find(files, "england_shares.csv")->contents, HasSubstr("1,H1,\"<script>alert(\"\"x\"\")</script> & Co\",30,0.6\r\n"));
}

}  // namespace
}  // namespace oversight::client::report
