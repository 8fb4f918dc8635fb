// Sustained bulk ingest: the workload cut into BulkSubmit streams on provider
// boundaries, `streams_in_flight` of them at a time, every record written
// back-to-back as the stream's flow control allows.
#include <atomic>
#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "bench/load/scenarios.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/support/channel_arguments.h"
#include "oversight/v1/oversight.grpc.pb.h"

namespace oversight::bench {
namespace {

namespace v1 = ::oversight::v1;

// One BulkSubmit stream carrying requests [begin, end).
class BulkWriter final : public grpc::ClientWriteReactor<v1::SubmitRequest> {
 public:
  BulkWriter(v1::OversightService::Stub& stub, const std::vector<v1::SubmitRequest>& requests,
             std::size_t begin, std::size_t end, absl::Duration timeout)
      : requests_(requests), next_(begin), end_(end) {
    context_.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
    stub.async()->BulkSubmit(&context_, &response_, this);
    WriteNext();
    StartCall();
  }
  void OnWriteDone(bool ok) override {
    if (!ok) return;  // the call is failing; OnDone reports why
    WriteNext();
  }
  void OnDone(const grpc::Status& status) override {
    // The waiter may destroy this writer as soon as it sees the
    // notification, even before Notify() has returned: hold the state alive.
    std::shared_ptr<Completion> done = done_;
    done->status = status;
    done->notification.Notify();
  }
  // Blocks until the server has answered.
  grpc::Status Await() {
    std::shared_ptr<Completion> done = done_;
    done->notification.WaitForNotification();
    return done->status;
  }
  const v1::BulkSubmitResponse& response() const { return response_; }

 private:
  void WriteNext() {
    if (next_ == end_) {
      StartWritesDone();
      return;
    }
    StartWrite(&requests_[next_++]);
  }

  const std::vector<v1::SubmitRequest>& requests_;
  std::size_t next_;
  const std::size_t end_;
  grpc::ClientContext context_;
  v1::BulkSubmitResponse response_;
  struct Completion {
    absl::Notification notification;
    grpc::Status status;
  };
  std::shared_ptr<Completion> done_ = std::make_shared<Completion>();
};

}  // namespace

std::shared_ptr<grpc::Channel> MakeChannel(const std::string& address, int index) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  args.SetMaxSendMessageSize(64 * 1024 * 1024);
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetInt("oversight.bench.channel_index", index);  // distinct args: distinct connection
  std::shared_ptr<grpc::Channel> channel =
      grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
  // Channels are kept until the process exits. gRPC 1.51's callback client
  // API shares one completion queue among channels and shuts it down when the
  // last channel using it is destroyed, while its polling threads may still
  // be inside grpc_completion_queue_next: between two scenarios that crashed
  // the load generator (SIGSEGV in grpc_completion_queue_next, core dump
  // taken during ServerProcess::Stop). A few dozen idle channels cost nothing.
  static absl::Mutex registry_mu(absl::kConstInit);
  static auto* registry = new std::vector<std::shared_ptr<grpc::Channel>>();
  absl::MutexLock lock(&registry_mu);
  registry->push_back(channel);
  return channel;
}

IngestResult RunIngest(const std::string& address, const Workload& workload,
                       const IngestOptions& options, const ServerProcess* server) {
  // Streams on provider boundaries, each about records_per_stream long.
  std::vector<std::pair<std::size_t, std::size_t>> streams;
  std::size_t begin = 0;
  for (std::size_t p = 1; p < workload.provider_begin.size(); ++p) {
    const std::size_t at = workload.provider_begin[p];
    if (at - begin >= static_cast<std::size_t>(options.records_per_stream) ||
        p + 1 == workload.provider_begin.size()) {
      streams.emplace_back(begin, at);
      begin = at;
    }
  }

  IngestResult result;
  result.records = static_cast<std::int64_t>(workload.requests.size());
  absl::Mutex mu;
  std::atomic<std::size_t> next_stream{0};
  const absl::Duration cpu_before =
      server != nullptr ? server->CpuTime().value_or(absl::ZeroDuration()) : absl::ZeroDuration();
  const absl::Time start = absl::Now();
  std::vector<std::thread> slots;
  for (int s = 0; s < options.streams_in_flight; ++s) {
    slots.emplace_back([&, s] {
      std::shared_ptr<grpc::Channel> channel = MakeChannel(address, s);
      v1::OversightService::Stub stub(channel);
      for (std::size_t i = next_stream++; i < streams.size(); i = next_stream++) {
        BulkWriter writer(stub, workload.requests, streams[i].first, streams[i].second,
                          options.timeout);
        const grpc::Status status = writer.Await();
        absl::MutexLock lock(&mu);
        if (!status.ok()) {
          ++result.failed_streams;
          if (result.first_error.empty()) {
            result.first_error = absl::StrCat("BulkSubmit: ", status.error_code(), " ", status.error_message());
          }
          continue;
        }
        result.stored += writer.response().stored();
        result.unchanged += writer.response().unchanged();
        result.rejected += writer.response().rejected();
        if (writer.response().rejected() > 0 && result.first_error.empty()) {
          for (const auto& r : writer.response().results()) {
            if (r.has_error()) {
              result.first_error = absl::StrCat("record ", streams[i].first + r.index(), ": ", r.error().message());
              break;
            }
          }
        }
      }
    });
  }
  for (std::thread& t : slots) t.join();
  result.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  result.records_per_second = static_cast<double>(result.records) / result.seconds;
  if (server != nullptr) {
    result.server_cpu_seconds =
        absl::ToDoubleSeconds(server->CpuTime().value_or(absl::ZeroDuration()) - cpu_before);
  }
  return result;
}

}  // namespace oversight::bench
