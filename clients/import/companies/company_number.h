#pragma once
// Companies House company numbers: eight characters, either eight digits
// (England and Wales, "09707484") or a two-letter register prefix and six
// digits ("SC123456" Scotland, "NI...", "OC..." LLPs, ...).

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace oversight::client::companies {

bool IsCompanyNumber(absl::string_view text);

// Restores the leading zeros that spreadsheets and some filers drop
// ("9707484" -> "09707484"); upper-cases a register prefix; trims. Anything
// else (a foreign registration number) is returned trimmed and unchanged.
std::string PadCompanyNumber(absl::string_view text);

// The number in an API link ("/company/09707484/filing-history/Mz...").
std::optional<std::string> CompanyNumberFromLink(absl::string_view link);

// The first run of exactly eight letters and digits in a file name that is a
// company number ("09707484-psc.json", "psc_SC123456.json").
std::optional<std::string> CompanyNumberFromFileName(absl::string_view file_name);

}  // namespace oversight::client::companies
