// The real oversightd binary as a process: what it accepted survives kill -9
// (SQLite file, restarted on the same path), it refuses plaintext off
// loopback and starting without TLS, and SIGTERM stops it cleanly.

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "oversight/v1/oversight.grpc.pb.h"
#include "tests/support/test_support.h"

namespace oversight::server {
namespace {

namespace v1 = ::oversight::v1;

std::chrono::system_clock::time_point Generous() {
  return std::chrono::system_clock::now() + std::chrono::seconds(120);
}

// One oversightd child process; its first stdout line is the listen line.
class Daemon {
 public:
  explicit Daemon(std::vector<std::string> args) {
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      std::vector<char*> argv;
      std::string binary = OVERSIGHTD_BINARY;
      argv.push_back(binary.data());
      for (std::string& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      execv(binary.c_str(), argv.data());
      _exit(127);
    }
    close(out[1]);
    stdout_ = fdopen(out[0], "r");
  }
  ~Daemon() {
    if (pid_ > 0 && !reaped_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (stdout_ != nullptr) fclose(stdout_);
  }

  // The first stdout line ("" when the process ended without one).
  std::string FirstLine() {
    char buffer[1024];
    if (stdout_ == nullptr || fgets(buffer, sizeof(buffer), stdout_) == nullptr) return "";
    return buffer;
  }
  // "127.0.0.1:PORT" from "oversightd listening on 127.0.0.1:PORT store=... tls=off".
  std::string Address() {
    const std::string line = FirstLine();
    const std::string prefix = "oversightd listening on ";
    if (line.rfind(prefix, 0) != 0) return "";
    return line.substr(prefix.size(), line.find(' ', prefix.size()) - prefix.size());
  }
  int Signal(int signal) {
    kill(pid_, signal);
    return Wait();
  }
  // The wait status.
  int Wait() {
    int status = 0;
    waitpid(pid_, &status, 0);
    reaped_ = true;
    return status;
  }

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  FILE* stdout_ = nullptr;
};

v1::SubmitRequest ProviderRequest(const std::string& id) {
  v1::SubmitRequest request;
  request.set_idempotency_key(absl::StrCat("key-", id));
  v1::Provider* provider = request.mutable_record()->mutable_provider();
  provider->set_provider_id(id);
  provider->set_name(absl::StrCat("Provider ", id, " Ltd"));
  provider->set_kind(v1::PROVIDER_KIND_INDEPENDENT_FOSTERING_AGENCY);
  provider->set_ownership(v1::OWNERSHIP_OTHER_PRIVATE);
  return request;
}

TEST(OversightdProcessTest, EverythingAcceptedSurvivesKillNine) {
  const std::string store = test_support::FreshSqliteUrl();
  std::vector<std::string> accepted;
  {
    Daemon daemon({"--insecure", "--listen=127.0.0.1:0", absl::StrCat("--store=", store)});
    const std::string address = daemon.Address();
    ASSERT_FALSE(address.empty()) << "no listen line";
    auto stub = v1::OversightService::NewStub(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
    for (int i = 0; i < 20; ++i) {
      grpc::ClientContext context;
      context.set_deadline(Generous());
      v1::SubmitResponse response;
      const std::string id = absl::StrCat("P", i);
      grpc::Status status = stub->Submit(&context, ProviderRequest(id), &response);
      ASSERT_TRUE(status.ok()) << status.error_message();
      accepted.push_back(id);
    }
    const int status = daemon.Signal(SIGKILL);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  }
  Daemon restarted({"--insecure", "--listen=127.0.0.1:0", absl::StrCat("--store=", store)});
  const std::string address = restarted.Address();
  ASSERT_FALSE(address.empty()) << "no listen line after restart";
  auto stub = v1::OversightService::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  for (const std::string& id : accepted) {
    grpc::ClientContext context;
    context.set_deadline(Generous());
    v1::GetProviderRequest request;
    request.set_provider_id(id);
    v1::ProviderView view;
    grpc::Status status = stub->GetProvider(&context, request, &view);
    ASSERT_TRUE(status.ok()) << id << ": " << status.error_message();
    EXPECT_EQ(view.provider().name(), absl::StrCat("Provider ", id, " Ltd"));
  }
  // Re-sending an accepted request is answered from the idempotency record.
  grpc::ClientContext context;
  v1::SubmitResponse again;
  ASSERT_TRUE(stub->Submit(&context, ProviderRequest("P0"), &again).ok());
  EXPECT_EQ(again.version(), 1);
  const int status = restarted.Signal(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "SIGTERM must stop it cleanly";
}

TEST(OversightdProcessTest, InsecureOffLoopbackIsRefused) {
  for (const char* listen : {"--listen=0.0.0.0:0", "--listen=[::]:0", "--listen=192.0.2.1:0"}) {
    Daemon daemon({"--insecure", listen, absl::StrCat("--store=", test_support::FreshSqliteUrl())});
    EXPECT_EQ(daemon.FirstLine(), "") << listen << " must not start listening";
    const int status = daemon.Wait();
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 0) << listen;
  }
}

TEST(OversightdProcessTest, WithoutTlsOrInsecureItRefusesToStart) {
  Daemon daemon({"--listen=127.0.0.1:0", absl::StrCat("--store=", test_support::FreshSqliteUrl())});
  EXPECT_EQ(daemon.FirstLine(), "");
  const int status = daemon.Wait();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 0);
}

}  // namespace
}  // namespace oversight::server
