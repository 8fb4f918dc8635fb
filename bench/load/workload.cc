#include "bench/load/workload.h"

#include "absl/strings/str_cat.h"
#include "proto/codec/record_codec.h"
#include "risk/domain/iso_date.h"

namespace oversight::bench {

std::string SyntheticAsOfText() { return risk::FormatIsoDate(SyntheticAsOf()); }

Workload BuildWorkload(const SyntheticMarketOptions& options, const std::string& run_tag) {
  Workload workload;
  workload.provider_begin.reserve(static_cast<std::size_t>(options.providers) + 1);
  for (int i = 0; i < options.providers; ++i) {
    const risk::ProviderData data = SyntheticProvider(options, i);
    workload.provider_begin.push_back(workload.requests.size());
    workload.provider_ids.push_back(data.provider.provider_id);
    int n = 0;
    auto add = [&](codec::DomainRecord record) {
      oversight::v1::SubmitRequest& request = workload.requests.emplace_back();
      request.set_idempotency_key(absl::StrCat("bench-", run_tag, "/", data.provider.provider_id, "/", n++));
      *request.mutable_record() = codec::ToProto(record);
    };
    add(data.provider);
    for (const auto& r : data.accounts) add(r);
    for (const auto& r : data.related_party_flows) add(r);
    for (const auto& r : data.facilities) add(r);
    for (const auto& r : data.settings) add(r);
    for (const auto& r : data.placements) add(r);
    for (const auto& r : data.equity_observations) add(r);
  }
  workload.provider_begin.push_back(workload.requests.size());
  return workload;
}

}  // namespace oversight::bench
