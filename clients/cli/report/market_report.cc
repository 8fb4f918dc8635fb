#include "clients/cli/report/market_report.h"

#include <algorithm>
#include <map>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "clients/cli/report/csv_file.h"
#include "clients/cli/report/market_statistics.h"
#include "clients/cli/report/markup.h"
#include "clients/cli/report/svg_charts.h"

namespace oversight::client::report {
namespace {

constexpr char kStyle[] = R"(
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #111; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #1f4e79; padding-bottom: 0.2rem; margin-top: 2rem; }
p.meta { color: #444; margin-top: 0; }
table { border-collapse: collapse; margin: 0.6rem 0 1rem; font-size: 0.9rem; }
th, td { border: 1px solid #bbb; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; page-break-inside: avoid; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { font-size: 0.85rem; color: #444; }
.rating { display: inline-block; min-width: 3.5rem; padding: 0 0.3rem; border-radius: 3px; text-align: center; font-weight: bold; }
.rating-green { background: #2e7d32; color: #fff; } .rating-amber { background: #f2a900; color: #000; }
.rating-red { background: #c62828; color: #fff; } .rating-black { background: #111; color: #fff; }
ul.key li { margin-bottom: 0.3rem; }
.note { font-size: 0.85rem; color: #444; }
@media print { body { max-width: none; margin: 0; font-size: 10pt; } h2 { page-break-after: avoid; } a { color: inherit; text-decoration: none; } }
)";

std::string Esc(absl::string_view text) { return EscapeMarkup(text); }

std::string RatingBadge(Rating rating) {
  return absl::StrCat("<span class=\"rating rating-", RatingName(rating), "\">", RatingName(rating), "</span>");
}

std::string OptionalPercent(std::optional<double> value) { return value ? Percent(*value) : "-"; }
std::string OptionalMultiple(std::optional<double> value) { return value ? Multiple(*value) : "-"; }

std::string Plural(std::size_t n, absl::string_view one, absl::string_view many) {
  return absl::StrCat(n, " ", n == 1 ? one : many);
}

// The margins of the providers for which `get` has a value and `keep` holds.
template <typename Get, typename Keep>
std::vector<double> Collect(const std::vector<ProviderFigures>& providers, Get get, Keep keep) {
  std::vector<double> values;
  for (const ProviderFigures& p : providers) {
    const std::optional<double> value = get(p);
    if (value.has_value() && keep(p)) values.push_back(*value);
  }
  return values;
}

std::string HistogramCsv(const std::vector<HistogramBin>& bins, std::optional<int> not_computable) {
  CsvFile csv({"bin", "lower", "upper", "providers"});
  for (const HistogramBin& bin : bins) {
    csv.Text(bin.label).Number(bin.lower).Number(bin.upper).Integer(bin.count);
    csv.Row();
  }
  if (not_computable) {
    csv.Text("not computable").Number(std::nullopt).Number(std::nullopt).Integer(*not_computable);
    csv.Row();
  }
  return csv.contents();
}

std::string Figure(const std::string& svg, const std::string& caption, const std::vector<std::string>& files) {
  std::vector<std::string> links;
  for (const std::string& file : files) links.push_back(absl::StrCat("<a href=\"", Esc(file), "\">", Esc(file), "</a>"));
  return absl::StrCat("<figure>\n", svg, "<figcaption>", caption, " Figures: ", absl::StrJoin(links, ", "),
                      ".</figcaption>\n</figure>\n");
}

// A comparison sentence for a median against a published reference.
std::string VersusReference(std::optional<double> median, std::size_t n, double reference) {
  if (!median) return "not computable (no provider has the figures)";
  const double gap = (*median - reference) * 100;
  return absl::StrCat("<strong>", Percent(*median), "</strong> (", Plural(n, "provider", "providers"), "), ",
                      absl::StrFormat("%.1f", std::abs(gap)), " percentage points ", gap >= 0 ? "above" : "below");
}

class ReportBuilder {
 public:
  explicit ReportBuilder(const MarketData& market) : market_(market) {}

  std::vector<ReportFile> Build() {
    const std::string summary = KeyFigures();
    const std::string ratings = RatingsSection();
    const std::string profitability = ProfitabilitySection();
    const std::string leverage = LeverageSection();
    const std::string solvency = SolvencySection();
    const std::string concentration = ConcentrationSection();
    const std::string pd = PdSection();
    std::string html = absl::StrCat(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>State of the market: children's homes and fostering agencies, ",
        Esc(market_.as_of), "</title>\n<style>", kStyle, "</style>\n</head>\n<body>\n<header>\n"
        "<h1>State of the market: children's homes and independent fostering agencies in England</h1>\n"
        "<p class=\"meta\">Latest assessments as of ", Esc(market_.as_of), ". Drawn ", Esc(market_.generated_at),
        " from ", Esc(market_.source), ".</p>\n</header>\n<main>\n", summary, ratings, profitability, leverage,
        solvency, concentration, pd, Notes(), "</main>\n</body>\n</html>\n");
    files_.insert(files_.begin(), ReportFile{kReportPage, std::move(html)});
    return std::move(files_);
  }

 private:
  void Add(std::string name, std::string contents) { files_.push_back({std::move(name), std::move(contents)}); }

  std::string KeyFigures() {
    const std::vector<ProviderFigures>& providers = market_.providers;
    const RatingCounts counts = CountRatings(providers);
    const auto in_scope = std::count_if(providers.begin(), providers.end(),
                                        [](const ProviderFigures& p) { return p.in_oversight_scope; });
    const auto stale = std::count_if(providers.begin(), providers.end(),
                                     [&](const ProviderFigures& p) { return p.as_of != market_.as_of; });
    auto any = [](const ProviderFigures&) { return true; };
    auto homes = [](const ProviderFigures& p) { return p.kind == ProviderKind::kChildrensHomes; };
    auto ifas = [](const ProviderFigures& p) { return p.kind == ProviderKind::kIndependentFosteringAgency; };
    auto operating = [](const ProviderFigures& p) { return p.operating_margin; };
    auto ebitda = [](const ProviderFigures& p) { return p.ebitda_margin; };
    const std::vector<double> op_all = Collect(providers, operating, any);
    const std::vector<double> op_homes = Collect(providers, operating, homes);
    const std::vector<double> op_ifas = Collect(providers, operating, ifas);
    const std::vector<double> ebitda_all = Collect(providers, ebitda, any);
    const std::optional<double> median_op = Median(op_all);
    const std::optional<double> median_op_homes = Median(op_homes);
    const std::optional<double> median_op_ifas = Median(op_ifas);
    const std::optional<double> median_ebitda = Median(ebitda_all);
    const auto negative_nta = std::count_if(providers.begin(), providers.end(),
                                            [](const ProviderFigures& p) { return p.negative_net_tangible_assets; });
    const std::vector<ProviderShare> england = EnglandShares(market_.regions);

    CsvFile csv({"figure", "value", "providers", "reference", "basis"});
    csv.Text("providers_assessed").Integer(static_cast<long long>(providers.size())).Integer(static_cast<long long>(providers.size())).Number(std::nullopt).Text("latest assessment of each provider");
    csv.Row();
    csv.Text("providers_in_oversight_scope").Integer(in_scope).Integer(static_cast<long long>(providers.size())).Number(std::nullopt).Text("in_oversight_scope of the latest assessment");
    csv.Row();
    for (Rating rating : kAllRatings) {
      csv.Text(absl::StrCat("rating_", RatingName(rating))).Integer(counts[static_cast<std::size_t>(rating)])
          .Integer(static_cast<long long>(providers.size())).Number(std::nullopt).Text("providers with this rating");
      csv.Row();
    }
    csv.Text("median_operating_margin_all").Number(median_op).Integer(static_cast<long long>(op_all.size())).Number(std::nullopt).Text("OPERATING margin = EBIT / revenue, median over providers");
    csv.Row();
    csv.Text("median_operating_margin_childrens_homes").Number(median_op_homes).Integer(static_cast<long long>(op_homes.size())).Number(kCmaChildrensHomesOperatingMargin).Text("OPERATING margin; reference: CMA 2022, 15 largest, 2016-2020 average");
    csv.Row();
    csv.Text("median_operating_margin_fostering_agencies").Number(median_op_ifas).Integer(static_cast<long long>(op_ifas.size())).Number(kCmaFosteringOperatingMargin).Text("OPERATING margin; reference: CMA 2022, 15 largest, 2016-2020 average");
    csv.Row();
    csv.Text("median_ebitda_margin_all").Number(median_ebitda).Integer(static_cast<long long>(ebitda_all.size())).Number(kLgaTop20EbitdaMargin).Text("EBITDA margin = EBITDA / revenue; reference: LGA/Revolution Consulting Dec 2020, 20 largest");
    csv.Row();
    csv.Text("negative_net_tangible_assets").Integer(negative_nta).Integer(static_cast<long long>(providers.size())).Number(std::nullopt).Text("net assets less intangibles below zero (LGA solvency flag)");
    csv.Row();
    if (!england.empty()) {
      csv.Text("largest_provider_share_england").Number(england.front().share).Integer(static_cast<long long>(england.size())).Number(std::nullopt).Text(absl::StrCat("children placed, ", england.front().provider_id));
      csv.Row();
    }
    Add("key_figures.csv", csv.contents());

    std::string html = "<section id=\"key-figures\">\n<h2>Key figures</h2>\n<ul class=\"key\">\n";
    absl::StrAppend(&html, "<li><strong>", providers.size(), "</strong> providers assessed, <strong>", in_scope,
                    "</strong> of them in the oversight scope (difficult to replace).");
    if (stale > 0) {
      absl::StrAppend(&html, " ", Plural(static_cast<std::size_t>(stale), "provider's", "providers'"),
                      " latest assessment predates ", Esc(market_.as_of), ".");
    }
    absl::StrAppend(&html, "</li>\n<li>Ratings: ");
    std::vector<std::string> parts;
    for (Rating rating : kAllRatings) {
      parts.push_back(absl::StrCat("<strong>", counts[static_cast<std::size_t>(rating)], "</strong> ", RatingBadge(rating)));
    }
    absl::StrAppend(&html, absl::StrJoin(parts, ", "), ".</li>\n");
    absl::StrAppend(&html, "<li>Median <strong>OPERATING</strong> margin (EBIT / revenue): ",
                    median_op ? absl::StrCat("<strong>", Percent(*median_op), "</strong> across ",
                                             Plural(op_all.size(), "provider", "providers"))
                              : "not computable",
                    ". Children's-homes providers: ", VersusReference(median_op_homes, op_homes.size(), kCmaChildrensHomesOperatingMargin),
                    " the CMA's 22.6%; fostering agencies: ", VersusReference(median_op_ifas, op_ifas.size(), kCmaFosteringOperatingMargin),
                    " the CMA's 19.4% (both CMA figures are operating margins, 2016&ndash;2020 averages of the 15 largest providers).</li>\n");
    absl::StrAppend(&html, "<li>Median <strong>EBITDA</strong> margin (EBITDA / revenue): ",
                    VersusReference(median_ebitda, ebitda_all.size(), kLgaTop20EbitdaMargin),
                    " the LGA / Revolution Consulting figure of 17.2% (an EBITDA margin: the 20 largest providers' "
                    "&pound;265m on &pound;1.54bn in 2020).</li>\n");
    absl::StrAppend(&html, "<li><strong>", negative_nta, "</strong> ", negative_nta == 1 ? "provider has" : "providers have",
                    " negative net tangible assets (more debts and liabilities than tangible assets).</li>\n");
    const std::vector<ProviderFigures> top = HighestLeverage(providers, 3);
    if (!top.empty()) {
      std::vector<std::string> names;
      for (const ProviderFigures& p : top) names.push_back(absl::StrCat(Esc(p.name), " (", Multiple(*p.net_debt_to_ebitda), ")"));
      absl::StrAppend(&html, "<li>Highest net debt / EBITDA: ", absl::StrJoin(names, ", "), ".</li>\n");
    }
    if (!england.empty()) {
      double top4 = 0;
      for (std::size_t i = 0; i < england.size() && i < 4; ++i) top4 += england[i].share;
      absl::StrAppend(&html, "<li>The largest provider, ", Esc(england.front().name), ", has <strong>",
                      Percent(england.front().share), "</strong> of the children placed in England; the four largest ",
                      Percent(top4), ".</li>\n");
    }
    absl::StrAppend(&html, "</ul>\n<p class=\"note\">All key figures: <a href=\"key_figures.csv\">key_figures.csv</a>.</p>\n</section>\n");
    return html;
  }

  std::string RatingsSection() {
    const RatingCounts counts = CountRatings(market_.providers);
    CsvFile csv({"rating", "providers"});
    std::string table = "<table>\n<tr><th>rating</th><th class=\"num\">providers</th></tr>\n";
    for (Rating rating : kAllRatings) {
      csv.Text(RatingName(rating)).Integer(counts[static_cast<std::size_t>(rating)]);
      csv.Row();
      absl::StrAppend(&table, "<tr><td>", RatingBadge(rating), "</td><td class=\"num\">",
                      counts[static_cast<std::size_t>(rating)], "</td></tr>\n");
    }
    absl::StrAppend(&table, "<tr><th>total</th><th class=\"num\">", market_.providers.size(), "</th></tr>\n</table>\n");
    Add("rating_counts.csv", csv.contents());

    const std::vector<RegionRatingCounts> by_region = CountRatingsByRegion(market_.providers, market_.regions);
    CsvFile region_csv({"region", "label", "green", "amber", "red", "black", "providers"});
    std::vector<StackedRow> rows;
    for (const RegionRatingCounts& row : by_region) {
      region_csv.Text(row.region).Text(row.label);
      int total = 0;
      for (int c : row.counts) {
        region_csv.Integer(c);
        total += c;
      }
      region_csv.Integer(total);
      region_csv.Row();
      rows.push_back({row.label, row.counts});
    }
    Add("rating_counts_by_region.csv", region_csv.contents());
    const std::string svg = RatingBarsSvg("Ratings of the providers placing children from each region", rows);
    Add("rating_counts_by_region.svg", svg);
    return absl::StrCat("<section id=\"ratings\">\n<h2>Ratings</h2>\n", table,
                        Figure(svg, "A provider that places children from several regions is counted in each.",
                               {"rating_counts.csv", "rating_counts_by_region.csv"}),
                        "</section>\n");
  }

  std::string ProfitabilitySection() {
    const std::vector<double> edges = EvenEdges(-4, 9, 0.05);  // -20% to 45% in steps of 5%
    std::vector<std::string> edge_labels;
    for (double edge : edges) edge_labels.push_back(Percent(edge, 0));
    auto format = [](double edge) { return Percent(edge, 0); };
    auto any = [](const ProviderFigures&) { return true; };

    const std::vector<double> operating =
        Collect(market_.providers, [](const ProviderFigures& p) { return p.operating_margin; }, any);
    const std::vector<HistogramBin> op_bins = Histogram(operating, edges, format);
    HistogramChart op_chart{"OPERATING margin (EBIT / revenue) across the market", "operating margin", "providers",
                            edge_labels,
                            {{kCmaFosteringOperatingMargin, "CMA IFAs 19.4%"},
                             {kCmaChildrensHomesOperatingMargin, "CMA children's homes 22.6%"}}};
    const std::string op_svg = HistogramSvg(op_bins, op_chart);
    Add("operating_margin_distribution.csv",
        HistogramCsv(op_bins, static_cast<int>(market_.providers.size() - operating.size())));
    Add("operating_margin_distribution.svg", op_svg);

    const std::vector<double> ebitda =
        Collect(market_.providers, [](const ProviderFigures& p) { return p.ebitda_margin; }, any);
    const std::vector<HistogramBin> ebitda_bins = Histogram(ebitda, edges, format);
    HistogramChart ebitda_chart{"EBITDA margin (EBITDA / revenue) across the market", "EBITDA margin", "providers",
                                edge_labels, {{kLgaTop20EbitdaMargin, "LGA 20 largest 17.2%"}}};
    const std::string ebitda_svg = HistogramSvg(ebitda_bins, ebitda_chart);
    Add("ebitda_margin_distribution.csv",
        HistogramCsv(ebitda_bins, static_cast<int>(market_.providers.size() - ebitda.size())));
    Add("ebitda_margin_distribution.svg", ebitda_svg);

    return absl::StrCat(
        "<section id=\"profitability\">\n<h2>Profitability</h2>\n<p>Operating and EBITDA margins are different "
        "measures and are shown apart: the CMA's references are operating margins, the LGA's is an EBITDA margin. "
        "Bins include their lower edge.</p>\n",
        Figure(op_svg,
               absl::StrCat("Operating margin of each provider's latest accounts; ",
                            Plural(market_.providers.size() - operating.size(), "provider", "providers"),
                            " without the figures are left out. Dashed: CMA (2022) 2016&ndash;2020 averages of the 15 largest."),
               {"operating_margin_distribution.csv"}),
        Figure(ebitda_svg,
               absl::StrCat("EBITDA margin of each provider's latest accounts; ",
                            Plural(market_.providers.size() - ebitda.size(), "provider", "providers"),
                            " without the figures are left out. Dashed: LGA / Revolution Consulting (Dec 2020)."),
               {"ebitda_margin_distribution.csv"}),
        "</section>\n");
  }

  std::string LeverageSection() {
    const std::vector<double> edges = EvenEdges(0, 8, 1.0);
    std::vector<std::string> edge_labels;
    for (double edge : edges) edge_labels.push_back(absl::StrCat(static_cast<int>(edge), "x"));
    std::vector<double> leverage;
    for (const ProviderFigures& p : market_.providers) {
      if (p.net_debt_to_ebitda) leverage.push_back(*p.net_debt_to_ebitda);
    }
    std::vector<HistogramBin> bins =
        Histogram(leverage, edges, [](double edge) { return absl::StrCat(static_cast<int>(edge), "x"); });
    bins.front().label = "< 0x (net cash)";
    const int not_meaningful = static_cast<int>(market_.providers.size() - leverage.size());
    const std::string svg = HistogramSvg(
        bins, {"Net debt / EBITDA across the market", "net debt / EBITDA (below 0x: net cash)", "providers",
               edge_labels, {}});
    Add("leverage_distribution.csv", HistogramCsv(bins, not_meaningful));
    Add("leverage_distribution.svg", svg);

    const std::vector<ProviderFigures> top = HighestLeverage(market_.providers, kLargestProvidersShown);
    CsvFile csv({"rank", "provider_id", "name", "rating", "net_debt_to_ebitda", "interest_cover", "operating_margin",
                 "children_placed"});
    std::string table =
        "<table>\n<tr><th class=\"num\">#</th><th>provider</th><th>rating</th><th class=\"num\">net debt / EBITDA</th>"
        "<th class=\"num\">interest cover</th><th class=\"num\">operating margin</th><th class=\"num\">children placed</th></tr>\n";
    int rank = 0;
    for (const ProviderFigures& p : top) {
      ++rank;
      csv.Integer(rank).Text(p.provider_id).Text(p.name).Text(RatingName(p.rating)).Number(p.net_debt_to_ebitda)
          .Number(p.interest_cover).Number(p.operating_margin).Integer(p.children_placed);
      csv.Row();
      absl::StrAppend(&table, "<tr><td class=\"num\">", rank, "</td><td>", Esc(p.name), " (", Esc(p.provider_id),
                      ")</td><td>", RatingBadge(p.rating), "</td><td class=\"num\">", Multiple(*p.net_debt_to_ebitda),
                      "</td><td class=\"num\">", OptionalMultiple(p.interest_cover), "</td><td class=\"num\">",
                      OptionalPercent(p.operating_margin), "</td><td class=\"num\">", Count(p.children_placed), "</td></tr>\n");
    }
    absl::StrAppend(&table, "</table>\n");
    Add("highest_leverage.csv", csv.contents());
    return absl::StrCat(
        "<section id=\"leverage\">\n<h2>Leverage</h2>\n",
        Figure(svg,
               absl::StrCat(Plural(static_cast<std::size_t>(not_meaningful), "provider", "providers"),
                            " without a meaningful ratio (EBITDA not positive, or figures missing) are left out."),
               {"leverage_distribution.csv"}),
        "<h3>Highest net debt / EBITDA</h3>\n",
        top.empty() ? std::string("<p>No provider has positive net debt and positive EBITDA.</p>\n") : table,
        "<p class=\"note\">Figures: <a href=\"highest_leverage.csv\">highest_leverage.csv</a>.</p>\n</section>\n");
  }

  std::string SolvencySection() {
    CsvFile csv({"provider_id", "name", "rating", "net_debt_to_ebitda", "operating_margin", "children_placed"});
    std::string table =
        "<table>\n<tr><th>provider</th><th>rating</th><th class=\"num\">net debt / EBITDA</th>"
        "<th class=\"num\">operating margin</th><th class=\"num\">children placed</th></tr>\n";
    std::size_t count = 0;
    for (const ProviderFigures& p : market_.providers) {
      if (!p.negative_net_tangible_assets) continue;
      ++count;
      csv.Text(p.provider_id).Text(p.name).Text(RatingName(p.rating)).Number(p.net_debt_to_ebitda)
          .Number(p.operating_margin).Integer(p.children_placed);
      csv.Row();
      absl::StrAppend(&table, "<tr><td>", Esc(p.name), " (", Esc(p.provider_id), ")</td><td>", RatingBadge(p.rating),
                      "</td><td class=\"num\">", OptionalMultiple(p.net_debt_to_ebitda), "</td><td class=\"num\">",
                      OptionalPercent(p.operating_margin), "</td><td class=\"num\">", Count(p.children_placed),
                      "</td></tr>\n");
    }
    absl::StrAppend(&table, "</table>\n");
    Add("negative_net_tangible_assets.csv", csv.contents());
    return absl::StrCat(
        "<section id=\"solvency\">\n<h2>Negative net tangible assets</h2>\n<p>The LGA / Revolution Consulting "
        "solvency flag: more debts and liabilities than tangible assets (net assets less goodwill and other "
        "intangibles below zero). ",
        Plural(count, "provider is", "providers are"), " flagged.</p>\n", count == 0 ? std::string() : table,
        "<p class=\"note\">Figures: <a href=\"negative_net_tangible_assets.csv\">negative_net_tangible_assets.csv</a>.</p>\n</section>\n");
  }

  std::string ConcentrationSection() {
    const std::vector<ProviderShare> england = EnglandShares(market_.regions);
    long long england_total = 0;
    for (const RegionConcentration& r : market_.regions) england_total += r.children_placed;
    CsvFile england_csv({"rank", "provider_id", "name", "children_placed", "share"});
    std::vector<ShareRow> england_rows;
    for (std::size_t i = 0; i < england.size(); ++i) {
      const ProviderShare& s = england[i];
      england_csv.Integer(static_cast<long long>(i + 1)).Text(s.provider_id).Text(s.name).Integer(s.children_placed).Number(s.share);
      england_csv.Row();
      if (i < kLargestProvidersShown) {
        england_rows.push_back({s.name, {s.share}, absl::StrCat(Count(s.children_placed), " children")});
      }
    }
    Add("england_shares.csv", england_csv.contents());
    const std::string england_svg = ShareBarsSvg(
        absl::StrCat("The ", std::min(kLargestProvidersShown, england.size()),
                     " largest providers' shares of children placed in England"),
        {"share of children placed"}, england_rows);
    Add("england_shares.svg", england_svg);

    CsvFile region_csv({"region", "label", "children_placed", "hhi", "top4_share", "largest_provider_id",
                        "largest_provider_name", "largest_share"});
    CsvFile shares_csv({"region", "rank", "provider_id", "name", "children_placed", "share"});
    std::vector<ShareRow> region_rows;
    std::string table =
        "<table>\n<tr><th>region</th><th class=\"num\">children placed</th><th class=\"num\">HHI</th>"
        "<th class=\"num\">four largest</th><th>largest provider</th><th class=\"num\">its share</th></tr>\n";
    for (const RegionConcentration& r : market_.regions) {
      const ProviderShare* largest = r.shares.empty() ? nullptr : &r.shares.front();
      region_csv.Text(r.region).Text(r.label).Integer(r.children_placed).Number(r.hhi).Number(r.top4_share)
          .Text(largest ? largest->provider_id : "").Text(largest ? largest->name : "")
          .Number(largest ? std::optional<double>(largest->share) : std::nullopt);
      region_csv.Row();
      for (std::size_t i = 0; i < r.shares.size() && i < kRegionalProvidersListed; ++i) {
        const ProviderShare& s = r.shares[i];
        shares_csv.Text(r.region).Integer(static_cast<long long>(i + 1)).Text(s.provider_id).Text(s.name)
            .Integer(s.children_placed).Number(s.share);
        shares_csv.Row();
      }
      region_rows.push_back({r.label, {largest ? largest->share : 0.0, r.top4_share},
                             absl::StrCat(Count(r.children_placed), " children")});
      absl::StrAppend(&table, "<tr><td>", Esc(r.label), "</td><td class=\"num\">", Count(r.children_placed),
                      "</td><td class=\"num\">", absl::StrFormat("%.0f", r.hhi), "</td><td class=\"num\">",
                      Percent(r.top4_share), "</td><td>", largest ? Esc(largest->name) : "-", "</td><td class=\"num\">",
                      largest ? Percent(largest->share) : "-", "</td></tr>\n");
    }
    absl::StrAppend(&table, "</table>\n");
    Add("region_concentration.csv", region_csv.contents());
    Add("region_shares.csv", shares_csv.contents());
    const std::string region_svg = ShareBarsSvg("Concentration of children placed in each region",
                                                {"largest provider", "four largest providers"}, region_rows);
    Add("region_concentration.svg", region_svg);

    return absl::StrCat(
        "<section id=\"concentration\">\n<h2>Market shares and concentration</h2>\n<p>",
        Count(england_total), " children placed with the providers in England, from the latest placement returns. "
        "HHI is the Herfindahl&ndash;Hirschman index of providers' shares (0&ndash;10,000).</p>\n",
        Figure(england_svg, "Children placed by local authorities in every region, summed per provider.",
               {"england_shares.csv"}),
        Figure(region_svg, "By the placing authority's region.",
               {"region_concentration.csv", "region_shares.csv"}),
        table, "</section>\n");
  }

  std::string PdSection() {
    CsvFile csv({"provider_id", "name", "rating", "children_placed", "pd_one_year"});
    std::vector<ScatterPoint> points;
    for (const ProviderFigures& p : market_.providers) {
      csv.Text(p.provider_id).Text(p.name).Text(RatingName(p.rating)).Integer(p.children_placed).Number(p.pd_one_year);
      csv.Row();
      points.push_back({static_cast<double>(p.children_placed), p.pd_one_year, p.rating, p.name});
    }
    Add("pd_vs_children_placed.csv", csv.contents());
    const std::string svg = PdScatterSvg("Likelihood of failure against children placed", points);
    Add("pd_vs_children_placed.svg", svg);
    return absl::StrCat(
        "<section id=\"pd\">\n<h2>Likelihood and impact of failure</h2>\n",
        Figure(svg,
               "Each provider's combined one-year probability of default against the children it has placed: the "
               "providers top right are both likely to fail and hard to replace. PDs below 0.01% are drawn at 0.01%.",
               {"pd_vs_children_placed.csv"}),
        "</section>\n");
  }

  std::string Notes() const {
    return "<section id=\"notes\">\n<h2>Method and sources</h2>\n<ul class=\"note\">\n"
           "<li>Every figure is from each provider's latest assessment held by the oversight engine; margins and "
           "leverage come from the provider's latest accounts at that date. Medians, not means, so that a few "
           "outliers do not move the typical figure.</li>\n"
           "<li>CMA, <em>Children's social care market study: final report</em>, 10 March 2022: average OPERATING "
           "margins 2016&ndash;2020 of the 15 largest providers, children's homes 22.6%, independent fostering "
           "agencies 19.4%. The comparison with a median over all assessed providers is indicative only.</li>\n"
           "<li>LGA / Revolution Consulting, <em>Profit making and risk in independent children's social care "
           "placement providers</em>, December 2020 update: the 20 largest providers' EBITDA of &pound;265m on "
           "&pound;1.54bn income (17.2%), an EBITDA margin.</li>\n"
           "<li>Negative net tangible assets: the LGA / Revolution Consulting solvency flag.</li>\n"
           "<li>Shares of children placed and HHI: the engine's concentration query per region, from the latest "
           "placement returns at the assessment date.</li>\n</ul>\n</section>\n";
  }

  const MarketData& market_;
  std::vector<ReportFile> files_;
};

}  // namespace

std::vector<ReportFile> BuildMarketReport(const MarketData& market) { return ReportBuilder(market).Build(); }

}  // namespace oversight::client::report
