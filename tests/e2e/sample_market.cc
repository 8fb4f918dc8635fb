#include "tests/e2e/sample_market.h"

#include <fstream>
#include <sstream>
#include <type_traits>
#include <utility>
#include <variant>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "clients/records/record_reader.h"
#include "proto/codec/record_codec.h"

namespace oversight::e2e {
namespace {

absl::StatusOr<risk::Date> ReadAsOf(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::stringstream text;
  text << in.rdbuf();
  return risk::ParseIsoDate(absl::StripAsciiWhitespace(text.str()), path);
}

// Appends a decoded record to its provider's data.
absl::Status Place(codec::DomainRecord record, const std::string& source,
                   std::vector<risk::ProviderData>& providers,
                   std::map<std::string, std::size_t>& index) {
  if (auto* provider = std::get_if<risk::Provider>(&record)) {
    if (index.contains(provider->provider_id)) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ": provider_id ", provider->provider_id, " appears twice"));
    }
    index[provider->provider_id] = providers.size();
    providers.emplace_back().provider = std::move(*provider);
    return absl::OkStatus();
  }
  const std::string& id = codec::ProviderIdOf(record);
  auto it = index.find(id);
  if (it == index.end()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": provider_id ", id, " is not in providers.csv"));
  }
  risk::ProviderData& data = providers[it->second];
  std::visit(
      [&data](auto&& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, risk::Accounts>) {
          data.accounts.push_back(std::move(r));
        } else if constexpr (std::is_same_v<T, risk::RelatedPartyFlows>) {
          data.related_party_flows.push_back(std::move(r));
        } else if constexpr (std::is_same_v<T, risk::DebtFacility>) {
          data.facilities.push_back(std::move(r));
        } else if constexpr (std::is_same_v<T, risk::Setting>) {
          data.settings.push_back(std::move(r));
        } else if constexpr (std::is_same_v<T, risk::PlacementReturn>) {
          data.placements.push_back(std::move(r));
        } else if constexpr (std::is_same_v<T, risk::EquityObservation>) {
          data.equity_observations.push_back(std::move(r));
        }
      },
      std::move(record));
  return absl::OkStatus();
}

}  // namespace

const risk::ProviderData* SampleMarket::Find(const std::string& provider_id) const {
  for (const auto& data : providers) {
    if (data.provider.provider_id == provider_id) return &data;
  }
  return nullptr;
}

absl::StatusOr<SampleMarket> LoadSampleMarket(const std::string& directory) {
  SampleMarket market;
  absl::StatusOr<risk::Date> as_of = ReadAsOf(absl::StrCat(directory, "/AS_OF"));
  if (!as_of.ok()) return as_of.status();
  market.as_of = *as_of;

  std::map<std::string, std::size_t> index;
  for (const char* file : kSampleFiles) {
    const std::string path = absl::StrCat(directory, "/", file);
    absl::StatusOr<std::vector<client::ParsedRecord>> records = client::ReadRecordsFile(path);
    if (!records.ok()) return records.status();
    market.records_per_file[file] = static_cast<int>(records->size());
    for (const client::ParsedRecord& parsed : *records) {
      absl::StatusOr<codec::DomainRecord> record = codec::FromProto(parsed.record);
      if (!record.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat(parsed.source, ": ", record.status().message()));
      }
      if (absl::Status placed = Place(*std::move(record), parsed.source, market.providers, index);
          !placed.ok()) {
        return placed;
      }
    }
  }
  return market;
}

}  // namespace oversight::e2e
