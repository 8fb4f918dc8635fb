#pragma once
// One generic mapping from file columns to oversight.v1 record fields, by
// Protobuf reflection: a column is named after the proto field it fills, so
// adding a field to the proto makes it loadable with no code here. A few
// flattened aliases reach nested messages (period_start -> period.start,
// max_net_leverage -> covenant.max_net_leverage, ...); dotted paths
// ("period.start") are accepted too.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace oversight::client {

// The chain of fields from the record message down to a scalar field.
struct FieldPath {
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  std::string dotted;  // "period.start", for messages
};

// Resolves a column name against a record message type. Fails (naming the
// column) for unknown names, message-typed fields, repeated fields and
// `provenance`, which the reader sets itself.
absl::StatusOr<FieldPath> ResolveColumn(const google::protobuf::Descriptor& record_type,
                                        absl::string_view column);

// Parses `text` as the field's type and sets it on `record`, creating the
// intermediate messages. Numbers must be plain (no "£", no thousands
// separators) and finite; booleans are true/false; enumerations take their
// snake_case name without the type prefix, forgiving case, spaces, hyphens
// and apostrophes ("Children's home" -> SETTING_TYPE_CHILDRENS_HOME). The
// error says why the value was rejected; the caller adds file, line and field.
absl::Status SetFieldFromText(google::protobuf::Message& record, const FieldPath& path,
                              absl::string_view text);

// "childrens_homes, independent_fostering_agency, both" for an enum type.
std::string EnumChoices(const google::protobuf::EnumDescriptor& type);

// Parses an enumeration value written as its snake_case name (with the
// forgiving normalisation above). Shared with the CLI's filter options.
absl::StatusOr<int> ParseEnumValue(const google::protobuf::EnumDescriptor& type,
                                   absl::string_view text);

// The snake_case name of an enumeration value ("amber" for RATING_AMBER).
std::string EnumValueName(const google::protobuf::EnumDescriptor& type, int number);

}  // namespace oversight::client
