#pragma once
// How an input record is named wherever it is quoted: in an assessment's
// explanation (the records each figure came from) and in validation errors
// (the record that failed). "<kind> <keys> (<source>, v<version>)", the
// parenthesis only when the record has a source, e.g.
//   "facility P001/F1 (sample/facilities.csv:3, v2)".
// One place, so that an error and an explanation name a record alike.
#include <string>

#include "risk/domain/provider_data.h"

namespace oversight::risk {

std::string CiteAccounts(const Accounts& accounts);            // accounts P001 2024-03-31
std::string CiteProvider(const Provider& provider);            // provider P001
std::string CiteRelatedPartyFlows(const RelatedPartyFlows& flows);  // related_party_flows P001 2024-03-31
std::string CiteFacility(const DebtFacility& facility);        // facility P001/F1
std::string CiteSetting(const Setting& setting);               // setting P001 SC123456
std::string CitePlacement(const PlacementReturn& placement);   // placement P001 Kent 2025-03-31
std::string CiteEquityObservation(const EquityObservation& observation);  // equity_observation P001 2025-06-30

// The same citations appended to `out`: an assessment writes all of its
// citations into one buffer (risk/assessment/explanation.h, CitationTable).
void AppendAccountsCitation(std::string& out, const Accounts& accounts);
void AppendProviderCitation(std::string& out, const Provider& provider);
void AppendRelatedPartyFlowsCitation(std::string& out, const RelatedPartyFlows& flows);
void AppendFacilityCitation(std::string& out, const DebtFacility& facility);

}  // namespace oversight::risk
