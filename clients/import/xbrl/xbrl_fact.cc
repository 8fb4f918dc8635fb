#include "clients/import/xbrl/xbrl_fact.h"

namespace oversight::client::xbrl {

// A linear scan: filings carry tens of contexts and units, and the mapping
// looks each one up once per fact it keeps.
const Context* XbrlDocument::FindContext(absl::string_view id) const {
  for (const Context& context : contexts) {
    if (context.id == id) return &context;
  }
  return nullptr;
}

const Unit* XbrlDocument::FindUnit(absl::string_view id) const {
  for (const Unit& unit : units) {
    if (unit.id == id) return &unit;
  }
  return nullptr;
}

}  // namespace oversight::client::xbrl
