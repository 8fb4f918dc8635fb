#pragma once
// --listen=HOST:PORT parsing and the loopback test that gates --insecure.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace oversight::server {

struct ListenAddress {
  std::string host;  // without brackets: "127.0.0.1", "::1", "localhost", "0.0.0.0"
  int port = 0;      // 0 = pick a free port
  // The form gRPC takes: "127.0.0.1:50051", "[::1]:50051".
  std::string ToGrpcAddress() const;
};

// INVALID_ARGUMENT naming --listen for anything but HOST:PORT or
// [IPV6]:PORT with a port in 0..65535.
absl::StatusOr<ListenAddress> ParseListenAddress(absl::string_view text);

// True only for addresses that cannot be reached from another machine:
// 127.0.0.0/8, ::1 and "localhost". Not 0.0.0.0, not ::, not a host name.
bool IsLoopbackHost(absl::string_view host);

}  // namespace oversight::server
