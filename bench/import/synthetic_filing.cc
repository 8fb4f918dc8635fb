#include "bench/import/synthetic_filing.h"

#include <array>
#include <cstdlib>
#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"

namespace oversight::bench {
namespace {

// The FRC 2021 taxonomy entry points and the registries a 2021+ filing
// declares (the URIs the reader resolves prefixes to).
constexpr absl::string_view kRootOpen =
    R"(<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" )"
    R"(xmlns:ixt="http://www.xbrl.org/inlineXBRL/transformation/2020-02-12" )"
    R"(xmlns:ixt2="http://www.xbrl.org/inlineXBRL/transformation/2011-07-31" )"
    R"(xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xbrldi="http://xbrl.org/2006/xbrldi" )"
    R"(xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink" )"
    R"(xmlns:iso4217="http://www.xbrl.org/2003/iso4217" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" )"
    R"(xmlns:core="http://xbrl.frc.org.uk/fr/2021-01-01/core" )"
    R"(xmlns:bus="http://xbrl.frc.org.uk/cd/2021-01-01/business" )"
    R"(xmlns:direp="http://xbrl.frc.org.uk/reports/2021-01-01/direp" )"
    R"(xmlns:countries="http://xbrl.frc.org.uk/cd/2021-01-01/countries">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="generator" content="oversight bench/import synthetic filing" />
)";

// Accounts-production software emits a long style sheet and a class per
// cell; the reader must skip it all, so the page carries its share.
std::string StyleSheet() {
  std::string css = "<style type=\"text/css\">\n";
  for (int i = 1; i <= 16; ++i) {
    absl::StrAppendFormat(&css,
                          "  .s%d { font-family: Arial, Helvetica, sans-serif; font-size: %dpt; color: #000000; "
                          "margin: 0pt 0pt 0pt %dpt; text-align: %s; line-height: normal; }\n",
                          i, 7 + i % 6, i % 9, i % 2 == 0 ? "right" : "left");
  }
  css += "</style>\n";
  return css;
}

// "1,234,567" as ixt:num-dot-decimal shows it.
std::string Grouped(std::int64_t magnitude) {
  std::string digits = absl::StrCat(magnitude);
  std::string out;
  const int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[static_cast<std::size_t>(i)];
  }
  return out;
}

struct Column {
  std::string duration;  // context ids of this column
  std::string instant;
};

class Page {
 public:
  explicit Page(const SyntheticFilingOptions& options) : options_(options), random_(options.seed) {
    // Groups report in thousands (scale 3), small companies in pounds.
    unit_scale_ = options.group ? 3 : 0;
  }

