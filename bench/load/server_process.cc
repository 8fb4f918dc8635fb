#include "bench/load/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"

namespace oversight::bench {
namespace {

// Returns the address from a "... listening on HOST:PORT ..." line of the
// log, or the empty string when the line has not been written yet.
std::string ListeningAddress(const std::string& log_path) {
  std::ifstream log(log_path);
  std::string line;
  const std::string kMarker = "listening on ";
  while (std::getline(log, line)) {
    const std::size_t at = line.find(kMarker);
    if (at == std::string::npos) continue;
    std::string rest = line.substr(at + kMarker.size());
    return rest.substr(0, rest.find(' '));
  }
  return "";
}

bool Exited(pid_t pid) {
  int status = 0;
  const pid_t r = waitpid(pid, &status, WNOHANG);
  return r == pid || (r < 0 && errno == ECHILD);
}

}  // namespace

absl::StatusOr<ServerProcess> ServerProcess::Start(const std::string& binary,
                                                   const std::vector<std::string>& args,
                                                   const std::string& log_path,
                                                   absl::Duration startup) {
  if (access(binary.c_str(), X_OK) != 0) {
    return absl::NotFoundError(absl::StrCat(binary, ": not an executable (", std::strerror(errno), ")"));
  }
  std::vector<std::string> argv_storage;
  argv_storage.push_back(binary);
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);

  const int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    return absl::UnavailableError(absl::StrCat(log_path, ": cannot open log (", std::strerror(errno), ")"));
  }
  const pid_t pid = fork();
  if (pid < 0) {
    close(log_fd);
    return absl::UnavailableError(absl::StrCat("fork: ", std::strerror(errno)));
  }
  if (pid == 0) {  // child: only async-signal-safe calls from here
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(log_fd);

  ServerProcess process;
  process.pid_ = pid;
  const absl::Time deadline = absl::Now() + startup;
  while (absl::Now() < deadline) {
    process.address_ = ListeningAddress(log_path);
    if (!process.address_.empty()) return process;
    if (Exited(pid)) {
      process.pid_ = -1;
      return absl::UnavailableError(absl::StrCat(binary, " exited at start-up; see ", log_path));
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  return absl::DeadlineExceededError(
      absl::StrCat(binary, " did not report its address within ", absl::FormatDuration(startup),
                   "; see ", log_path));
}

ServerProcess::ServerProcess(ServerProcess&& other) noexcept
    : pid_(other.pid_), address_(std::move(other.address_)) {
  other.pid_ = -1;
}

ServerProcess::~ServerProcess() { Stop(); }

absl::StatusOr<ProcessMemory> ServerProcess::Memory() const {
  std::ifstream status(absl::StrCat("/proc/", pid_, "/status"));
  if (!status) return absl::NotFoundError(absl::StrCat("/proc/", pid_, "/status: cannot read"));
  ProcessMemory memory;
  std::string line;
  auto kib = [](absl::string_view rest) {
    std::int64_t value = 0;
    for (absl::string_view part : absl::StrSplit(rest, ' ', absl::SkipWhitespace())) {
      if (absl::SimpleAtoi(part, &value)) break;
    }
    return value * 1024;
  };
  while (std::getline(status, line)) {
    absl::string_view view(line);
    if (absl::ConsumePrefix(&view, "VmRSS:")) memory.rss_bytes = kib(view);
    if (absl::ConsumePrefix(&view, "VmHWM:")) memory.peak_bytes = kib(view);
  }
  return memory;
}

absl::Status ServerProcess::ResetPeak() const {
  std::ofstream clear(absl::StrCat("/proc/", pid_, "/clear_refs"));
  clear << "5";
  clear.flush();
  if (!clear) return absl::UnavailableError(absl::StrCat("/proc/", pid_, "/clear_refs: cannot write"));
  return absl::OkStatus();
}

absl::StatusOr<absl::Duration> ServerProcess::CpuTime() const {
  std::ifstream stat(absl::StrCat("/proc/", pid_, "/stat"));
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  // Fields after the command name, which is in parentheses and may hold spaces.
  const std::size_t close = text.rfind(')');
  if (close == std::string::npos) return absl::NotFoundError("/proc/PID/stat: unreadable");
  std::vector<absl::string_view> fields =
      absl::StrSplit(absl::string_view(text).substr(close + 2), ' ', absl::SkipWhitespace());
  // utime and stime are fields 14 and 15 of stat(5): 12th and 13th after ")".
  std::int64_t utime = 0, stime = 0;
  if (fields.size() < 13 || !absl::SimpleAtoi(fields[11], &utime) ||
      !absl::SimpleAtoi(fields[12], &stime)) {
    return absl::NotFoundError("/proc/PID/stat: no utime/stime");
  }
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  return absl::Seconds(static_cast<double>(utime + stime) / ticks);
}

void ServerProcess::Stop(absl::Duration grace) {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  const absl::Time deadline = absl::Now() + grace;
  while (absl::Now() < deadline) {
    if (Exited(pid_)) {
      pid_ = -1;
      return;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

}  // namespace oversight::bench
