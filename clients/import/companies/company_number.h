#pragma once
// Companies House company numbers: eight characters, either eight digits
// (England and Wales, "09707484") or a two-letter register prefix and six
// digits ("SC123456" Scotland, "NI...", "OC..." LLPs, ...).

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "risk/domain/company_number.h"

namespace oversight::client::companies {

// One definition for every importer: risk/domain/company_number.h.
using risk::IsCompanyNumber;
using risk::PadCompanyNumber;

// The number in an API link ("/company/09707484/filing-history/Mz...").
std::optional<std::string> CompanyNumberFromLink(absl::string_view link);

// The first run of exactly eight letters and digits in a file name that is a
// company number ("09707484-psc.json", "psc_SC123456.json").
std::optional<std::string> CompanyNumberFromFileName(absl::string_view file_name);

}  // namespace oversight::client::companies
