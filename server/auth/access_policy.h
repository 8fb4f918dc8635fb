#pragma once
// Which role may make which call: the role x operation matrix, in one
// table. Scope (which provider or authority) is decided separately, by the
// SecureAuthorizer with a ProviderScopeIndex.
//
//   operation          regulator scoring_job provider local_authority admin
//   Submit/BulkSubmit      -         -        own(*)       -           any
//   GetProvider           any        -        own          own         any
//   ListProviders         any        -        own          own         any
//   History/Explain       any        -        own          own          -
//   GetConcentration      any        -         -        own authority   -
//   ListScenarios         yes       yes       yes          yes         yes
//   RunStress             any        -         -           -            -
//   Rescore                -        any        -           -            -
//   Subscribe/ListAlerts  any        -        own          own          -
//   AcknowledgeAlert      any        -         -           -            -
//   Issue/Revoke/ListTokens -        -         -           -           yes
//   QueryAudit            yes        -         -           -           yes
//   ListKnownCompanies    any       any       own          own         any
//   Put/DeleteOwnerAlias  yes        -         -           -           yes
//   ListOwnerAliases      yes       yes        -           -           yes
//   ReplaceUnmatchedOwners yes      yes        -           -           yes
//   ListUnmatchedOwners   yes       yes        -           -           yes
//
// "own": the providers in the caller's scope (a provider: itself and its
// group; a local authority: the providers holding its children); lists and
// streams are filtered to them. (*) never provider records: registering a
// provider and its parent group is the administrator's. The import-support
// rows serve the importers (issue #12): the nightly job (scoring_job)
// imports, the regulator's analysts and the administrator curate aliases.

#include "server/auth/authorizer.h"

namespace oversight::server {

// Whether `role` may make `op` at all, whatever the object.
bool RoleMayCall(Role role, Operation op);

// Whether `role` is confined to a set of providers (provider, local
// authority) rather than seeing the market.
bool IsScopedRole(Role role);

}  // namespace oversight::server
