#include "clients/import/companies/company_number.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace oversight::client::companies {

std::optional<std::string> CompanyNumberFromLink(absl::string_view link) {
  constexpr absl::string_view kPrefix = "/company/";
  const std::size_t at = link.find(kPrefix);
  if (at == absl::string_view::npos) return std::nullopt;
  absl::string_view rest = link.substr(at + kPrefix.size());
  rest = rest.substr(0, rest.find('/'));
  if (!IsCompanyNumber(rest)) return std::nullopt;
  return std::string(rest);
}

std::optional<std::string> CompanyNumberFromFileName(absl::string_view file_name) {
  // Only the last path component: a directory name is not evidence.
  const std::size_t slash = file_name.find_last_of('/');
  if (slash != absl::string_view::npos) file_name.remove_prefix(slash + 1);
  std::size_t i = 0;
  while (i < file_name.size()) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(file_name[i]))) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < file_name.size() && absl::ascii_isalnum(static_cast<unsigned char>(file_name[end]))) ++end;
    // Within a longer run (e.g. "psc09707484") no boundary says where the
    // number starts: only a run of exactly eight counts.
    const std::string run = absl::AsciiStrToUpper(file_name.substr(i, end - i));
    if (IsCompanyNumber(run)) return run;
    i = end;
  }
  return std::nullopt;
}

}  // namespace oversight::client::companies
