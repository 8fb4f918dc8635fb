#pragma once
// Ofsted's children's social care provider files (docs/import.md, "Ofsted
// register"): one row per registered setting with its provision type, local
// authority, region, places, latest judgement and owner. The layout changes
// between releases; ReadOfstedRegister recognises the header by its column
// names, wherever it is, and reads every layout into the same rows.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "risk/domain/iso_date.h"
#include "risk/domain/region.h"
#include "risk/domain/setting.h"

namespace oversight::client::ofsted {

// One in-scope setting (a children's home or an independent fostering
// agency run by a private or voluntary provider).
struct OfstedSettingRow {
  int line = 0;                  // physical line the row starts on
  std::string urn;               // "SC123456" or seven digits
  risk::SettingType type = risk::SettingType::kChildrensHome;
  std::string provision_type;    // as written, e.g. "Residential special school (registered as a children's home)"
  std::string sector;            // Private, Voluntary (blank when the file has no sector column)
  std::string name;              // "REDACTED" kept as is
  std::string local_authority;
  risk::Region region = risk::Region::kLondon;
  std::optional<int> places;     // nullopt: a fostering agency with blank places, or no places column
  risk::InspectionJudgement judgement = risk::InspectionJudgement::kNotYetInspected;
  std::string owner_name;        // as written; empty when the file leaves it blank
  risk::Date registration_date;  // null when blank or absent
  std::string registration_status;  // as written ("Active", "Resigned"...); "Closed" in closed-homes files without one
  std::string reason;            // joiners and leavers files: Ofsted's "Reason"; empty otherwise
  risk::Date date_closed;        // closed-homes files; null otherwise
};

// A row that could not be read, naming the column as the file writes it.
struct OfstedRowProblem {
  int line = 0;
  std::string column;
  std::string reason;
};

struct OfstedRegister {
  // Which release layout the file follows: "provider_at_march",
  // "places_at_31_aug", "in_year", "closed", "joiners_leavers",
  // "2016_two_header_rows". Informational: every layout is read the same way.
  std::string layout;
  std::vector<OfstedSettingRow> settings;
  std::vector<OfstedRowProblem> rejected;
  // Rows of provision types or sectors outside the regime (secure homes,
  // supported accommodation, local-authority homes...): counted, not read.
  int skipped_out_of_scope = 0;
  // File-level observations for the analyst, e.g. a missing places column.
  std::vector<std::string> notes;
};

// Whether a row describes a setting still on the register: no closure date,
// and a registration status (when the file gives one) of "Active" or
// "Suspended" (suspended settings stay registered). Leavers and closed-homes
// files list settings that have left: "Resigned", "Cancelled", "Closed".
bool IsOnRegister(const OfstedSettingRow& setting);

// Reads one provider file. Fails (INVALID_ARGUMENT, naming the file) when
// the CSV itself is malformed or no header row is recognised within the
// first 20 rows, or when a column every row needs is missing; a bad row is
// rejected on its own and the rest are read.
absl::StatusOr<OfstedRegister> ReadOfstedRegister(absl::string_view file_name, absl::string_view bytes);

}  // namespace oversight::client::ofsted
