#pragma once
// The state-of-the-market report (the annual state-of-the-sector review the
// CMA recommended): one printable HTML page with inline SVG charts and a
// short narrative, and beside it each chart's and table's figures as CSV and
// each chart as an SVG file.

#include <string>
#include <vector>

#include "clients/cli/report/market_data.h"

namespace oversight::client::report {

// Published reference margins the market is set against (shared/domain.md
// s.3 and s.6). The CMA figures are OPERATING-profit margins, the LGA's an
// EBITDA margin: the report never compares one with the other kind.
// CMA, Children's social care market study, final report (10 March 2022):
// average operating margin 2016-2020 of the 15 largest providers.
inline constexpr double kCmaChildrensHomesOperatingMargin = 0.226;
inline constexpr double kCmaFosteringOperatingMargin = 0.194;
// LGA / Revolution Consulting, December 2020 update: the 20 largest providers'
// EBITDA of GBP 265m on GBP 1.54bn income in 2020.
inline constexpr double kLgaTop20EbitdaMargin = 0.172;

inline constexpr std::size_t kLargestProvidersShown = 10;
inline constexpr std::size_t kRegionalProvidersListed = 5;

struct ReportFile {
  std::string name;  // relative to the output directory, e.g. "report.html"
  std::string contents;
};

// The name of the HTML page among the files.
inline constexpr char kReportPage[] = "report.html";

// Every file of the report, the HTML page first. Pure: no I/O, no clock (the
// generation time comes in `market`).
std::vector<ReportFile> BuildMarketReport(const MarketData& market);

}  // namespace oversight::client::report
