#pragma once
// The report's charts as self-contained SVG 1.1 documents: no script, no
// external font or stylesheet, so they render the same inline in the HTML, as
// files on their own and on paper. Every mark carries a <title> with its
// exact figure for screen readers and hover.

#include <array>
#include <string>
#include <vector>

#include "clients/cli/report/market_data.h"
#include "clients/cli/report/market_statistics.h"

namespace oversight::client::report {

// The axis maximum for counts: the smallest 1, 2 or 5 x 10^k at or above
// `value` (at least 1), so bars are read against round gridlines.
double NiceCeiling(double value);

// A vertical reference line on a histogram (e.g. the CMA's 22.6%).
struct ReferenceLine {
  double value = 0;
  std::string label;
};

struct HistogramChart {
  std::string title;
  std::string x_label;
  std::string y_label = "providers";
  std::vector<std::string> edge_labels;  // one per edge between bins
  std::vector<ReferenceLine> references;
};

// Geometry shared by the histogram's drawing and its tests.
inline constexpr double kChartWidth = 720;
inline constexpr double kHistogramPlotLeft = 56;
inline constexpr double kHistogramPlotTop = 48;
inline constexpr double kHistogramPlotWidth = 640;
inline constexpr double kHistogramPlotHeight = 200;

// Bars: bin i spans kHistogramPlotWidth / bins.size() px; a bar's height is
// count / NiceCeiling(max count) * kHistogramPlotHeight.
std::string HistogramSvg(const std::vector<HistogramBin>& bins, const HistogramChart& chart);

struct StackedRow {
  std::string label;
  RatingCounts counts{};
};

// Horizontal bars split green / amber / red / black.
std::string RatingBarsSvg(const std::string& title, const std::vector<StackedRow>& rows);

struct ShareRow {
  std::string label;
  std::vector<double> shares;  // one per series, 0..1
  std::string note;            // printed after the bars, e.g. "412 children"
};

// Horizontal bars of shares; several series per row are drawn as a group.
std::string ShareBarsSvg(const std::string& title, const std::vector<std::string>& series,
                         const std::vector<ShareRow>& rows);

struct ScatterPoint {
  double children_placed = 0;
  double pd = 0;
  Rating rating = Rating::kGreen;
  std::string label;
};

// One-year PD (log scale, 0.01% to 100%) against children placed.
std::string PdScatterSvg(const std::string& title, const std::vector<ScatterPoint>& points);

const char* RatingColour(Rating rating);

}  // namespace oversight::client::report
