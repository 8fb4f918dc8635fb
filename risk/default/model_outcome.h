#pragma once
#include <optional>
#include <string>
#include <vector>

namespace oversight::risk {

// A model run on a provider's records. Real filings are incomplete, so "the
// model cannot be computed" is an ordinary outcome, not an error: `value` is
// then absent and `note` says which figure is missing. When `value` is
// present `note` may still carry a caveat (e.g. "prior-year accounts
// missing: change in net income taken as 0").
// Whether a model writes the texts only an explanation reads: the records it
// used (ModelOutcome::inputs) and, for Merton, the equity and volatility
// bases. The assessor cites every record once, in its explanation's own
// table, and builds no explanation at all for a stress scenario: each text
// is a formatted string, several per provider on every scoring run.
// Notes (why a model cannot be computed) are written either way.
//   kInclude          every text;
//   kWithoutAccounts  every text but the accounts' citation, which the
//                     caller's own table already holds (the assessor's);
//   kOmit             none (a stress scenario).
enum class ExplanationText { kInclude, kWithoutAccounts, kOmit };

template <typename T>
struct ModelOutcome {
  std::optional<T> value;
  std::string note;
  // Provenance of each input record used, for the explanation, e.g.
  // "accounts P001 2024-03-31 (sample/accounts.csv:7, v2)".
  std::vector<std::string> inputs;

  bool has_value() const { return value.has_value(); }
};

}  // namespace oversight::risk
