#include "clients/records/record_reader.h"

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/records/csv_table.h"
#include "clients/records/record_fields.h"
#include "nlohmann/json.hpp"

namespace oversight::client {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// The message type a record kind is carried in, e.g. oversight.v1.Accounts.
const FieldDescriptor& RecordOneofField(RecordKind kind) {
  const FieldDescriptor* field = oversight::v1::Record::descriptor()->FindFieldByName(
      std::string(InfoOf(kind).record_field));
  return *field;  // the names in record_kind.cc are the proto's; a test pins them
}

Message* MutableRecordBody(oversight::v1::Record& record, RecordKind kind) {
  return record.GetReflection()->MutableMessage(&record, &RecordOneofField(kind));
}

void SetProvenance(Message& body, const std::string& source) {
  const FieldDescriptor* provenance = body.GetDescriptor()->FindFieldByName("provenance");
  if (provenance == nullptr) return;
  Message* message = body.GetReflection()->MutableMessage(&body, provenance);
  message->GetReflection()->SetString(message, message->GetDescriptor()->FindFieldByName("source"),
                                      source);
}

bool IsRequired(RecordKind kind, absl::string_view column) {
  for (absl::string_view required : InfoOf(kind).required) {
    if (required == column) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

absl::StatusOr<RecordFile> ParseCsvRecords(absl::string_view text, const std::string& path) {
  const std::optional<RecordKind> kind = RecordKindFromFileName(path);
  if (!kind.has_value()) {
    std::vector<std::string> prefixes;
    for (const RecordKindInfo& info : AllRecordKinds()) {
      prefixes.push_back(absl::StrCat(info.file_prefix, "*.csv"));
    }
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": the file name does not say which records it holds; name it ",
                     absl::StrJoin(prefixes, ", ")));
  }
  absl::StatusOr<std::vector<CsvRow>> rows = ParseCsv(text);
  if (!rows.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", rows.status().message()));
  }

  RecordFile file;
  if (rows->empty()) {
    file.errors.push_back({path, 0, "", "the file is empty: it needs a header row"});
    return file;
  }

  const Descriptor& type = *RecordOneofField(*kind).message_type();
  const CsvRow& header = rows->front();
  std::vector<FieldPath> columns;
  for (const std::string& name : header.cells) {
    absl::StatusOr<FieldPath> path_of = ResolveColumn(type, name);
    if (!path_of.ok()) {
      file.errors.push_back({path, header.line, name, std::string(path_of.status().message())});
      columns.emplace_back();
      continue;
    }
    for (std::size_t j = 0; j < columns.size(); ++j) {
      if (!columns[j].fields.empty() && columns[j].dotted == path_of->dotted) {
        file.errors.push_back({path, header.line, name, "column appears twice"});
      }
    }
    columns.push_back(*std::move(path_of));
  }
  for (absl::string_view required : InfoOf(*kind).required) {
    if (std::find(header.cells.begin(), header.cells.end(), required) == header.cells.end()) {
      file.errors.push_back({path, header.line, std::string(required), "required column is missing"});
    }
  }
  if (!file.errors.empty()) return file;  // every row would be read wrongly

  for (std::size_t r = 1; r < rows->size(); ++r) {
    const CsvRow& row = (*rows)[r];
    if (row.cells.size() != header.cells.size()) {
      file.errors.push_back({path, row.line, "",
                             absl::StrCat("the row has ", row.cells.size(), " cells but the header has ",
                                          header.cells.size())});
      continue;
    }
    ParsedRecord parsed;
    parsed.kind = *kind;
    parsed.line = row.line;
    parsed.source = absl::StrCat(path, ":", row.line);
    Message* body = MutableRecordBody(parsed.record, *kind);
    bool row_ok = true;
    bool row_empty = true;
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      const std::string& cell = row.cells[c];
      if (cell.empty()) {
        // An empty cell means "not known": the field stays unset.
        if (IsRequired(*kind, header.cells[c])) {
          file.errors.push_back({path, row.line, header.cells[c], "required value is empty"});
          row_ok = false;
        }
        continue;
      }
      row_empty = false;
      absl::Status set = SetFieldFromText(*body, columns[c], cell);
      if (!set.ok()) {
        file.errors.push_back({path, row.line, header.cells[c], std::string(set.message())});
        row_ok = false;
      }
    }
    if (row_empty) {
      // A row of empty cells (spreadsheets export them) holds no record;
      // drop any "required" errors it raised.
      while (!file.errors.empty() && file.errors.back().line == row.line) file.errors.pop_back();
      continue;
    }
    if (!row_ok) continue;
    SetProvenance(*body, parsed.source);
    file.records.push_back(std::move(parsed));
  }
  return file;
}

// ---------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------

// Line numbers of the objects in each top-level array of a JSON document,
// in document order: {"providers": [{...}, {...}], ...} -> providers: [2, 3].
// nlohmann-json 3.11 does not report positions of parsed values, so the text
// is scanned once more, tracking strings, escapes and nesting depth.
std::vector<std::pair<std::string, std::vector<int>>> ObjectLines(absl::string_view text) {
  std::vector<std::pair<std::string, std::vector<int>>> out;
  int depth = 0;
  int line = 1;
  std::string last_string;
  std::string current_key;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
    } else if (c == '"') {
      std::string value;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') {
          ++i;
          continue;
        }
        if (text[i] == '\n') ++line;
        value.push_back(text[i]);
      }
      last_string = std::move(value);
    } else if (c == ':' && depth == 1) {
      current_key = last_string;
      out.emplace_back(current_key, std::vector<int>{});
    } else if (c == '{' || c == '[') {
      if (c == '{' && depth == 2 && !out.empty()) out.back().second.push_back(line);
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return out;
}

