// Two real oversightd replicas on one PostgreSQL database, as deploy/k8s
// and deploy/compose.yaml run them (issue #8):
//   - records ingested through replica A, scored through A: a subscriber of
//     replica B receives every alert exactly once and in sequence order
//     (PostgreSQL LISTEN/NOTIFY wakes B's alert hub; sequence = commit order);
//   - the nightly job run against both replicas at once (first scoring of
//     the market): exactly one assessment per provider and date, each
//     written by one run, no alert reported or stored twice, and both
//     replicas' subscribers see the identical alert sequence;
//   - the plaintext health port the probes use answers SERVING and serves
//     nothing of the API;
//   - both replicas stop cleanly on SIGTERM.
// The processes, the CLI and the data are the real ones: the binaries of
// this build, `oversight load` of deploy/sample/, `oversight nightly`.

#include <algorithm>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "oversight/v1/oversight.grpc.pb.h"
#include "tests/deploy/process.h"
#include "tests/support/test_support.h"

namespace oversight::deploy_test {
namespace {

namespace v1 = oversight::v1;

// Bounds on hangs, never expectations about speed.
constexpr absl::Duration kDeliveryBound = absl::Minutes(3);

std::string SampleDir() { return OVERSIGHT_SAMPLE_DIR; }

std::vector<std::string> SampleFiles() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(SampleDir())) {
    if (entry.path().extension() == ".csv") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The provider ids of deploy/sample/providers.csv (first column).
std::vector<std::string> SampleProviderIds() {
  std::vector<std::string> ids;
  absl::StatusOr<std::string> text = ReadFile(SampleDir() + "/providers.csv");
  if (!text.ok()) return ids;
  bool header = true;
  for (absl::string_view line : absl::StrSplit(*text, '\n', absl::SkipEmpty())) {
    if (header) {
      header = false;
      continue;
    }
    ids.emplace_back(line.substr(0, line.find(',')));
  }
  return ids;
}

// Follows SubscribeAlerts from sequence 0 on one replica, on its own thread.
class AlertFollower {
 public:
  explicit AlertFollower(const std::string& address)
      : stub_(v1::OversightService::NewStub(
            grpc::CreateChannel(address, grpc::InsecureChannelCredentials()))) {
    reader_ = stub_->SubscribeAlerts(&context_, v1::SubscribeAlertsRequest());
    thread_ = std::thread([this] {
      v1::Alert alert;
      while (reader_->Read(&alert)) {
        absl::MutexLock lock(&mu_);
        received_.push_back(alert);
      }
      grpc::Status status = reader_->Finish();
      absl::MutexLock lock(&mu_);
      ended_ = true;
      end_status_ = status;
    });
  }
  ~AlertFollower() {
    context_.TryCancel();
    thread_.join();
  }

  // Waits until `count` alerts arrived, the stream ended, or the bound.
  std::vector<v1::Alert> WaitFor(std::size_t count) {
    absl::MutexLock lock(&mu_);
    const auto done = [this, count]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return received_.size() >= count || ended_;
    };
    mu_.AwaitWithTimeout(absl::Condition(&done), kDeliveryBound);
    return received_;
  }
  std::string EndStatus() {
    absl::MutexLock lock(&mu_);
    return ended_ ? absl::StrCat("ended: ", end_status_.error_code(), " ", end_status_.error_message())
                  : "open";
  }

 private:
  std::unique_ptr<v1::OversightService::Stub> stub_;
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientReader<v1::Alert>> reader_;
  std::thread thread_;
  absl::Mutex mu_;
  std::vector<v1::Alert> received_ ABSL_GUARDED_BY(mu_);
  bool ended_ ABSL_GUARDED_BY(mu_) = false;
  grpc::Status end_status_ ABSL_GUARDED_BY(mu_);
};

std::vector<std::int64_t> Sequences(const std::vector<v1::Alert>& alerts) {
  std::vector<std::int64_t> sequences;
  for (const v1::Alert& alert : alerts) sequences.push_back(alert.sequence());
  return sequences;
}

class MultiReplicaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::string> url = test_support::FreshPostgresUrl();
    ASSERT_TRUE(url.ok()) << url.status();
    store_url_ = *url;
    log_dir_ = std::filesystem::temp_directory_path() /
               absl::StrCat("oversight-replicas-", getpid(), "-", absl::ToUnixMicros(absl::Now()));
    std::filesystem::create_directories(log_dir_);
    // Both replicas start together on the empty database: their migrations
    // race, as in a rolling deployment of two pods.
    auto start = [this](const std::string& name) {
      return ServerProcess::Start(OVERSIGHTD_BINARY,
                                  {"--insecure", "--listen=127.0.0.1:0", "--health_listen=127.0.0.1:0",
                                   "--store=" + store_url_, "--shutdown_grace_seconds=5"},
                                  (log_dir_ / (name + ".log")).string());
    };
    auto a = std::async(std::launch::async, start, "replica-a");
    auto b = std::async(std::launch::async, start, "replica-b");
    absl::StatusOr<std::unique_ptr<ServerProcess>> started_a = a.get();
    absl::StatusOr<std::unique_ptr<ServerProcess>> started_b = b.get();
    ASSERT_TRUE(started_a.ok()) << started_a.status();
    ASSERT_TRUE(started_b.ok()) << started_b.status();
    a_ = *std::move(started_a);
    b_ = *std::move(started_b);
    stub_a_ = v1::OversightService::NewStub(
        grpc::CreateChannel(a_->address(), grpc::InsecureChannelCredentials()));
  }

  void TearDown() override {
    // Followers first: their streams would otherwise hold the shutdown to
    // its grace period.
    follower_a_.reset();
    follower_b_.reset();
    if (a_ != nullptr) {
      EXPECT_EQ(a_->Terminate(), "exit 0") << "replica A log: " << a_->log_path();
    }
    if (b_ != nullptr) {
      EXPECT_EQ(b_->Terminate(), "exit 0") << "replica B log: " << b_->log_path();
    }
    // Logs and reports are kept for a failed test only.
    if (!HasFailure()) {
      std::error_code ignored;
      std::filesystem::remove_all(log_dir_, ignored);
    }
  }

  CommandResult Cli(const ServerProcess& server, std::vector<std::string> args) {
    args.insert(args.begin(), {"--insecure", "--server=" + server.address()});
    absl::StatusOr<CommandResult> result = RunCommand(OVERSIGHT_CLI_BINARY, args);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : CommandResult{};
  }

  // Every stored alert, in sequence order, read through replica A.
  std::vector<v1::Alert> StoredAlerts() {
    std::vector<v1::Alert> all;
    for (;;) {
      grpc::ClientContext context;
      v1::ListAlertsRequest request;
      request.set_after_sequence(all.empty() ? 0 : all.back().sequence());
      request.set_limit(1000);
      v1::ListAlertsResponse response;
      grpc::Status status = stub_a_->ListAlerts(&context, request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok() || response.alerts().empty()) return all;
      all.insert(all.end(), response.alerts().begin(), response.alerts().end());
    }
  }

  // How many assessments `provider_id` has for `as_of`.
  int AssessmentsOn(const std::string& provider_id, const std::string& as_of) {
    grpc::ClientContext context;
    v1::GetAssessmentHistoryRequest request;
    request.set_provider_id(provider_id);
    request.set_limit(500);
    v1::AssessmentHistory history;
    grpc::Status status = stub_a_->GetAssessmentHistory(&context, request, &history);
    EXPECT_TRUE(status.ok()) << provider_id << ": " << status.error_message();
    return static_cast<int>(std::count_if(
        history.assessments().begin(), history.assessments().end(),
        [&](const v1::Assessment& assessment) { return assessment.as_of() == as_of; }));
  }

  std::string store_url_;
  std::filesystem::path log_dir_;
  std::unique_ptr<ServerProcess> a_;
  std::unique_ptr<ServerProcess> b_;
  std::unique_ptr<v1::OversightService::Stub> stub_a_;
  std::unique_ptr<AlertFollower> follower_a_;
  std::unique_ptr<AlertFollower> follower_b_;
};

