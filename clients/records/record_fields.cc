#include "clients/records/record_fields.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace oversight::client {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Flattened column names of nested fields, as docs/data-format.md writes them.
constexpr std::array<std::pair<absl::string_view, absl::string_view>, 6> kAliases = {{
    {"period_start", "period.start"},
    {"period_end", "period.end"},
    {"max_net_leverage", "covenant.max_net_leverage"},
    {"min_interest_cover", "covenant.min_interest_cover"},
    {"covenant_test_frequency_months", "covenant.test_frequency_months"},
    {"covenant_first_test_date", "covenant.first_test_date"},
}};

absl::string_view Dealias(absl::string_view column) {
  for (const auto& [alias, path] : kAliases) {
    if (alias == column) return path;
  }
  return column;
}

// The prefix every value of a proto enum carries: "PROVIDER_KIND_" from
// "PROVIDER_KIND_UNSPECIFIED" (the API's convention: value 0 is
// <TYPE>_UNSPECIFIED).
std::string EnumPrefix(const EnumDescriptor& type) {
  const auto* zero = type.FindValueByNumber(0);
  if (zero == nullptr) return "";
  absl::string_view name = zero->name();
  absl::ConsumeSuffix(&name, "UNSPECIFIED");
  return std::string(name);
}

std::string NormaliseEnumText(absl::string_view text) {
  std::string out;
  for (char c : absl::StripAsciiWhitespace(text)) {
    if (c == '\'') continue;
    if (c == ' ' || c == '-') c = '_';
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

absl::StatusOr<double> ParseDouble(absl::string_view text) {
  double value = 0;
  if (!absl::SimpleAtod(text, &value) || !std::isfinite(value)) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\" is not a number (plain digits, e.g. 1250000 or -35000.50)"));
  }
  return value;
}

absl::StatusOr<bool> ParseBool(absl::string_view text) {
  const std::string lower = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (lower == "true") return true;
  if (lower == "false") return false;
  return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" is not true or false"));
}

}  // namespace

absl::StatusOr<FieldPath> ResolveColumn(const Descriptor& record_type, absl::string_view column) {
  const absl::string_view dotted = Dealias(column);
  FieldPath path;
  path.dotted = std::string(dotted);
  const Descriptor* type = &record_type;
  const std::vector<absl::string_view> parts = absl::StrSplit(dotted, '.');
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (type == nullptr) return absl::InvalidArgumentError("unknown column");
    const FieldDescriptor* field = type->FindFieldByName(std::string(parts[i]));
    if (field == nullptr || field->name() == "provenance") {
      return absl::InvalidArgumentError(absl::StrCat("unknown column for ", record_type.name(),
                                                     " records"));
    }
    if (field->is_repeated()) {
      return absl::InvalidArgumentError("repeated fields cannot be loaded from a cell");
    }
    const bool last = i + 1 == parts.size();
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (last) {
        return absl::InvalidArgumentError(
            absl::StrCat("\"", column, "\" is a group of fields; name one of its fields, e.g. ",
                         column, ".", field->message_type()->field(0)->name()));
      }
      type = field->message_type();
    } else if (!last) {
      return absl::InvalidArgumentError("unknown column");
    }
    path.fields.push_back(field);
  }
  return path;
}

std::string EnumChoices(const EnumDescriptor& type) {
  std::string out;
  for (int i = 0; i < type.value_count(); ++i) {
    if (type.value(i)->number() == 0) continue;
    if (!out.empty()) out += ", ";
    out += EnumValueName(type, type.value(i)->number());
  }
  return out;
}

std::string EnumValueName(const EnumDescriptor& type, int number) {
  const auto* value = type.FindValueByNumber(number);
  if (value == nullptr) return absl::StrCat(number);
  absl::string_view name = value->name();
  absl::ConsumePrefix(&name, EnumPrefix(type));
  return absl::AsciiStrToLower(name);
}

absl::StatusOr<int> ParseEnumValue(const EnumDescriptor& type, absl::string_view text) {
  const std::string wanted = absl::StrCat(EnumPrefix(type), absl::AsciiStrToUpper(NormaliseEnumText(text)));
  const auto* value = type.FindValueByName(wanted);
  if (value == nullptr || value->number() == 0) {
    return absl::InvalidArgumentError(absl::StrCat("unknown value \"", text, "\"; expected one of ",
                                                   EnumChoices(type)));
  }
  return value->number();
}

absl::Status SetFieldFromText(Message& record, const FieldPath& path, absl::string_view text) {
  Message* message = &record;
  for (std::size_t i = 0; i + 1 < path.fields.size(); ++i) {
    message = message->GetReflection()->MutableMessage(message, path.fields[i]);
  }
  const FieldDescriptor* field = path.fields.back();
  const Reflection* reflection = message->GetReflection();
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      reflection->SetString(message, field, std::string(text));
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      absl::StatusOr<double> value = ParseDouble(text);
      if (!value.ok()) return value.status();
      reflection->SetDouble(message, field, *value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_FLOAT: {
      absl::StatusOr<double> value = ParseDouble(text);
      if (!value.ok()) return value.status();
      reflection->SetFloat(message, field, static_cast<float>(*value));
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT32: {
      std::int32_t value = 0;
      if (!absl::SimpleAtoi(text, &value)) {
        return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" is not a whole number"));
      }
      reflection->SetInt32(message, field, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      std::int64_t value = 0;
      if (!absl::SimpleAtoi(text, &value)) {
        return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" is not a whole number"));
      }
      reflection->SetInt64(message, field, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      absl::StatusOr<bool> value = ParseBool(text);
      if (!value.ok()) return value.status();
      reflection->SetBool(message, field, *value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      absl::StatusOr<int> value = ParseEnumValue(*field->enum_type(), text);
      if (!value.ok()) return value.status();
      reflection->SetEnumValue(message, field, *value);
      return absl::OkStatus();
    }
    default:
      return absl::InvalidArgumentError("this field cannot be loaded from text");
  }
}

}  // namespace oversight::client
