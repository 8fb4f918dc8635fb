#include "risk/domain/company_number.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "risk/domain/identifiers.h"

namespace oversight::risk {
namespace {

constexpr std::size_t kLength = 8;

}  // namespace

bool IsCompanyNumber(absl::string_view text) {
  if (text.size() != kLength) return false;
  if (AllDigits(text)) return true;
  return absl::ascii_isupper(static_cast<unsigned char>(text[0])) &&
         absl::ascii_isupper(static_cast<unsigned char>(text[1])) && AllDigits(text.substr(2));
}

std::optional<std::string> NormaliseCompanyNumber(absl::string_view raw) {
  std::string text;
  for (char c : raw) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) {
      text.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
    }
  }
  std::size_t letters = 0;
  while (letters < text.size() && absl::ascii_isalpha(static_cast<unsigned char>(text[letters]))) ++letters;
  if (letters != 0 && letters != 2) return std::nullopt;
  const absl::string_view digits = absl::string_view(text).substr(letters);
  if (!AllDigits(digits) || digits.size() > kLength - letters) return std::nullopt;
  if (digits.find_first_not_of('0') == absl::string_view::npos) return std::nullopt;  // all zeros
  return absl::StrCat(text.substr(0, letters), std::string(kLength - letters - digits.size(), '0'), digits);
}

std::string PadCompanyNumber(absl::string_view text) {
  std::optional<std::string> number = NormaliseCompanyNumber(text);
  return number ? *std::move(number) : std::string(absl::StripAsciiWhitespace(text));
}

}  // namespace oversight::risk
