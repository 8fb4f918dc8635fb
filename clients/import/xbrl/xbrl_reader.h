#pragma once
// Reads one XBRL (.xml) or inline XBRL (.html/.xhtml) document into its
// contexts, units and facts (clients/import/xbrl/xbrl_fact.h).
//
// libxml2's streaming reader (xmlTextReader): the document is never held as
// a tree, so memory stays proportional to the facts, not the page. Options:
// no network, no external entity or DTD loading, entities never substituted,
// libxml2's default size and depth limits (no XML_PARSE_HUGE). Inline XBRL
// pages are XHTML and are parsed as XML; a page that is not well-formed is
// rejected, never repaired by an HTML parser.
//
// Thread-safe: documents may be parsed concurrently on different threads.

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clients/import/xbrl/xbrl_fact.h"

namespace oversight::client::xbrl {

// Parses `bytes`, naming the document `document_name` in facts' locations and
// in errors. Every error is INVALID_ARGUMENT and names the document, the
// element and its line, and the reason: not well-formed XML, neither XBRL
// nor inline XBRL, a fact whose contextRef or unitRef names nothing, an
// unknown transformation format, text a format cannot read, an impossible
// date in a context. A document with any such error yields nothing (the
// caller imports all of a document or none of it).
absl::StatusOr<XbrlDocument> ParseXbrlDocument(absl::string_view document_name,
                                               absl::string_view bytes);

}  // namespace oversight::client::xbrl
