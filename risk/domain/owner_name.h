#pragma once
// The comparison form of a company or owner name, shared by the Ofsted
// importer (which links Ofsted's "Organisation which owns the provider" to a
// provider) and the server (which keys the owner alias table and the list of
// unmatched owners by it). One function on both sides, so that an alias the
// analyst records is found by the importer under exactly the same key.
//
// Ofsted names owners but never gives a company number, and spells the same
// company in several ways between years ("ACME CARE LIMITED", "Acme Care
// Ltd.", "The Acme Care Ltd"). Normalisation removes only differences that
// carry no meaning; nothing here guesses (no edit distance, no prefixes).

#include <string>

#include "absl/strings/string_view.h"

namespace oversight::risk {

// The rules, applied in this order:
//  1. ASCII letters are lower-cased (case carries no meaning in a name). The
//     fold is ASCII only, so it does not depend on a locale: non-ASCII
//     letters (UTF-8 bytes) are kept as they are.
//  2. "&" and "+" become " and " ("A & B Care" is "A and B Care").
//  3. Apostrophes and full stops are dropped ("Children's" = "Childrens",
//     "Ltd." = "Ltd", "A.B.C." = "ABC"), the typographic apostrophes U+2018
//     and U+2019 included.
//  4. Every other ASCII punctuation mark, control character or space becomes
//     a space ("Acme-Care", "Acme (UK)", "Acme, Care"); the typographic
//     quotes U+201C/U+201D and dashes U+2013/U+2014 too. Runs of spaces
//     collapse to one and the ends are trimmed.
//  5. A leading "the" is dropped ("The Acme Group" = "Acme Group").
//  6. Legal-form, country and "and company" words at the end are dropped,
//     repeatedly, as long as a word remains: limited, ltd, plc, llp, lp,
//     llc, inc, cic, cio, company, co, "and co", "and company", "community
//     interest company", "public limited company", "limited liability
//     partnership", "company limited by guarantee", uk ("(UK)" by rule 4),
//     "u k" ("U.K." with a space), and a trailing "the" (Ofsted's "Acme Care
//     Group (The)").
// Words that distinguish businesses are kept, "group" above all: "Acme Care"
// and "Acme Care Group" are different companies. So are "holdings",
// "services" and "care". A name made only of removable words keeps its last
// word ("Limited" stays "limited"), and a blank name gives "".
std::string NormaliseOwnerName(absl::string_view name);

}  // namespace oversight::risk
