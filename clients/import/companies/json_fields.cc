#include "clients/import/companies/json_fields.h"

#include "absl/strings/str_cat.h"

namespace oversight::client::companies {

void JsonErrors::Fail(absl::string_view path, absl::string_view reason) {
  if (!status_.ok()) return;  // the first error is the one to fix
  status_ = absl::InvalidArgumentError(absl::StrCat(file_name_, ": ", path, ": ", reason));
}

JsonObjectView::JsonObjectView(const nlohmann::json* object, std::string path, JsonErrors* errors)
    : object_(object), path_(std::move(path)), errors_(errors) {
  if (object_ != nullptr && !object_->is_object()) {
    errors_->Fail(path_.empty() ? "(top level)" : path_,
                  absl::StrCat("expected object, got ", object_->type_name()));
    object_ = nullptr;
  }
}

std::string JsonObjectView::PathOf(absl::string_view key) const {
  return path_.empty() ? std::string(key) : absl::StrCat(path_, ".", key);
}

const nlohmann::json* JsonObjectView::Field(absl::string_view key) const {
  if (object_ == nullptr) return nullptr;
  auto found = object_->find(std::string(key));
  if (found == object_->end() || found->is_null()) return nullptr;
  return &*found;
}

void JsonObjectView::WrongType(absl::string_view key, absl::string_view expected,
                               const nlohmann::json& got) const {
  errors_->Fail(PathOf(key), absl::StrCat("expected ", expected, ", got ", got.type_name()));
}

bool JsonObjectView::Has(absl::string_view key) const { return Field(key) != nullptr; }

std::string JsonObjectView::String(absl::string_view key) const {
  const nlohmann::json* field = Field(key);
  if (field == nullptr) return "";
  if (!field->is_string()) {
    WrongType(key, "string", *field);
    return "";
  }
  return field->get_ref<const std::string&>();
}

std::string JsonObjectView::RequiredString(absl::string_view key) const {
  if (Field(key) == nullptr) errors_->Fail(PathOf(key), "missing");
  return String(key);
}

std::optional<bool> JsonObjectView::Bool(absl::string_view key) const {
  const nlohmann::json* field = Field(key);
  if (field == nullptr) return std::nullopt;
  if (!field->is_boolean()) {
    WrongType(key, "boolean", *field);
    return std::nullopt;
  }
  return field->get<bool>();
}

risk::Date JsonObjectView::Date(absl::string_view key) const {
  const std::string text = String(key);
  if (text.empty()) return risk::Date();
  absl::StatusOr<risk::Date> date = risk::ParseIsoDate(text, PathOf(key));
  if (!date.ok()) {
    errors_->Fail(PathOf(key), absl::StrCat("expected a date as YYYY-MM-DD, got \"", text, "\""));
    return risk::Date();
  }
  return *date;
}

JsonObjectView JsonObjectView::Object(absl::string_view key) const {
  return JsonObjectView(Field(key), PathOf(key), errors_);
}

std::vector<JsonObjectView> JsonObjectView::ObjectArray(absl::string_view key) const {
  std::vector<JsonObjectView> out;
  const nlohmann::json* field = Field(key);
  if (field == nullptr) return out;
  if (!field->is_array()) {
    WrongType(key, "array", *field);
    return out;
  }
  for (std::size_t i = 0; i < field->size(); ++i) {
    out.emplace_back(&(*field)[i], absl::StrCat(PathOf(key), "[", i, "]"), errors_);
  }
  return out;
}

std::vector<std::string> JsonObjectView::StringArray(absl::string_view key) const {
  std::vector<std::string> out;
  const nlohmann::json* field = Field(key);
  if (field == nullptr) return out;
  if (!field->is_array()) {
    WrongType(key, "array", *field);
    return out;
  }
  for (std::size_t i = 0; i < field->size(); ++i) {
    const nlohmann::json& item = (*field)[i];
    if (!item.is_string()) {
      errors_->Fail(absl::StrCat(PathOf(key), "[", i, "]"),
                    absl::StrCat("expected string, got ", item.type_name()));
      continue;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace oversight::client::companies
