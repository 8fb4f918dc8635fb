// Alert fan-out: live SubscribeAlerts streams, alerts raised one at a time by
// putting a provider into administration (Submit) and re-scoring it
// (Rescore), and the time from each alert's commit to its arrival at every
// subscriber.
//
// The clock starts at the alert's created_at, which the store stamps inside
// the transaction that commits it, so the figure slightly overstates the
// latency from the commit itself. Server and load generator share the host's
// clock (both on 127.0.0.1).
//
// Phases: the active subscribers alone; then with stalled subscribers that
// never read (the server must neither slow down for them nor grow without
// bound); then idle subscribers up to the memory figure's total, confirmed
// connected by receiving one alert each.
#include <memory>
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "bench/load/scenarios.h"
#include "proto/codec/record_codec.h"
#include "oversight/v1/oversight.grpc.pb.h"

namespace oversight::bench {
namespace {

namespace v1 = ::oversight::v1;

// Deliveries by alert sequence, and the latency of each into the recorder of
// the current phase.
class DeliveryBoard {
 public:
  void Received(const v1::Alert& alert, absl::Time at) {
    absl::Time created;
    std::string error;
    const bool parsed = absl::ParseTime(absl::RFC3339_full, alert.created_at(), &created, &error);
    absl::MutexLock lock(&mu_);
    ++received_[alert.sequence()];
    ++deliveries_;
    if (parsed && recorder_ != nullptr) recorder_->Add(at - created);
  }
  void Ended(const grpc::Status& status) {
    absl::MutexLock lock(&mu_);
    if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) ++resource_exhausted_;
  }
  void SetRecorder(LatencyRecorder* recorder) {
    absl::MutexLock lock(&mu_);
    recorder_ = recorder;
  }
  // True when every sequence reached `subscribers` subscribers in time.
  bool AwaitAll(const std::vector<std::int64_t>& sequences, int subscribers, absl::Duration timeout) {
    absl::MutexLock lock(&mu_);
    auto all = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      for (std::int64_t s : sequences) {
        auto it = received_.find(s);
        if (it == received_.end() || it->second < subscribers) return false;
      }
      return true;
    };
    return mu_.AwaitWithTimeout(absl::Condition(&all), timeout);
  }
  std::int64_t deliveries() const {
    absl::MutexLock lock(&mu_);
    return deliveries_;
  }
  int ReceivedCount(std::int64_t sequence) const {
    absl::MutexLock lock(&mu_);
    auto it = received_.find(sequence);
    return it == received_.end() ? 0 : it->second;
  }
  std::int64_t resource_exhausted() const {
    absl::MutexLock lock(&mu_);
    return resource_exhausted_;
  }

 private:
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::int64_t, int> received_ ABSL_GUARDED_BY(mu_);
  std::int64_t deliveries_ ABSL_GUARDED_BY(mu_) = 0;
  std::int64_t resource_exhausted_ ABSL_GUARDED_BY(mu_) = 0;
  LatencyRecorder* recorder_ ABSL_GUARDED_BY(mu_) = nullptr;
};

class Subscriber final : public grpc::ClientReadReactor<v1::Alert> {
 public:
  Subscriber(v1::OversightService::Stub& stub, std::int64_t after_sequence, bool stalled,
             DeliveryBoard& board)
      : board_(board) {
    request_.set_after_sequence(after_sequence);
    stub.async()->SubscribeAlerts(&context_, &request_, this);
    if (!stalled) StartRead(&alert_);  // a stalled subscriber never reads
    StartCall();
  }
  void OnReadDone(bool ok) override {
    if (!ok) return;  // the stream is ending: OnDone follows
    board_.Received(alert_, absl::Now());
    StartRead(&alert_);
  }
  void OnDone(const grpc::Status& status) override {
    board_.Ended(status);
    // The waiter may destroy this subscriber as soon as it sees the
    // notification: hold the notification alive until Notify() returns.
    std::shared_ptr<absl::Notification> done = done_;
    done->Notify();
  }
  void Cancel() { context_.TryCancel(); }
  bool AwaitDone(absl::Duration timeout) {
    std::shared_ptr<absl::Notification> done = done_;
    return done->WaitForNotificationWithTimeout(timeout);
  }

