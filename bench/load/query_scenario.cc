// Queries at a fixed offered rate (open loop): request i is sent at
// start + i / rate whatever happened to earlier ones, and its latency runs
// from that scheduled time to the response, so a server (or sender) that
// falls behind shows in the percentiles instead of slowing the offered load.
#include <atomic>
#include <fstream>
#include <memory>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "bench/load/scenarios.h"
#include "oversight/v1/oversight.grpc.pb.h"

namespace oversight::bench {
namespace {

namespace v1 = ::oversight::v1;

struct Tally {
  absl::Mutex mu;
  std::int64_t ok ABSL_GUARDED_BY(mu) = 0;
  std::int64_t errors ABSL_GUARDED_BY(mu) = 0;
  std::int64_t outstanding ABSL_GUARDED_BY(mu) = 0;
  std::string first_error ABSL_GUARDED_BY(mu);
  // (scheduled send, answer) per request, kept only for --query_trace.
  bool keep_trace = false;
  std::vector<std::pair<absl::Time, absl::Time>> trace ABSL_GUARDED_BY(mu);
  LatencyRecorder latency;

  void Done(absl::Time scheduled, const grpc::Status& status) {
    const absl::Time now = absl::Now();
    latency.Add(now - scheduled);
    absl::MutexLock lock(&mu);
    if (keep_trace) trace.emplace_back(scheduled, now);
    --outstanding;
    if (status.ok()) {
      ++ok;
    } else {
      ++errors;
      if (first_error.empty()) first_error = absl::StrCat(status.error_code(), " ", status.error_message());
    }
  }
};

template <typename Request, typename Response>
struct Call {
  grpc::ClientContext context;
  Request request;
  Response response;
};

}  // namespace

RateResult RunQueries(const std::string& address, QueryKind kind,
                      const std::vector<std::string>& provider_ids, const QueryOptions& options,
                      const ServerProcess* server) {
  RateResult result;
  result.name = kind == QueryKind::kGetProvider ? "GetProvider" : "ListProviders";
  result.offered_per_second = options.rate_per_second;
  std::vector<std::unique_ptr<v1::OversightService::Stub>> stubs;
  for (int c = 0; c < options.channels; ++c) {
    stubs.push_back(v1::OversightService::NewStub(MakeChannel(address, 100 + c)));
  }
  // Warm up every connection so the first requests do not pay the handshake.
  for (auto& stub : stubs) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    v1::GetProviderRequest request;
    request.set_provider_id(provider_ids.empty() ? "S000000" : provider_ids.front());
    v1::ProviderView view;
    (void)stub->GetProvider(&context, request, &view);
  }

  // Shared with every callback: the last one may still be unlocking the
  // tally's mutex when this function sees the count reach zero.
  auto tally_ptr = std::make_shared<Tally>();
  Tally& tally = *tally_ptr;
  tally.keep_trace = !options.trace_path.empty();
  const std::int64_t total = static_cast<std::int64_t>(
      options.rate_per_second * absl::ToDoubleSeconds(options.duration));
  const absl::Duration interval = absl::Seconds(1) / options.rate_per_second;
  const absl::Duration cpu_before =
      server != nullptr ? server->CpuTime().value_or(absl::ZeroDuration()) : absl::ZeroDuration();
  const absl::Time start = absl::Now();
  std::uint64_t pick = 0x2545F4914F6CDD1DULL;  // xorshift: which provider / filter next
  for (std::int64_t i = 0; i < total; ++i) {
    const absl::Time scheduled = start + interval * i;
    const absl::Duration wait = scheduled - absl::Now();
    if (wait > absl::ZeroDuration()) absl::SleepFor(wait);
    pick ^= pick << 13;
    pick ^= pick >> 7;
    pick ^= pick << 17;
    v1::OversightService::Stub& stub = *stubs[static_cast<std::size_t>(i) % stubs.size()];
    {
      absl::MutexLock lock(&tally.mu);
      ++tally.outstanding;
    }
    if (kind == QueryKind::kGetProvider) {
      auto* call = new Call<v1::GetProviderRequest, v1::ProviderView>();
      call->context.set_deadline(absl::ToChronoTime(scheduled + options.deadline));
      call->request.set_provider_id(provider_ids[pick % provider_ids.size()]);
      stub.async()->GetProvider(&call->context, &call->request, &call->response,
                                [call, scheduled, tally_ptr](grpc::Status status) {
                                  tally_ptr->Done(scheduled, status);
                                  delete call;
                                });
    } else {
      auto* call = new Call<v1::ListProvidersRequest, v1::ListProvidersResponse>();
      call->context.set_deadline(absl::ToChronoTime(scheduled + options.deadline));
      // The analyst's screens: the worst 50, the red list, one region.
      switch (pick % 3) {
        case 0: break;
        case 1: call->request.set_rating(v1::RATING_RED); break;
        case 2: call->request.set_region(static_cast<v1::Region>(1 + (pick >> 8) % 9)); break;
      }
      call->request.set_page_size(50);
      stub.async()->ListProviders(&call->context, &call->request, &call->response,
                                  [call, scheduled, tally_ptr](grpc::Status status) {
                                    tally_ptr->Done(scheduled, status);
                                    delete call;
                                  });
    }
  }
  result.sent = total;
  // Every call has a deadline, after which gRPC completes it: this wait is
  // bounded by the last call's deadline.
  {
    absl::MutexLock lock(&tally.mu);
    auto drained = [&tally]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(tally.mu) { return tally.outstanding == 0; };
    tally.mu.Await(absl::Condition(&drained));
    result.ok = tally.ok;
    result.errors = tally.errors;
    result.first_error = tally.first_error;
    if (tally.keep_trace) {
      std::ofstream out(options.trace_path, std::ios::app);
      for (const auto& [scheduled, answered] : tally.trace) {
        out << result.name << "," << absl::ToUnixNanos(scheduled) << ","
            << absl::ToDoubleMilliseconds(answered - scheduled) << "\n";
      }
    }
  }
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  result.achieved_per_second = static_cast<double>(result.ok) / seconds;
  result.latency = tally.latency.Summary();
  if (server != nullptr) {
    result.server_cpu_seconds =
        absl::ToDoubleSeconds(server->CpuTime().value_or(absl::ZeroDuration()) - cpu_before);
  }
  return result;
}

}  // namespace oversight::bench
