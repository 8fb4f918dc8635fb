#include "clients/cli/report/svg_charts.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "clients/cli/report/markup.h"

namespace oversight::client::report {
namespace {

constexpr const char* kFont = "font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\"";
constexpr const char* kSeriesColours[] = {"#1f4e79", "#7fa7cf", "#a0a0a0"};

std::string OpenSvg(double height, const std::string& title) {
  return absl::StrCat("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"", Coordinate(kChartWidth),
                      "\" height=\"", Coordinate(height), "\" viewBox=\"0 0 ", Coordinate(kChartWidth), " ",
                      Coordinate(height), "\" role=\"img\" ", kFont, " font-size=\"12\">\n<title>",
                      EscapeMarkup(title), "</title>\n<rect x=\"0\" y=\"0\" width=\"", Coordinate(kChartWidth),
                      "\" height=\"", Coordinate(height), "\" fill=\"#ffffff\"/>\n<text x=\"8\" y=\"20\" font-size=\"15\" font-weight=\"bold\">",
                      EscapeMarkup(title), "</text>\n");
}

std::string Text(double x, double y, absl::string_view text, absl::string_view anchor = "start",
                 absl::string_view extra = "") {
  return absl::StrCat("<text x=\"", Coordinate(x), "\" y=\"", Coordinate(y), "\" text-anchor=\"", anchor, "\"",
                      extra.empty() ? "" : " ", extra, ">", EscapeMarkup(text), "</text>\n");
}

std::string Line(double x1, double y1, double x2, double y2, absl::string_view style) {
  return absl::StrCat("<line x1=\"", Coordinate(x1), "\" y1=\"", Coordinate(y1), "\" x2=\"", Coordinate(x2),
                      "\" y2=\"", Coordinate(y2), "\" ", style, "/>\n");
}

std::string Rect(double x, double y, double width, double height, absl::string_view fill, absl::string_view tip,
                 absl::string_view css_class = "bar") {
  return absl::StrCat("<rect class=\"", css_class, "\" x=\"", Coordinate(x), "\" y=\"", Coordinate(y),
                      "\" width=\"", Coordinate(width), "\" height=\"", Coordinate(height), "\" fill=\"", fill,
                      "\"><title>", EscapeMarkup(tip), "</title></rect>\n");
}

// Integer gridline step for a count axis of maximum `top` (a NiceCeiling).
double CountStep(double top) { return top >= 5 ? top / 5 : 1; }

std::string Truncate(const std::string& text, std::size_t length) {
  if (text.size() <= length) return text;
  // Cut on a UTF-8 character boundary.
  std::size_t cut = length - 1;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return absl::StrCat(text.substr(0, cut), "\xE2\x80\xA6");
}

// The share axis maximum: the next multiple of 5% at or above the largest
// share (at least 5%).
double ShareCeiling(double value) { return std::max(0.05, std::ceil(value * 20 - 1e-9) / 20); }

}  // namespace

const char* RatingColour(Rating rating) {
  switch (rating) {
    case Rating::kGreen: return "#2e7d32";
    case Rating::kAmber: return "#f2a900";
    case Rating::kRed: return "#c62828";
    case Rating::kBlack: return "#111111";
  }
  return "#777777";
}

double NiceCeiling(double value) {
  if (!(value > 1)) return 1;
  double magnitude = std::pow(10.0, std::floor(std::log10(value)));
  for (;;) {
    for (double m : {1.0, 2.0, 5.0}) {
      // Tolerance: 3 must not become 5 through log10 rounding of an exact 2.
      if (m * magnitude >= value - 1e-9) return m * magnitude;
    }
    magnitude *= 10;
  }
}

std::string HistogramSvg(const std::vector<HistogramBin>& bins, const HistogramChart& chart) {
  const double height = kHistogramPlotTop + kHistogramPlotHeight + 56;
  std::string svg = OpenSvg(height, chart.title);
  int most = 0;
  for (const HistogramBin& bin : bins) most = std::max(most, bin.count);
  const double top = NiceCeiling(most);
  const double left = kHistogramPlotLeft;
  const double base = kHistogramPlotTop + kHistogramPlotHeight;
  const double bin_width = bins.empty() ? 0 : kHistogramPlotWidth / static_cast<double>(bins.size());

  for (double tick = 0; tick <= top + 1e-9; tick += CountStep(top)) {
    const double y = base - tick / top * kHistogramPlotHeight;
    svg += Line(left, y, left + kHistogramPlotWidth, y, "stroke=\"#dddddd\" stroke-width=\"1\"");
    svg += Text(left - 6, y + 4, absl::StrCat(static_cast<long long>(tick)), "end");
  }
  for (std::size_t i = 0; i < bins.size(); ++i) {
    const HistogramBin& bin = bins[i];
    const double bar_height = bin.count / top * kHistogramPlotHeight;
    const double x = left + static_cast<double>(i) * bin_width;
    svg += Rect(x + 1, base - bar_height, bin_width - 2, bar_height, "#1f4e79",
                absl::StrCat(bin.label, ": ", bin.count, bin.count == 1 ? " provider" : " providers"));
    if (bin.count > 0) svg += Text(x + bin_width / 2, base - bar_height - 4, absl::StrCat(bin.count), "middle");
  }
  svg += Line(left, base, left + kHistogramPlotWidth, base, "stroke=\"#333333\" stroke-width=\"1\"");
  // Edge labels under the boundaries between bins; the open-ended first and
  // last bins read as "below the first edge" and "above the last".
  for (std::size_t i = 0; i < chart.edge_labels.size() && i + 1 < bins.size(); ++i) {
    const double x = left + static_cast<double>(i + 1) * bin_width;
    svg += Line(x, base, x, base + 4, "stroke=\"#333333\"");
    svg += Text(x, base + 17, chart.edge_labels[i], "middle", "font-size=\"11\"");
  }
  svg += Text(left + kHistogramPlotWidth / 2, base + 40, chart.x_label, "middle");
  svg += Text(14, kHistogramPlotTop + kHistogramPlotHeight / 2, chart.y_label, "middle",
              absl::StrCat("transform=\"rotate(-90 14 ", Coordinate(kHistogramPlotTop + kHistogramPlotHeight / 2),
                           ")\""));

  int placed = 0;
  for (const ReferenceLine& reference : chart.references) {
    // Interpolate within the bin that holds the value; an open-ended bin has
    // no scale, so a reference falling there sits at its inner edge.
    for (std::size_t i = 0; i < bins.size(); ++i) {
      const HistogramBin& bin = bins[i];
      if (bin.lower && reference.value < *bin.lower) continue;
      if (bin.upper && reference.value >= *bin.upper) continue;
      double fraction = 0;
      if (bin.lower && bin.upper) fraction = (reference.value - *bin.lower) / (*bin.upper - *bin.lower);
      if (!bin.lower) fraction = 1;
      const double x = left + (static_cast<double>(i) + fraction) * bin_width;
      svg += absl::StrCat("<g class=\"reference\">",
                          Line(x, kHistogramPlotTop - 10, x, base,
                               "stroke=\"#b00020\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\""));
      const double label_y = kHistogramPlotTop + 2 + placed * 14;
      // Labels read rightwards from their line, one row each so neighbouring
      // references (the CMA's 19.4% and 22.6%) never overprint; only near the
      // right edge do they turn leftwards.
      const bool right_half = x > left + kHistogramPlotWidth * 0.75;
      svg += Text(right_half ? x - 4 : x + 4, label_y, reference.label, right_half ? "end" : "start",
                  "fill=\"#b00020\" font-size=\"11\"");
      svg += "</g>\n";
      ++placed;
      break;
    }
  }
  svg += "</svg>\n";
  return svg;
}

std::string RatingBarsSvg(const std::string& title, const std::vector<StackedRow>& rows) {
  constexpr double kLabelWidth = 190;
  constexpr double kPlotWidth = kChartWidth - kLabelWidth - 40;
  constexpr double kRowHeight = 24;
  constexpr double kTop = 58;
  const double height = kTop + kRowHeight * static_cast<double>(rows.size()) + 36;
  std::string svg = OpenSvg(height, title);
  int most = 0;
  for (const StackedRow& row : rows) most = std::max(most, row.counts[0] + row.counts[1] + row.counts[2] + row.counts[3]);
  const double top = NiceCeiling(most);

  double legend_x = 8;
  for (Rating rating : kAllRatings) {
    svg += Rect(legend_x, 30, 12, 12, RatingColour(rating), RatingName(rating), "legend");
    svg += Text(legend_x + 16, 40, RatingName(rating));
    legend_x += 80;
  }
  const double base = kTop + kRowHeight * static_cast<double>(rows.size());
  for (double tick = 0; tick <= top + 1e-9; tick += CountStep(top)) {
    const double x = kLabelWidth + tick / top * kPlotWidth;
    svg += Line(x, kTop - 4, x, base, "stroke=\"#dddddd\" stroke-width=\"1\"");
    svg += Text(x, base + 16, absl::StrCat(static_cast<long long>(tick)), "middle", "font-size=\"11\"");
  }
  svg += Text(kLabelWidth + kPlotWidth / 2, base + 32, "providers placing children from the region", "middle");
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const StackedRow& row = rows[r];
    const double y = kTop + kRowHeight * static_cast<double>(r);
    svg += Text(kLabelWidth - 8, y + 16, row.label, "end");
    double x = kLabelWidth;
    for (Rating rating : kAllRatings) {
      const int count = row.counts[static_cast<std::size_t>(rating)];
      if (count == 0) continue;
      const double width = count / top * kPlotWidth;
      svg += Rect(x, y + 3, width, kRowHeight - 6, RatingColour(rating),
                  absl::StrCat(row.label, ": ", count, " ", RatingName(rating)));
      if (width >= 14) {
        svg += Text(x + width / 2, y + 16, absl::StrCat(count), "middle",
                    rating == Rating::kAmber ? "fill=\"#000000\"" : "fill=\"#ffffff\"");
      }
      x += width;
    }
  }
  svg += "</svg>\n";
  return svg;
}

