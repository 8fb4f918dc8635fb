#include "clients/import/xbrl/xbrl_reader.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "clients/import/xbrl/transformation_registry.h"
#include "clients/import/xbrl/xbrl_namespaces.h"
#include "risk/domain/iso_date.h"

namespace oversight::client::xbrl {
namespace {

// libxml2 strings are unsigned char; the reader only ever views them.
absl::string_view View(const xmlChar* s) {
  return s == nullptr ? absl::string_view() : absl::string_view(reinterpret_cast<const char*>(s));
}

struct XmlFree {
  void operator()(xmlChar* p) const { xmlFree(p); }
};
struct ReaderFree {
  void operator()(xmlTextReader* r) const { xmlFreeTextReader(r); }
};

bool IsInlineNamespace(absl::string_view uri) {
  return uri == kInlineXbrl10Namespace || uri == kInlineXbrl11Namespace;
}

// XML whitespace only: displayed text is trimmed and collapsed for text
// facts; numbers are trimmed by the transformation registry (which also
// knows NBSP).
bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

absl::string_view TrimXml(absl::string_view s) {
  while (!s.empty() && IsXmlSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsXmlSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Text facts: runs of XML whitespace and no-break spaces (U+00A0) become
// one space, ends trimmed, so a name reads the same however it was typeset.
std::string CollapseSpace(absl::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool nbsp = c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0';
    if (IsXmlSpace(c) || nbsp) {
      if (nbsp) ++i;
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// The text of an entity reference left unexpanded: the XHTML entities
// that appear in accounts (spaces, currency, dashes) as UTF-8, any other
// entity as nothing. Entities are never expanded from a DTD (see Read()).
absl::string_view XhtmlEntity(absl::string_view name) {
  static constexpr std::pair<const char*, const char*> kEntities[] = {
      {"nbsp", "\xC2\xA0"},   {"pound", "\xC2\xA3"},  {"euro", "\xE2\x82\xAC"},
      {"ndash", "\xE2\x80\x93"}, {"mdash", "\xE2\x80\x94"}, {"minus", "\xE2\x88\x92"},
      {"thinsp", "\xE2\x80\x89"}, {"ensp", "\xE2\x80\x82"}, {"emsp", "\xE2\x80\x83"},
      {"rsquo", "\xE2\x80\x99"}, {"lsquo", "\xE2\x80\x98"}, {"ldquo", "\xE2\x80\x9C"},
      {"rdquo", "\xE2\x80\x9D"}, {"copy", "\xC2\xA9"}, {"hellip", "\xE2\x80\xA6"}};
  for (const auto& [entity, text] : kEntities) {
    if (name == entity) return text;
  }
  return "";
}

// XHTML elements that end a line or a cell: text on either side of them is
// separate words in a text fact ("Lid IT Limited<br/>Company number").
bool IsBlockElement(absl::string_view local) {
  static constexpr const char* kBlocks[] = {"p",  "div", "br", "tr", "td", "th", "li",
                                            "h1", "h2",  "h3", "h4", "h5", "h6", "table"};
  for (const char* b : kBlocks) {
    if (local == b) return true;
  }
  return false;
}

// What an open element is to the reader.
enum class Role : unsigned char {
  kOther,
  kNonFraction,
  kNonNumeric,
  kContinuation,
  kExclude,
  kHidden,
  kItem,  // a plain XBRL fact element
  kContext,
  kIdentifier,
  kExplicitMember,
  kTypedMember,
  kStartDate,
  kEndDate,
  kInstant,
  kForever,
  kUnit,
  kMeasure,
  kUnitDenominator,
};

bool IsLeafTextRole(Role role) {
  switch (role) {
    case Role::kIdentifier:
    case Role::kExplicitMember:
    case Role::kStartDate:
    case Role::kEndDate:
    case Role::kInstant:
    case Role::kMeasure:
      return true;
    default:
      return false;
  }
}

struct Frame {
  Role role;
  size_t index;  // fact or continuation index for text-collecting roles
};

// The attributes of an ix or XBRL element the reader uses, copied out of
// libxml2's buffers (which the next read recycles).
struct Attributes {
  std::string id, name, context_ref, unit_ref, decimals, scale, format, sign, continued_at,
      scheme, dimension;
  bool nil = false;
  bool has_context_ref = false;
};

// Per fact numeric details needed when its end tag is read.
struct PendingNumber {
  QName format;
  int scale = 0;
  bool negate = false;
  bool nil = false;
};

struct Continuation {
  std::string id;
  std::string text;
  std::string continued_at;
  int line = 0;
};

struct OpenText {
  bool continuation;
  size_t index;
  int exclude_depth;  // text is collected only at this ix:exclude depth
};

// Bounds the text collected across nested text facts (each ancestor keeps a
// copy): a hostile document nesting ix:nonNumeric 250 deep must not turn
// megabytes into gigabytes.
constexpr size_t kMinTextBudget = size_t{64} << 20;

class DocumentReader {
 public:
  DocumentReader(absl::string_view name, absl::string_view bytes) : name_(name), bytes_(bytes) {
    doc_.name = std::string(name);
    text_budget_ = std::max(kMinTextBudget, bytes.size() * 8);
  }

  absl::StatusOr<XbrlDocument> Read();

 private:
  static void OnXmlError(void* self, xmlErrorPtr error) {
    auto* reader = static_cast<DocumentReader*>(self);
    if (error == nullptr || error->level < XML_ERR_ERROR || reader->xml_error_.has_value()) return;
    // An XHTML page may declare the XHTML DTD and use its entities (&nbsp;)
    // without the DTD being read (it never is: no network, no DTD loading).
    // XML makes that legal, libxml2 reports it as an error-level warning;
    // the reference is handled by XhtmlEntity below.
    if (error->code == XML_WAR_UNDECLARED_ENTITY) return;
    std::string message = error->message == nullptr ? "XML error" : error->message;
    while (!message.empty() && IsXmlSpace(message.back())) message.pop_back();
    reader->xml_error_ = std::make_pair(error->line, std::move(message));
  }

  int Line() const {
    xmlNodePtr node = xmlTextReaderCurrentNode(reader_.get());
    long line = node == nullptr ? 0 : xmlGetLineNo(node);
    if (line <= 0) line = xmlTextReaderGetParserLineNumber(reader_.get());
    return line > INT_MAX ? INT_MAX : static_cast<int>(line);
  }

  // An error about the element being read.
  absl::Status ElementError(absl::string_view element, absl::string_view fact_name, int line,
                            absl::string_view reason) const {
    return absl::InvalidArgumentError(absl::StrCat(
        name_, ": line ", line, ": ", element,
        fact_name.empty() ? "" : absl::StrCat(" name=\"", fact_name, "\""), ": ", reason));
  }

  void StartElement();
  void EndElement();
  void Text(absl::string_view text);
  void Fail(absl::Status status) {
    if (status_.ok()) status_ = std::move(status);
  }

  Attributes ReadAttributes();
  // Resolves "prefix:local" with the namespaces in scope at the current
  // element; no prefix means the default namespace.
  absl::StatusOr<QName> ResolveQName(absl::string_view qname);
  // For a context's dimension and member: as ResolveQName, but a prefix that
  // is not declared (a real filing, Prod223_2125_09184988, writes
  // "dpl-countries:CountriesDimension" without declaring dpl-countries)
  // leaves the namespace empty and keeps the QName as written in local_name,
  // so the context stays usable and can never match a concept by mistake.
  absl::StatusOr<QName> ResolveMemberQName(absl::string_view qname);

  void StartInlineElement(absl::string_view local);
  void StartXbrliElement(absl::string_view local);
  void StartFact(Role role, absl::string_view element, Attributes attrs);
  void EndNumericFact(size_t index);
  void EndItem(size_t index);
  void EndLeaf(Role role);
  void EndContext();
  void AppendSeparator();
  void PopOpenText(size_t index, bool continuation);
  absl::StatusOr<risk::Date> ContextDate(absl::string_view what, absl::string_view text) const;
  absl::Status Finish();

  std::string name_;
  absl::string_view bytes_;
  std::unique_ptr<xmlTextReader, ReaderFree> reader_;
  std::optional<std::pair<int, std::string>> xml_error_;
  absl::Status status_;
  XbrlDocument doc_;
  bool saw_inline_ = false;
  bool root_is_xbrl_ = false;
  int depth_ = 0;

  std::vector<Frame> stack_;
  int hidden_depth_ = 0;
  int exclude_depth_ = 0;
  std::vector<OpenText> open_texts_;
  size_t text_collected_ = 0;
  size_t text_budget_ = 0;

  std::vector<PendingNumber> pending_;     // parallel to doc_.facts
  std::vector<std::string> continued_at_;  // parallel to doc_.facts
  std::vector<std::string> fact_element_;  // parallel to doc_.facts: "ix:nonFraction", ...
  std::vector<std::string> fact_qname_;    // parallel: the name attribute as written
  std::vector<Continuation> continuations_;

  // The context or unit being read.
  std::optional<Context> context_;
  int context_line_ = 0;
  bool context_has_period_ = false;
  std::optional<Unit> unit_;
  bool in_denominator_ = false;
  std::string leaf_text_;
  std::string leaf_attribute_;  // scheme of an identifier, dimension of a member
  QName leaf_dimension_;
  int leaf_line_ = 0;
};

absl::StatusOr<XbrlDocument> DocumentReader::Read() {
  if (bytes_.size() > static_cast<size_t>(INT_MAX)) {
    return absl::InvalidArgumentError(absl::StrCat(name_, ": document larger than 2 GiB"));
  }
  // No XML_PARSE_NOENT (entities are never substituted), no DTD loading, no
  // network, no XML_PARSE_HUGE (libxml2's size and depth limits stay).
  constexpr int kOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA;
  const std::string url = name_;
  reader_.reset(xmlReaderForMemory(bytes_.data(), static_cast<int>(bytes_.size()), url.c_str(),
                                   nullptr, kOptions));
  if (reader_ == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(name_, ": libxml2 could not start reading"));
  }
  xmlTextReaderSetStructuredErrorHandler(reader_.get(), &DocumentReader::OnXmlError, this);

  int ret = 0;
  while (status_.ok() && (ret = xmlTextReaderRead(reader_.get())) == 1) {
    switch (xmlTextReaderNodeType(reader_.get())) {
      case XML_READER_TYPE_ELEMENT: {
        const bool empty = xmlTextReaderIsEmptyElement(reader_.get()) == 1;
        StartElement();
        if (empty && status_.ok()) EndElement();
        break;
      }
      case XML_READER_TYPE_END_ELEMENT:
        EndElement();
        break;
      case XML_READER_TYPE_TEXT:
      case XML_READER_TYPE_CDATA:
      case XML_READER_TYPE_WHITESPACE:
      case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        // Most of a page's text is outside any fact: not even fetched.
        if (!open_texts_.empty() || (!stack_.empty() && IsLeafTextRole(stack_.back().role))) {
          Text(View(xmlTextReaderConstValue(reader_.get())));
        }
        break;
      case XML_READER_TYPE_ENTITY_REFERENCE:
        if (!open_texts_.empty() || (!stack_.empty() && IsLeafTextRole(stack_.back().role))) {
          Text(XhtmlEntity(View(xmlTextReaderConstName(reader_.get()))));
        }
        break;
      default:
        break;  // comments, processing instructions
    }
  }
  if (xml_error_.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat(name_, ": line ", xml_error_->first,
                                                   ": not well-formed XML: ", xml_error_->second));
  }
  if (ret < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(name_, ": line ", Line(), ": not well-formed XML"));
  }
  if (!status_.ok()) return status_;
  if (absl::Status finished = Finish(); !finished.ok()) return finished;
  return std::move(doc_);
}

Attributes DocumentReader::ReadAttributes() {
  Attributes attrs;
  xmlTextReader* r = reader_.get();
  if (xmlTextReaderMoveToFirstAttribute(r) != 1) return attrs;
  do {
    const absl::string_view ns = View(xmlTextReaderConstNamespaceUri(r));
    const absl::string_view local = View(xmlTextReaderConstLocalName(r));
    const absl::string_view value = View(xmlTextReaderConstValue(r));
    if (ns == kXmlnsNamespace || local == "xmlns") continue;
    if (ns == kXsiNamespace) {
      if (local == "nil") attrs.nil = TrimXml(value) == "true" || TrimXml(value) == "1";
      continue;
    }
    if (!ns.empty()) continue;
    if (local == "name") {
      attrs.name = std::string(TrimXml(value));
    } else if (local == "contextRef") {
      attrs.context_ref = std::string(TrimXml(value));
      attrs.has_context_ref = true;
    } else if (local == "unitRef") {
      attrs.unit_ref = std::string(TrimXml(value));
    } else if (local == "decimals") {
      attrs.decimals = std::string(TrimXml(value));
    } else if (local == "scale") {
      attrs.scale = std::string(TrimXml(value));
    } else if (local == "format") {
      attrs.format = std::string(TrimXml(value));
    } else if (local == "sign") {
      attrs.sign = std::string(TrimXml(value));
    } else if (local == "continuedAt") {
      attrs.continued_at = std::string(TrimXml(value));
    } else if (local == "id") {
      attrs.id = std::string(TrimXml(value));
    } else if (local == "scheme") {
      attrs.scheme = std::string(TrimXml(value));
    } else if (local == "dimension") {
      attrs.dimension = std::string(TrimXml(value));
    }
  } while (xmlTextReaderMoveToNextAttribute(r) == 1);
  xmlTextReaderMoveToElement(r);
  return attrs;
}

absl::StatusOr<QName> DocumentReader::ResolveQName(absl::string_view qname) {
  qname = TrimXml(qname);
  const size_t colon = qname.find(':');
  QName out;
  std::string prefix;
  if (colon == absl::string_view::npos) {
    out.local_name = std::string(qname);
  } else {
    prefix = std::string(qname.substr(0, colon));
    out.local_name = std::string(qname.substr(colon + 1));
  }
  if (out.local_name.empty() || (colon != absl::string_view::npos && prefix.empty())) {
    return absl::InvalidArgumentError(absl::StrCat("\"", qname, "\" is not a QName"));
  }
  std::unique_ptr<xmlChar, XmlFree> uri(xmlTextReaderLookupNamespace(
      reader_.get(), prefix.empty() ? nullptr : reinterpret_cast<const xmlChar*>(prefix.c_str())));
  if (uri == nullptr) {
    if (prefix.empty()) return out;  // no default namespace: no namespace
    return absl::InvalidArgumentError(
        absl::StrCat("prefix \"", prefix, "\" of \"", qname, "\" is not declared"));
  }
  out.namespace_uri = std::string(View(uri.get()));
  return out;
}

absl::StatusOr<QName> DocumentReader::ResolveMemberQName(absl::string_view qname) {
  auto resolved = ResolveQName(qname);
  if (resolved.ok() || TrimXml(qname).find(':') == absl::string_view::npos ||
      TrimXml(qname).front() == ':' || TrimXml(qname).back() == ':') {
    return resolved;
  }
  return QName{"", std::string(TrimXml(qname))};
}

void DocumentReader::StartElement() {
  ++depth_;
  const absl::string_view ns = View(xmlTextReaderConstNamespaceUri(reader_.get()));
  const absl::string_view local = View(xmlTextReaderConstLocalName(reader_.get()));
  if (depth_ == 1 && ns == kXbrliNamespace && local == "xbrl") {
    root_is_xbrl_ = true;
    doc_.format = XbrlDocument::Format::kXbrl;
  }
  const size_t frames = stack_.size();
  if (IsInlineNamespace(ns)) {
    saw_inline_ = true;
    StartInlineElement(local);
  } else if (ns == kXbrliNamespace) {
    StartXbrliElement(local);
  } else if (ns == kXbrldiNamespace && context_.has_value() &&
             (local == "explicitMember" || local == "typedMember")) {
    Attributes attrs = ReadAttributes();
    leaf_line_ = Line();
    auto dimension = ResolveMemberQName(attrs.dimension);
    if (!dimension.ok()) {
      Fail(ElementError(absl::StrCat("xbrldi:", local), "", leaf_line_,
                        absl::StrCat("context \"", context_->id, "\": dimension: ",
                                     dimension.status().message())));
      return;
    }
    leaf_dimension_ = *std::move(dimension);
    leaf_text_.clear();
    if (local == "typedMember") {
      // A typed member's value is an element of the filer's own schema:
      // kept as the dimension with an empty member (xbrl_fact.h).
      context_->dimensions.push_back(ExplicitMember{leaf_dimension_, QName{}});
      stack_.push_back(Frame{Role::kTypedMember, 0});
    } else {
      stack_.push_back(Frame{Role::kExplicitMember, 0});
    }
  } else if (root_is_xbrl_ && depth_ > 1 && ns != kLinkNamespace && ns != kXlinkNamespace) {
    // Plain XBRL: the concept is the element itself, an item carries a
    // contextRef (tuples, which group items, carry none).
    Attributes attrs = ReadAttributes();
    if (attrs.has_context_ref) {
      const std::string element(View(xmlTextReaderConstName(reader_.get())));
      attrs.name = element;
      StartFact(Role::kItem, element, std::move(attrs));
    }
  }
  if (!status_.ok()) return;
  if (stack_.size() == frames) stack_.push_back(Frame{Role::kOther, 0});
  if (!open_texts_.empty() && ns == kXhtmlNamespace && IsBlockElement(local)) AppendSeparator();
}

void DocumentReader::StartInlineElement(absl::string_view local) {
  if (local == "nonFraction") {
    StartFact(Role::kNonFraction, "ix:nonFraction", ReadAttributes());
  } else if (local == "nonNumeric") {
    StartFact(Role::kNonNumeric, "ix:nonNumeric", ReadAttributes());
  } else if (local == "continuation") {
    Attributes attrs = ReadAttributes();
    const int line = Line();
    if (attrs.id.empty()) {
      Fail(ElementError("ix:continuation", "", line, "no id attribute"));
      return;
    }
    continuations_.push_back(
        Continuation{std::move(attrs.id), "", std::move(attrs.continued_at), line});
    open_texts_.push_back(OpenText{true, continuations_.size() - 1, exclude_depth_});
    stack_.push_back(Frame{Role::kContinuation, continuations_.size() - 1});
  } else if (local == "exclude") {
    ++exclude_depth_;
    stack_.push_back(Frame{Role::kExclude, 0});
  } else if (local == "hidden") {
    ++hidden_depth_;
    stack_.push_back(Frame{Role::kHidden, 0});
  }
}

void DocumentReader::StartXbrliElement(absl::string_view local) {
  if (local == "context") {
    Attributes attrs = ReadAttributes();
    context_line_ = Line();
    if (context_.has_value()) {
      Fail(ElementError("xbrli:context", "", context_line_, "a context inside a context"));
      return;
    }
    if (attrs.id.empty()) {
      Fail(ElementError("xbrli:context", "", context_line_, "no id attribute"));
      return;
    }
    context_.emplace();
    context_->id = std::move(attrs.id);
    context_has_period_ = false;
    stack_.push_back(Frame{Role::kContext, 0});
    return;
  }
  if (local == "unit") {
    Attributes attrs = ReadAttributes();
    if (attrs.id.empty()) {
      Fail(ElementError("xbrli:unit", "", Line(), "no id attribute"));
      return;
    }
    unit_.emplace();
    unit_->id = std::move(attrs.id);
    in_denominator_ = false;
    stack_.push_back(Frame{Role::kUnit, 0});
    return;
  }
  if (unit_.has_value()) {
    if (local == "measure") {
      leaf_text_.clear();
      leaf_line_ = Line();
      stack_.push_back(Frame{Role::kMeasure, 0});
    } else if (local == "unitDenominator") {
      in_denominator_ = true;
      stack_.push_back(Frame{Role::kUnitDenominator, 0});
    }
    return;
  }
  if (!context_.has_value()) return;
  Role role = Role::kOther;
  if (local == "identifier") {
    role = Role::kIdentifier;
    leaf_attribute_ = ReadAttributes().scheme;
  } else if (local == "startDate") {
    role = Role::kStartDate;
  } else if (local == "endDate") {
    role = Role::kEndDate;
  } else if (local == "instant") {
    role = Role::kInstant;
  } else if (local == "forever") {
    role = Role::kForever;
  } else {
    return;
  }
  leaf_text_.clear();
  leaf_line_ = Line();
  stack_.push_back(Frame{role, 0});
}

void DocumentReader::StartFact(Role role, absl::string_view element, Attributes attrs) {
  const int line = Line();
  const std::string written_name = attrs.name;
  if (attrs.name.empty()) {
    Fail(ElementError(element, "", line, "no name attribute"));
    return;
  }
  if (!attrs.has_context_ref || attrs.context_ref.empty()) {
    Fail(ElementError(element, written_name, line, "no contextRef attribute"));
    return;
  }
  Fact fact;
  if (role == Role::kItem) {
    fact.concept_name.namespace_uri = std::string(View(xmlTextReaderConstNamespaceUri(reader_.get())));
    fact.concept_name.local_name = std::string(View(xmlTextReaderConstLocalName(reader_.get())));
  } else {
    auto concept_name = ResolveQName(attrs.name);
    if (!concept_name.ok()) {
      Fail(ElementError(element, written_name, line, concept_name.status().message()));
      return;
    }
    fact.concept_name = *std::move(concept_name);
  }
  fact.context_ref = std::move(attrs.context_ref);
  fact.unit_ref = std::move(attrs.unit_ref);
  fact.decimals = std::move(attrs.decimals);
  fact.hidden = hidden_depth_ > 0;
  fact.location = SourceLocation{name_, line};
  fact.numeric = role == Role::kNonFraction || (role == Role::kItem && !fact.unit_ref.empty());

  PendingNumber pending;
  pending.nil = attrs.nil;
  if (!attrs.format.empty()) {
    auto format = ResolveQName(attrs.format);
    if (!format.ok()) {
      Fail(ElementError(element, written_name, line,
                        absl::StrCat("format: ", format.status().message())));
      return;
    }
    fact.format = *format;
    pending.format = *std::move(format);
  }
  if (role == Role::kNonFraction) {
    if (fact.unit_ref.empty()) {
      Fail(ElementError(element, written_name, line, "no unitRef attribute"));
      return;
    }
    if (!attrs.scale.empty()) {
      // Real scales are -2 (percentages) to 9 (billions); beyond +-30 the
      // value would not be a figure of any accounts.
      if (!absl::SimpleAtoi(attrs.scale, &pending.scale) || pending.scale < -30 ||
          pending.scale > 30) {
        Fail(ElementError(element, written_name, line,
                          absl::StrCat("scale \"", attrs.scale, "\" is not an integer in -30..30")));
        return;
      }
    }
    if (!attrs.sign.empty() && attrs.sign != "-") {
      Fail(ElementError(element, written_name, line,
                        absl::StrCat("sign \"", attrs.sign, "\" is not \"-\"")));
      return;
    }
    pending.negate = attrs.sign == "-";
    if (!pending.format.local_name.empty() && !IsNumericFormat(pending.format)) {
      Fail(ElementError(element, written_name, line,
                        absl::StrCat("unknown number format \"", attrs.format, "\" (",
                                     pending.format.local_name, " {", pending.format.namespace_uri,
                                     "})")));
      return;
    }
  }
  doc_.facts.push_back(std::move(fact));
  pending_.push_back(std::move(pending));
  continued_at_.push_back(role == Role::kNonNumeric ? std::move(attrs.continued_at) : std::string());
  fact_element_.push_back(std::string(element));
  fact_qname_.push_back(written_name);
  const size_t index = doc_.facts.size() - 1;
  open_texts_.push_back(OpenText{false, index, exclude_depth_});
  stack_.push_back(Frame{role, index});
}

void DocumentReader::Text(absl::string_view text) {
  if (!stack_.empty() && IsLeafTextRole(stack_.back().role)) leaf_text_.append(text.data(), text.size());
  for (const OpenText& open : open_texts_) {
    if (open.exclude_depth != exclude_depth_) continue;
    text_collected_ += text.size();
    if (open.continuation) {
      continuations_[open.index].text.append(text.data(), text.size());
    } else {
      doc_.facts[open.index].text.append(text.data(), text.size());
    }
  }
  if (text_collected_ > text_budget_) {
    Fail(absl::InvalidArgumentError(absl::StrCat(
        name_, ": line ", Line(), ": text facts nested too deeply (collected text exceeds ",
        text_budget_, " bytes)")));
  }
}

void DocumentReader::AppendSeparator() {
  for (const OpenText& open : open_texts_) {
    if (open.exclude_depth != exclude_depth_) continue;
    std::string& target =
        open.continuation ? continuations_[open.index].text : doc_.facts[open.index].text;
    if (!target.empty() && !IsXmlSpace(target.back())) target.push_back(' ');
  }
}

void DocumentReader::PopOpenText(size_t index, bool continuation) {
  for (auto it = open_texts_.rbegin(); it != open_texts_.rend(); ++it) {
    if (it->index == index && it->continuation == continuation) {
      open_texts_.erase(std::next(it).base());
      return;
    }
  }
}

void DocumentReader::EndElement() {
  if (stack_.empty()) return;  // libxml2 balances tags; defensive only
  const Frame frame = stack_.back();
  stack_.pop_back();
  --depth_;
  switch (frame.role) {
    case Role::kNonFraction:
      PopOpenText(frame.index, false);
      EndNumericFact(frame.index);
      break;
    case Role::kNonNumeric:
      PopOpenText(frame.index, false);
      break;
    case Role::kItem:
      PopOpenText(frame.index, false);
      EndItem(frame.index);
      break;
    case Role::kContinuation:
      PopOpenText(frame.index, true);
      break;
    case Role::kExclude:
      --exclude_depth_;
      break;
    case Role::kHidden:
      --hidden_depth_;
      break;
    case Role::kContext:
      EndContext();
      break;
    case Role::kUnit:
      if (unit_.has_value()) {
        doc_.units.push_back(*std::move(unit_));
        unit_.reset();
      }
      break;
    case Role::kUnitDenominator:
      in_denominator_ = false;
      break;
    case Role::kForever:
      context_has_period_ = true;
      if (context_.has_value()) context_->period.kind = Period::Kind::kForever;
      break;
    case Role::kIdentifier:
    case Role::kExplicitMember:
    case Role::kStartDate:
    case Role::kEndDate:
    case Role::kInstant:
    case Role::kMeasure:
      EndLeaf(frame.role);
      break;
    case Role::kTypedMember:
    case Role::kOther:
      break;
  }
  if (status_.ok() && !open_texts_.empty() &&
      View(xmlTextReaderConstNamespaceUri(reader_.get())) == kXhtmlNamespace &&
      IsBlockElement(View(xmlTextReaderConstLocalName(reader_.get())))) {
    AppendSeparator();
  }
}

void DocumentReader::EndNumericFact(size_t index) {
  Fact& fact = doc_.facts[index];
  const PendingNumber& pending = pending_[index];
  fact.text = std::string(TrimXml(fact.text));
  fact.sign_negated = pending.negate;
  if (pending.nil) return;  // xsi:nil: no value
  auto canonical = TransformNumber(pending.format, fact.text);
  if (!canonical.ok()) {
    Fail(ElementError(fact_element_[index], fact_qname_[index], fact.location.line,
                      canonical.status().message()));
    return;
  }
  if (!canonical->has_value()) return;  // the format says empty
  // Scale moves the decimal point of the exact decimal text; strtod then
  // rounds once, so 7.5 with scale -2 is exactly the double nearest 0.075.
  double value = 0;
  const std::string scaled = absl::StrCat(**canonical, "e", pending.scale);
  if (!absl::SimpleAtod(scaled, &value)) {
    Fail(ElementError(fact_element_[index], fact_qname_[index], fact.location.line,
                      absl::StrCat("\"", fact.text, "\" is out of range")));
    return;
  }
  if (pending.negate && value != 0) value = -value;
  fact.value = value;
}

void DocumentReader::EndItem(size_t index) {
  Fact& fact = doc_.facts[index];
  if (!fact.numeric) {
    fact.text = CollapseSpace(fact.text);
    return;
  }
  fact.text = std::string(TrimXml(fact.text));
  if (pending_[index].nil) return;
  auto canonical = ParseXsdDecimal(fact.text);
  double value = 0;
  if (!canonical.ok() || !absl::SimpleAtod(*canonical, &value)) {
    Fail(ElementError(fact_element_[index], "", fact.location.line,
                      absl::StrCat("\"", fact.text, "\" is not a decimal number")));
    return;
  }
  fact.value = value == 0 ? 0.0 : value;  // "-0" reads as 0
}

absl::StatusOr<risk::Date> DocumentReader::ContextDate(absl::string_view what,
                                                       absl::string_view text) const {
  absl::string_view date = TrimXml(text);
  // xsd:date / xsd:dateTime: keep the date part of "2017-07-31T00:00:00" or
  // "2017-07-31Z"; the day is what the accounts mean.
  if (date.size() > 10 && (date[10] == 'T' || date[10] == 'Z' || date[10] == '+' ||
                           date[10] == '-')) {
    date = date.substr(0, 10);
  }
  auto parsed = risk::ParseIsoDate(date, what);
  if (!parsed.ok()) {
    return ElementError(absl::StrCat("xbrli:", what), "", leaf_line_,
                        absl::StrCat("context \"", context_ ? context_->id : "", "\": ",
                                     parsed.status().message()));
  }
  return *parsed;
}

void DocumentReader::EndLeaf(Role role) {
  if (role == Role::kMeasure) {
    if (!unit_.has_value()) return;
    auto measure = ResolveQName(leaf_text_);
    if (!measure.ok()) {
      Fail(ElementError("xbrli:measure", "", leaf_line_,
                        absl::StrCat("unit \"", unit_->id, "\": ", measure.status().message())));
      return;
    }
    (in_denominator_ ? unit_->denominator_measures : unit_->measures).push_back(*std::move(measure));
    return;
  }
  if (!context_.has_value()) return;
  switch (role) {
    case Role::kIdentifier:
      context_->entity_scheme = std::string(TrimXml(leaf_attribute_));
      context_->entity_identifier = std::string(TrimXml(leaf_text_));
      break;
    case Role::kExplicitMember: {
      // The member is a QName too, resolved with the namespaces in scope at
      // this element (the reader is on its end tag, same node).
      auto member = ResolveMemberQName(leaf_text_);
      if (!member.ok()) {
        Fail(ElementError("xbrldi:explicitMember", "", leaf_line_,
                          absl::StrCat("context \"", context_->id, "\": member: ",
                                       member.status().message())));
        return;
      }
      context_->dimensions.push_back(ExplicitMember{leaf_dimension_, *std::move(member)});
      break;
    }
    case Role::kStartDate:
    case Role::kEndDate:
    case Role::kInstant: {
      const char* what = role == Role::kStartDate ? "startDate"
                         : role == Role::kEndDate ? "endDate"
                                                  : "instant";
      auto date = ContextDate(what, leaf_text_);
      if (!date.ok()) {
        Fail(date.status());
        return;
      }
      context_has_period_ = true;
      if (role == Role::kInstant) {
        context_->period.kind = Period::Kind::kInstant;
        context_->period.end = *date;
      } else {
        context_->period.kind = Period::Kind::kDuration;
        (role == Role::kStartDate ? context_->period.start : context_->period.end) = *date;
      }
      break;
    }
    default:
      break;
  }
}

void DocumentReader::EndContext() {
  if (!context_.has_value()) return;
  Context& c = *context_;
  if (!context_has_period_) {
    Fail(ElementError("xbrli:context", "", context_line_,
                      absl::StrCat("context \"", c.id, "\" has no period")));
    return;
  }
  if (c.period.kind == Period::Kind::kDuration) {
    if (c.period.start == risk::Date() || c.period.end == risk::Date()) {
      Fail(ElementError("xbrli:context", "", context_line_,
                        absl::StrCat("context \"", c.id, "\": a duration needs startDate and endDate")));
      return;
    }
    if (c.period.end < c.period.start) {
      Fail(ElementError("xbrli:context", "", context_line_,
                        absl::StrCat("context \"", c.id, "\": endDate ",
                                     risk::FormatIsoDate(c.period.end), " is before startDate ",
                                     risk::FormatIsoDate(c.period.start))));
      return;
    }
  }
  std::sort(c.dimensions.begin(), c.dimensions.end(),
            [](const ExplicitMember& a, const ExplicitMember& b) {
              return std::tie(a.dimension.namespace_uri, a.dimension.local_name) <
                     std::tie(b.dimension.namespace_uri, b.dimension.local_name);
            });
  doc_.contexts.push_back(std::move(c));
  context_.reset();
}

absl::Status DocumentReader::Finish() {
  if (!saw_inline_ && !root_is_xbrl_) {
    return absl::InvalidArgumentError(absl::StrCat(
        name_, ": neither inline XBRL (no element in the ix namespace) nor XBRL (the root is not "
               "xbrli:xbrl)"));
  }
  doc_.format = root_is_xbrl_ ? XbrlDocument::Format::kXbrl : XbrlDocument::Format::kInlineXbrl;

  absl::flat_hash_set<absl::string_view> context_ids;
  for (const Context& c : doc_.contexts) {
    if (!context_ids.insert(c.id).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(name_, ": xbrli:context: duplicate context id \"", c.id, "\""));
    }
  }
  absl::flat_hash_set<absl::string_view> unit_ids;
  for (const Unit& u : doc_.units) unit_ids.insert(u.id);

  absl::flat_hash_map<absl::string_view, size_t> continuation_by_id;
  for (size_t i = 0; i < continuations_.size(); ++i) {
    if (!continuation_by_id.emplace(continuations_[i].id, i).second) {
      return ElementError("ix:continuation", "", continuations_[i].line,
                          absl::StrCat("duplicate id \"", continuations_[i].id, "\""));
    }
  }

  for (size_t i = 0; i < doc_.facts.size(); ++i) {
    Fact& fact = doc_.facts[i];
    if (!context_ids.contains(fact.context_ref)) {
      return ElementError(fact_element_[i], fact_qname_[i], fact.location.line,
                          absl::StrCat("contextRef \"", fact.context_ref, "\" names no context"));
    }
    if (!fact.unit_ref.empty() && !unit_ids.contains(fact.unit_ref)) {
      return ElementError(fact_element_[i], fact_qname_[i], fact.location.line,
                          absl::StrCat("unitRef \"", fact.unit_ref, "\" names no unit"));
    }
    if (fact.numeric) continue;
    // A text fact: follow its continuation chain, then tidy the whitespace.
    std::string next = continued_at_[i];
    size_t hops = 0;
    while (!next.empty()) {
      auto it = continuation_by_id.find(next);
      if (it == continuation_by_id.end()) {
        return ElementError(fact_element_[i], fact_qname_[i], fact.location.line,
                            absl::StrCat("continuedAt \"", next, "\" names no ix:continuation"));
      }
      if (++hops > continuations_.size()) {
        return ElementError(fact_element_[i], fact_qname_[i], fact.location.line,
                            absl::StrCat("continuedAt chain through \"", next, "\" loops"));
      }
      const Continuation& c = continuations_[it->second];
      if (!fact.text.empty() && !IsXmlSpace(fact.text.back())) fact.text.push_back(' ');
      fact.text.append(c.text);
      next = c.continued_at;
    }
    fact.text = CollapseSpace(fact.text);
    if (!fact.format.local_name.empty()) {
      if (std::optional<std::string> normalized = TransformText(fact.format, fact.text)) {
        fact.normalized = *std::move(normalized);
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<XbrlDocument> ParseXbrlDocument(absl::string_view document_name,
                                               absl::string_view bytes) {
  // xmlInitParser is not thread-safe itself; afterwards readers are.
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  DocumentReader reader(document_name, bytes);
  return reader.Read();
}

}  // namespace oversight::client::xbrl
