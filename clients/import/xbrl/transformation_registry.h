#pragma once
// The Inline XBRL transformation registries: how the displayed text of a
// tagged figure ("1,234,567.89", "–", "1.234,56") becomes its value.
//
// Sources: XII Inline XBRL Transformation Registry 1 (2010-04-20, with the
// 2008 registry of Inline XBRL 1.0 before it), 2 (2011-07-31), 3
// (2015-02-26) and 4 (2020-02-12). A format is identified by registry
// namespace URI + local name, never by prefix: "ixt" is bound to four
// different registries in the Companies House corpus. Registry 4 renamed the
// formats with hyphens (num-dot-decimal, fixed-zero); the older names stay in
// the older registries.
//
// Open-source parsers went wrong here (docs/import.md, "XBRL reader"): they
// crashed on formats they did not know, read "-" as 0 in one place and as
// missing in another, and swapped "." and "," between numcommadecimal and
// numdotdecimal. Here an unknown format is an error, the registry decides
// between 0 and empty, and every number format is tested on both separators.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clients/import/xbrl/xbrl_fact.h"

namespace oversight::client::xbrl {

inline constexpr char kTransformationRegistry2008[] =
    "http://www.xbrl.org/2008/inlineXBRL/transformation";
inline constexpr char kTransformationRegistry1[] =
    "http://www.xbrl.org/inlineXBRL/transformation/2010-04-20";
inline constexpr char kTransformationRegistry2[] =
    "http://www.xbrl.org/inlineXBRL/transformation/2011-07-31";
inline constexpr char kTransformationRegistry3[] =
    "http://www.xbrl.org/inlineXBRL/transformation/2015-02-26";
inline constexpr char kTransformationRegistry4[] =
    "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12";

// True for the namespace of one of the registries above.
bool IsTransformationRegistry(absl::string_view namespace_uri);

// True when `format` names a format that yields a number (or the registry's
// "empty"), i.e. one that ix:nonFraction may carry.
bool IsNumericFormat(const QName& format);

// Reads the displayed text of a numeric fact. `format` empty (both parts)
// means no format attribute: the text must be an unsigned xsd:decimal as
// written ("1234.5"). Returns the value as a canonical unsigned decimal
// string ("1234567.89", "0"), so that scale can later move the decimal point
// without a rounding step, or nullopt when the format says the fact is empty
// (nocontent, fixedempty). Errors:
//   NOT_FOUND        the format is not a numeric format of a known registry;
//   INVALID_ARGUMENT the text is empty or not in the format.
// Messages name the format and quote the text; the caller adds the element.
absl::StatusOr<std::optional<std::string>> TransformNumber(const QName& format,
                                                           absl::string_view text);

// Non-numeric facts: the date ("2017-07-31") or boolean ("true"/"false")
// that a date or boolean format of a known registry reads from `text`;
// nullopt for any other format or text that does not parse. Text facts keep
// their displayed text either way, so this never fails a document.
std::optional<std::string> TransformText(const QName& format, absl::string_view text);

// Reads a plain XBRL (.xml) numeric item: an xsd:decimal with an optional
// sign ("-312", "1.00", "-0"). Returns the canonical decimal with its sign.
absl::StatusOr<std::string> ParseXsdDecimal(absl::string_view text);

}  // namespace oversight::client::xbrl
