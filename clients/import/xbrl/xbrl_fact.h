#pragma once
// The facts of one XBRL or inline XBRL document, as the reader resolves them:
// namespaces expanded to URIs, contexts resolved to dates and dimension
// members, numbers transformed (format, scale, sign). Nothing here knows what
// a concept means for the accounts: that is clients/import/accounts/.

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "risk/domain/iso_date.h"

namespace oversight::client::xbrl {

// An expanded XML name. Concepts are matched by namespace URI, never by
// prefix: the same FRC core namespace is bound to "core", "uk-core", "ns5",
// "frs-core", "d", "pt" in real filings (docs/data-sources, "prefixes lie").
struct QName {
  std::string namespace_uri;
  std::string local_name;

  friend bool operator==(const QName&, const QName&) = default;
};

// One xbrldi:explicitMember of a context's segment or scenario.
struct ExplicitMember {
  QName dimension;
  QName member;

  friend bool operator==(const ExplicitMember&, const ExplicitMember&) = default;
};

// A context's period: an instant (balance sheet) or a duration (profit and
// loss). Context ids are arbitrary ("CY", "B", "current-mud"): periods are
// chosen by these dates, never by id.
struct Period {
  enum class Kind { kInstant, kDuration, kForever };
  Kind kind = Kind::kForever;
  risk::Date start;  // kDuration only
  risk::Date end;    // the end of a duration, or the instant
};

struct Context {
  std::string id;
  std::string entity_scheme;      // trimmed
  std::string entity_identifier;  // trimmed; not always the company number
  Period period;
  // Segment and scenario explicit members, sorted by dimension so that two
  // contexts with the same members compare equal. Typed members are kept as
  // a dimension with an empty member local name.
  std::vector<ExplicitMember> dimensions;
};

// Where an element was in its document: for error messages and provenance.
struct SourceLocation {
  std::string document;  // file or zip member name
  int line = 0;          // 1-based line of the element's start tag
};

struct Fact {
  QName concept_name;
  std::string context_ref;
  std::string unit_ref;  // empty for non-numeric facts
  bool numeric = false;  // ix:nonFraction, or an XBRL item with a unitRef
  // Numeric facts: the value after the transformation format, `scale` and
  // `sign` are applied (sign negates exactly once; brackets printed around
  // the tag never negate). nullopt when the transformation says the fact is
  // empty (ixt:nocontent, fixedempty) or xsi:nil="true".
  std::optional<double> value;
  std::string text;      // the displayed text (non-numeric: continuations joined, ix:exclude removed)
  std::string decimals;  // "INF", "0", "-3"... or empty
  bool sign_negated = false;  // sign="-" was applied
  bool hidden = false;        // inside ix:hidden
  SourceLocation location;
  // The ix `format` attribute resolved to its registry namespace; empty when
  // none (plain XBRL, or a number written as a plain decimal).
  QName format;
  // Non-numeric facts whose format is a date or boolean transformation of a
  // known registry (ixt:datelonguk "31 July 2017" -> "2017-07-31",
  // ixt2:booleanfalse -> "false"): the normalised value. Empty otherwise, or
  // when the displayed text does not parse (the text is still kept).
  std::string normalized;
};

// One xbrli:unit: the measures of its numerator (a simple unit has only
// these, e.g. iso4217:GBP) and of its denominator (xbrli:divide).
struct Unit {
  std::string id;
  std::vector<QName> measures;
  std::vector<QName> denominator_measures;
};

struct XbrlDocument {
  enum class Format { kInlineXbrl, kXbrl };
  std::string name;  // file or zip member name
  Format format = Format::kInlineXbrl;
  std::vector<Context> contexts;
  std::vector<Unit> units;
  std::vector<Fact> facts;  // document order; repeated facts are NOT removed here

  // nullptr when no context has this id.
  const Context* FindContext(absl::string_view id) const;
  // nullptr when no unit has this id.
  const Unit* FindUnit(absl::string_view id) const;
};

}  // namespace oversight::client::xbrl
