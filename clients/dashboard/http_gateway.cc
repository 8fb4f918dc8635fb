#include "clients/dashboard/http_gateway.h"

#include <httplib.h>

#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "clients/dashboard/sse_event.h"
#include "nlohmann/json.hpp"

namespace oversight::client::dashboard {
namespace {

// Only what the page is made of: nothing else under web_root is ever served.
const std::vector<std::string>& PageFiles() {
  static const auto* files =
      new std::vector<std::string>{"index.html", "login.html", "app.js", "charts.js", "style.css"};
  return *files;
}

// Scripts, styles and connections from this origin only: no CDN, no inline
// script, no framing by another site.
constexpr char kContentSecurityPolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

constexpr absl::Duration kHeartbeat = absl::Seconds(15);
constexpr std::size_t kAlertsPerWrite = 200;
constexpr int kBackfillPage = 1000;

void SecurityHeaders(httplib::Response& response) {
  response.set_header("Content-Security-Policy", kContentSecurityPolicy);
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Referrer-Policy", "no-referrer");
  response.set_header("Cache-Control", "no-store");
}

void Json(httplib::Response& response, int status, const std::string& body) {
  SecurityHeaders(response);
  response.status = status;
  response.set_content(body, "application/json; charset=utf-8");
}

void Redirect(httplib::Response& response, const std::string& location) {
  SecurityHeaders(response);
  response.status = 303;
  response.set_header("Location", location);
}

std::string HtmlEscape(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}});
}

absl::StatusOr<std::map<std::string, std::string>> ReadPage(const std::string& root) {
  std::map<std::string, std::string> files;
  for (const std::string& name : PageFiles()) {
    const std::string path = absl::StrCat(root, "/", name);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return absl::FailedPreconditionError(
          absl::StrCat("--web_root: cannot read \"", path, "\" (the dashboard page)"));
    }
    std::ostringstream text;
    text << in.rdbuf();
    files[name] = text.str();
  }
  return files;
}

// Decrements the open-stream count when an event stream ends, however it ends.
class StreamSlot {
 public:
  explicit StreamSlot(std::shared_ptr<std::atomic<std::size_t>> count) : count_(std::move(count)) {}
  ~StreamSlot() { count_->fetch_sub(1); }
  StreamSlot(const StreamSlot&) = delete;
  StreamSlot& operator=(const StreamSlot&) = delete;

 private:
  std::shared_ptr<std::atomic<std::size_t>> count_;
};

struct EventStreamState {
  explicit EventStreamState(std::shared_ptr<std::atomic<std::size_t>> count, int64_t from)
      : slot(std::move(count)), after(from) {}
  StreamSlot slot;
  int64_t after;               // the last sequence sent to this browser
  int64_t status_version = -1;  // forces a status event first
  bool started = false;
};

}  // namespace

std::string StatusJson(const UpstreamStatus& status, int64_t last_sequence) {
  nlohmann::json body = {
      {"upstream", std::string(UpstreamStateName(status.state))},
      {"detail", status.detail},
      {"since", absl::FormatTime(absl::RFC3339_sec, status.since, absl::UTCTimeZone())},
      {"last_sequence", last_sequence}};
  return body.dump();
}

std::string CookieValue(absl::string_view cookie_header, absl::string_view name) {
  for (absl::string_view part : absl::StrSplit(cookie_header, ';')) {
    part = absl::StripAsciiWhitespace(part);
    const std::size_t equals = part.find('=');
    if (equals == absl::string_view::npos) continue;
    if (part.substr(0, equals) == name) return std::string(part.substr(equals + 1));
  }
  return "";
}

HttpGateway::HttpGateway(const GatewayOptions& options, std::shared_ptr<const DashboardApi> api,
                         std::shared_ptr<AlertLog> log, std::map<std::string, std::string> files)
    : options_(options),
      api_(std::move(api)),
      log_(std::move(log)),
      files_(std::move(files)),
      signer_(options.dashboard_token),
      open_streams_(std::make_shared<std::atomic<std::size_t>>(0)) {
  if (!options_.http_tls_cert.empty()) {
    server_ = std::make_unique<httplib::SSLServer>(options_.http_tls_cert.c_str(),
                                                   options_.http_tls_key.c_str());
  } else {
    server_ = std::make_unique<httplib::Server>();
  }
  // Each browser following the feed holds a worker; the rest serve requests.
  const std::size_t workers = options_.max_event_streams + 8;
  server_->new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
  server_->set_payload_max_length(16 * 1024);  // the only body is the login form
  server_->set_write_timeout(10, 0);
}

