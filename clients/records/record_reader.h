#pragma once
// Reads the input files of docs/data-format.md (CSV, one kind per file, or a
// JSON document holding any kinds) into oversight.v1.Record messages ready
// for Submit/BulkSubmit. Every record carries its provenance "FILE:LINE".
// A bad line does not stop the file: its errors are collected and the good
// lines are still returned, so a loader can store what is valid and report
// the rest with file, line and field.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clients/records/record_kind.h"
#include "oversight/v1/oversight.pb.h"

namespace oversight::client {

struct ParsedRecord {
  oversight::v1::Record record;  // provenance.source already set to `source`
  RecordKind kind = RecordKind::kProviders;
  std::string source;            // "deploy/sample/accounts.csv:12"
  int line = 0;                  // 1-based; the header is line 1
};

// One rejected line (or header), e.g.
//   "deploy/sample/accounts.csv:7: revenue: \"12,000\" is not a number ...".
struct RecordError {
  std::string file;
  int line = 0;       // 0 when the error concerns the whole file
  std::string field;  // column name as written in the file; empty when not one field
  std::string reason;
  std::string ToString() const;
};

struct RecordFile {
  std::vector<ParsedRecord> records;  // the lines that parsed, in file order
  std::vector<RecordError> errors;    // the lines that did not
};

// Reads one file; CSV unless its name ends in ".json". The kind of a CSV
// file comes from its base name ("providers*.csv", ...). Fails only when the
// file as a whole cannot be read: it cannot be opened, its name announces
// no kind, its CSV quoting or JSON syntax is broken. Header problems
// (unknown or missing required columns) reject every row and are reported
// as errors of line 1.
absl::StatusOr<RecordFile> ReadRecords(const std::string& path);

// As ReadRecords for text already in memory; `path` is used for the kind,
// the format and in provenance and errors.
absl::StatusOr<RecordFile> ParseRecords(absl::string_view text, absl::string_view path);

// All-or-nothing form: the records when every line parsed, otherwise
// INVALID_ARGUMENT listing every error (one per line of the message).
absl::StatusOr<std::vector<ParsedRecord>> ReadRecordsFile(const std::string& path);

}  // namespace oversight::client
