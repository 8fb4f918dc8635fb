#pragma once
// Real processes for the deployment tests: an oversightd replica started
// the way an operator starts one, and one-shot runs of the `oversight` CLI.

#include <sys/types.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace oversight::deploy_test {

// An oversightd process. Start returns once it has printed its
// "oversightd listening on ADDRESS" line (and, with --health_listen, its
// "oversightd health on ADDRESS" line); stdout is drained by a thread,
// stderr (the structured log) goes to `log_path`.
class ServerProcess {
 public:
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(const std::string& binary,
                                                              const std::vector<std::string>& args,
                                                              const std::string& log_path);
  ~ServerProcess();  // SIGKILL if still running

  const std::string& address() const { return address_; }
  const std::string& health_address() const { return health_address_; }
  const std::string& log_path() const { return log_path_; }

  // SIGTERM, then waits for the process (bounded by its own shutdown grace).
  // Returns the wait status text: "exit 0", "exit 2", "signal 9", ...
  std::string Terminate();

 private:
  ServerProcess() = default;
  void Drain();

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string address_;
  std::string health_address_;
  std::string log_path_;
  std::thread drainer_;
};

struct CommandResult {
  int exit_code = -1;  // -1: did not exit normally
  std::string output;  // stdout and stderr, interleaved
};

// Runs `binary args...` to completion with stdout and stderr captured.
absl::StatusOr<CommandResult> RunCommand(const std::string& binary,
                                         const std::vector<std::string>& args);

// The whole file, or an error naming it.
absl::StatusOr<std::string> ReadFile(const std::string& path);

}  // namespace oversight::deploy_test
