#pragma once
// A server binary started by the load generator: oversightd on a temporary
// SQLite store, or the empty baseline server. Both print one line
// "... listening on HOST:PORT" on stdout once serving; the process is
// stopped with SIGTERM (then SIGKILL after a grace period) when this object
// is destroyed, so nothing outlives the load generator.

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace oversight::bench {

struct ProcessMemory {
  std::int64_t rss_bytes = 0;   // VmRSS: resident now
  std::int64_t peak_bytes = 0;  // VmHWM: peak resident since start or ResetPeak
};

class ServerProcess {
 public:
  // Starts `binary` with `args`, its stdout and stderr appended to
  // `log_path`, and waits up to `startup` for the listening line.
  static absl::StatusOr<ServerProcess> Start(const std::string& binary,
                                             const std::vector<std::string>& args,
                                             const std::string& log_path,
                                             absl::Duration startup = absl::Seconds(30));
  ServerProcess(ServerProcess&& other) noexcept;
  ServerProcess& operator=(ServerProcess&&) = delete;
  ServerProcess(const ServerProcess&) = delete;
  ~ServerProcess();

  const std::string& address() const { return address_; }  // "127.0.0.1:PORT"
  pid_t pid() const { return pid_; }

  // From /proc/PID/status.
  absl::StatusOr<ProcessMemory> Memory() const;
  // Resets VmHWM to the current RSS (writes "5" to /proc/PID/clear_refs), so
  // the next Memory().peak_bytes is the peak of what follows.
  absl::Status ResetPeak() const;
  // Total CPU time (user + system) the process has used, from /proc/PID/stat.
  absl::StatusOr<absl::Duration> CpuTime() const;

  // SIGTERM, up to `grace` for it to exit, then SIGKILL. Idempotent.
  void Stop(absl::Duration grace = absl::Seconds(15));

 private:
  ServerProcess() = default;
  pid_t pid_ = -1;
  std::string address_;
};

}  // namespace oversight::bench