std::string ShareBarsSvg(const std::string& title, const std::vector<std::string>& series,
                         const std::vector<ShareRow>& rows) {
  constexpr double kLabelWidth = 250;
  constexpr double kPlotWidth = kChartWidth - kLabelWidth - 130;
  constexpr double kBarHeight = 14;
  constexpr double kTop = 58;
  const double row_height = kBarHeight * static_cast<double>(std::max<std::size_t>(1, series.size())) + 8;
  const double height = kTop + row_height * static_cast<double>(rows.size()) + 36;
  std::string svg = OpenSvg(height, title);
  double most = 0;
  for (const ShareRow& row : rows) {
    for (double share : row.shares) most = std::max(most, share);
  }
  const double top = ShareCeiling(most);
  double legend_x = 8;
  for (std::size_t s = 0; s < series.size(); ++s) {
    svg += Rect(legend_x, 30, 12, 12, kSeriesColours[s % 3], series[s], "legend");
    svg += Text(legend_x + 16, 40, series[s]);
    legend_x += 24 + 7.0 * static_cast<double>(series[s].size());
  }
  const double base = kTop + row_height * static_cast<double>(rows.size());
  const double step = top > 0.5 ? 0.2 : (top > 0.2 ? 0.1 : 0.05);
  for (double tick = 0; tick <= top + 1e-9; tick += step) {
    const double x = kLabelWidth + tick / top * kPlotWidth;
    svg += Line(x, kTop - 4, x, base, "stroke=\"#dddddd\" stroke-width=\"1\"");
    svg += Text(x, base + 16, Percent(tick, 0), "middle", "font-size=\"11\"");
  }
  svg += Text(kLabelWidth + kPlotWidth / 2, base + 32, "share of children placed", "middle");
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const ShareRow& row = rows[r];
    const double y = kTop + row_height * static_cast<double>(r);
    svg += Text(kLabelWidth - 8, y + row_height / 2 + 4, Truncate(row.label, 36), "end");
    double end = kLabelWidth;
    for (std::size_t s = 0; s < row.shares.size(); ++s) {
      const double width = std::clamp(row.shares[s], 0.0, 1.0) / top * kPlotWidth;
      const double bar_y = y + 4 + kBarHeight * static_cast<double>(s);
      svg += Rect(kLabelWidth, bar_y, width, kBarHeight - 2, kSeriesColours[s % 3],
                  absl::StrCat(row.label, ": ", series.size() > s ? series[s] + " " : "", Percent(row.shares[s])));
      svg += Text(kLabelWidth + width + 4, bar_y + 11, Percent(row.shares[s]), "start", "font-size=\"11\"");
      end = std::max(end, kLabelWidth + width);
    }
    if (!row.note.empty()) {
      svg += Text(kChartWidth - 8, y + row_height / 2 + 4, row.note, "end", "font-size=\"11\" fill=\"#555555\"");
    }
  }
  svg += "</svg>\n";
  return svg;
}

