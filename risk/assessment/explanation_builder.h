#pragma once
// Appends explained figures to an assessment's explanation. Runs for every
// provider in every scoring run (100,000 providers in about a second), so
// labels, formulas and sources are literals and each input citation is
// formatted once per record and shared.
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "risk/assessment/explanation.h"
#include "risk/profitability/measured.h"

namespace oversight::risk {

struct FigureSpec {
  absl::string_view key;      // "resilience.interest_cover"
  absl::string_view label;    // "Interest cover"
  absl::string_view unit;     // GBP, ratio, percent, probability, years, count, score
  absl::string_view formula;  // "EBITDA / interest payable"
  absl::string_view source;   // method citation
};

class ExplanationBuilder {
 public:
  ExplanationBuilder(Explanation& explanation, std::size_t expected_figures);

  // A measure: its value, or absent with the measure's reason as the note.
  ExplainedFigure& Add(const FigureSpec& spec, const Measured& measured,
                       const std::vector<std::string>& inputs);
  // A value that may be absent; `note` explains an absence or adds a caveat.
  ExplainedFigure& Add(const FigureSpec& spec, std::optional<double> value,
                       const std::vector<std::string>& inputs, std::string note = {});

 private:
  Explanation& explanation_;
};

}  // namespace oversight::risk