HttpGateway::~HttpGateway() = default;

absl::StatusOr<std::unique_ptr<HttpGateway>> HttpGateway::Create(
    const GatewayOptions& options, std::shared_ptr<const DashboardApi> api,
    std::shared_ptr<AlertLog> log) {
  absl::StatusOr<std::map<std::string, std::string>> files = ReadPage(options.web_root);
  if (!files.ok()) return files.status();
  std::unique_ptr<HttpGateway> gateway(
      new HttpGateway(options, std::move(api), std::move(log), *std::move(files)));
  if (!gateway->server_->is_valid()) {
    return absl::InvalidArgumentError(
        "--http_tls_cert/--http_tls_key: cannot load the certificate or key");
  }
  gateway->Route();
  return gateway;
}

absl::StatusOr<int> HttpGateway::Bind() {
  int port = options_.listen_port;
  if (port == 0) {
    port = server_->bind_to_any_port(options_.listen_host);
    if (port < 0) port = 0;
  } else if (!server_->bind_to_port(options_.listen_host, port)) {
    port = 0;
  }
  if (port == 0) {
    return absl::UnavailableError(absl::StrCat("--listen: cannot bind ", options_.listen_host, ":",
                                               options_.listen_port));
  }
  return port;
}

void HttpGateway::Serve() { server_->listen_after_bind(); }

void HttpGateway::Stop() { server_->stop(); }

bool HttpGateway::Authorised(const httplib::Request& request) const {
  const std::string cookie =
      CookieValue(request.get_header_value("Cookie"), kSessionCookieName);
  if (!cookie.empty() && signer_.Verify(cookie, absl::Now())) return true;
  const std::string authorization = request.get_header_value("Authorization");
  absl::string_view bearer = authorization;
  if (absl::ConsumePrefix(&bearer, "Bearer ")) return signer_.IsDashboardToken(bearer);
  return false;
}

void HttpGateway::ServeFile(const std::string& name, const std::string& content_type,
                            httplib::Response& response) const {
  SecurityHeaders(response);
  response.set_content(files_.at(name), content_type.c_str());
}

void HttpGateway::Login(const httplib::Request& request, httplib::Response& response) const {
  std::string token;
  if (request.has_param("token")) {
    token = request.get_param_value("token");
  } else {
    httplib::Params form;
    httplib::detail::parse_query_text(request.body, form);
    if (auto it = form.find("token"); it != form.end()) token = it->second;
  }
  if (!signer_.IsDashboardToken(std::string(absl::StripAsciiWhitespace(token)))) {
    // Slows guessing from one connection; the token's length does the rest.
    absl::SleepFor(absl::Milliseconds(500));
    Redirect(response, "/login?failed=1");
    return;
  }
  const std::string value = signer_.Issue(absl::Now(), options_.session_lifetime);
  std::string cookie = absl::StrCat(kSessionCookieName, "=", value,
                                    "; Path=/; HttpOnly; SameSite=Strict; Max-Age=",
                                    absl::ToInt64Seconds(options_.session_lifetime));
  if (!options_.http_tls_cert.empty()) cookie += "; Secure";
  Redirect(response, "/");
  response.set_header("Set-Cookie", cookie);
}

