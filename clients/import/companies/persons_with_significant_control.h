#pragma once
// A saved Companies House persons-with-significant-control list
// (GET /company/{company_number}/persons-with-significant-control). A
// corporate person with significant control is the link from a company up to
// its parent, so that a group's companies are assessed together.

#include <optional>
#include <string>
#include <vector>

#include "risk/domain/iso_date.h"

namespace oversight::client::companies {

struct CorporateController {
  std::string name;
  // identification.registration_number, leading zeros restored
  // ("9707484" -> "09707484"); a foreign registration kept as written.
  std::string registration_number;
  std::string place_registered;    // identification.place_registered, e.g. "Companies House"
  std::string country_registered;  // identification.country_registered
  std::vector<std::string> natures_of_control;  // e.g. "ownership-of-shares-75-to-100-percent"
  risk::Date notified_on;
  risk::Date ceased_on;  // null while the control continues
};

struct PersonsWithSignificantControl {
  std::string company_number;
  std::vector<CorporateController> corporate;  // kind corporate-entity-*, ceased ones included
  int individuals = 0;    // current (not ceased) individuals, super-secure ones included
  int legal_persons = 0;  // current legal persons (governments, public bodies: no company number)
};

// The parent: the one current corporate controller that holds more than half
// of the company. In the PSC register's bands (Companies Act 2006 Sch.1A;
// the wording of companieshouse/api-enumerations psc_descriptions.yml) that
// is shares or voting rights "more than 50% but less than 75%"
// (…-50-to-75-percent) or "75% or more" (…-75-to-100-percent), in any
// capacity (…-as-trust, …-as-firm, the LLP forms), or the right to appoint
// and remove a majority of the board (right-to-appoint-and-remove-directors,
// …-members for an LLP). nullopt when no controller qualifies, or when more
// than one does (a joint venture is not a parent: the analyst decides).
std::optional<CorporateController> ParentCompany(const PersonsWithSignificantControl& psc);

}  // namespace oversight::client::companies
