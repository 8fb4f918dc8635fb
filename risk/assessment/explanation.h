#pragma once
#include <optional>
#include <string>
#include <vector>

namespace oversight::risk {

// One figure an assessment used or computed, with where it came from, so an
// analyst can see why a provider is rated as it is without reading code.
struct ExplainedFigure {
  std::string key;        // stable machine key, e.g. "resilience.interest_cover"
  std::string label;      // "Interest cover (EBITDA / interest payable)"
  std::optional<double> value;  // absent = could not be computed (see note)
  std::string unit;       // "GBP", "ratio", "percent", "probability", "years", "count"
  std::string formula;    // "EBITDA / interest payable"
  std::string source;     // citation of the method, e.g. "Altman (2000), Z''-score"
  std::vector<std::string> inputs;  // provenance of inputs, e.g. "accounts P001 2024-03-31 (sample/accounts.csv:7, v2)"
  std::string note;       // e.g. "insufficient data: revenue missing (filleted accounts)"
};

// How much one factor moved the combined likelihood of failure.
struct FactorContribution {
  std::string factor;     // "Altman Z'' distress zone", "net debt / EBITDA above 6x"
  double value = 0;       // the factor's own figure
  double contribution = 0;  // its additive contribution to the combined score (documented scale)
  std::string scale;      // "log-odds of one-year default", "rating points"
};

struct Explanation {
  std::vector<ExplainedFigure> figures;
  std::vector<FactorContribution> contributions;
  std::vector<std::string> reasons;  // plain-English reasons for the rating, most important first
};

}  // namespace oversight::risk
