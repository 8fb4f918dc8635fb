#pragma once
// Text that is either a string literal, kept as a view without a copy, or a
// string of its own.
//
// Why: an assessment's explanation carries a dozen short texts that are
// almost always one of a few fixed phrases ("log-odds of one-year default",
// "going-concern material uncertainty"); as std::string each is a heap
// allocation, copied for every provider of every scoring run and freed
// again (docs/performance.md, risk core). Texts built at run time, or read
// back from the store, own their characters as before.
#include <cstdint>
#include <ostream>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"

namespace oversight::risk {

class Text {
 public:
  Text() = default;
  // Run-time text: owned. (Implicit, as a std::string field was assigned.)
  Text(std::string owned) : owned_(std::move(owned)) {}  // NOLINT(google-explicit-constructor)
  Text(const char* text) : owned_(text) {}                // NOLINT: a char* need not be a literal
  // A view of `literal`, which must outlive every copy (a string literal or
  // a constexpr global).
  static Text Literal(absl::string_view literal) {
    Text text;
    text.literal_ = literal.data() != nullptr ? literal.data() : "";
    text.literal_size_ = static_cast<std::uint32_t>(literal.size());
    return text;
  }

  absl::string_view view() const {
    return literal_ != nullptr ? absl::string_view(literal_, literal_size_) : absl::string_view(owned_);
  }
  operator absl::string_view() const { return view(); }  // NOLINT(google-explicit-constructor)
  std::string str() const { return std::string(view()); }
  bool empty() const { return view().empty(); }

  friend bool operator==(const Text& a, absl::string_view b) { return a.view() == b; }
  friend std::ostream& operator<<(std::ostream& out, const Text& text) { return out << text.view(); }

 private:
  // 48 bytes: the explanation reserves its contributions within malloc's
  // per-thread cache (under 1 KiB, see risk/default/combined_pd.cc).
  const char* literal_ = nullptr;  // set for a literal
  std::uint32_t literal_size_ = 0;
  std::string owned_;
};

}  // namespace oversight::risk
