#pragma once
// Identifier checks shared by the domain's validation and the importers, so
// a record the importer accepts is one the service accepts.

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"

namespace oversight::risk {

// Non-empty and ASCII digits only (company numbers, URNs, the parts of
// dates and archive member names).
inline bool AllDigits(absl::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
           return absl::ascii_isdigit(static_cast<unsigned char>(c));
         });
}

// Ofsted's unique reference number: "SC" and six digits (children's social
// care registrations) or seven digits (the numbering used since 2021's
// register migration). Anything else is not a URN.
inline bool IsOfstedUrn(absl::string_view text) {
  if (text.size() == 8 && text[0] == 'S' && text[1] == 'C') return AllDigits(text.substr(2));
  return text.size() == 7 && AllDigits(text);
}

}  // namespace oversight::risk
