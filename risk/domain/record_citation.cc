#include "risk/domain/record_citation.h"

#include "absl/strings/str_cat.h"
#include "risk/domain/iso_date.h"

namespace oversight::risk {
namespace {

// One StrCat per citation: the explanation cites every record of every
// provider on every scoring run, and a citation built in two steps (the
// record's name, then its source around it) costs two allocations.
template <typename... Name>
std::string Cited(const Provenance& p, const Name&... name) {
  if (p.source.empty()) return absl::StrCat(name...);
  return absl::StrCat(name..., " (", p.source, ", v", p.version, ")");
}

template <typename... Name>
void AppendCited(std::string& out, const Provenance& p, const Name&... name) {
  if (p.source.empty()) {
    absl::StrAppend(&out, name...);
  } else {
    absl::StrAppend(&out, name..., " (", p.source, ", v", p.version, ")");
  }
}

}  // namespace

std::string CiteAccounts(const Accounts& a) {
  return Cited(a.provenance, "accounts ", a.provider_id, " ", FormatIsoDate(a.period.end));
}

std::string CiteProvider(const Provider& p) { return Cited(p.provenance, "provider ", p.provider_id); }

std::string CiteRelatedPartyFlows(const RelatedPartyFlows& f) {
  return Cited(f.provenance, "related_party_flows ", f.provider_id, " ", FormatIsoDate(f.period.end));
}

std::string CiteFacility(const DebtFacility& f) {
  return Cited(f.provenance, "facility ", f.provider_id, "/", f.facility_id);
}

std::string CiteSetting(const Setting& s) { return Cited(s.provenance, "setting ", s.provider_id, " ", s.urn); }

std::string CitePlacement(const PlacementReturn& p) {
  return Cited(p.provenance, "placement ", p.provider_id, " ", p.placing_local_authority, " ",
               FormatIsoDate(p.as_of));
}

void AppendAccountsCitation(std::string& out, const Accounts& a) {
  AppendCited(out, a.provenance, "accounts ", a.provider_id, " ", FormatIsoDate(a.period.end));
}

void AppendProviderCitation(std::string& out, const Provider& p) {
  AppendCited(out, p.provenance, "provider ", p.provider_id);
}

void AppendRelatedPartyFlowsCitation(std::string& out, const RelatedPartyFlows& f) {
  AppendCited(out, f.provenance, "related_party_flows ", f.provider_id, " ", FormatIsoDate(f.period.end));
}

void AppendFacilityCitation(std::string& out, const DebtFacility& f) {
  AppendCited(out, f.provenance, "facility ", f.provider_id, "/", f.facility_id);
}

std::string CiteEquityObservation(const EquityObservation& e) {
  return Cited(e.provenance, "equity_observation ", e.provider_id, " ", FormatIsoDate(e.as_of));
}

}  // namespace oversight::risk
