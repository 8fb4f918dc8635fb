#pragma once
// What an import did, for the analyst: documents read, imported, skipped
// (counted by reason) and failed (each with its file and reason), records
// stored or unchanged, and the importer's notes (assumptions it made).

#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "clients/cli/options.h"

namespace oversight::client {

struct ImportSummary {
  struct Failure {
    std::string source;
    std::string reason;
  };
  struct Remark {
    std::string source;
    std::string note;
  };
  long long documents_read = 0;
  long long documents_imported = 0;
  std::map<std::string, long long> skipped;  // reason -> documents
  std::vector<Failure> failed;
  std::vector<Remark> notes;
  long long stored = 0;
  long long unchanged = 0;

  void Skip(const std::string& reason) { ++skipped[reason]; }
  void Fail(std::string source, std::string reason) { failed.push_back({std::move(source), std::move(reason)}); }
  void Note(std::string source, std::string note) { notes.push_back({std::move(source), std::move(note)}); }
  long long SkippedTotal() const;

  // Table: counts, then one line per failure and note; JSON: one object;
  // CSV: one row per failure (counts on stderr).
  void Print(std::ostream& out, OutputFormat format, absl::string_view what) const;
};

// A progress bar on one terminal line, redrawn in place: `done` of `total`
// entries of the current archive (or file), with the running counts.
void DrawDocumentProgress(const ImportSummary& summary, std::uint64_t done, std::uint64_t total);
void ClearDocumentProgress();

}  // namespace oversight::client
