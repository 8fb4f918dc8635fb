// The gateway against an in-process fake oversightd on 127.0.0.1: the login
// guards every data route, the JSON endpoints proxy the read RPCs, and the
// event stream relays alerts with id: = sequence and resumes from
// Last-Event-ID.
#include "clients/dashboard/http_gateway.h"

#include <httplib.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "clients/dashboard/alert_relay.h"
#include "clients/dashboard/upstream.h"
#include "gmock/gmock.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace oversight::client::dashboard {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kToken[] = "dashboard-test-token-0123456789";

class FakeOversight final : public v1::OversightService::Service {
 public:
  FakeOversight() {
    for (int64_t s = 1; s <= 3; ++s) alerts_.push_back(MakeAlert(s));
  }

  static v1::Alert MakeAlert(int64_t sequence) {
    v1::Alert alert;
    alert.set_sequence(sequence);
    alert.set_key(absl::StrCat("k", sequence));
    alert.set_provider_id("P001");
    alert.set_kind(v1::ALERT_KIND_COVENANT_BREACHED);
    alert.set_severity(v1::ALERT_SEVERITY_CRITICAL);
    alert.set_title(absl::StrCat("alert ", sequence));
    return alert;
  }

  grpc::Status ListProviders(grpc::ServerContext*, const v1::ListProvidersRequest* request,
                             v1::ListProvidersResponse* response) override {
    if (request->rating() != v1::RATING_UNSPECIFIED && request->rating() != v1::RATING_RED) {
      return grpc::Status::OK;
    }
    auto* p = response->add_providers();
    p->set_provider_id("P001");
    p->set_name("Harbourline Care Group Ltd");
    p->set_rank(1);
    p->set_rating(v1::RATING_RED);
    p->set_net_debt_to_ebitda(4.9);
    p->set_children_placed(640);
    response->set_total(1);
    return grpc::Status::OK;
  }
  grpc::Status GetProvider(grpc::ServerContext*, const v1::GetProviderRequest* request,
                           v1::ProviderView* response) override {
    if (request->provider_id() != "P001") {
      return grpc::Status(grpc::StatusCode::NOT_FOUND, "provider_id: no such provider");
    }
    response->mutable_provider()->set_provider_id("P001");
    return grpc::Status::OK;
  }
  grpc::Status ExplainAssessment(grpc::ServerContext*, const v1::ExplainAssessmentRequest*,
                                 v1::Assessment* response) override {
    response->set_provider_id("P001");
    response->mutable_explanation()->add_reasons("net debt 4.9x EBITDA");
    return grpc::Status::OK;
  }
  grpc::Status GetAssessmentHistory(grpc::ServerContext*, const v1::GetAssessmentHistoryRequest*,
                                    v1::AssessmentHistory* response) override {
    auto* a = response->add_assessments();
    a->set_as_of("2026-03-31");
    a->mutable_explanation()->add_reasons("dropped from history");
    return grpc::Status::OK;
  }
  grpc::Status GetConcentration(grpc::ServerContext*, const v1::GetConcentrationRequest* request,
                                v1::Concentration* response) override {
    response->set_area(v1::Region_Name(request->region()));
    response->set_hhi(1200);
    return grpc::Status::OK;
  }
  grpc::Status ListAlerts(grpc::ServerContext*, const v1::ListAlertsRequest* request,
                          v1::ListAlertsResponse* response) override {
    absl::MutexLock lock(&mu_);
    for (const v1::Alert& alert : alerts_) {
      if (alert.sequence() > request->after_sequence()) *response->add_alerts() = alert;
    }
    return grpc::Status::OK;
  }
  grpc::Status SubscribeAlerts(grpc::ServerContext* context, const v1::SubscribeAlertsRequest* request,
                               grpc::ServerWriter<v1::Alert>* writer) override {
    int64_t after = request->after_sequence();
    while (!context->IsCancelled()) {
      std::vector<v1::Alert> pending;
      {
        absl::MutexLock lock(&mu_);
        // Polls for cancellation: a sync handler has no other way to learn of it.
        const auto more = [this, after]() ABSL_NO_THREAD_SAFETY_ANALYSIS {
          return alerts_.back().sequence() > after;
        };
        mu_.AwaitWithTimeout(absl::Condition(&more), absl::Milliseconds(50));
        for (const v1::Alert& alert : alerts_) {
          if (alert.sequence() > after) pending.push_back(alert);
        }
      }
      for (const v1::Alert& alert : pending) {
        if (!writer->Write(alert)) return grpc::Status::OK;
        after = alert.sequence();
      }
    }
    return grpc::Status::OK;
  }

