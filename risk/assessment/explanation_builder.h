#pragma once
// Appends explained figures to an assessment's explanation. Runs for every
// provider in every scoring run (100,000 providers in about a second), so a
// figure points at its entry in the figure catalogue instead of copying its
// texts, and each input citation is formatted once per assessment and shared.
#include <optional>
#include <string>

#include "risk/assessment/explanation.h"
#include "risk/profitability/measured.h"

namespace oversight::risk {

class ExplanationBuilder {
 public:
  ExplanationBuilder(Explanation& explanation, std::size_t expected_figures);

  // `spec` is a catalogue entry (risk/assessment/figure_catalogue.h): the
  // figure keeps a pointer to it, so it must have static storage duration.
  // A measure: its value, or absent with the measure's reason as the note.
  ExplainedFigure& Add(const FigureSpec& spec, const Measured& measured, const FigureInputs& inputs);
  // A value that may be absent; `note` explains an absence or adds a caveat.
  ExplainedFigure& Add(const FigureSpec& spec, std::optional<double> value, const FigureInputs& inputs,
                       std::string note = {});
  // A figure whose texts are built at run time (FigureDefinition::Owned).
  ExplainedFigure& Add(ExplainedFigure figure);

 private:
  Explanation& explanation_;
};

}  // namespace oversight::risk