  std::string Build() {
    out_.reserve(options_.target_bytes + 64 * 1024);
    absl::StrAppend(&out_, kRootOpen);
    absl::StrAppend(&out_, "<title>", options_.company_name, " - Annual report and financial statements</title>\n",
                    StyleSheet(), "</head>\n<body>\n");
    Header();
    Cover();
    for (const bool consolidated : Entities()) BalanceSheet(consolidated);
    if (!options_.filleted) {
      for (const bool consolidated : Entities()) ProfitAndLoss(consolidated);
    }
    DirectorsReport();
    int note = 1;
    while (out_.size() + 64 < options_.target_bytes) FixedAssetNote(note++);
    out_ += "</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  std::vector<bool> Entities() const { return options_.group ? std::vector<bool>{true, false} : std::vector<bool>{false}; }

  std::int64_t Draw(std::int64_t low, std::int64_t high) {
    return std::uniform_int_distribution<std::int64_t>(low, high)(random_);
  }

  std::string Date(int year, int month, int day) const { return absl::StrFormat("%04d-%02d-%02d", year, month, day); }

  void Context(const std::string& id, const std::string& period, const std::vector<std::pair<std::string, std::string>>& dims) {
    absl::StrAppend(&out_, "<xbrli:context id=\"", id, "\"><xbrli:entity><xbrli:identifier scheme=\"http://www.companieshouse.gov.uk/\">",
                    options_.company_number, "</xbrli:identifier>");
    if (!dims.empty()) {
      out_ += "<xbrli:segment>";
      for (const auto& [dimension, member] : dims) {
        absl::StrAppend(&out_, "<xbrldi:explicitMember dimension=\"", dimension, "\">", member, "</xbrldi:explicitMember>");
      }
      out_ += "</xbrli:segment>";
    }
    absl::StrAppend(&out_, "</xbrli:entity>", period, "</xbrli:context>\n");
  }

  static std::string Instant(const std::string& date) {
    return absl::StrCat("<xbrli:period><xbrli:instant>", date, "</xbrli:instant></xbrli:period>");
  }
  static std::string Duration(const std::string& start, const std::string& end) {
    return absl::StrCat("<xbrli:period><xbrli:startDate>", start, "</xbrli:startDate><xbrli:endDate>", end,
                        "</xbrli:endDate></xbrli:period>");
  }

  // Context ids: D0/D1 durations, I0/I1/I2 instants (current, prior, start
  // of prior), a suffix per dimension, "g" for the consolidated group.
  static std::string Id(absl::string_view base, bool consolidated, absl::string_view suffix = "") {
    return absl::StrCat(base, suffix.empty() ? "" : "_", suffix, consolidated ? "_g" : "");
  }

  void Header() {
    const int y = options_.period_end_year;
    out_ += "<div style=\"display:none\"><ix:header><ix:hidden>\n";
    absl::StrAppend(&out_, "<ix:nonNumeric name=\"bus:EntityDormantTruefalse\" contextRef=\"D0\" format=\"ixt:fixed-false\"></ix:nonNumeric>\n");
    absl::StrAppend(&out_, "<ix:nonNumeric name=\"bus:StartDateForPeriodCoveredByReport\" contextRef=\"D0\">", Date(y - 1, 10, 1),
                    "</ix:nonNumeric>\n");
    absl::StrAppend(&out_, "<ix:nonNumeric name=\"bus:EndDateForPeriodCoveredByReport\" contextRef=\"D0\">", Date(y, 9, 30),
                    "</ix:nonNumeric>\n");
    out_ += "<ix:nonNumeric name=\"bus:AccountingStandardsApplied\" contextRef=\"D0\">bus:SmallEntities</ix:nonNumeric>\n";
    out_ += "<ix:nonNumeric name=\"bus:LegalFormEntity\" contextRef=\"D0\">bus:PrivateLimitedCompanyLtd</ix:nonNumeric>\n";
    out_ += "<ix:nonNumeric name=\"bus:EntityTradingStatus\" contextRef=\"D0\">bus:EntityHasNeverTraded</ix:nonNumeric>\n";
    out_ += "</ix:hidden>\n<ix:references><link:schemaRef xlink:type=\"simple\" "
            "xlink:href=\"https://xbrl.frc.org.uk/FRS-102/2021-01-01/FRS-102-2021-01-01.xsd\" /></ix:references>\n";
    out_ += "<ix:resources>\n";
    const std::array<std::pair<const char*, int>, 3> instants = {{{"I0", y}, {"I1", y - 1}, {"I2", y - 2}}};
    for (const bool consolidated : Entities()) {
      std::vector<std::pair<std::string, std::string>> base;
      if (consolidated) base.emplace_back("bus:GroupCompanyDataDimension", "bus:Consolidated");
      auto with = [&](std::string dimension, std::string member) {
        auto dims = base;
        dims.emplace_back(std::move(dimension), std::move(member));
        return dims;
      };
      Context(Id("D0", consolidated), Duration(Date(y - 1, 10, 1), Date(y, 9, 30)), base);
      Context(Id("D1", consolidated), Duration(Date(y - 2, 10, 1), Date(y - 1, 9, 30)), base);
      for (const auto& [id, year] : instants) {
        const std::string period = Instant(Date(year, 9, 30));
        Context(Id(id, consolidated), period, base);
        if (year == y - 2) continue;  // the prior year's opening balances carry no dimension here
        Context(Id(id, consolidated, "within"), period, with("core:MaturitiesOrExpirationPeriodsDimension", "core:WithinOneYear"));
        Context(Id(id, consolidated, "after"), period, with("core:MaturitiesOrExpirationPeriodsDimension", "core:AfterOneYear"));
        Context(Id(id, consolidated, "re"), period,
                with("core:EquityClassesDimension", "core:RetainedEarningsAccumulatedLosses"));
        Context(Id(id, consolidated, "sc"), period, with("core:EquityClassesDimension", "core:ShareCapital"));
        for (int c = 0; c < kAssetClasses; ++c) {
          Context(Id(id, consolidated, absl::StrCat("ppe", c)), period,
                  with("core:PropertyPlantEquipmentClassesDimension", kAssetClassMembers[c]));
        }
      }
      for (int c = 0; c < kAssetClasses; ++c) {
        Context(Id("D0", consolidated, absl::StrCat("ppe", c)), Duration(Date(y - 1, 10, 1), Date(y, 9, 30)),
                with("core:PropertyPlantEquipmentClassesDimension", kAssetClassMembers[c]));
      }
    }
    out_ += "<xbrli:unit id=\"GBP\"><xbrli:measure>iso4217:GBP</xbrli:measure></xbrli:unit>\n";
    out_ += "<xbrli:unit id=\"shares\"><xbrli:measure>xbrli:shares</xbrli:measure></xbrli:unit>\n";
    out_ += "</ix:resources></ix:header></div>\n";
  }

  void Cover() {
    const int y = options_.period_end_year;
    absl::StrAppend(&out_, "<div class=\"s3\"><p class=\"s6\">Registered number: <ix:nonNumeric name=\"bus:UKCompaniesHouseRegisteredNumber\" "
                           "contextRef=\"D0\">",
                    options_.company_number, "</ix:nonNumeric></p>\n<p class=\"s5\"><ix:nonNumeric name=\"bus:EntityCurrentLegalOrRegisteredName\" contextRef=\"D0\">",
                    options_.company_name,
                    "</ix:nonNumeric></p>\n<p class=\"s7\">Annual report and financial statements for the year ended "
                    "<ix:nonNumeric name=\"bus:BalanceSheetDate\" contextRef=\"I0\" format=\"ixt:date-day-monthname-year-en\">30 September ",
                    y, "</ix:nonNumeric></p></div>\n");
  }

  // One table row of a current and a prior figure. A negative figure is
  // shown in brackets with sign="-"; zero is a dash read by fixed-zero.
  void Row(absl::string_view label, absl::string_view concept_name, const std::string& context_current,
           const std::string& context_prior, std::int64_t current, std::int64_t prior) {
    absl::StrAppend(&out_, "<tr><td class=\"s", 3 + static_cast<int>(label.size() % 5), "\">", label, "</td><td class=\"s9\">", note_ref_++ % 7 + 3,
                    "</td>");
    Cell(concept_name, context_current, current);
    Cell(concept_name, context_prior, prior);
    out_ += "</tr>\n";
  }

  void Cell(absl::string_view concept_name, const std::string& context, std::int64_t pounds) {
    out_ += "<td class=\"s12\">";
    if (pounds == 0) {
      absl::StrAppend(&out_, "<ix:nonFraction name=\"core:", concept_name, "\" contextRef=\"", context,
                      "\" unitRef=\"GBP\" decimals=\"INF\" format=\"ixt:fixed-zero\">-</ix:nonFraction>");
    } else {
      const std::int64_t shown = std::llabs(pounds) / (unit_scale_ == 3 ? 1000 : 1);
      absl::StrAppend(&out_, pounds < 0 ? "(" : "", "<ix:nonFraction name=\"core:", concept_name, "\" contextRef=\"", context,
                      "\" unitRef=\"GBP\" decimals=\"", unit_scale_ == 3 ? "-3" : "0", "\" scale=\"", unit_scale_,
                      "\" format=\"ixt:num-dot-decimal\"", pounds < 0 ? " sign=\"-\"" : "", ">", Grouped(shown),
                      "</ix:nonFraction>", pounds < 0 ? ")" : "");
    }
    out_ += "</td>";
  }

  // Figures in whole thousands for groups (scale 3), so display and value agree.
  std::int64_t Amount(std::int64_t low, std::int64_t high) {
    const std::int64_t v = Draw(low, high);
    return unit_scale_ == 3 ? v / 1000 * 1000 : v;
  }

  struct BalanceSheetFigures {
    std::int64_t ppe, debtors, cash, within, after;
  };
  BalanceSheetFigures DrawBalanceSheet() {
    const std::int64_t size = options_.group ? 50'000'000 : 2'000'000;
    return {Amount(size / 20, size), Amount(size / 50, size / 3), Amount(0, size / 4), Amount(size / 40, size / 2),
            Amount(0, size / 2)};
  }

  void TableOpen(absl::string_view title) {
    absl::StrAppend(&out_, "<div class=\"s2\"><p class=\"s8\">", title,
                    "</p>\n<table class=\"s1\" cellspacing=\"0\" cellpadding=\"0\"><tr><td class=\"s4\"></td><td class=\"s4\">Note</td>"
                    "<td class=\"s10\">",
                    options_.period_end_year, "<br/>&#163;", unit_scale_ == 3 ? "000" : "", "</td><td class=\"s10\">",
                    options_.period_end_year - 1, "<br/>&#163;", unit_scale_ == 3 ? "000" : "", "</td></tr>\n");
  }
  void TableClose() { out_ += "</table></div>\n"; }

  void BalanceSheet(bool consolidated) {
    const BalanceSheetFigures c = DrawBalanceSheet(), p = DrawBalanceSheet();
    auto id = [&](absl::string_view base, absl::string_view suffix = "") { return Id(base, consolidated, suffix); };
    TableOpen(consolidated ? "Consolidated balance sheet" : "Company balance sheet");
    Row("Tangible assets", "PropertyPlantEquipment", id("I0"), id("I1"), c.ppe, p.ppe);
    Row("Fixed assets", "FixedAssets", id("I0"), id("I1"), c.ppe, p.ppe);
    Row("Debtors", "Debtors", id("I0"), id("I1"), c.debtors, p.debtors);
    Row("Cash at bank and in hand", "CashBankOnHand", id("I0"), id("I1"), c.cash, p.cash);
    Row("Current assets", "CurrentAssets", id("I0"), id("I1"), c.debtors + c.cash, p.debtors + p.cash);
    Row("Creditors: amounts falling due within one year", "Creditors", id("I0", "within"), id("I1", "within"), c.within,
        p.within);
    const std::int64_t c_ncl = c.debtors + c.cash - c.within, p_ncl = p.debtors + p.cash - p.within;
    Row("Net current assets (liabilities)", "NetCurrentAssetsLiabilities", id("I0"), id("I1"), c_ncl, p_ncl);
    Row("Total assets less current liabilities", "TotalAssetsLessCurrentLiabilities", id("I0"), id("I1"), c.ppe + c_ncl,
        p.ppe + p_ncl);
    Row("Creditors: amounts falling due after more than one year", "Creditors", id("I0", "after"), id("I1", "after"),
        c.after, p.after);
    const std::int64_t c_net = c.ppe + c_ncl - c.after, p_net = p.ppe + p_ncl - p.after;
    Row("Net assets (liabilities)", "NetAssetsLiabilities", id("I0"), id("I1"), c_net, p_net);
    const std::int64_t share = unit_scale_ == 3 ? 1000 : 100;
    Row("Called up share capital", "Equity", id("I0", "sc"), id("I1", "sc"), share, share);
    Row("Profit and loss account", "Equity", id("I0", "re"), id("I1", "re"), c_net - share, p_net - share);
    Row("Shareholders' funds", "Equity", id("I0"), id("I1"), c_net, p_net);
    TableClose();
  }

  void ProfitAndLoss(bool consolidated) {
    auto id = [&](absl::string_view base) { return Id(base, consolidated); };
    const std::int64_t size = options_.group ? 80'000'000 : 3'000'000;
    struct Year {
      std::int64_t turnover, cost_of_sales, admin, interest, tax, staff, depreciation;
    };
    auto draw = [&]() {
      const std::int64_t turnover = Amount(size / 10, size);
      return Year{turnover, Amount(turnover / 5, turnover / 2), Amount(turnover / 5, turnover / 2), Amount(0, turnover / 30),
                  Amount(0, turnover / 40), Amount(turnover / 4, turnover / 2), Amount(turnover / 100, turnover / 20)};
    };
    const Year c = draw(), p = draw();
    TableOpen(consolidated ? "Consolidated profit and loss account" : "Profit and loss account");
    Row("Turnover", "TurnoverRevenue", id("D0"), id("D1"), c.turnover, p.turnover);
    Row("Cost of sales", "CostSales", id("D0"), id("D1"), -c.cost_of_sales, -p.cost_of_sales);
    Row("Gross profit", "GrossProfitLoss", id("D0"), id("D1"), c.turnover - c.cost_of_sales, p.turnover - p.cost_of_sales);
    Row("Administrative expenses", "AdministrativeExpenses", id("D0"), id("D1"), -c.admin, -p.admin);
    const std::int64_t c_op = c.turnover - c.cost_of_sales - c.admin, p_op = p.turnover - p.cost_of_sales - p.admin;
    Row("Operating profit (loss)", "OperatingProfitLoss", id("D0"), id("D1"), c_op, p_op);
    Row("Interest payable and similar charges", "InterestPayableSimilarChargesFinanceCosts", id("D0"), id("D1"), c.interest,
        p.interest);
    Row("Profit (loss) before taxation", "ProfitLossOnOrdinaryActivitiesBeforeTax", id("D0"), id("D1"), c_op - c.interest,
        p_op - p.interest);
    Row("Tax on profit", "TaxTaxCreditOnProfitOrLossOnOrdinaryActivities", id("D0"), id("D1"), c.tax, p.tax);
    Row("Profit (loss) for the financial year", "ProfitLoss", id("D0"), id("D1"), c_op - c.interest - c.tax,
        p_op - p.interest - p.tax);
    Row("Staff costs", "StaffCostsEmployeeBenefitsExpense", id("D0"), id("D1"), c.staff, p.staff);
    Row("Depreciation of tangible assets", "DepreciationExpensePropertyPlantEquipment", id("D0"), id("D1"), c.depreciation,
        p.depreciation);
    TableClose();
  }

  void DirectorsReport() {
    out_ += "<div class=\"s2\"><p class=\"s8\">Directors' report</p>\n<p class=\"s3\">"
            "<ix:nonNumeric name=\"direp:StatementOnQualityCompletenessInformationProvidedToAuditors\" contextRef=\"D0\" "
            "continuedAt=\"cont1\">The directors who held office at the date of approval of this report confirm that, "
            "so far as they are each aware, there is no relevant audit information of which the auditors are unaware"
            "<ix:exclude><span class=\"s11\">[page 3]</span></ix:exclude></ix:nonNumeric></p>\n"
            "<p class=\"s3\"><ix:continuation id=\"cont1\">and each director has taken all the steps that they ought to have "
            "taken as a director to make themselves aware of any relevant audit information.</ix:continuation></p></div>\n";
  }

  // A fixed-asset note: cost, depreciation and net book value by class.
  // Dimensional, so it never competes with the balance-sheet figures.
  void FixedAssetNote(int note) {
    absl::StrAppend(&out_, "<div class=\"s2\"><p class=\"s8\">", note + 10,
                    ". Tangible fixed assets</p>\n<p class=\"s3\">Depreciation is provided at rates calculated to write off "
                    "the cost of each asset, less its estimated residual value, over its expected useful life.</p>\n");
    TableOpen("");
    for (const bool consolidated : Entities()) {
      for (int c = 0; c < kAssetClasses; ++c) {
        const std::string suffix = absl::StrCat("ppe", c);
        const std::int64_t cost = Amount(10'000, 900'000), prior_cost = Amount(10'000, 900'000);
        const std::int64_t depreciation = Amount(0, cost / 2), prior_depreciation = Amount(0, prior_cost / 2);
        Row(absl::StrCat(kAssetClassLabels[c], " - cost"), "PropertyPlantEquipmentGrossCost", Id("I0", consolidated, suffix),
            Id("I1", consolidated, suffix), cost, prior_cost);
        Row(absl::StrCat(kAssetClassLabels[c], " - depreciation"), "AccumulatedDepreciationImpairmentPropertyPlantEquipment",
            Id("I0", consolidated, suffix), Id("I1", consolidated, suffix), depreciation, prior_depreciation);
        Row(absl::StrCat(kAssetClassLabels[c], " - charge for the year"), "IncreaseFromDepreciationChargeForYearPropertyPlantEquipment",
            Id("D0", consolidated, suffix), Id("D0", consolidated, suffix), depreciation / 4, depreciation / 4);
        Row(absl::StrCat(kAssetClassLabels[c], " - net book value"), "PropertyPlantEquipment", Id("I0", consolidated, suffix),
            Id("I1", consolidated, suffix), cost - depreciation, prior_cost - prior_depreciation);
      }
    }
    TableClose();
    out_ += "</div>\n";
  }

  static constexpr int kAssetClasses = 4;
  static constexpr std::array<const char*, kAssetClasses> kAssetClassMembers = {
      "core:LandBuildings", "core:PlantMachinery", "core:FurnitureFittings", "core:MotorVehicles"};
  static constexpr std::array<const char*, kAssetClasses> kAssetClassLabels = {
      "Land and buildings", "Plant and machinery", "Fixtures and fittings", "Motor vehicles"};

  const SyntheticFilingOptions& options_;
  std::mt19937_64 random_;
  int unit_scale_ = 0;
  int note_ref_ = 0;
  std::string out_;
};

}  // namespace

std::string SyntheticFiling(const SyntheticFilingOptions& options) { return Page(options).Build(); }

}  // namespace oversight::bench
