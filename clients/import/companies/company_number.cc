#include "clients/import/companies/company_number.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace oversight::client::companies {
namespace {

bool AllDigits(absl::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

bool IsCompanyNumber(absl::string_view text) {
  if (text.size() != 8) return false;
  if (AllDigits(text)) return true;
  return absl::ascii_isupper(static_cast<unsigned char>(text[0])) &&
         absl::ascii_isupper(static_cast<unsigned char>(text[1])) && AllDigits(text.substr(2));
}

std::string PadCompanyNumber(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (AllDigits(text) && text.size() < 8) return std::string(8 - text.size(), '0') + std::string(text);
  std::string upper = absl::AsciiStrToUpper(text);
  if (IsCompanyNumber(upper)) return upper;
  return std::string(text);
}

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