// The cell text of a JSON value, or why it cannot fill `field`.
absl::StatusOr<std::string> JsonScalarText(const nlohmann::json& value, const FieldDescriptor& field) {
  const bool wants_text = field.cpp_type() == FieldDescriptor::CPPTYPE_STRING ||
                          field.cpp_type() == FieldDescriptor::CPPTYPE_ENUM;
  if (value.is_string()) return value.get<std::string>();
  if (wants_text) return absl::InvalidArgumentError("expected a JSON string");
  if (value.is_boolean()) {
    if (field.cpp_type() != FieldDescriptor::CPPTYPE_BOOL) {
      return absl::InvalidArgumentError("expected a number, not true/false");
    }
    return std::string(value.get<bool>() ? "true" : "false");
  }
  if (value.is_number()) {
    if (field.cpp_type() == FieldDescriptor::CPPTYPE_BOOL) {
      return absl::InvalidArgumentError("expected true or false");
    }
    return value.dump();
  }
  return absl::InvalidArgumentError("expected a number, string or boolean");
}

absl::StatusOr<RecordFile> ParseJsonRecords(absl::string_view text, const std::string& path) {
  nlohmann::json document = nlohmann::json::parse(text.begin(), text.end(), nullptr,
                                                  /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": not valid JSON"));
  }
  if (!document.is_object()) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": expected a JSON object whose keys are record kinds, e.g. {\"providers\": [...]}"));
  }
  const auto lines = ObjectLines(text);
  auto line_of = [&](const std::string& key, std::size_t index) {
    for (const auto& [name, object_lines] : lines) {
      if (name == key && index < object_lines.size()) return object_lines[index];
    }
    return 0;
  };

  RecordFile file;
  // Kinds in load order, whatever order the document lists them in.
  for (const RecordKindInfo& info : AllRecordKinds()) {
    const std::string key(info.file_prefix);
    if (!document.contains(key)) continue;
    const nlohmann::json& array = document[key];
    if (!array.is_array()) {
      file.errors.push_back({path, 0, key, "expected an array of objects"});
      continue;
    }
    const Descriptor& type = *RecordOneofField(info.kind).message_type();
    for (std::size_t index = 0; index < array.size(); ++index) {
      const int line = line_of(key, index);
      const std::string where = line > 0 ? absl::StrCat(line) : absl::StrCat(key, "[", index, "]");
      const nlohmann::json& object = array[index];
      if (!object.is_object()) {
        file.errors.push_back({path, line, key, absl::StrCat("element ", index, " is not an object")});
        continue;
      }
      ParsedRecord parsed;
      parsed.kind = info.kind;
      parsed.line = line;
      parsed.source = absl::StrCat(path, ":", where);
      Message* body = MutableRecordBody(parsed.record, info.kind);
      bool ok = true;
      for (const auto& [name, value] : object.items()) {
        absl::StatusOr<FieldPath> field = ResolveColumn(type, name);
        absl::Status status = field.status();
        if (status.ok() && !value.is_null()) {
          absl::StatusOr<std::string> cell = JsonScalarText(value, *field->fields.back());
          status = cell.ok() ? SetFieldFromText(*body, *field, *cell) : cell.status();
        }
        if (!status.ok()) {
          file.errors.push_back({path, line, name, std::string(status.message())});
          ok = false;
        }
      }
      for (absl::string_view required : info.required) {
        const std::string name(required);
        if (!object.contains(name) || object[name].is_null() ||
            (object[name].is_string() && object[name].get<std::string>().empty())) {
          file.errors.push_back({path, line, name, "required value is missing"});
          ok = false;
        }
      }
      if (!ok) continue;
      SetProvenance(*body, parsed.source);
      file.records.push_back(std::move(parsed));
    }
  }
  for (const auto& [name, value] : document.items()) {
    if (!RecordKindFromName(name).has_value()) {
      file.errors.push_back({path, 0, name, "unknown record kind; expected providers, accounts, "
                                            "related_party_flows, facilities, settings, placements "
                                            "or equity_observations"});
    }
  }
  return file;
}

}  // namespace

std::string RecordError::ToString() const {
  std::string out = file;
  if (line > 0) absl::StrAppend(&out, ":", line);
  absl::StrAppend(&out, ": ");
  if (!field.empty()) absl::StrAppend(&out, field, ": ");
  absl::StrAppend(&out, reason);
  return out;
}

absl::StatusOr<RecordFile> ParseRecords(absl::string_view text, absl::string_view path) {
  const std::string name(path);
  if (absl::EndsWithIgnoreCase(path, ".json")) return ParseJsonRecords(text, name);
  return ParseCsvRecords(text, name);
}

absl::StatusOr<RecordFile> ReadRecords(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open the file"));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat(path, ": read failed"));
  return ParseRecords(text.str(), path);
}

absl::StatusOr<std::vector<ParsedRecord>> ReadRecordsFile(const std::string& path) {
  absl::StatusOr<RecordFile> file = ReadRecords(path);
  if (!file.ok()) return file.status();
  if (!file->errors.empty()) {
    std::vector<std::string> lines;
    for (const RecordError& error : file->errors) lines.push_back(error.ToString());
    return absl::InvalidArgumentError(absl::StrJoin(lines, "\n"));
  }
  return std::move(file->records);
}

}  // namespace oversight::client