TEST_F(MultiReplicaTest, HealthPortAnswersServingAndServesNothingElse) {
  for (const ServerProcess* replica : {a_.get(), b_.get()}) {
    ASSERT_FALSE(replica->health_address().empty());
    auto channel = grpc::CreateChannel(replica->health_address(), grpc::InsecureChannelCredentials());
    auto health = grpc::health::v1::Health::NewStub(channel);
    for (const char* service : {"", "oversight.v1.OversightService"}) {
      grpc::ClientContext context;
      context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
      grpc::health::v1::HealthCheckRequest request;
      request.set_service(service);
      grpc::health::v1::HealthCheckResponse response;
      grpc::Status status = health->Check(&context, request, &response);
      ASSERT_TRUE(status.ok()) << replica->health_address() << " service \"" << service
                               << "\": " << status.error_message();
      EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING)
          << "service \"" << service << "\"";
    }
    grpc::ClientContext context;
    v1::ListAlertsResponse response;
    grpc::Status api = v1::OversightService::NewStub(channel)->ListAlerts(
        &context, v1::ListAlertsRequest(), &response);
    EXPECT_EQ(api.error_code(), grpc::StatusCode::UNIMPLEMENTED)
        << "the plaintext health port must not serve the API; got " << api.error_message();
  }
}

