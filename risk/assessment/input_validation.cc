// Validation of everything the assessor is given about one provider.
#include <string>

#include "absl/strings/str_cat.h"
#include "risk/assessment/assess_on_curves.h"
#include "risk/default/accounts_selection.h"
#include "risk/domain/record_citation.h"
#include "risk/domain/validation.h"

namespace oversight::risk {
namespace {

// Copies the record's violations into `all`, naming the record in each
// reason. The record's description is formatted only when it is needed:
// validation runs on every record of every provider in every scoring run.
template <typename Describe>
void Collect(Violations& all, const absl::Status& status, Describe describe) {
  if (status.ok()) return;
  const std::string record = describe();
  std::vector<FieldViolation> list = FieldViolationsOf(status);
  if (list.empty()) {  // a status without the structured payload
    all.Add(record, std::string(status.message()));
    return;
  }
  for (FieldViolation& v : list) all.Add(std::move(v.field), absl::StrCat(record, ": ", v.reason));
}

template <typename Describe>
void CheckOwner(Violations& all, absl::string_view field, absl::string_view owner, absl::string_view provider,
                Describe describe) {
  if (owner == provider) return;
  all.Add(std::string(field), absl::StrCat(describe(), ": belongs to provider \"", owner,
                                           "\", not to the provider assessed (\"", provider, "\")"));
}

}  // namespace

absl::Status ValidateProviderInputs(const ProviderData& data) {
  Violations all;
  const std::string& id = data.provider.provider_id;
  Collect(all, ValidateProvider(data.provider),
          [&] { return CiteProvider(data.provider); });
  for (const Accounts& a : data.accounts) {
    auto record = [&] { return DescribeAccounts(a); };
    Collect(all, ValidateAccounts(a), record);
    CheckOwner(all, "accounts.provider_id", a.provider_id, id, record);
  }
  for (const RelatedPartyFlows& f : data.related_party_flows) {
    auto record = [&] { return CiteRelatedPartyFlows(f); };
    Collect(all, ValidateRelatedPartyFlows(f), record);
    CheckOwner(all, "related_party_flows.provider_id", f.provider_id, id, record);
  }
  for (const DebtFacility& f : data.facilities) {
    auto record = [&] { return CiteFacility(f); };
    Collect(all, ValidateDebtFacility(f), record);
    CheckOwner(all, "facility.provider_id", f.provider_id, id, record);
  }
  for (const Setting& s : data.settings) {
    auto record = [&] { return CiteSetting(s); };
    Collect(all, ValidateSetting(s), record);
    CheckOwner(all, "setting.provider_id", s.provider_id, id, record);
  }
  for (const PlacementReturn& p : data.placements) {
    auto record = [&] { return CitePlacement(p); };
    Collect(all, ValidatePlacementReturn(p), record);
    CheckOwner(all, "placement.provider_id", p.provider_id, id, record);
  }
  for (const EquityObservation& e : data.equity_observations) {
    auto record = [&] { return CiteEquityObservation(e); };
    Collect(all, ValidateEquityObservation(e), record);
    CheckOwner(all, "equity_observation.provider_id", e.provider_id, id, record);
  }
  return all.ToStatus();
}

}  // namespace oversight::risk
