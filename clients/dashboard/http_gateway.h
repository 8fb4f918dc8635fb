#pragma once
// The gateway's HTTP side (cpp-httplib): the login, the static page, the JSON
// endpoints of dashboard_api.h and the live alert feed as Server-Sent Events.
//
//   GET  /login, POST /login (form field "token"), POST /logout   public
//   GET  /style.css                                               public (no data)
//   GET  /, /app.js, /charts.js                                   login required
//   GET  /api/providers, /api/providers/{id}, /api/regions        login required
//   GET  /api/status                                              login required
//   GET  /api/events   text/event-stream; "alert" events carry id: = sequence,
//                      "status" events the upstream state          login required
//
// A login is the session cookie of session_cookie.h, or (for scripts) the
// header "Authorization: Bearer <dashboard token>".

#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "clients/dashboard/alert_log.h"
#include "clients/dashboard/dashboard_api.h"
#include "clients/dashboard/gateway_options.h"
#include "clients/dashboard/session_cookie.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace oversight::client::dashboard {

// Alerts a browser with no Last-Event-ID is sent first: the recent history of
// the feed.
inline constexpr std::size_t kNewReaderBacklog = 200;

class HttpGateway {
 public:
  // Reads the page's files from options.web_root (FAILED_PRECONDITION naming
  // a missing one) and sets up the routes; does not bind.
  static absl::StatusOr<std::unique_ptr<HttpGateway>> Create(const GatewayOptions& options,
                                                             std::shared_ptr<const DashboardApi> api,
                                                             std::shared_ptr<AlertLog> log);
  ~HttpGateway();

  // Binds options.listen_host:listen_port; returns the port (the chosen one
  // for port 0).
  absl::StatusOr<int> Bind();
  // Serves until Stop(). Close the AlertLog first so event streams end.
  void Serve();
  void Stop();

 private:
  HttpGateway(const GatewayOptions& options, std::shared_ptr<const DashboardApi> api,
              std::shared_ptr<AlertLog> log, std::map<std::string, std::string> files);
  void Route();
  bool Authorised(const httplib::Request& request) const;
  void ServeFile(const std::string& name, const std::string& content_type,
                 httplib::Response& response) const;
  void Login(const httplib::Request& request, httplib::Response& response) const;
  void Events(const httplib::Request& request, httplib::Response& response);

  const GatewayOptions options_;
  const std::shared_ptr<const DashboardApi> api_;
  const std::shared_ptr<AlertLog> log_;
  const std::map<std::string, std::string> files_;
  const SessionSigner signer_;
  std::unique_ptr<httplib::Server> server_;
  std::shared_ptr<std::atomic<std::size_t>> open_streams_;
};

// The upstream status as the page's "status" event: {"upstream", "detail",
// "since", "last_sequence"}.
std::string StatusJson(const UpstreamStatus& status, int64_t last_sequence);

// The value of cookie `name` in a Cookie header, or "".
std::string CookieValue(absl::string_view cookie_header, absl::string_view name);

}  // namespace oversight::client::dashboard