TEST_F(MultiReplicaTest, AlertsReachTheOtherReplicaOnceInOrderAndConcurrentNightlyScoresOnce) {
  // Subscribed before any data exists: alerts arrive live, not by replay.
  follower_a_ = std::make_unique<AlertFollower>(a_->address());
  follower_b_ = std::make_unique<AlertFollower>(b_->address());

  // 1. Ingest through A.
  std::vector<std::string> load_args{"load"};
  for (const std::string& file : SampleFiles()) load_args.push_back(file);
  ASSERT_GE(load_args.size(), 7u) << "sample files in " << SampleDir();
  CommandResult load = Cli(*a_, load_args);
  ASSERT_EQ(load.exit_code, 0) << load.output;

  absl::StatusOr<std::string> as_of_text = ReadFile(SampleDir() + "/AS_OF");
  ASSERT_TRUE(as_of_text.ok()) << as_of_text.status();
  const std::string as_of(absl::StripAsciiWhitespace(*as_of_text));

  // 2. Score one provider through A only: its alerts are written by A.
  //    P006 is in administration in the sample (deploy/sample/README.md:
  //    black, alert business_failure), so its first scoring raises alerts.
  const std::string report_first = (log_dir_ / "nightly-first.json").string();
  CommandResult first =
      Cli(*a_, {"nightly", "--as_of", as_of, "--provider", "P006", "--report", report_first});
  ASSERT_EQ(first.exit_code, 0) << first.output;
  absl::StatusOr<std::string> text_first = ReadFile(report_first);
  ASSERT_TRUE(text_first.ok()) << first.output;
  ASSERT_FALSE(nlohmann::json::parse(*text_first)["new_alerts"].empty())
      << "P006's first scoring raises alerts: " << *text_first;

  const std::vector<v1::Alert> stored_first = StoredAlerts();
  ASSERT_FALSE(stored_first.empty());
  const std::vector<v1::Alert> at_b = follower_b_->WaitFor(stored_first.size());
  EXPECT_THAT(Sequences(at_b), ::testing::ElementsAreArray(Sequences(stored_first)))
      << "replica B's subscriber must receive every alert written through replica A, once, in "
         "sequence order; stream "
      << follower_b_->EndStatus() << "; logs in " << log_dir_;
  for (std::size_t i = 0; i < std::min(at_b.size(), stored_first.size()); ++i) {
    EXPECT_EQ(at_b[i].key(), stored_first[i].key()) << "at sequence " << stored_first[i].sequence();
  }

  // 3. The nightly for the whole market against both replicas at once: the
  //    other 39 providers are scored for the first time by two racing runs.
  const std::string report_a = (log_dir_ / "nightly-a.json").string();
  const std::string report_b = (log_dir_ / "nightly-b.json").string();
  auto nightly = [&](const ServerProcess* replica, const std::string& report) {
    return Cli(*replica, {"nightly", "--as_of", as_of, "--report", report});
  };
  auto run_a = std::async(std::launch::async, nightly, a_.get(), report_a);
  auto run_b = std::async(std::launch::async, nightly, b_.get(), report_b);
  const CommandResult result_a = run_a.get();
  const CommandResult result_b = run_b.get();
  ASSERT_EQ(result_a.exit_code, 0) << result_a.output;
  ASSERT_EQ(result_b.exit_code, 0) << result_b.output;

  // Exactly one assessment per provider and date.
  const std::vector<std::string> providers = SampleProviderIds();
  ASSERT_EQ(providers.size(), 40u) << "deploy/sample/providers.csv";
  for (const std::string& provider : providers) {
    EXPECT_EQ(AssessmentsOn(provider, as_of), 1) << provider << " at " << as_of;
  }

  // Each new assessment was written by exactly one of the two runs, and no
  // alert was reported as new by both.
  absl::StatusOr<std::string> text_a = ReadFile(report_a);
  absl::StatusOr<std::string> text_b = ReadFile(report_b);
  ASSERT_TRUE(text_a.ok() && text_b.ok()) << result_a.output << result_b.output;
  const nlohmann::json json_a = nlohmann::json::parse(*text_a);
  const nlohmann::json json_b = nlohmann::json::parse(*text_b);
  EXPECT_EQ(json_a["assessed"].get<int>() + json_b["assessed"].get<int>(),
            static_cast<int>(providers.size()) - 1)
      << "assessments written by A " << json_a["assessed"] << " and by B " << json_b["assessed"]
      << " (P006 was scored before)";
  std::multiset<std::string> reported_keys;
  for (const nlohmann::json* report : {&json_a, &json_b}) {
    for (const nlohmann::json& alert : (*report)["new_alerts"]) {
      reported_keys.insert(alert["key"].get<std::string>());
    }
  }
  EXPECT_FALSE(reported_keys.empty()) << "P003-P005 raise alerts (deploy/sample/README.md)";

  const std::vector<v1::Alert> stored_all = StoredAlerts();
  std::set<std::string> stored_keys;
  std::multiset<std::string> stored_later_keys;
  for (const v1::Alert& alert : stored_all) {
    EXPECT_TRUE(stored_keys.insert(alert.key()).second) << "alert key stored twice: " << alert.key();
    if (alert.sequence() > stored_first.back().sequence()) stored_later_keys.insert(alert.key());
  }
  EXPECT_EQ(reported_keys, stored_later_keys)
      << "the alerts the two runs reported as new must be exactly those stored, each once";

  // Both replicas' subscribers: the identical, complete, ordered sequence.
  const std::vector<std::int64_t> expected = Sequences(stored_all);
  EXPECT_THAT(Sequences(follower_b_->WaitFor(stored_all.size())), ::testing::ElementsAreArray(expected))
      << "replica B's subscriber; stream " << follower_b_->EndStatus();
  EXPECT_THAT(Sequences(follower_a_->WaitFor(stored_all.size())), ::testing::ElementsAreArray(expected))
      << "replica A's subscriber; stream " << follower_a_->EndStatus();

  // A re-run of the same night writes nothing.
  const std::string report_again = (log_dir_ / "nightly-again.json").string();
  CommandResult again = Cli(*b_, {"nightly", "--as_of", as_of, "--report", report_again});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  absl::StatusOr<std::string> text_again = ReadFile(report_again);
  ASSERT_TRUE(text_again.ok()) << again.output;
  const nlohmann::json json_again = nlohmann::json::parse(*text_again);
  EXPECT_EQ(json_again["assessed"].get<int>(), 0) << *text_again;
  EXPECT_TRUE(json_again["new_alerts"].empty()) << *text_again;
  EXPECT_EQ(StoredAlerts().size(), stored_all.size());

  // More racing nights (whether two runs overlap depends on scheduling, so
  // race on several dates): each assessment written once, by one run.
  for (const std::string date : {"2026-04-01", "2026-04-02"}) {
    const std::string night_a = (log_dir_ / ("nightly-a-" + date + ".json")).string();
    const std::string night_b = (log_dir_ / ("nightly-b-" + date + ".json")).string();
    auto racing_a = std::async(std::launch::async, [&] {
      return Cli(*a_, {"nightly", "--as_of", date, "--report", night_a});
    });
    auto racing_b = std::async(std::launch::async, [&] {
      return Cli(*b_, {"nightly", "--as_of", date, "--report", night_b});
    });
    const CommandResult done_a = racing_a.get();
    const CommandResult done_b = racing_b.get();
    ASSERT_EQ(done_a.exit_code, 0) << done_a.output;
    ASSERT_EQ(done_b.exit_code, 0) << done_b.output;
    absl::StatusOr<std::string> night_text_a = ReadFile(night_a);
    absl::StatusOr<std::string> night_text_b = ReadFile(night_b);
    ASSERT_TRUE(night_text_a.ok() && night_text_b.ok());
    const nlohmann::json night_json_a = nlohmann::json::parse(*night_text_a);
    const nlohmann::json night_json_b = nlohmann::json::parse(*night_text_b);
    EXPECT_EQ(night_json_a["assessed"].get<int>() + night_json_b["assessed"].get<int>(),
              static_cast<int>(providers.size()))
        << date << ": written by A " << night_json_a["assessed"] << ", by B " << night_json_b["assessed"];
    for (const std::string& provider : providers) {
      EXPECT_EQ(AssessmentsOn(provider, date), 1) << provider << " at " << date;
    }
  }
  std::set<std::string> final_keys;
  for (const v1::Alert& alert : StoredAlerts()) {
    EXPECT_TRUE(final_keys.insert(alert.key()).second) << "alert key stored twice: " << alert.key();
  }
}

}  // namespace
}  // namespace oversight::deploy_test
