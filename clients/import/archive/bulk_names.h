#pragma once
// Names in the Companies House accounts bulk product: zip files
// ("Accounts_Bulk_Data-2024-03-05.zip", "Accounts_Monthly_Data-March2024.zip")
// and their members ("Prod223_2125_09707484_20170731.html": run, company
// number, balance-sheet date).

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "risk/domain/company_number.h"
#include "risk/domain/iso_date.h"

namespace oversight::client::archive {

// One definition for every importer: risk/domain/company_number.h.
using risk::PadCompanyNumber;

struct BulkMemberName {
  std::string company_number;  // padded (PadCompanyNumber)
  risk::Date balance_sheet_date;
};

// Parses a bulk member name following ^(Prod\d+_\d+)_([^_]+)_(\d{8})\.(html|xml)$
// (the pattern of the open-source readers; a directory prefix inside the zip
// is ignored). nullopt when the name does not follow it or the date does not
// exist.
std::optional<BulkMemberName> ParseBulkMemberName(absl::string_view name);

// "Accounts_Bulk_Data-2024-03-05.zip" -> 2024-03-05;
// "Accounts_Monthly_Data-March2024.zip" -> 2024-03-31 (the month's last
// day; English month names, full or three letters). A directory prefix is
// ignored. nullopt for any other name.
std::optional<risk::Date> ParseBulkArchiveDate(absl::string_view zip_file_name);

}  // namespace oversight::client::archive
