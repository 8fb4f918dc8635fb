#pragma once
// The JSON the page reads, each built from read-only oversightd calls:
//   GET /api/providers          every provider ranked worst first (ListProviders)
//   GET /api/providers/{id}     ProviderView + ExplainAssessment + GetAssessmentHistory
//   GET /api/regions            per region of England: GetConcentration, and the
//                               red and black providers placing children there
// gRPC failures become HTTP statuses with a JSON body {"error", "code"}.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clients/dashboard/alert_log.h"
#include "clients/dashboard/upstream.h"
#include "grpcpp/support/status.h"

namespace oversight::client::dashboard {

struct ApiResponse {
  int http_status = 200;
  std::string body;  // JSON
};

// The HTTP status for a failed upstream call: 404 for NOT_FOUND, 400 for
// INVALID_ARGUMENT, 503 when oversightd is unreachable or slow, 502 for the
// rest (the gateway's own credentials refused, a server fault).
int HttpStatusFor(const grpc::Status& status);

class DashboardApi {
 public:
  explicit DashboardApi(std::shared_ptr<const ReadOnlyOversight> upstream);

  ApiResponse Providers() const;
  ApiResponse Provider(absl::string_view provider_id) const;
  ApiResponse Regions() const;

  // Alerts after `after` straight from oversightd, oldest first: what a
  // browser resuming from further back than the in-memory log needs.
  absl::StatusOr<std::vector<RelayedAlert>> AlertsAfter(int64_t after, int limit) const;

 private:
  std::shared_ptr<const ReadOnlyOversight> upstream_;
};

}  // namespace oversight::client::dashboard
