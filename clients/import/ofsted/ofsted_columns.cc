#include "clients/import/ofsted/ofsted_columns.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace oversight::client::ofsted {
namespace {

struct ColumnNames {
  OfstedColumn column;
  absl::string_view canonical;
  // Every spelling seen in a release, normalised (NormaliseHeaderText). A
  // trailing '*' matches any header starting with the rest.
  std::vector<absl::string_view> synonyms;
};

const std::vector<ColumnNames>& ColumnTable() {
  static const auto* const table = new std::vector<ColumnNames>{
      // Spellings from Ofsted's releases of September 2014 to March 2025.
      {OfstedColumn::kUrn, "URN", {"urn"}},
      {OfstedColumn::kProvisionType, "Provision type",
       {"provision type", "provider type", "type of provision"}},
      {OfstedColumn::kSector, "Sector", {"sector"}},
      {OfstedColumn::kName, "Name", {"name", "setting name", "provider name"}},
      {OfstedColumn::kLocalAuthority, "Local authority",
       {"local authority", "local authority name", "la"}},
      {OfstedColumn::kOfstedRegion, "Ofsted region", {"ofsted region", "region"}},
      {OfstedColumn::kGovernmentOfficeRegion, "Government Office Region",
       {"government office region", "gor"}},
      {OfstedColumn::kPlaces, "Places",
       {"places", "number of places", "registered places", "max/estimated places"}},
      // The headline judgement of the inspection framework in force: "Overall
      // experiences and progress of children and young people" (SCCIF, 2017
      // on), "Overall effectiveness" before it.
      {OfstedColumn::kJudgement, "Overall experiences and progress of children and young people",
       {"overall experiences and progress of children and young people", "overall effectiveness"}},
      {OfstedColumn::kOwner, "Organisation which owns the provider",
       {"organisation which owns the provider", "organisation name", "owner", "owner name"}},
      {OfstedColumn::kRegistrationDate, "Registration date",
       {"registration date", "date of registration",
        "first effective date (that the provider became active)"}},
      {OfstedColumn::kRegistrationStatus, "Registration status",
       {"registration status", "reg status", "registration status at *", "registration status (as at *"}},
      {OfstedColumn::kReason, "Reason", {"reason"}},
      {OfstedColumn::kJoinerStatus, "Joiner status", {"joiner status"}},
      {OfstedColumn::kLeaverStatus, "Leaver status", {"leaver status"}},
      {OfstedColumn::kDateClosed, "Date closed",
       {"date closed", "closure date", "cancelled or resigned date", "resigned/closed date",
        "first effective date (that the provider closed)"}},
  };
  return *table;
}

// Whitespace runs to one space, ends trimmed; case kept (for messages).
std::string CollapseWhitespace(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

absl::string_view Cell(const CsvRow& row, std::size_t i) {
  return i < row.cells.size() ? absl::string_view(row.cells[i]) : absl::string_view();
}

int NonEmptyCells(const CsvRow& row) {
  int n = 0;
  for (const std::string& cell : row.cells) {
    if (!absl::StripAsciiWhitespace(cell).empty()) ++n;
  }
  return n;
}

bool NamesAnyColumn(const CsvRow& row) {
  for (const std::string& cell : row.cells) {
    if (ColumnNamed(NormaliseHeaderText(cell))) return true;
  }
  return false;
}

// Maps the cells of one row; returns how many distinct columns were found.
int MapRow(const CsvRow& row, OfstedHeader& header) {
  int found = 0;
  header.index.fill(std::nullopt);
  header.names.assign(row.cells.size(), std::string());
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    header.names[i] = CollapseWhitespace(row.cells[i]);
    std::optional<ColumnName> named = ColumnNamed(NormaliseHeaderText(row.cells[i]));
    if (!named) continue;
    const bool seen = header.Has(named->column);
    if (seen && !named->by_prefix) continue;  // the first of two equal names is read
    header.index[static_cast<int>(named->column)] = static_cast<int>(i);
    if (!seen) ++found;
  }
  return found;
}

// Tries to name the still-unmapped cells of the header from a companion row
// (group headings above, or sub-headings below). Returns the columns gained.
int MergeCompanionRow(const CsvRow& companion, bool companion_above, OfstedHeader& header) {
  int gained = 0;
  const std::size_t width = std::max(companion.cells.size(), header.names.size());
  header.names.resize(width);
  for (std::size_t i = 0; i < width; ++i) {
    bool mapped = false;
    for (const auto& index : header.index) {
      if (index == static_cast<int>(i)) mapped = true;
    }
    const std::string other = CollapseWhitespace(Cell(companion, i));
    if (mapped || other.empty()) continue;
    const std::string own = header.names[i];
    std::vector<std::string> candidates;
    if (!own.empty()) {
      candidates.push_back(companion_above ? absl::StrCat(other, " ", own)
                                           : absl::StrCat(own, " ", other));
    }
    if (own.empty() || !companion_above) candidates.push_back(other);
    for (const std::string& candidate : candidates) {
      std::optional<ColumnName> named = ColumnNamed(NormaliseHeaderText(candidate));
      if (!named || header.Has(named->column)) continue;
      header.index[static_cast<int>(named->column)] = static_cast<int>(i);
      header.names[i] = candidate;
      ++gained;
      break;
    }
  }
  return gained;
}

}  // namespace

