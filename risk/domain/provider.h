#pragma once
#include "absl/strings/string_view.h"
#include <string>

#include "absl/status/statusor.h"
#include "risk/domain/iso_date.h"
#include "risk/domain/provenance.h"

namespace oversight::risk {

// What the provider runs (Care Standards Act 2000: children's homes and
// independent fostering agencies are separately registered with Ofsted).
enum class ProviderKind { kChildrensHomes, kIndependentFosteringAgency, kBoth };

// Ownership, as the CMA and the LGA/Revolution Consulting reports classify it.
enum class Ownership { kPrivateEquity, kListed, kOtherPrivate, kVoluntary, kLocalAuthority };

// Companies House company status. Anything but kActive (and kUnknown) is a
// "business failure" event in the sense of SI 2015/301 reg. 2, or a company
// that no longer trades.
enum class CompanyStatus {
  kUnknown,
  kActive,
  kAdministration,
  kReceivership,
  kLiquidation,
  kVoluntaryArrangement,
  kInsolvencyProceedings,
  kDissolved,
};

struct Provider {
  std::string provider_id;             // the engine's stable identifier, e.g. "P001"
  std::string name;
  std::string companies_house_number;  // 8 characters, e.g. "09707484" or "SC123456"
  ProviderKind kind = ProviderKind::kChildrensHomes;
  Ownership ownership = Ownership::kOtherPrivate;
  std::string parent_group;            // group identifier; empty when standalone
  CompanyStatus company_status = CompanyStatus::kActive;
  // From the Companies House company profile (accounts.next_accounts):
  // overdue raises the accounts-overdue alert whatever the engine's own
  // estimate from the last period end says.
  bool accounts_overdue_at_companies_house = false;
  Date next_accounts_due;              // null when unknown
  // The company number of the corporate person with significant control
  // (the parent), as Companies House records it; empty when none.
  std::string parent_company_number;
  Provenance provenance;
};

// Stable snake_case names used on the wire, in files and in the store.
absl::string_view ProviderKindName(ProviderKind kind);      // childrens_homes, independent_fostering_agency, both
absl::string_view OwnershipName(Ownership ownership);       // private_equity, listed, other_private, voluntary, local_authority
absl::string_view CompanyStatusName(CompanyStatus status);  // unknown, active, administration, ...
absl::StatusOr<ProviderKind> ParseProviderKind(absl::string_view text);
absl::StatusOr<Ownership> ParseOwnership(absl::string_view text);
absl::StatusOr<CompanyStatus> ParseCompanyStatus(absl::string_view text);

// True for administration, receivership, liquidation, voluntary arrangement
// and insolvency proceedings: the events that trigger the duty to warn local
// authorities (Care Act 2014 s.56 by analogy; CWSA 2026 s.16).
bool IsBusinessFailure(CompanyStatus status);

}  // namespace oversight::risk
