#include "clients/import/ofsted/ofsted_register.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clients/import/ofsted/ofsted_columns.h"
#include "clients/import/ofsted/ofsted_values.h"
#include "clients/records/csv_table.h"

namespace oversight::client::ofsted {
namespace {

using C = OfstedColumn;

std::string Layout(absl::string_view file_name, const OfstedHeader& header) {
  const std::string lower_name = absl::AsciiStrToLower(file_name);
  if (header.two_header_rows) return "2016_two_header_rows";
  if (header.Has(C::kReason) || header.Has(C::kJoinerStatus) || header.Has(C::kLeaverStatus)) {
    return "joiners_leavers";
  }
  if (header.Has(C::kDateClosed)) return "closed";
  if (absl::StrContains(lower_name, "in_year")) return "in_year";
  if (absl::StrContains(lower_name, "places_at_31") ||
      NormaliseHeaderText(header.NameOf(C::kOwner)) == "organisation name") {
    return "places_at_31_aug";
  }
  return "provider_at_march";
}

// Reads the rows below the header into `out`.
class RowReader {
 public:
  RowReader(const OfstedHeader& header, OfstedRegister& out) : header_(header), out_(out) {}

  void Read(const CsvRow& row) {
    current_line_ = row.line;
    if (IsBlankOrNote(row)) return;
    problems_.clear();

    absl::StatusOr<ProvisionScope> scope = ClassifyProvisionType(Cell(row, C::kProvisionType));
    if (!scope.ok()) Problem(C::kProvisionType, scope.status().message());
    absl::StatusOr<bool> sector_in_scope = SectorInScope(Cell(row, C::kSector));
    if (!sector_in_scope.ok()) Problem(C::kSector, sector_in_scope.status().message());
    // Either one out of scope is enough: a boarding school with an unknown
    // sector, or a local-authority home of an unknown type, is not ours.
    if ((scope.ok() && scope->kind == ProvisionScope::Kind::kOutOfScope) ||
        (sector_in_scope.ok() && !*sector_in_scope)) {
      ++out_.skipped_out_of_scope;
      return;
    }

    OfstedSettingRow setting;
    setting.line = row.line;
    if (scope.ok()) setting.type = scope->type;
    setting.provision_type = std::string(Cell(row, C::kProvisionType));
    setting.sector = std::string(Cell(row, C::kSector));
    ReadUrn(row, setting);
    setting.name = std::string(Cell(row, C::kName));
    setting.local_authority = std::string(Cell(row, C::kLocalAuthority));
    if (setting.local_authority.empty()) {
      Problem(C::kLocalAuthority, "blank; every setting is in a local authority");
    }
    ReadRegion(row, setting);
    if (scope.ok()) ReadPlaces(row, setting);
    if (header_.Has(C::kJudgement)) {
      absl::StatusOr<risk::InspectionJudgement> judgement =
          ParseOfstedJudgement(Cell(row, C::kJudgement));
      if (judgement.ok()) {
        setting.judgement = *judgement;
      } else {
        Problem(C::kJudgement, judgement.status().message());
      }
    }
    setting.owner_name = std::string(Cell(row, C::kOwner));
    setting.registration_date = ReadDate(row, C::kRegistrationDate);
    setting.registration_status = std::string(Cell(row, C::kRegistrationStatus));
    setting.reason = std::string(Cell(row, C::kReason));
    if (setting.reason.empty()) {
      // Before 2023 the leavers files say only "Leaver" or "Joiner".
      setting.reason = std::string(Cell(row, C::kLeaverStatus));
      if (setting.reason.empty()) setting.reason = std::string(Cell(row, C::kJoinerStatus));
    }
    setting.date_closed = ReadDate(row, C::kDateClosed);
    if (setting.registration_status.empty() && out_.layout == "closed") {
      setting.registration_status = "Closed";
    }

    if (!problems_.empty()) {
      for (OfstedRowProblem& problem : problems_) out_.rejected.push_back(std::move(problem));
      return;
    }
    seen_urns_.emplace(setting.urn, setting.line);
    out_.settings.push_back(std::move(setting));
  }

 private:
  absl::string_view Cell(const CsvRow& row, C column) const {
    std::optional<int> i = header_.IndexOf(column);
    if (!i || static_cast<std::size_t>(*i) >= row.cells.size()) return "";
    return absl::StripAsciiWhitespace(row.cells[*i]);
  }

  void Problem(C column, absl::string_view reason) {
    problems_.push_back({current_line_, header_.NameOf(column), std::string(reason)});
  }

  // Entirely blank rows (",,,,") and notes under the table ("Source:
  // Ofsted", footnotes: one cell outside the URN column) are not settings.
  bool IsBlankOrNote(const CsvRow& row) const {
    int non_empty = 0;
    bool urn_filled = false;
    const int urn = *header_.IndexOf(C::kUrn);
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      if (absl::StripAsciiWhitespace(row.cells[i]).empty()) continue;
      ++non_empty;
      if (static_cast<int>(i) == urn) urn_filled = true;
    }
    return non_empty == 0 || (non_empty == 1 && !urn_filled);
  }

