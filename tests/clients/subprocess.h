#pragma once
// Runs the real `oversight` and `oversightd` binaries from tests: a command
// to completion with its output captured, and a background process that is
// stopped (SIGTERM, then SIGKILL) when the object goes away.

#include <sys/types.h>

#include <string>
#include <thread>
#include <vector>

namespace oversight::client::testing {

struct CommandResult {
  int exit_code = -1;  // 128 + signal when killed
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] a path) with `extra_env` ("NAME=value") added.
CommandResult RunCommand(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env = {});

class BackgroundProcess {
 public:
  // Starts `argv` with stdout and stderr sent to the files given.
  BackgroundProcess(const std::vector<std::string>& argv, const std::string& stdout_path,
                    const std::string& stderr_path);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  // SIGTERM and wait (SIGKILL after 20 s); returns the exit code.
  int Stop();
  // Waits for the process to exit by itself; returns the exit code.
  int Wait();
  bool running() const { return pid_ > 0; }

 private:
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

// oversightd on a SQLite store, plaintext on loopback. Start() blocks until
// the server has printed its "listening on HOST:PORT" line (read from a pipe,
// so no polling) and returns the port.
class TestServer {
 public:
  // `transport` replaces the default "--insecure", e.g. the TLS flags.
  TestServer(std::string oversightd, std::string store_path,
             std::vector<std::string> transport = {"--insecure"});
  ~TestServer();

  // port 0 = any free port; a restart passes the previous port.
  int Start(int port = 0);
  void Stop();
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  const std::string& log() const { return log_path_; }

 private:
  std::string oversightd_;
  std::string store_path_;
  std::string log_path_;
  std::vector<std::string> transport_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::thread drain_;
};

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& contents);
// A fresh empty directory under the test's temporary directory.
std::string MakeTempDir();

}  // namespace oversight::client::testing
