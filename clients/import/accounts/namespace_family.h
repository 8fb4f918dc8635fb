#pragma once
// Taxonomy namespace families: the second column of concept_map.tsv.
//
// Concepts are matched by namespace URI, never by prefix: real filings bind
// the FRC core namespace to "core", "uk-core", "ns5", "frs-core", "d", "pt"
// (docs/data-sources §4, "prefixes lie"). A family groups the URIs of one
// taxonomy across its yearly releases, so one row of the concept map covers
// FRC 2014, 2021, 2023 and 2026 alike.

#include "absl/strings/string_view.h"

namespace oversight::client::accounts {

// The family of a namespace URI, or the empty string when the URI belongs to
// no family the importer knows. Families:
//   frc                    http://xbrl.frc.org.uk/fr/<date>/core
//   frc-business           http://xbrl.frc.org.uk/cd/<date>/business
//   frc-direp              http://xbrl.frc.org.uk/reports/<date>/direp
//   uk-gaap-2009           http://www.xbrl.org/uk/gaap/core/2009-09-01
//   uk-gaap-2009-business  http://www.xbrl.org/uk/cd/business/2009-09-01
//   uk-gaap-2004           http://www.xbrl.org/uk/fr/gaap/pt/2004-12-01
//   uk-gcd-2004            http://www.xbrl.org/uk/fr/gcd/2004-12-01
//   ch-ae                  http://www.companieshouse.gov.uk/ef/xbrl/uk/fr/gaap/ae/<date>
//   ifrs-full              http://xbrl.ifrs.org/taxonomy/<date>/ifrs-full
// where <date> is YYYY-MM-DD (digits checked, not the calendar: a future
// release of the same taxonomy is accepted without a code change).
absl::string_view NamespaceFamily(absl::string_view uri);

// True when `family` is one of the names above.
bool IsKnownNamespaceFamily(absl::string_view family);

}  // namespace oversight::client::accounts
