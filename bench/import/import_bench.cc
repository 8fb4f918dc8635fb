// Throughput of the accounts importer's CPU work on one core (issue #12:
// "iXBRL parsed and mapped at 50 MB/s or more on one core"):
//   Parse/<doc>        ParseXbrlDocument alone;
//   ParseAndMap/<doc>  ParseXbrlDocument then MapAccounts, what
//                      `oversight import accounts` does per document;
// on each real filing of tests/import/data/real/, on all of them in one
// pass (real_all: the figure closest to a bulk file's mix), and on synthetic
// FRC 2021 pages of ~1 MB (bench/import/synthetic_filing.h). Bytes/s is the
// document's size over CPU time; every benchmark runs on the calling thread.
// docs/import.md ("Throughput") has the figures and how to reproduce them.

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/import/synthetic_filing.h"
#include "benchmark/benchmark.h"
#include "clients/import/accounts/map_accounts.h"
#include "clients/import/xbrl/xbrl_reader.h"

namespace oversight::bench {
namespace {

namespace accounts = ::oversight::client::accounts;
namespace xbrl = ::oversight::client::xbrl;

struct Document {
  std::string label;
  std::string name;
  std::string bytes;
};

const accounts::ConceptMap& Map() {
  static const accounts::ConceptMap* map = [] {
    absl::StatusOr<accounts::ConceptMap> loaded = accounts::LoadBuiltInConceptMap();
    if (!loaded.ok()) {
      std::cerr << "import_bench: concept map: " << loaded.status() << "\n";
      std::exit(1);
    }
    return new accounts::ConceptMap(*std::move(loaded));
  }();
  return *map;
}

// Checked once before timing, so a benchmark never measures an error path.
absl::Status ParseAndMapOnce(const Document& d) {
  absl::StatusOr<xbrl::XbrlDocument> document = xbrl::ParseXbrlDocument(d.name, d.bytes);
  if (!document.ok()) return document.status();
  return accounts::MapAccounts(*document, Map()).status();
}

void Parse(benchmark::State& state, const std::vector<Document>* documents) {
  std::int64_t bytes = 0;
  for (auto _ : state) {
    for (const Document& d : *documents) {
      absl::StatusOr<xbrl::XbrlDocument> document = xbrl::ParseXbrlDocument(d.name, d.bytes);
      benchmark::DoNotOptimize(document);
      bytes += static_cast<std::int64_t>(d.bytes.size());
    }
  }
  state.SetBytesProcessed(bytes);
  state.counters["docs/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * documents->size()), benchmark::Counter::kIsRate);
}

void ParseAndMap(benchmark::State& state, const std::vector<Document>* documents) {
  std::int64_t bytes = 0;
  for (auto _ : state) {
    for (const Document& d : *documents) {
      absl::StatusOr<xbrl::XbrlDocument> document = xbrl::ParseXbrlDocument(d.name, d.bytes);
      absl::StatusOr<accounts::ImportedAccounts> imported = accounts::MapAccounts(*document, Map());
      benchmark::DoNotOptimize(imported);
      bytes += static_cast<std::int64_t>(d.bytes.size());
    }
  }
  state.SetBytesProcessed(bytes);
  state.counters["docs/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * documents->size()), benchmark::Counter::kIsRate);
}

std::vector<Document> RealFilings(const std::string& directory) {
  std::vector<Document> documents;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const std::string name = entry.path().filename().string();
    documents.push_back({name.substr(0, name.find('.')), name, bytes.str()});
  }
  std::sort(documents.begin(), documents.end(),
            [](const Document& a, const Document& b) { return a.name < b.name; });
  return documents;
}

}  // namespace
}  // namespace oversight::bench

int main(int argc, char** argv) {
  using oversight::bench::Document;
  benchmark::Initialize(&argc, argv);
  std::vector<Document> real = oversight::bench::RealFilings(OVERSIGHT_IMPORT_REAL_FILINGS);
  if (real.empty()) {
    std::cerr << "import_bench: no filings in " << OVERSIGHT_IMPORT_REAL_FILINGS << "\n";
    return 1;
  }
  // Kept alive for the whole run: the benchmarks hold pointers into it, so
  // it is sized once (each filing, real_all, two synthetic pages).
  static std::vector<std::vector<Document>> sets;
  sets.reserve(real.size() + 3);
  for (const Document& d : real) sets.push_back({d});
  sets.push_back(real);
  sets.back().front().label = "real_all";

  oversight::bench::SyntheticFilingOptions small;
  small.target_bytes = 1 << 20;
  small.company_number = "12345678";
  sets.push_back({{"synthetic_1MB", "Prod224_0001_12345678_20260930.html", oversight::bench::SyntheticFiling(small)}});
  oversight::bench::SyntheticFilingOptions group = small;
  group.group = true;
  group.company_number = "01234567";
  group.seed = 2;
  sets.push_back({{"synthetic_group_1MB", "Prod224_0001_01234567_20260930.html", oversight::bench::SyntheticFiling(group)}});

  for (const std::vector<Document>& set : sets) {
    for (const Document& d : set) {
      if (absl::Status status = oversight::bench::ParseAndMapOnce(d); !status.ok()) {
        std::cerr << "import_bench: " << d.name << " does not import: " << status << "\n";
        return 1;
      }
    }
    const std::string& label = set.front().label;
    benchmark::RegisterBenchmark(absl::StrCat("Parse/", label).c_str(), oversight::bench::Parse, &set)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(absl::StrCat("ParseAndMap/", label).c_str(), oversight::bench::ParseAndMap, &set)
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