 private:
  DeliveryBoard& board_;
  grpc::ClientContext context_;
  v1::SubscribeAlertsRequest request_;
  v1::Alert alert_;
  std::shared_ptr<absl::Notification> done_ = std::make_shared<absl::Notification>();
};

// Puts a provider into administration and re-scores it; returns the
// sequences of the alerts that raised (empty when the provider was already
// in administration, so nothing new was raised).
absl::StatusOr<std::vector<std::int64_t>> RaiseAlert(v1::OversightService::Stub& stub,
                                                     const std::string& provider_id, int round) {
  int index = 0;
  if (!absl::SimpleAtoi(absl::string_view(provider_id).substr(1), &index)) {
    return absl::InvalidArgumentError(absl::StrCat("not a synthetic provider id: ", provider_id));
  }
  risk::Provider provider = SyntheticProvider(SyntheticMarketOptions{}, index).provider;
  provider.company_status = risk::CompanyStatus::kAdministration;
  {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    v1::SubmitRequest request;
    request.set_idempotency_key(absl::StrCat("bench-alert/", provider_id, "/", round, "/",
                                             absl::ToUnixNanos(absl::Now())));
    *request.mutable_record() = codec::ToProto(codec::DomainRecord(provider));
    v1::SubmitResponse response;
    const grpc::Status status = stub.Submit(&context, request, &response);
    if (!status.ok()) return absl::InternalError(absl::StrCat("Submit: ", status.error_message()));
  }
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
  v1::RescoreRequest request;
  request.set_provider_id(provider_id);
  request.set_as_of(SyntheticAsOfText());
  v1::RescoreResponse response;
  const grpc::Status status = stub.Rescore(&context, request, &response);
  if (!status.ok()) return absl::InternalError(absl::StrCat("Rescore: ", status.error_message()));
  std::vector<std::int64_t> sequences;
  for (const v1::Alert& alert : response.new_alerts()) sequences.push_back(alert.sequence());
  return sequences;
}

}  // namespace

