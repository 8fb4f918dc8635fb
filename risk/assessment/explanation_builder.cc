#include "risk/assessment/explanation_builder.h"

#include <utility>

namespace oversight::risk {

ExplanationBuilder::ExplanationBuilder(Explanation& explanation, std::size_t expected_figures)
    : explanation_(explanation) {
  explanation_.figures.reserve(explanation_.figures.size() + expected_figures);
}

ExplainedFigure& ExplanationBuilder::Add(const FigureSpec& spec, const Measured& measured,
                                         const std::vector<std::string>& inputs) {
  return Add(spec, measured.value, inputs, measured.missing_reason);
}

ExplainedFigure& ExplanationBuilder::Add(const FigureSpec& spec, std::optional<double> value,
                                         const std::vector<std::string>& inputs, std::string note) {
  ExplainedFigure& f = explanation_.figures.emplace_back();
  f.key.assign(spec.key.data(), spec.key.size());
  f.label.assign(spec.label.data(), spec.label.size());
  f.value = value;
  f.unit.assign(spec.unit.data(), spec.unit.size());
  f.formula.assign(spec.formula.data(), spec.formula.size());
  f.source.assign(spec.source.data(), spec.source.size());
  f.inputs = inputs;
  f.note = std::move(note);
  return f;
}

}  // namespace oversight::risk
