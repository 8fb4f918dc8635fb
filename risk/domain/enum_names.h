#pragma once
// One table per enumeration maps each value to its stable snake_case name;
// parsing and formatting both read the table, so they cannot disagree.

#include "absl/strings/string_view.h"
#include <array>
#include <cctype>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace oversight::risk::internal {

template <typename E>
struct EnumName {
  E value;
  absl::string_view name;
};

template <typename E, std::size_t N>
absl::string_view NameOf(const std::array<EnumName<E>, N>& table, E value) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return "unknown";
}

// "Children's home", "childrens-home" and "CHILDRENS_HOME" all normalise to
// "childrens_home": lower case, spaces and hyphens to underscores,
// apostrophes dropped.
inline std::string NormaliseEnumText(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\'') continue;
    if (c == ' ' || c == '-') c = '_';
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

template <typename E, std::size_t N>
absl::StatusOr<E> ParseEnum(const std::array<EnumName<E>, N>& table, absl::string_view text,
                            absl::string_view what) {
  const std::string wanted = NormaliseEnumText(text);
  for (const auto& entry : table) {
    if (entry.name == wanted) return entry.value;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      what, ": unknown value \"", text, "\"; expected one of ",
      absl::StrJoin(table, ", ", [](std::string* out, const EnumName<E>& e) {
        absl::StrAppend(out, e.name);
      })));
}

}  // namespace oversight::risk::internal