AlertResult RunAlerts(const std::string& address, const ServerProcess& server,
                      const std::vector<std::string>& provider_ids, std::int64_t after_sequence,
                      const AlertOptions& options) {
  AlertResult result;
  DeliveryBoard board;
  auto control = v1::OversightService::NewStub(MakeChannel(address, 300));
  std::vector<std::unique_ptr<v1::OversightService::Stub>> stubs;  // one per channel
  std::vector<std::unique_ptr<Subscriber>> subscribers;
  int readers = 0;
  auto stub_for = [&](int subscriber) -> v1::OversightService::Stub& {
    const std::size_t channel = static_cast<std::size_t>(subscriber / options.subscribers_per_channel);
    while (stubs.size() <= channel) {
      stubs.push_back(v1::OversightService::NewStub(MakeChannel(address, 400 + static_cast<int>(stubs.size()))));
    }
    return *stubs[channel];
  };
  auto add_readers = [&](int count) {
    for (int i = 0; i < count; ++i) {
      subscribers.push_back(std::make_unique<Subscriber>(stub_for(static_cast<int>(subscribers.size())),
                                                         after_sequence, /*stalled=*/false, board));
      ++readers;
    }
  };
  auto rss = [&server]() { return server.Memory().value_or(ProcessMemory{}).rss_bytes; };

  int next_provider = 0;
  int round = 0;
  std::vector<std::int64_t> last_sequences;
  // Raises one alert and waits for every reader to receive it; returns the
  // number of alerts raised (0 on failure, with first_error set).
  auto raise_and_wait = [&](int expected_readers, std::int64_t* deliveries_expected) -> int {
    // After one failure the rest would only wait out their timeouts: stop.
    if (!result.first_error.empty()) return 0;
    for (int attempt = 0; attempt < 5; ++attempt) {
      const std::string& provider =
          provider_ids[static_cast<std::size_t>((next_provider++ * 7919) % static_cast<int>(provider_ids.size()))];
      absl::StatusOr<std::vector<std::int64_t>> sequences = RaiseAlert(*control, provider, round++);
      if (!sequences.ok()) {
        if (result.first_error.empty()) result.first_error = sequences.status().ToString();
        return 0;
      }
      if (sequences->empty()) continue;  // already in administration: try another provider
      last_sequences = *sequences;
      if (deliveries_expected != nullptr) {
        *deliveries_expected += static_cast<std::int64_t>(sequences->size()) * expected_readers;
      }
      if (!board.AwaitAll(*sequences, expected_readers, options.round_timeout)) {
        if (result.first_error.empty()) {
          result.first_error = absl::StrCat("alert ", sequences->front(), " reached ",
                                            board.ReceivedCount(sequences->front()), " of ", expected_readers,
                                            " subscribers within ", absl::FormatDuration(options.round_timeout));
        }
      }
      return static_cast<int>(sequences->size());
    }
    if (result.first_error.empty()) result.first_error = "no provider raised a new alert in 5 attempts";
    return 0;
  };
  auto measure = [&](const std::string& name, int stalled, int rounds) {
    FanOutFigure figure;
    figure.name = name;
    figure.subscribers = readers;
    figure.stalled = stalled;
    LatencyRecorder recorder;
    const std::int64_t before = board.deliveries();
    board.SetRecorder(&recorder);
    for (int r = 0; r < rounds; ++r) {
      figure.alerts += raise_and_wait(readers, &figure.deliveries_expected);
    }
    board.SetRecorder(nullptr);
    figure.deliveries = board.deliveries() - before;
    figure.latency = recorder.Summary();
    result.fan_out.push_back(figure);
  };

  result.rss_no_subscribers = rss();

  // Phase 1: the active subscribers, connected (one warm-up alert each), then measured.
  add_readers(options.active_subscribers);
  raise_and_wait(readers, nullptr);
  result.rss_active = rss();
  measure(absl::StrCat(readers, " subscribers"), 0, options.rounds);

  // Phase 2: the same with stalled subscribers that never read.
  std::vector<std::unique_ptr<Subscriber>> stalled;
  for (int i = 0; i < options.stalled_subscribers; ++i) {
    stalled.push_back(std::make_unique<Subscriber>(*control, after_sequence, /*stalled=*/true, board));
  }
  // A stalled stream sends nothing back, so nothing confirms it is open: give
  // the server a moment to admit it (a benchmark, not a synchronisation).
  absl::SleepFor(absl::Milliseconds(500));
  result.rss_active_and_stalled = rss();
  measure(absl::StrCat(readers, " subscribers + ", options.stalled_subscribers, " stalled"),
          options.stalled_subscribers, options.rounds);

  // Phase 3: idle subscribers up to the memory figure's total.
  add_readers(std::max(0, options.idle_subscribers - readers));
  last_sequences.clear();
  raise_and_wait(readers, nullptr);
  if (!last_sequences.empty()) result.idle_subscribers_connected = board.ReceivedCount(last_sequences.front());
  result.rss_idle = rss();
  measure(absl::StrCat(readers, " subscribers + ", options.stalled_subscribers, " stalled"),
          options.stalled_subscribers, std::max(1, options.rounds / 3));

  // Bounded shutdown of every stream.
  for (auto& s : subscribers) s->Cancel();
  for (auto& s : stalled) s->Cancel();
  bool all_done = true;
  for (auto& s : subscribers) all_done = s->AwaitDone(absl::Seconds(10)) && all_done;
  for (auto& s : stalled) all_done = s->AwaitDone(absl::Seconds(10)) && all_done;
  result.stalled_ended = board.resource_exhausted();
  if (!all_done) {
    // A reactor gRPC still holds must not be freed: leak it rather than crash.
    for (auto& s : subscribers) (void)s.release();
    for (auto& s : stalled) (void)s.release();
    if (result.first_error.empty()) result.first_error = "some alert streams did not end within 10 s of cancel";
  }
  return result;
}

}  // namespace oversight::bench
