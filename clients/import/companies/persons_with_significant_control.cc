#include "clients/import/companies/persons_with_significant_control.h"

#include <array>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clients/import/companies/company_number.h"
#include "clients/import/companies/response_readers.h"

namespace oversight::client::companies {
namespace {

// The natures of control that make a controller a parent (see
// ParentCompany): matched as prefixes so that the "-as-trust", "-as-firm" and
// "-limited-liability-partnership" forms count too.
constexpr std::array<absl::string_view, 8> kMajorityControl = {
    "ownership-of-shares-50-to-75-percent",
    "ownership-of-shares-75-to-100-percent",
    "voting-rights-50-to-75-percent",
    "voting-rights-75-to-100-percent",
    "right-to-share-surplus-assets-50-to-75-percent",
    "right-to-share-surplus-assets-75-to-100-percent",
    "right-to-appoint-and-remove-directors",
    "right-to-appoint-and-remove-members",
};

bool HasMajorityControl(const CorporateController& controller) {
  for (const std::string& nature : controller.natures_of_control) {
    for (absl::string_view majority : kMajorityControl) {
      if (absl::StartsWith(nature, majority)) return true;
    }
  }
  return false;
}

}  // namespace

PersonsWithSignificantControl ReadPersonsWithSignificantControl(const JsonObjectView& root,
                                                                std::string company_number,
                                                                JsonErrors& errors) {
  PersonsWithSignificantControl psc;
  psc.company_number = std::move(company_number);
  for (const JsonObjectView& item : root.ObjectArray("items")) {
    const std::string kind = item.RequiredString("kind");
    const bool current = !item.Has("ceased_on") && !item.Bool("ceased").value_or(false);
    if (absl::StrContains(kind, "corporate-entity")) {
      CorporateController controller;
      controller.name = item.String("name");
      const JsonObjectView identification = item.Object("identification");
      controller.registration_number = PadCompanyNumber(identification.String("registration_number"));
      controller.place_registered = identification.String("place_registered");
      controller.country_registered = identification.String("country_registered");
      controller.natures_of_control = item.StringArray("natures_of_control");
      controller.notified_on = item.Date("notified_on");
      controller.ceased_on = item.Date("ceased_on");
      psc.corporate.push_back(std::move(controller));
    } else if (absl::StrContains(kind, "individual") || absl::StrContains(kind, "super-secure")) {
      if (current) ++psc.individuals;
    } else if (absl::StrContains(kind, "legal-person")) {
      if (current) ++psc.legal_persons;
    } else if (!kind.empty()) {
      errors.Fail(absl::StrCat(item.path(), ".kind"),
                  absl::StrCat("unknown kind \"", kind,
                               "\"; expected individual-…, corporate-entity-…, legal-person-… or "
                               "super-secure-… person with significant control"));
    }
  }
  return psc;
}

std::optional<CorporateController> ParentCompany(const PersonsWithSignificantControl& psc) {
  std::optional<CorporateController> parent;
  for (const CorporateController& controller : psc.corporate) {
    if (controller.ceased_on != risk::Date() || !HasMajorityControl(controller)) continue;
    if (parent) return std::nullopt;  // two majority holders: not one parent
    parent = controller;
  }
  return parent;
}

}  // namespace oversight::client::companies
