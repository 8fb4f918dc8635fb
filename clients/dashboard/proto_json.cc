#include "clients/dashboard/proto_json.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"

namespace oversight::client::dashboard {

absl::StatusOr<nlohmann::json> ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string text;
  const auto status = google::protobuf::util::MessageToJsonString(message, &text, options);
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat(message.GetTypeName(), ": cannot render as JSON: ",
                                            std::string(status.message())));
  }
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return absl::InternalError(absl::StrCat(message.GetTypeName(), ": rendered JSON does not parse"));
  }
  return parsed;
}

}  // namespace oversight::client::dashboard
