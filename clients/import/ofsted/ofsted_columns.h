#pragma once
// The columns of Ofsted's children's social care provider files and the
// names each has carried over the years. Ofsted renames columns between
// releases ("Organisation which owns the provider" in the March files,
// "Organisation name" in the 31 August places files, "Owner" elsewhere), so a
// column is found by any of its names, never by position.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "clients/records/csv_table.h"

namespace oversight::client::ofsted {

enum class OfstedColumn {
  kUrn,
  kProvisionType,
  kSector,
  kName,
  kLocalAuthority,
  kOfstedRegion,
  kGovernmentOfficeRegion,
  kPlaces,
  kJudgement,
  kOwner,
  kRegistrationDate,
  kRegistrationStatus,
  kReason,        // joiners and leavers files (2023 on)
  kJoinerStatus,  // joiners and leavers files: "Joiner" or blank
  kLeaverStatus,  // joiners and leavers files: "Leaver" or blank
  kDateClosed,    // closed-homes files; leavers files under several names
};
inline constexpr int kOfstedColumnCount = 16;

// Header text as the files write it, normalised for comparison: whitespace
// runs (including the line breaks Ofsted puts inside quoted header cells)
// collapse to one space, the ends are trimmed, letters are lower-cased and
// the typographic apostrophe becomes a plain one.
std::string NormaliseHeaderText(absl::string_view text);

// The column a (normalised) header names, if any. Most names must match
// whole; a few are prefixes of headers Ofsted dates ("Registration status at
// 31 March 2019", "Registration status (as at 1 April 2024)"): when several
// headers of a file match the same prefix, the last (the latest date) is read.
struct ColumnName {
  OfstedColumn column;
  bool by_prefix = false;
};
std::optional<ColumnName> ColumnNamed(absl::string_view normalised_header);

// Where each column is in a file, and what the file calls it.
struct OfstedHeader {
  int header_row = 0;        // index into the CSV rows of the (last) header row
  bool two_header_rows = false;
  std::array<std::optional<int>, kOfstedColumnCount> index;  // cell index of each column
  std::vector<std::string> names;  // per cell index, the header as the file writes it (collapsed)

  std::optional<int> IndexOf(OfstedColumn column) const {
    return index[static_cast<int>(column)];
  }
  bool Has(OfstedColumn column) const { return IndexOf(column).has_value(); }
  // The file's own name for a column, for messages ("Organisation name").
  std::string NameOf(OfstedColumn column) const;
  // The canonical name of a column ("Organisation which owns the provider").
  static absl::string_view CanonicalName(OfstedColumn column);
};

// Finds the header among the first `kHeaderSearchRows` rows: the first row
// with a URN column and at least three other known columns. Preamble rows
// (titles, "Source: Ofsted", release dates) above it are skipped. A second
// header row is recognised either below the header (its URN cell blank and
// some cell naming a known column on its own or after the cell above it) or
// directly above it (group headings such as 2016's "Provider information",
// "Latest Full Inspection information": two or more cells, none of them a
// column name); group headings also complete a blank header cell below them.
// nullopt when no row qualifies.
inline constexpr int kHeaderSearchRows = 20;
std::optional<OfstedHeader> FindOfstedHeader(const std::vector<CsvRow>& rows);

}  // namespace oversight::client::ofsted
