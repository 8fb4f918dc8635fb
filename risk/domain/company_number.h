#pragma once
// Companies House company numbers: eight characters, either eight digits
// (England and Wales, "09707484") or a two-letter register prefix and six
// digits ("SC123456" Scotland, "NI..." Northern Ireland, "OC..." LLPs).
// Filings, spreadsheets and bulk member names drop leading zeros
// ("9707484"): every importer restores them the same way, here.

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace oversight::risk {

bool IsCompanyNumber(absl::string_view text);

// The eight-character number: whitespace removed, letters upper-cased, the
// digits after an optional two-letter prefix padded with leading zeros
// ("9707484" -> "09707484", "sc12345" -> "SC012345"). nullopt when the text
// cannot be a company number: other letters, more than eight characters, no
// digits, or all zeros.
std::optional<std::string> NormaliseCompanyNumber(absl::string_view text);

// NormaliseCompanyNumber, or the text trimmed but otherwise as written when
// it cannot be one (a foreign registration such as "HRB 12345" is never
// guessed into a UK number).
std::string PadCompanyNumber(absl::string_view text);

}  // namespace oversight::risk
