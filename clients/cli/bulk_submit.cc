#include "clients/cli/bulk_submit.h"

#include <cstdint>
#include <iostream>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "clients/cli/command.h"
#include "proto/codec/status_codec.h"

namespace oversight::client {
namespace {

void DrawProgress(absl::string_view label, std::size_t done, std::size_t total) {
  constexpr int kWidth = 30;
  const int filled = total == 0 ? kWidth : static_cast<int>(kWidth * done / total);
  std::cout << "\r" << label << " [" << std::string(filled, '#') << std::string(kWidth - filled, ' ') << "] "
            << done << "/" << total << std::flush;
}

BulkOutcome SubmitOnce(const Connection& connection, const std::vector<oversight::v1::SubmitRequest>& requests,
                       absl::string_view label, bool progress) {
  BulkOutcome outcome;
  auto context = connection.NewContext(kBatchTimeout);
  auto writer = connection.stub().BulkSubmit(context.get(), &outcome.response);
  for (std::size_t i = 0; i < requests.size(); ++i) {
    if (!writer->Write(requests[i])) break;  // the stream failed; Finish says why
    if (progress && (i % 16 == 0 || i + 1 == requests.size())) DrawProgress(label, i + 1, requests.size());
  }
  writer->WritesDone();
  outcome.status = writer->Finish();
  if (progress) std::cout << "\r" << std::string(70, ' ') << "\r" << std::flush;
  return outcome;
}

}  // namespace

std::string NewRunId(absl::string_view command) {
  std::random_device device;
  std::mt19937_64 generator((static_cast<std::uint64_t>(device()) << 32) ^ device() ^
                            static_cast<std::uint64_t>(absl::ToUnixNanos(absl::Now())));
  return absl::StrFormat("%s-%d-%016x", command, absl::ToUnixSeconds(absl::Now()), generator());
}

BulkOutcome SubmitWithRetry(const Connection& connection, const std::vector<oversight::v1::SubmitRequest>& requests,
                            absl::string_view label, bool progress) {
  BulkOutcome outcome;
  absl::Duration backoff = absl::Milliseconds(500);
  for (int attempt = 1;; ++attempt) {
    outcome = SubmitOnce(connection, requests, label, progress);
    if (outcome.status.error_code() != grpc::StatusCode::UNAVAILABLE || attempt == 4) break;
    std::cerr << "oversight " << label << ": server unavailable (" << outcome.status.error_message()
              << "); retrying in " << absl::FormatDuration(backoff) << "\n";
    absl::SleepFor(backoff);
    backoff *= 2;
  }
  return outcome;
}

std::vector<Rejection> RejectionsOf(const oversight::v1::BulkSubmitResponse& response,
                                    const std::vector<std::string>& sources) {
  std::vector<Rejection> rejections;
  for (const auto& result : response.results()) {
    if (!result.has_error() || result.error().code() == 0) continue;
    const auto index = static_cast<std::size_t>(result.index());
    const std::string source = index < sources.size() ? sources[index] : absl::StrCat("#", index);
    const std::vector<risk::FieldViolation> violations = codec::FieldViolationsOf(result.error());
    if (violations.empty()) rejections.push_back({source, "", result.error().message()});
    for (const risk::FieldViolation& violation : violations) {
      rejections.push_back({source, violation.field, violation.reason});
    }
  }
  return rejections;
}

}  // namespace oversight::client