std::string NormaliseHeaderText(absl::string_view text) {
  std::string collapsed = CollapseWhitespace(text);
  std::string out;
  out.reserve(collapsed.size());
  for (std::size_t i = 0; i < collapsed.size(); ++i) {
    // U+2019 RIGHT SINGLE QUOTATION MARK, as spreadsheets write apostrophes.
    if (collapsed.compare(i, 3, "\xE2\x80\x99") == 0) {
      out.push_back('\'');
      i += 2;
      continue;
    }
    out.push_back(absl::ascii_tolower(static_cast<unsigned char>(collapsed[i])));
  }
  return out;
}

std::optional<ColumnName> ColumnNamed(absl::string_view normalised_header) {
  for (const ColumnNames& entry : ColumnTable()) {
    for (absl::string_view synonym : entry.synonyms) {
      if (absl::ConsumeSuffix(&synonym, "*")) {
        if (absl::StartsWith(normalised_header, synonym)) return ColumnName{entry.column, true};
      } else if (synonym == normalised_header) {
        return ColumnName{entry.column, false};
      }
    }
  }
  return std::nullopt;
}

absl::string_view OfstedHeader::CanonicalName(OfstedColumn column) {
  for (const ColumnNames& entry : ColumnTable()) {
    if (entry.column == column) return entry.canonical;
  }
  return "";
}

std::string OfstedHeader::NameOf(OfstedColumn column) const {
  std::optional<int> i = IndexOf(column);
  if (i && static_cast<std::size_t>(*i) < names.size() && !names[*i].empty()) return names[*i];
  return std::string(CanonicalName(column));
}

std::optional<OfstedHeader> FindOfstedHeader(const std::vector<CsvRow>& rows) {
  const std::size_t limit = std::min<std::size_t>(rows.size(), kHeaderSearchRows);
  for (std::size_t r = 0; r < limit; ++r) {
    OfstedHeader header;
    header.header_row = static_cast<int>(r);
    const int found = MapRow(rows[r], header);
    if (!header.Has(OfstedColumn::kUrn) || found < 4) continue;

    if (r + 1 < rows.size()) {
      const int urn = *header.IndexOf(OfstedColumn::kUrn);
      const bool urn_blank = absl::StripAsciiWhitespace(Cell(rows[r + 1], urn)).empty();
      if (urn_blank) {
        OfstedHeader merged = header;
        if (MergeCompanionRow(rows[r + 1], /*companion_above=*/false, merged) > 0) {
          merged.two_header_rows = true;
          merged.header_row = static_cast<int>(r + 1);
          return merged;
        }
      }
    }
    if (r > 0 && NonEmptyCells(rows[r - 1]) >= 2 && !NamesAnyColumn(rows[r - 1])) {
      OfstedHeader merged = header;
      MergeCompanionRow(rows[r - 1], /*companion_above=*/true, merged);
      merged.two_header_rows = true;
      return merged;
    }
    return header;
  }
  return std::nullopt;
}

}  // namespace oversight::client::ofsted
