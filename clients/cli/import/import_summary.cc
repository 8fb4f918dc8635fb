#include "clients/cli/import/import_summary.h"

#include <algorithm>
#include <iostream>

#include "clients/cli/table.h"
#include "nlohmann/json.hpp"

namespace oversight::client {

long long ImportSummary::SkippedTotal() const {
  long long total = 0;
  for (const auto& [reason, count] : skipped) total += count;
  return total;
}

void ImportSummary::Print(std::ostream& out, OutputFormat format, absl::string_view what) const {
  const long long failed_documents = static_cast<long long>(failed.size());
  if (format == OutputFormat::kJson) {
    nlohmann::json skipped_json = nlohmann::json::object();
    for (const auto& [reason, count] : skipped) skipped_json[reason] = count;
    nlohmann::json failures = nlohmann::json::array();
    for (const Failure& f : failed) failures.push_back({{"source", f.source}, {"reason", f.reason}});
    nlohmann::json notes_json = nlohmann::json::array();
    for (const Remark& n : notes) notes_json.push_back({{"source", n.source}, {"note", n.note}});
    const nlohmann::json summary = {{"import", std::string(what)},
                                    {"read", documents_read},
                                    {"imported", documents_imported},
                                    {"skipped", SkippedTotal()},
                                    {"skipped_by_reason", skipped_json},
                                    {"failed", failed_documents},
                                    {"failures", failures},
                                    {"records_stored", stored},
                                    {"records_unchanged", unchanged},
                                    {"notes", notes_json}};
    out << summary.dump(2) << "\n";
    return;
  }
  if (format == OutputFormat::kCsv) {
    Table table;
    table.Column("source", "source").Column("reason", "reason");
    for (const Failure& f : failed) table.Row({TextCell(f.source), TextCell(f.reason)});
    table.Print(out, OutputFormat::kCsv);
    std::cerr << what << ": read " << documents_read << ", imported " << documents_imported << ", skipped "
              << SkippedTotal() << ", failed " << failed_documents << "\n";
    return;
  }
  out << "import " << what << ": read " << documents_read << ", imported " << documents_imported << ", skipped "
      << SkippedTotal() << ", failed " << failed_documents << "; records stored " << stored << ", unchanged "
      << unchanged << "\n";
  for (const auto& [reason, count] : skipped) out << "  skipped " << count << ": " << reason << "\n";
  for (const Failure& f : failed) out << "  failed " << f.source << ": " << f.reason << "\n";
  for (const Remark& n : notes) out << "  note " << n.source << ": " << n.note << "\n";
}

void DrawDocumentProgress(const ImportSummary& summary, std::uint64_t done, std::uint64_t total) {
  constexpr int kWidth = 24;
  const int filled = total == 0 ? kWidth : static_cast<int>(kWidth * std::min(done, total) / total);
  std::cout << "\rimporting [" << std::string(filled, '#') << std::string(kWidth - filled, ' ') << "] " << done << "/"
            << total << "  read " << summary.documents_read << ", imported " << summary.documents_imported
            << ", failed " << summary.failed.size() << std::flush;
}

void ClearDocumentProgress() { std::cout << "\r" << std::string(78, ' ') << "\r" << std::flush; }

}  // namespace oversight::client
