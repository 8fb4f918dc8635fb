#include "risk/assessment/explanation_builder.h"

#include <utility>

namespace oversight::risk {

ExplanationBuilder::ExplanationBuilder(Explanation& explanation, std::size_t expected_figures)
    : explanation_(explanation) {
  explanation_.figures.reserve(explanation_.figures.size() + expected_figures);
}

ExplainedFigure& ExplanationBuilder::Add(const FigureSpec& spec, const Measured& measured,
                                         const FigureInputs& inputs) {
  return Add(spec, measured.value, inputs, measured.missing_reason);
}

ExplainedFigure& ExplanationBuilder::Add(const FigureSpec& spec, std::optional<double> value,
                                         const FigureInputs& inputs, std::string note) {
  ExplainedFigure& f = explanation_.figures.emplace_back();
  f.definition = FigureDefinition::Static(spec);
  f.value = value;
  f.inputs = inputs;
  f.note = std::move(note);
  return f;
}

ExplainedFigure& ExplanationBuilder::Add(ExplainedFigure figure) {
  return explanation_.figures.emplace_back(std::move(figure));
}

}  // namespace oversight::risk
