#include "clients/cli/proto_text.h"

#include "absl/strings/str_cat.h"
#include "clients/records/record_fields.h"
#include "google/protobuf/util/json_util.h"

namespace oversight::client {
namespace {

template <typename E>
std::string NameOf(E value) {
  return EnumValueName(*google::protobuf::GetEnumDescriptor<E>(), static_cast<int>(value));
}

}  // namespace

std::string ProtoJson(const google::protobuf::Message& message, bool one_line) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = !one_line;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string out;
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  if (!one_line && !out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::string RatingName(oversight::v1::Rating rating) { return NameOf(rating); }
std::string BandName(oversight::v1::Band band) { return NameOf(band); }
std::string RegionName(oversight::v1::Region region) { return NameOf(region); }
std::string SeverityName(oversight::v1::AlertSeverity severity) { return NameOf(severity); }
std::string AlertKindName(oversight::v1::AlertKind kind) { return NameOf(kind); }
std::string RoleName(oversight::v1::Role role) { return NameOf(role); }

std::string AlertLine(const oversight::v1::Alert& alert) {
  std::string line = absl::StrCat("#", alert.sequence(), " ", alert.as_of(), " ", SeverityName(alert.severity()),
                                  " ", alert.provider_id(), " ", AlertKindName(alert.kind()), ": ", alert.title());
  if (!alert.acknowledged_by().empty()) absl::StrAppend(&line, " [acknowledged by ", alert.acknowledged_by(), "]");
  return line;
}

}  // namespace oversight::client