  void AddAlert(int64_t sequence) {
    absl::MutexLock lock(&mu_);
    alerts_.push_back(MakeAlert(sequence));
  }

 private:
  absl::Mutex mu_;
  std::vector<v1::Alert> alerts_ ABSL_GUARDED_BY(mu_);
};

class HttpGatewayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    int grpc_port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &grpc_port);
    builder.RegisterService(&fake_);
    grpc_server_ = builder.BuildAndStart();
    ASSERT_NE(grpc_server_, nullptr);

    GatewayOptions options;
    options.upstream.server = absl::StrCat("127.0.0.1:", grpc_port);
    options.upstream.insecure = true;
    options.listen_host = "127.0.0.1";
    options.listen_port = 0;
    options.dashboard_token = kToken;
    options.web_root = OVERSIGHT_DASHBOARD_WEB_DIR;
    options.max_event_streams = 4;
    auto upstream = ReadOnlyOversight::Open(options.upstream);
    ASSERT_TRUE(upstream.ok()) << upstream.status();
    log_ = std::make_shared<AlertLog>(100);
    relay_ = std::make_unique<AlertRelay>(*upstream, log_.get());
    relay_->Start();
    auto gateway = HttpGateway::Create(options, std::make_shared<DashboardApi>(*upstream), log_);
    ASSERT_TRUE(gateway.ok()) << gateway.status();
    gateway_ = *std::move(gateway);
    auto port = gateway_->Bind();
    ASSERT_TRUE(port.ok()) << port.status();
    port_ = *port;
    serving_ = std::thread([this] { gateway_->Serve(); });
  }

  void TearDown() override {
    if (log_) log_->Close();
    if (gateway_) gateway_->Stop();
    if (serving_.joinable()) serving_.join();
    if (relay_) relay_->Stop();
    if (grpc_server_) grpc_server_->Shutdown();
  }

  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(60, 0);
    return client;
  }

  static httplib::Headers Bearer() { return {{"Authorization", absl::StrCat("Bearer ", kToken)}}; }

  // Reads the event stream until `want` alerts arrived; returns their ids.
  std::vector<int64_t> ReadAlertIds(const httplib::Headers& headers, std::size_t want,
                                    std::string* raw) {
    std::vector<int64_t> ids;
    httplib::Client client = Client();
    std::string buffer;
    client.Get("/api/events", headers, [&](const char* data, std::size_t size) {
      buffer.append(data, size);
      std::size_t end;
      while ((end = buffer.find("\n\n")) != std::string::npos) {
        const std::string event = buffer.substr(0, end);
        buffer.erase(0, end + 2);
        raw->append(event + "\n\n");
        if (event.rfind("id: ", 0) == 0 && event.find("event: alert") != std::string::npos) {
          ids.push_back(std::stoll(event.substr(4, event.find('\n') - 4)));
        }
      }
      return ids.size() < want;
    });
    return ids;
  }

  FakeOversight fake_;
  std::unique_ptr<grpc::Server> grpc_server_;
  std::shared_ptr<AlertLog> log_;
  std::unique_ptr<AlertRelay> relay_;
  std::unique_ptr<HttpGateway> gateway_;
  std::thread serving_;
  int port_ = 0;
};

TEST_F(HttpGatewayTest, EveryDataRouteNeedsALogin) {
  httplib::Client client = Client();
  for (const char* path : {"/api/providers", "/api/providers/P001", "/api/regions", "/api/status",
                           "/api/events", "/app.js"}) {
    auto r = client.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 401) << path;
    EXPECT_THAT(r->body, Not(HasSubstr("Harbourline"))) << path;
  }
  auto page = client.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 303);
  EXPECT_EQ(page->get_header_value("Location"), "/login");
  auto login = client.Get("/login");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 200);
  EXPECT_THAT(login->body, HasSubstr("name=\"token\""));
  EXPECT_THAT(login->get_header_value("Content-Security-Policy"), HasSubstr("default-src 'self'"));
  auto wrong_cookie = client.Get("/api/providers", {{"Cookie", "oversight_dashboard=v1.9999999999.00.00"}});
  ASSERT_TRUE(wrong_cookie);
  EXPECT_EQ(wrong_cookie->status, 401);
}

