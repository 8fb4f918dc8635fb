#pragma once
// A model output that may be impossible to compute. Real filings are
// incomplete (filleted small-company accounts carry no profit and loss
// account), so every profitability and resilience figure is either a value or
// the reason it is absent - never a silent zero.

#include <optional>
#include <string>
#include <utility>

namespace oversight::risk {

struct Measured {
  std::optional<double> value;
  std::string missing_reason;  // why `value` is absent; empty when present

  static Measured Of(double v) { return Measured{v, {}}; }
  static Measured Missing(std::string why) { return Measured{std::nullopt, std::move(why)}; }

  bool has_value() const { return value.has_value(); }
  // The value, or `fallback` when absent. For display and sorting only: a
  // model must test has_value() rather than compute with a fallback.
  double value_or(double fallback) const { return value.value_or(fallback); }
};

}  // namespace oversight::risk
