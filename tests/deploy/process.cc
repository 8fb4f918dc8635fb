#include "tests/deploy/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/algorithm/container.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"

extern char** environ;

namespace oversight::deploy_test {
namespace {

// How long a replica may take to open and migrate the store and bind: a
// bound on a hang, not a timing expectation.
constexpr int kStartupBoundMs = 120'000;

std::string WaitStatusText(int status) {
  if (WIFEXITED(status)) return absl::StrCat("exit ", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return absl::StrCat("signal ", WTERMSIG(status));
  return absl::StrCat("status ", status);
}

absl::StatusOr<pid_t> Spawn(const std::string& binary, const std::vector<std::string>& args,
                            posix_spawn_file_actions_t* actions) {
  std::vector<std::string> argv_strings{binary};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_strings) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, binary.c_str(), actions, nullptr, argv.data(), environ);
  if (error != 0) {
    return absl::InternalError(absl::StrCat("cannot start ", binary, ": ", std::strerror(error)));
  }
  return pid;
}

}  // namespace

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot be read"));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Start(
    const std::string& binary, const std::vector<std::string>& args, const std::string& log_path) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return absl::InternalError("pipe2 failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  absl::StatusOr<pid_t> pid = Spawn(binary, args, &actions);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (!pid.ok()) {
    close(pipe_fds[0]);
    return pid.status();
  }
  std::unique_ptr<ServerProcess> process(new ServerProcess());
  process->pid_ = *pid;
  process->stdout_fd_ = pipe_fds[0];
  process->log_path_ = log_path;

  const bool wants_health = absl::c_any_of(
      args, [](const std::string& arg) { return absl::StartsWith(arg, "--health_listen="); });
  std::string buffer;
  while (process->address_.empty() || (wants_health && process->health_address_.empty())) {
    pollfd poll_fd{.fd = process->stdout_fd_, .events = POLLIN, .revents = 0};
    const int ready = poll(&poll_fd, 1, kStartupBoundMs);
    char chunk[512];
    const ssize_t got = ready > 0 ? read(process->stdout_fd_, chunk, sizeof chunk) : 0;
    if (got <= 0) {
      absl::StatusOr<std::string> log = ReadFile(log_path);
      return absl::UnavailableError(
          absl::StrCat(binary, " ", absl::StrJoin(args, " "), ": did not report its address (",
                       ready == 0 ? "no output in time" : "stdout closed", "); stdout: ", buffer,
                       "; log: ", log.ok() ? *log : log.status().ToString()));
    }
    buffer.append(chunk, static_cast<std::size_t>(got));
    std::size_t newline;
    while ((newline = buffer.find('\n')) != std::string::npos) {
      const std::string line = buffer.substr(0, newline);
      buffer.erase(0, newline + 1);
      absl::string_view rest = line;
      if (absl::ConsumePrefix(&rest, "oversightd listening on ")) {
        process->address_ = std::string(rest.substr(0, rest.find(' ')));
      } else if (absl::ConsumePrefix(&rest, "oversightd health on ")) {
        process->health_address_ = std::string(rest);
      }
    }
  }
  process->drainer_ = std::thread([p = process.get()] { p->Drain(); });
  return process;
}

void ServerProcess::Drain() {
  char chunk[512];
  while (read(stdout_fd_, chunk, sizeof chunk) > 0) {
  }
}

std::string ServerProcess::Terminate() {
  if (pid_ <= 0) return "not running";
  kill(pid_, SIGTERM);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  if (drainer_.joinable()) drainer_.join();
  close(stdout_fd_);
  stdout_fd_ = -1;
  return WaitStatusText(status);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  if (drainer_.joinable()) drainer_.join();
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

absl::StatusOr<CommandResult> RunCommand(const std::string& binary,
                                         const std::vector<std::string>& args) {
  char path_template[] = "/tmp/oversight-deploy-cmd-XXXXXX";
  const int output_fd = mkstemp(path_template);
  if (output_fd < 0) return absl::InternalError("mkstemp failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, output_fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, output_fd, STDERR_FILENO);
  absl::StatusOr<pid_t> pid = Spawn(binary, args, &actions);
  posix_spawn_file_actions_destroy(&actions);
  close(output_fd);
  CommandResult result;
  if (pid.ok()) {
    int status = 0;
    while (waitpid(*pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  absl::StatusOr<std::string> output = ReadFile(path_template);
  unlink(path_template);
  if (!pid.ok()) return pid.status();
  if (output.ok()) result.output = *std::move(output);
  return result;
}

}  // namespace oversight::deploy_test