void HttpGateway::Events(const httplib::Request& request, httplib::Response& response) {
  if (open_streams_->fetch_add(1) >= options_.max_event_streams) {
    open_streams_->fetch_sub(1);
    Json(response, 503, R"({"error":"too many live feeds open; close another dashboard"})");
    return;
  }
  // Resume point: the browser's Last-Event-ID after a reconnect, else ?after=,
  // else the recent history.
  std::optional<int64_t> after = ParseLastEventId(request.get_header_value("Last-Event-ID"));
  if (!after.has_value() && request.has_param("after")) {
    after = ParseLastEventId(request.get_param_value("after"));
  }
  auto state = std::make_shared<EventStreamState>(
      open_streams_, after.value_or(log_->StartForNewReader(kNewReaderBacklog)));
  SecurityHeaders(response);
  response.set_header("X-Accel-Buffering", "no");  // a reverse proxy must not hold events back
  std::shared_ptr<AlertLog> log = log_;
  std::shared_ptr<const DashboardApi> api = api_;
  response.set_chunked_content_provider(
      "text/event-stream", [state, log, api](std::size_t, httplib::DataSink& sink) {
        std::string out;
        if (!state->started) {
          state->started = true;
          out += SseRetry(2000);
        }
        const AlertLog::Batch batch =
            log->WaitFor(state->after, state->status_version, kHeartbeat, kAlertsPerWrite);
        if (batch.closed) {
          sink.done();
          return true;
        }
        if (batch.status.version != state->status_version) {
          state->status_version = batch.status.version;
          out += SseEvent("status", StatusJson(batch.status, log->last_sequence()));
        }
        if (batch.missing_before) {
          // Further back than the log reaches: fetch from oversightd.
          absl::StatusOr<std::vector<RelayedAlert>> fetched = api->AlertsAfter(state->after, kBackfillPage);
          if (!fetched.ok()) {
            out += SseComment(absl::StrCat("catching up failed, retrying: ", fetched.status().message()));
            absl::SleepFor(absl::Seconds(1));
          } else if (fetched->empty()) {
            state->after = batch.evicted_through;  // nothing more on the server: the log has the rest
          } else {
            for (const RelayedAlert& alert : *fetched) {
              if (alert.sequence <= state->after) continue;
              out += SseEvent("alert", alert.json, alert.sequence);
              state->after = alert.sequence;
            }
          }
        } else {
          for (const RelayedAlert& alert : batch.alerts) {
            out += SseEvent("alert", alert.json, alert.sequence);
            state->after = alert.sequence;
          }
        }
        if (out.empty()) out = SseComment("keepalive");
        return sink.write(out.data(), out.size());
      });
}

void HttpGateway::Route() {
  httplib::Server& s = *server_;
  s.Get("/login", [this](const httplib::Request& request, httplib::Response& response) {
    std::string page = files_.at("login.html");
    const std::string message =
        request.has_param("failed") ? "That token was not accepted." : "";
    absl::StrReplaceAll({{"<!--MESSAGE-->", HtmlEscape(message)}}, &page);
    SecurityHeaders(response);
    response.set_content(page, "text/html; charset=utf-8");
  });
  s.Post("/login", [this](const httplib::Request& request, httplib::Response& response) {
    Login(request, response);
  });
  s.Post("/logout", [](const httplib::Request&, httplib::Response& response) {
    Redirect(response, "/login");
    response.set_header("Set-Cookie", absl::StrCat(kSessionCookieName,
                                                   "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"));
  });
  s.Get("/style.css", [this](const httplib::Request&, httplib::Response& response) {
    ServeFile("style.css", "text/css; charset=utf-8", response);
  });
  s.Get("/", [this](const httplib::Request& request, httplib::Response& response) {
    if (!Authorised(request)) return Redirect(response, "/login");
    ServeFile("index.html", "text/html; charset=utf-8", response);
  });
  for (const char* script : {"app.js", "charts.js"}) {
    s.Get(absl::StrCat("/", script),
          [this, name = std::string(script)](const httplib::Request& request,
                                             httplib::Response& response) {
            if (!Authorised(request)) {
              return Json(response, 401, R"({"error":"log in first"})");
            }
            ServeFile(name, "text/javascript; charset=utf-8", response);
          });
  }
  // Every /api/ route checks the login first.
  auto guarded = [this](auto handler) {
    return [this, handler](const httplib::Request& request, httplib::Response& response) {
      if (!Authorised(request)) return Json(response, 401, R"({"error":"log in first"})");
      handler(request, response);
    };
  };
  s.Get("/api/providers", guarded([this](const httplib::Request&, httplib::Response& response) {
    const ApiResponse r = api_->Providers();
    Json(response, r.http_status, r.body);
  }));
  s.Get(R"(/api/providers/([A-Za-z0-9_.\-]{1,64}))",
        guarded([this](const httplib::Request& request, httplib::Response& response) {
          const ApiResponse r = api_->Provider(request.matches[1].str());
          Json(response, r.http_status, r.body);
        }));
  s.Get("/api/regions", guarded([this](const httplib::Request&, httplib::Response& response) {
    const ApiResponse r = api_->Regions();
    Json(response, r.http_status, r.body);
  }));
  s.Get("/api/status", guarded([this](const httplib::Request&, httplib::Response& response) {
    Json(response, 200, StatusJson(log_->status(), log_->last_sequence()));
  }));
  s.Get("/api/events", guarded([this](const httplib::Request& request, httplib::Response& response) {
    Events(request, response);
  }));
  s.set_error_handler([](const httplib::Request&, httplib::Response& response) {
    if (response.body.empty()) {
      SecurityHeaders(response);
      response.set_content(absl::StrCat(R"({"error":"HTTP )", response.status, R"("})"),
                           "application/json; charset=utf-8");
    }
  });
}

}  // namespace oversight::client::dashboard
