#include "clients/import/companies/companies_house_response.h"

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "clients/import/companies/company_number.h"
#include "clients/import/companies/json_fields.h"
#include "clients/import/companies/response_readers.h"

namespace oversight::client::companies {
namespace {

enum class ResponseKind { kProfile, kFilingHistory, kPersonsWithSignificantControl, kUnknown };

bool IsPscKind(absl::string_view kind) {
  for (absl::string_view marker :
       {"person-with-significant-control", "corporate-entity", "individual", "legal-person", "super-secure"}) {
    if (absl::StrContains(kind, marker)) return true;
  }
  return false;
}

// Looks at the shape only; field types are checked by the readers.
ResponseKind Recognise(const nlohmann::json& root) {
  if (root.contains("company_number") && root.contains("company_status")) return ResponseKind::kProfile;
  auto items = root.find("items");
  if (items == root.end() || !items->is_array()) return ResponseKind::kUnknown;
  if (root.contains("filing_history_status")) return ResponseKind::kFilingHistory;
  for (const nlohmann::json& item : *items) {
    if (!item.is_object()) continue;
    if (item.contains("transaction_id")) return ResponseKind::kFilingHistory;
    auto kind = item.find("kind");
    if (kind != item.end() && kind->is_string() && IsPscKind(kind->get_ref<const std::string&>())) {
      return ResponseKind::kPersonsWithSignificantControl;
    }
  }
  auto links = root.find("links");
  if (links != root.end() && links->is_object()) {
    auto self = links->find("self");
    if (self != links->end() && self->is_string() &&
        absl::StrContains(self->get_ref<const std::string&>(), "/persons-with-significant-control")) {
      return ResponseKind::kPersonsWithSignificantControl;
    }
  }
  return ResponseKind::kUnknown;
}

// A list response names its company only in its links, or in the file name.
std::optional<std::string> ListCompanyNumber(const JsonObjectView& root, absl::string_view file_name) {
  if (auto number = CompanyNumberFromLink(root.Object("links").String("self"))) return number;
  for (const JsonObjectView& item : root.ObjectArray("items")) {
    if (auto number = CompanyNumberFromLink(item.Object("links").String("self"))) return number;
  }
  return CompanyNumberFromFileName(file_name);
}

}  // namespace

absl::StatusOr<CompaniesHouseResponse> ReadCompaniesHouseResponse(absl::string_view file_name,
                                                                  absl::string_view bytes) {
  // Saved by a browser or an editor, the file may start with a UTF-8
  // byte-order mark, which is not JSON.
  absl::ConsumePrefix(&bytes, "\xEF\xBB\xBF");
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(bytes.begin(), bytes.end());
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann reports where parsing stopped; it throws, we return.
    return absl::InvalidArgumentError(
        absl::StrCat(file_name, ": not valid JSON at byte ", e.byte, ": ", e.what()));
  }
  if (!root.is_object()) {
    return absl::InvalidArgumentError(
        absl::StrCat(file_name, ": expected a JSON object at the top level, got ", root.type_name()));
  }

  JsonErrors errors(file_name);
  const JsonObjectView view(&root, "", &errors);
  CompaniesHouseResponse response;
  const ResponseKind kind = Recognise(root);
  switch (kind) {
    case ResponseKind::kProfile:
      response = ReadCompanyProfile(view, errors);
      break;
    case ResponseKind::kFilingHistory:
    case ResponseKind::kPersonsWithSignificantControl: {
      std::optional<std::string> number = ListCompanyNumber(view, file_name);
      if (!errors.status().ok()) return errors.status();
      if (!number) {
        return absl::InvalidArgumentError(absl::StrCat(
            file_name, ": no company number: none in links.self or items[].links.self, and no "
                       "8-character company number in the file name"));
      }
      if (kind == ResponseKind::kFilingHistory) {
        response = ReadFilingHistory(view, std::move(*number));
      } else {
        response = ReadPersonsWithSignificantControl(view, std::move(*number), errors);
      }
      break;
    }
    case ResponseKind::kUnknown:
      return absl::InvalidArgumentError(absl::StrCat(
          file_name,
          ": not a Companies House company profile (company_number and company_status), filing "
          "history (items[] with transaction_id) or persons-with-significant-control list (items[] "
          "with a person-with-significant-control kind)"));
  }
  if (!errors.status().ok()) return errors.status();
  return response;
}

}  // namespace oversight::client::companies