  void ReadUrn(const CsvRow& row, OfstedSettingRow& setting) {
    setting.urn = std::string(Cell(row, C::kUrn));
    if (setting.urn.empty()) {
      Problem(C::kUrn, "blank");
    } else if (!IsOfstedUrn(setting.urn)) {
      Problem(C::kUrn, absl::StrCat("\"", setting.urn, "\" is not a URN (SC and six digits, or seven digits)"));
    } else if (auto seen = seen_urns_.find(setting.urn); seen != seen_urns_.end()) {
      Problem(C::kUrn, absl::StrCat("URN ", setting.urn, " already on line ", seen->second));
    }
  }

  // The Government Office Region (ONS ITL1, the domain's regions) decides
  // when the file has it; Ofsted's own region otherwise. Ofsted's inspection
  // regions are the same nine except for a combined "North East, Yorkshire
  // and the Humber": without a GOR column (2015) the setting's local
  // authority splits it.
  void ReadRegion(const CsvRow& row, OfstedSettingRow& setting) {
    for (C column : {C::kGovernmentOfficeRegion, C::kOfstedRegion}) {
      if (Cell(row, column).empty()) continue;
      if (IsCombinedNorthEastYorkshireRegion(Cell(row, column))) {
        if (std::optional<risk::Region> region =
                RegionOfNorthEastOrYorkshireAuthority(setting.local_authority)) {
          setting.region = *region;
          return;
        }
      }
      absl::StatusOr<risk::Region> region = ParseOfstedRegion(Cell(row, column));
      if (region.ok()) {
        setting.region = *region;
      } else {
        Problem(column, region.status().message());
      }
      return;
    }
    Problem(header_.Has(C::kOfstedRegion) ? C::kOfstedRegion : C::kGovernmentOfficeRegion,
            "blank; every setting is in a region");
  }

  void ReadPlaces(const CsvRow& row, OfstedSettingRow& setting) {
    if (!header_.Has(C::kPlaces)) return;  // noted once for the file
    absl::StatusOr<std::optional<int>> places = ParseOfstedPlaces(Cell(row, C::kPlaces));
    if (!places.ok()) {
      Problem(C::kPlaces, places.status().message());
      return;
    }
    // Ofsted leaves places blank for fostering agencies (their capacity is
    // their approved carers); a children's home is always registered for a
    // number of places.
    if (!places->has_value() && setting.type == risk::SettingType::kChildrensHome) {
      Problem(C::kPlaces, "blank; a children's home is registered for a number of places");
      return;
    }
    setting.places = *places;
  }

  risk::Date ReadDate(const CsvRow& row, C column) {
    absl::StatusOr<risk::Date> date = ParseOfstedDate(Cell(row, column));
    if (date.ok()) return *date;
    Problem(column, date.status().message());
    return risk::Date();
  }

  const OfstedHeader& header_;
  OfstedRegister& out_;
  int current_line_ = 0;
  std::vector<OfstedRowProblem> problems_;
  absl::flat_hash_map<std::string, int> seen_urns_;
};

absl::Status MissingColumn(absl::string_view file_name, absl::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat(file_name, ": the header has no ", what, " column"));
}

}  // namespace

bool IsOnRegister(const OfstedSettingRow& setting) {
  if (setting.date_closed != risk::Date()) return false;
  const absl::string_view status = setting.registration_status;
  return status.empty() || absl::EqualsIgnoreCase(status, "Active") ||
         absl::EqualsIgnoreCase(status, "Suspended");
}

absl::StatusOr<OfstedRegister> ReadOfstedRegister(absl::string_view file_name, absl::string_view bytes) {
  absl::StatusOr<std::vector<CsvRow>> rows = ParseCsv(bytes);
  if (!rows.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(file_name, ": ", rows.status().message()));
  }
  std::optional<OfstedHeader> header = FindOfstedHeader(*rows);
  if (!header) {
    return absl::InvalidArgumentError(absl::StrCat(
        file_name, ": no Ofsted provider header in the first ", kHeaderSearchRows,
        " rows (looked for a URN column with at least three of: Provision type, Name, Local "
        "authority, Ofsted region, Places, Organisation which owns the provider, ...)"));
  }
  if (!header->Has(C::kProvisionType)) return MissingColumn(file_name, "Provision type");
  if (!header->Has(C::kLocalAuthority)) return MissingColumn(file_name, "Local authority");
  if (!header->Has(C::kOfstedRegion) && !header->Has(C::kGovernmentOfficeRegion)) {
    return MissingColumn(file_name, "Ofsted region (or Government Office Region)");
  }

  OfstedRegister result;
  result.layout = Layout(file_name, *header);
  if (!header->Has(C::kPlaces)) {
    result.notes.push_back("no Places column: registered places are unknown for every setting");
  }
  if (!header->Has(C::kJudgement)) {
    result.notes.push_back(
        "no overall judgement column: every setting is read as not yet inspected");
  }
  if (!header->Has(C::kOwner)) {
    result.notes.push_back("no owner column: settings cannot be linked to providers");
  }
  RowReader reader(*header, result);
  for (std::size_t r = header->header_row + 1; r < rows->size(); ++r) reader.Read((*rows)[r]);
  return result;
}

}  // namespace oversight::client::ofsted
