// libFuzzer target: MapAccounts on documents built from the fuzzer's bytes
// (contexts with dates near one another and the map's dimensions, facts of
// the map's concepts under every namespace family, arbitrary values and
// decimals). It must return a status or accounts, never crash or throw, and
// every record it returns must pass risk::ValidateAccounts' checks of signs,
// finiteness, periods and filleted accounts (a record that fails loses the
// whole filing). Only contradictions the filing itself carries (cash above
// current assets, tagged totals that do not balance) may fail validation.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "clients/import/accounts/map_accounts.h"
#include "clients/import/xbrl/xbrl_fact.h"
#include "risk/domain/validation.h"

// The build of this fuzzer does not run CMake, which generates the embedded
// copy of concept_map.tsv: read the same file from the source tree instead
// (found from this file's own path), so the fuzzer maps with the real map.
namespace oversight::client::accounts {
absl::string_view BuiltInConceptMapText() {
  static const std::string* const text = [] {
    std::string path = __FILE__;
    path = path.substr(0, path.rfind("tests/fuzz/")) + "clients/import/accounts/concept_map.tsv";
    std::ifstream in(path);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (bytes.str().empty()) {
      std::fprintf(stderr, "accounts_mapping_fuzzer: cannot read %s\n", path.c_str());
      __builtin_trap();
    }
    return new std::string(bytes.str());
  }();
  return *text;
}
}  // namespace oversight::client::accounts

namespace {

using oversight::client::xbrl::Context;
using oversight::client::xbrl::Fact;
using oversight::client::xbrl::Period;
using oversight::client::xbrl::XbrlDocument;

constexpr const char* kCore = "http://xbrl.frc.org.uk/fr/2014-09-01/core";
constexpr const char* kUris[] = {
    "http://xbrl.frc.org.uk/fr/2021-01-01/core",  "http://xbrl.frc.org.uk/cd/2014-09-01/business",
    "http://www.xbrl.org/uk/gaap/core/2009-09-01", "http://www.xbrl.org/uk/cd/business/2009-09-01",
    "http://www.xbrl.org/uk/fr/gaap/pt/2004-12-01", "http://www.xbrl.org/uk/fr/gcd/2004-12-01",
    "http://www.companieshouse.gov.uk/ef/xbrl/uk/fr/gaap/ae/2009-06-21",
    "http://xbrl.ifrs.org/taxonomy/2021-03-24/ifrs-full"};
constexpr const char* kDimensions[][2] = {
    {"MaturitiesOrExpirationPeriodsDimension", "WithinOneYear"},
    {"MaturitiesOrExpirationPeriodsDimension", "AfterOneYear"},
    {"FinancialInstrumentCurrentNon-currentDimension", "CurrentFinancialInstruments"},
    {"EquityClassesDimension", "RetainedEarningsAccumulatedLosses"},
    {"GroupCompanyDataDimension", "Consolidated"}};
// QuantLib serial numbers of 1902-01-01 and 2190-01-01: inside QuantLib's
// defined range (1901-2199) once risk::ValidateAccounts adds 18 months.
constexpr int kFirstSerial = 367;
constexpr int kLastSerial = 105000;

bool Forbidden(const absl::Status& status) {
  const std::string message(status.message());
  for (const char* what : {"negative", "finite", "profit_and_loss_omitted", "operating_profit + depreciation",
                           "period"}) {
    if (message.find(what) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace accounts = oversight::client::accounts;
  static const accounts::ConceptMap* const map = new accounts::ConceptMap(accounts::LoadBuiltInConceptMap().value());
  FuzzedDataProvider input(data, size);
  XbrlDocument document;
  document.name = "fuzz.html";
  const int base = input.ConsumeIntegralInRange<int>(kFirstSerial, kLastSerial);
  auto date = [&] {
    return oversight::risk::Date(
        std::clamp(base + input.ConsumeIntegralInRange<int>(-1200, 40), kFirstSerial, kLastSerial));
  };
  const int contexts = input.ConsumeIntegralInRange<int>(0, 8);
  for (int i = 0; i < contexts; ++i) {
    Context context;
    context.id = std::to_string(i);
    context.entity_scheme = "http://www.companieshouse.gov.uk/";
    context.entity_identifier = input.ConsumeBool() ? "01234567" : input.ConsumeRandomLengthString(10);
    switch (input.ConsumeIntegralInRange<int>(0, 2)) {
      case 0:
        context.period.kind = Period::Kind::kInstant;
        context.period.end = date();
        break;
      case 1:
        context.period.kind = Period::Kind::kDuration;
        context.period.start = date();
        context.period.end = date();
        break;
      default:
        context.period.kind = Period::Kind::kForever;
    }
    for (int d = input.ConsumeIntegralInRange<int>(0, 2); d > 0; --d) {
      const auto& dimension = kDimensions[input.ConsumeIntegralInRange<size_t>(0, std::size(kDimensions) - 1)];
      context.dimensions.push_back({{kCore, dimension[0]}, {kCore, dimension[1]}});
    }
    document.contexts.push_back(std::move(context));
  }
  const auto& rows = map->rows();
  for (int i = input.ConsumeIntegralInRange<int>(0, 40); i > 0 && contexts > 0; --i) {
    Fact fact;
    fact.concept_name = {kUris[input.ConsumeIntegralInRange<size_t>(0, std::size(kUris) - 1)],
                         rows[input.ConsumeIntegralInRange<size_t>(0, rows.size() - 1)].local_name};
    fact.context_ref = std::to_string(input.ConsumeIntegralInRange<int>(0, contexts - 1));
    fact.numeric = input.ConsumeBool();
    if (input.ConsumeBool()) fact.value = input.ConsumeFloatingPoint<double>();
    fact.text = input.ConsumeRandomLengthString(20);
    fact.decimals = input.ConsumeBool() ? "INF" : std::to_string(input.ConsumeIntegralInRange<int>(-6, 2));
    fact.hidden = input.ConsumeBool();
    document.facts.push_back(std::move(fact));
  }

  const auto imported = accounts::MapAccounts(document, *map);
  if (!imported.ok()) return 0;
  for (const oversight::risk::Accounts* record : {&imported->current, imported->prior ? &*imported->prior : nullptr}) {
    if (record == nullptr) continue;
    const absl::Status valid = oversight::risk::ValidateAccounts(*record);
    if (!valid.ok() && Forbidden(valid)) {
      std::fprintf(stderr, "mapped record fails validation: %s\n", std::string(valid.message()).c_str());
      __builtin_trap();
    }
  }
  return 0;
}
