#include "risk/domain/record_citation.h"

#include "risk/domain/append_pieces.h"
#include "risk/domain/iso_date.h"

namespace oversight::risk {
namespace {

using internal::AppendPieces;

// " (<source>, v<version>)" when the record has a source.
void AppendSource(std::string& out, const Provenance& p) {
  if (!p.source.empty()) AppendPieces(out, " (", p.source, ", v", p.version, ")");
}

// A citation as a string of its own, written by the Append function:
// one allocation, sized for a typical citation.
template <typename Record>
std::string Cite(void (*append)(std::string&, const Record&), const Record& record) {
  std::string out;
  out.reserve(96);
  append(out, record);
  return out;
}

void AppendSettingCitation(std::string& out, const Setting& s) {
  AppendPieces(out, "setting ", s.provider_id, " ", s.urn);
  AppendSource(out, s.provenance);
}

void AppendPlacementCitation(std::string& out, const PlacementReturn& p) {
  AppendPieces(out, "placement ", p.provider_id, " ", p.placing_local_authority, " ");
  AppendIsoDate(out, p.as_of);
  AppendSource(out, p.provenance);
}

void AppendEquityObservationCitation(std::string& out, const EquityObservation& e) {
  AppendPieces(out, "equity_observation ", e.provider_id, " ");
  AppendIsoDate(out, e.as_of);
  AppendSource(out, e.provenance);
}

}  // namespace

void AppendAccountsCitation(std::string& out, const Accounts& a) {
  AppendPieces(out, "accounts ", a.provider_id, " ");
  AppendIsoDate(out, a.period.end);
  AppendSource(out, a.provenance);
}

void AppendProviderCitation(std::string& out, const Provider& p) {
  AppendPieces(out, "provider ", p.provider_id);
  AppendSource(out, p.provenance);
}

void AppendRelatedPartyFlowsCitation(std::string& out, const RelatedPartyFlows& f) {
  AppendPieces(out, "related_party_flows ", f.provider_id, " ");
  AppendIsoDate(out, f.period.end);
  AppendSource(out, f.provenance);
}

void AppendFacilityCitation(std::string& out, const DebtFacility& f) {
  AppendPieces(out, "facility ", f.provider_id, "/", f.facility_id);
  AppendSource(out, f.provenance);
}

std::string CiteAccounts(const Accounts& a) { return Cite(AppendAccountsCitation, a); }
std::string CiteProvider(const Provider& p) { return Cite(AppendProviderCitation, p); }
std::string CiteRelatedPartyFlows(const RelatedPartyFlows& f) { return Cite(AppendRelatedPartyFlowsCitation, f); }
std::string CiteFacility(const DebtFacility& f) { return Cite(AppendFacilityCitation, f); }
std::string CiteSetting(const Setting& s) { return Cite(AppendSettingCitation, s); }
std::string CitePlacement(const PlacementReturn& p) { return Cite(AppendPlacementCitation, p); }
std::string CiteEquityObservation(const EquityObservation& e) { return Cite(AppendEquityObservationCitation, e); }

}  // namespace oversight::risk