TEST_F(HttpGatewayTest, AWrongTokenIsRefusedAndTheRightOneSetsASessionCookie) {
  httplib::Client client = Client();
  auto wrong = client.Post("/login", "token=not-the-token", "application/x-www-form-urlencoded");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 303);
  EXPECT_EQ(wrong->get_header_value("Location"), "/login?failed=1");
  EXPECT_FALSE(wrong->has_header("Set-Cookie"));

  auto right = client.Post("/login", absl::StrCat("token=", kToken), "application/x-www-form-urlencoded");
  ASSERT_TRUE(right);
  EXPECT_EQ(right->status, 303);
  EXPECT_EQ(right->get_header_value("Location"), "/");
  const std::string set_cookie = right->get_header_value("Set-Cookie");
  EXPECT_THAT(set_cookie, HasSubstr("HttpOnly"));
  EXPECT_THAT(set_cookie, HasSubstr("SameSite=Strict"));
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));

  auto providers = client.Get("/api/providers", {{"Cookie", cookie}});
  ASSERT_TRUE(providers);
  ASSERT_EQ(providers->status, 200) << providers->body;
  const nlohmann::json body = nlohmann::json::parse(providers->body);
  ASSERT_EQ(body["providers"].size(), 1u) << providers->body;
  EXPECT_EQ(body["providers"][0]["provider_id"], "P001");
  EXPECT_EQ(body["providers"][0]["rating"], "RATING_RED");
  EXPECT_DOUBLE_EQ(body["providers"][0]["net_debt_to_ebitda"].get<double>(), 4.9);
  auto page = client.Get("/", {{"Cookie", cookie}});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->body, HasSubstr("id=\"providers\""));
}

TEST_F(HttpGatewayTest, ProviderDetailAndRegionsProxyTheReadCalls) {
  httplib::Client client = Client();
  auto detail = client.Get("/api/providers/P001", Bearer());
  ASSERT_TRUE(detail);
  ASSERT_EQ(detail->status, 200) << detail->body;
  const nlohmann::json body = nlohmann::json::parse(detail->body);
  EXPECT_EQ(body["view"]["provider"]["provider_id"], "P001");
  EXPECT_EQ(body["assessment"]["explanation"]["reasons"][0], "net debt 4.9x EBITDA");
  ASSERT_EQ(body["history"].size(), 1u);
  EXPECT_FALSE(body["history"][0].contains("explanation")) << "history carries figures only";

  auto missing = client.Get("/api/providers/P999", Bearer());
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404) << "NOT_FOUND maps to 404";
  EXPECT_THAT(missing->body, HasSubstr("no such provider"));
  auto invalid = client.Get("/api/providers/..%2Fetc", Bearer());
  ASSERT_TRUE(invalid);
  EXPECT_EQ(invalid->status, 404) << "ids outside [A-Za-z0-9_.-] match no route";

  auto regions = client.Get("/api/regions", Bearer());
  ASSERT_TRUE(regions);
  ASSERT_EQ(regions->status, 200) << regions->body;
  const nlohmann::json grid = nlohmann::json::parse(regions->body)["regions"];
  ASSERT_EQ(grid.size(), 9u) << "England's nine regions";
  EXPECT_EQ(grid[0]["region"], "REGION_NORTH_EAST");
  EXPECT_DOUBLE_EQ(grid[0]["concentration"]["hhi"].get<double>(), 1200);
  ASSERT_EQ(grid[0]["at_risk"].size(), 1u) << "the red provider, asked for by rating";
}

TEST_F(HttpGatewayTest, TheEventStreamRelaysAlertsAndResumesFromLastEventId) {
  std::string raw;
  EXPECT_THAT(ReadAlertIds(Bearer(), 3, &raw), ElementsAre(1, 2, 3));
  EXPECT_THAT(raw, HasSubstr("event: status\ndata: {"));
  EXPECT_THAT(raw, HasSubstr("\"title\":\"alert 2\""));

  // A live alert after the browser's last one, and a reconnect from #2.
  fake_.AddAlert(4);
  httplib::Headers resume = Bearer();
  resume.emplace("Last-Event-ID", "2");
  std::string resumed_raw;
  EXPECT_THAT(ReadAlertIds(resume, 2, &resumed_raw), ElementsAre(3, 4));
}

}  // namespace
}  // namespace oversight::client::dashboard
