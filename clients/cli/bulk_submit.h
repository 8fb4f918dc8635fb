#pragma once
// Streaming records to BulkSubmit, shared by `oversight load` and the
// importers (`oversight import ...`): run-scoped idempotency keys, retry of a
// transport failure with the same keys, a progress bar on a terminal, and the
// server's per-record rejections turned into (source, field, reason) lines.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "clients/cli/connection.h"
#include "grpcpp/support/status.h"
#include "oversight/v1/oversight.pb.h"

namespace oversight::client {

// A key prefix unique to this run: a retry of the stream within the run
// re-sends the same keys, which the server answers from its idempotency table
// instead of storing twice; a later run uses new keys and is answered
// "unchanged" by content.
std::string NewRunId(absl::string_view command);

struct BulkOutcome {
  grpc::Status status;
  oversight::v1::BulkSubmitResponse response;
};

// Sends every request (their idempotency keys already set) in one BulkSubmit
// stream; UNAVAILABLE is retried up to three times with backoff. `progress`
// draws a bar on stdout labelled `label`.
BulkOutcome SubmitWithRetry(const Connection& connection,
                            const std::vector<oversight::v1::SubmitRequest>& requests,
                            absl::string_view label, bool progress);

struct Rejection {
  std::string source;  // FILE:LINE, a document name, or #index
  std::string field;   // the record's field, may be empty
  std::string reason;
};

// The rejected records of a response, one line per field violation, with
// `sources[i]` naming where request i came from.
std::vector<Rejection> RejectionsOf(const oversight::v1::BulkSubmitResponse& response,
                                    const std::vector<std::string>& sources);

}  // namespace oversight::client
