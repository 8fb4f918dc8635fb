// The nightly job through the service: Rescore of the whole market as of the
// synthetic date, then the market under five stress scenarios (the four
// standard ones and a severe custom one), one RPC each, as a scheduler would
// run them. Peak server memory is VmHWM reset just before the job.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/load/scenarios.h"
#include "oversight/v1/oversight.grpc.pb.h"

namespace oversight::bench {

namespace v1 = ::oversight::v1;

NightlyResult RunNightly(const std::string& address, const ServerProcess& server) {
  NightlyResult result;
  auto stub = v1::OversightService::NewStub(MakeChannel(address, 200));
  if (absl::StatusOr<ProcessMemory> before = server.Memory(); before.ok()) {
    result.rss_before_bytes = before->rss_bytes;
  }
  if (absl::Status reset = server.ResetPeak(); !reset.ok()) result.first_error = reset.ToString();

  const absl::Time start = absl::Now();
  {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Minutes(5)));
    v1::RescoreRequest request;
    request.set_as_of(SyntheticAsOfText());
    v1::RescoreResponse response;
    const grpc::Status status = stub->Rescore(&context, request, &response);
    result.rescore_seconds = absl::ToDoubleSeconds(absl::Now() - start);
    if (!status.ok()) {
      result.first_error = absl::StrCat("Rescore: ", status.error_code(), " ", status.error_message());
      return result;
    }
    result.assessed = response.assessed();
    result.unchanged = response.unchanged();
    result.failures = response.failures_size();
    if (response.failures_size() > 0 && result.first_error.empty()) {
      result.first_error = absl::StrCat("Rescore failure ", response.failures(0).provider_id(), ": ",
                                        response.failures(0).error().message());
    }
    result.new_alerts = response.new_alerts_size();
    for (const v1::Alert& alert : response.new_alerts()) {
      result.last_alert_sequence = std::max(result.last_alert_sequence, alert.sequence());
    }
  }

  std::vector<v1::RunStressRequest> stresses;
  for (const char* name : {"sonia_plus_200", "occupancy_minus_10", "fee_freeze_wage_5", "combined"}) {
    stresses.emplace_back().set_scenario(name);
  }
  v1::RunStressRequest& severe = stresses.emplace_back();
  severe.mutable_custom()->set_name("severe");
  severe.mutable_custom()->set_description("SONIA +300bp, 20% fewer children placed, staff costs +8%");
  severe.mutable_custom()->set_sonia_shift_bp(300);
  severe.mutable_custom()->set_occupancy_fall(0.20);
  severe.mutable_custom()->set_wage_inflation(0.08);
  for (v1::RunStressRequest& request : stresses) {
    request.set_as_of(SyntheticAsOfText());
    const std::string name =
        request.scenario().empty() ? request.custom().name() : request.scenario();
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Minutes(5)));
    v1::RunStressResponse response;
    const absl::Time begin = absl::Now();
    const grpc::Status status = stub->RunStress(&context, request, &response);
    result.stress_seconds.emplace_back(name, absl::ToDoubleSeconds(absl::Now() - begin));
    if (!status.ok()) {
      if (result.first_error.empty()) {
        result.first_error = absl::StrCat("RunStress ", name, ": ", status.error_code(), " ", status.error_message());
      }
      continue;
    }
    result.stress_outcomes += response.outcomes_size();
  }
  result.total_seconds = absl::ToDoubleSeconds(absl::Now() - start);
  if (absl::StatusOr<ProcessMemory> after = server.Memory(); after.ok()) {
    result.peak_rss_bytes = after->peak_bytes;
  }
  return result;
}

}  // namespace oversight::bench
