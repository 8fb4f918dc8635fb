#include "server/alerts/alert_rows.h"

#include "absl/strings/str_cat.h"

namespace oversight::server {

absl::StatusOr<oversight::v1::Alert> AlertFromRow(const AlertRow& row) {
  oversight::v1::Alert alert;
  if (!alert.ParseFromString(row.payload)) {
    return absl::DataLossError(
        absl::StrCat("alert ", row.sequence, ": stored payload is not an oversight.v1.Alert"));
  }
  alert.set_sequence(row.sequence);
  if (!row.created_at.empty()) alert.set_created_at(row.created_at);
  alert.set_acknowledged_by(row.acknowledged_by);
  alert.set_acknowledged_at(row.acknowledged_at);
  return alert;
}

}  // namespace oversight::server
