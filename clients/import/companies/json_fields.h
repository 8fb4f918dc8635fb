#pragma once
// Typed, path-aware reading of a Companies House API response (internal to
// this library). A wrong type or a malformed date records the first error,
// naming the file and the JSON path ("accounts.next_accounts.overdue:
// expected boolean, got string"), and the reader then returns defaults; the
// caller checks JsonErrors::status() once at the end. Absent and null fields
// read as absent: the API leaves out what a company does not have.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "risk/domain/iso_date.h"

namespace oversight::client::companies {

class JsonErrors {
 public:
  explicit JsonErrors(absl::string_view file_name) : file_name_(file_name) {}
  void Fail(absl::string_view path, absl::string_view reason);
  const absl::Status& status() const { return status_; }

 private:
  std::string file_name_;
  absl::Status status_;
};

// A view of one JSON object (or of an absent one: every field absent).
class JsonObjectView {
 public:
  JsonObjectView(const nlohmann::json* object, std::string path, JsonErrors* errors);

  bool Has(absl::string_view key) const;
  std::string String(absl::string_view key) const;          // absent: ""
  std::string RequiredString(absl::string_view key) const;  // absent: an error
  std::optional<bool> Bool(absl::string_view key) const;
  risk::Date Date(absl::string_view key) const;              // absent or "": null Date
  JsonObjectView Object(absl::string_view key) const;        // absent: an empty view
  std::vector<JsonObjectView> ObjectArray(absl::string_view key) const;
  std::vector<std::string> StringArray(absl::string_view key) const;

  const std::string& path() const { return path_; }

 private:
  const nlohmann::json* Field(absl::string_view key) const;  // null when absent or JSON null
  std::string PathOf(absl::string_view key) const;
  void WrongType(absl::string_view key, absl::string_view expected, const nlohmann::json& got) const;

  const nlohmann::json* object_;
  std::string path_;
  JsonErrors* errors_;
};

}  // namespace oversight::client::companies