std::string PdScatterSvg(const std::string& title, const std::vector<ScatterPoint>& points) {
  constexpr double kLeft = 64;
  constexpr double kTop = 58;
  constexpr double kPlotWidth = kChartWidth - kLeft - 24;
  constexpr double kPlotHeight = 260;
  constexpr double kFloor = 1e-4;  // 0.01%: PDs below are drawn on the floor
  const double height = kTop + kPlotHeight + 50;
  std::string svg = OpenSvg(height, title);
  double most = 0;
  for (const ScatterPoint& p : points) most = std::max(most, p.children_placed);
  // Children placed reach thousands: round the axis up to the next multiple
  // of its power of ten (2,750 -> 3,000) rather than to 5,000.
  const double magnitude = most > 1 ? std::pow(10.0, std::floor(std::log10(most))) : 1;
  const double right = std::max(1.0, std::ceil(most / magnitude - 1e-9) * magnitude);
  const double x_step = right / magnitude >= 4 ? magnitude : magnitude / 2;
  const double base = kTop + kPlotHeight;
  auto y_of = [&](double pd) {
    const double clamped = std::clamp(pd, kFloor, 1.0);
    return base - (std::log10(clamped) - std::log10(kFloor)) / -std::log10(kFloor) * kPlotHeight;
  };
  double legend_x = 8;
  for (Rating rating : kAllRatings) {
    svg += absl::StrCat("<circle cx=\"", Coordinate(legend_x + 6), "\" cy=\"36\" r=\"5\" fill=\"",
                        RatingColour(rating), "\" stroke=\"#333333\"/>\n");
    svg += Text(legend_x + 16, 40, RatingName(rating));
    legend_x += 80;
  }
  for (double pd : {1e-4, 1e-3, 1e-2, 1e-1, 1.0}) {
    const double y = y_of(pd);
    svg += Line(kLeft, y, kLeft + kPlotWidth, y, "stroke=\"#dddddd\" stroke-width=\"1\"");
    svg += Text(kLeft - 6, y + 4, Percent(pd, pd < 1e-3 ? 2 : (pd < 1e-2 ? 1 : 0)), "end", "font-size=\"11\"");
  }
  for (double tick = 0; tick <= right + 1e-9; tick += x_step) {
    const double x = kLeft + tick / right * kPlotWidth;
    svg += Line(x, base, x, base + 4, "stroke=\"#333333\"");
    svg += Text(x, base + 16, absl::StrCat(static_cast<long long>(tick)), "middle", "font-size=\"11\"");
  }
  svg += Line(kLeft, base, kLeft + kPlotWidth, base, "stroke=\"#333333\" stroke-width=\"1\"");
  svg += Text(kLeft + kPlotWidth / 2, base + 34, "children placed", "middle");
  svg += Text(14, kTop + kPlotHeight / 2, "one-year PD (log scale)", "middle",
              absl::StrCat("transform=\"rotate(-90 14 ", Coordinate(kTop + kPlotHeight / 2), ")\""));
  for (const ScatterPoint& p : points) {
    const double x = kLeft + p.children_placed / right * kPlotWidth;
    svg += absl::StrCat("<circle class=\"point\" cx=\"", Coordinate(x), "\" cy=\"", Coordinate(y_of(p.pd)),
                        "\" r=\"5\" fill=\"", RatingColour(p.rating), "\" fill-opacity=\"0.85\" stroke=\"#333333\"><title>",
                        EscapeMarkup(absl::StrCat(p.label, ": ", static_cast<long long>(p.children_placed),
                                                  " children, PD ", Percent(p.pd, 2))),
                        "</title></circle>\n");
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace oversight::client::report
