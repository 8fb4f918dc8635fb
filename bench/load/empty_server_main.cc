// oversight_empty_server: the load generator's physical baseline (see
// empty_service.h). Prints "oversight_empty_server listening on HOST:PORT"
// once serving, like oversightd, and stops on SIGTERM or SIGINT.
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "bench/load/empty_service.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:0", "HOST:PORT to serve on (port 0 picks a free port)");

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  // Signals are taken by sigwait on this thread: block them before gRPC
  // starts its threads so that they inherit the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const std::string listen = absl::GetFlag(FLAGS_listen);
  oversight::bench::EmptyOversightService service;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(listen, grpc::InsecureServerCredentials(), &port);
  builder.SetMaxReceiveMessageSize(16 * 1024 * 1024);
  builder.SetMaxSendMessageSize(16 * 1024 * 1024);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    std::fprintf(stderr, "oversight_empty_server: cannot listen on %s\n", listen.c_str());
    return 2;
  }
  const std::string host = listen.substr(0, listen.rfind(':'));
  std::printf("oversight_empty_server listening on %s:%d\n", host.c_str(), port);
  std::fflush(stdout);
  int received = 0;
  sigwait(&signals, &received);
  // Idle alert streams never end by themselves: cancel them after 1 s.
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
  server->Wait();
  return 0;
}
