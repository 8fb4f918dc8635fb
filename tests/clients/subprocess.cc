#include "tests/clients/subprocess.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "gtest/gtest.h"

extern char** environ;

namespace oversight::client::testing {
namespace {

int DecodeWaitStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

pid_t Spawn(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
            posix_spawn_file_actions_t* actions) {
  std::vector<std::string> args = argv;
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) env.emplace_back(*e);
  for (const std::string& e : extra_env) env.push_back(e);
  std::vector<char*> c_args = CStrings(args);
  std::vector<char*> c_env = CStrings(env);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, c_args[0], actions, nullptr, c_args.data(), c_env.data());
  if (error != 0) throw std::runtime_error("posix_spawn " + argv[0] + ": " + std::strerror(error));
  return pid;
}

int WaitFor(pid_t pid, std::chrono::seconds kill_after) {
  const auto give_up = std::chrono::steady_clock::now() + kill_after;
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return DecodeWaitStatus(status);
    if (std::chrono::steady_clock::now() > give_up) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return DecodeWaitStatus(status);
    }
    usleep(20 * 1000);
  }
}

}  // namespace

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary);
  out << contents;
}

std::string MakeTempDir() {
  std::string pattern = ::testing::TempDir() + "/oversight-cli-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

CommandResult RunCommand(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env) {
  const std::string dir = MakeTempDir();
  const std::string out_path = dir + "/stdout";
  const std::string err_path = dir + "/stderr";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const pid_t pid = Spawn(argv, extra_env, &actions);
  posix_spawn_file_actions_destroy(&actions);
  CommandResult result;
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = DecodeWaitStatus(status);
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  std::remove(out_path.c_str());
  std::remove(err_path.c_str());
  rmdir(dir.c_str());
  return result;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv, const std::string& stdout_path,
                                     const std::string& stderr_path) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_ = Spawn(argv, {}, &actions);
  posix_spawn_file_actions_destroy(&actions);
}

BackgroundProcess::~BackgroundProcess() {
  if (pid_ > 0) Stop();
}

int BackgroundProcess::Stop() {
  if (pid_ <= 0) return exit_code_;
  kill(pid_, SIGTERM);
  exit_code_ = WaitFor(pid_, std::chrono::seconds(20));
  pid_ = -1;
  return exit_code_;
}

int BackgroundProcess::Wait() {
  if (pid_ <= 0) return exit_code_;
  int status = 0;
  waitpid(pid_, &status, 0);
  exit_code_ = DecodeWaitStatus(status);
  pid_ = -1;
  return exit_code_;
}

TestServer::TestServer(std::string oversightd, std::string store_path, std::vector<std::string> transport)
    : oversightd_(std::move(oversightd)),
      store_path_(std::move(store_path)),
      log_path_(store_path_ + ".log"),
      transport_(std::move(transport)) {}

TestServer::~TestServer() { Stop(); }

int TestServer::Start(int port) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  std::vector<std::string> argv = {oversightd_, "--listen=127.0.0.1:" + std::to_string(port),
                                   "--store=sqlite:" + store_path_};
  argv.insert(argv.end(), transport_.begin(), transport_.end());
  pid_ = Spawn(argv, {}, &actions);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);

  // The first line names the port; the rest of stdout is drained so the
  // server can never block on a full pipe.
  std::string first_line;
  char c = 0;
  while (read(pipe_fds[0], &c, 1) == 1 && c != '\n') first_line.push_back(c);
  const int fd = pipe_fds[0];
  drain_ = std::thread([fd] {
    char buffer[4096];
    while (read(fd, buffer, sizeof buffer) > 0) {
    }
    close(fd);
  });
  const std::string marker = "listening on 127.0.0.1:";
  const std::size_t at = first_line.find(marker);
  if (at == std::string::npos) {
    Stop();
    throw std::runtime_error("oversightd did not start: \"" + first_line + "\"\n" + ReadFile(log_path_));
  }
  port_ = std::atoi(first_line.c_str() + at + marker.size());
  return port_;
}

void TestServer::Stop() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    WaitFor(pid_, std::chrono::seconds(30));
    pid_ = -1;
  }
  if (drain_.joinable()) drain_.join();
}

}  // namespace oversight::client::testing
