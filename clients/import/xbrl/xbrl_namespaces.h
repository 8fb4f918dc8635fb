#pragma once
// The namespace URIs the reader recognises elements by. Prefixes are never
// compared: filers bind any prefix to any of these (docs/import.md).

namespace oversight::client::xbrl {

inline constexpr char kInlineXbrl10Namespace[] = "http://www.xbrl.org/2008/inlineXBRL";
inline constexpr char kInlineXbrl11Namespace[] = "http://www.xbrl.org/2013/inlineXBRL";
inline constexpr char kXbrliNamespace[] = "http://www.xbrl.org/2003/instance";
inline constexpr char kXbrldiNamespace[] = "http://xbrl.org/2006/xbrldi";
inline constexpr char kLinkNamespace[] = "http://www.xbrl.org/2003/linkbase";
inline constexpr char kXlinkNamespace[] = "http://www.w3.org/1999/xlink";
inline constexpr char kXsiNamespace[] = "http://www.w3.org/2001/XMLSchema-instance";
inline constexpr char kXhtmlNamespace[] = "http://www.w3.org/1999/xhtml";
inline constexpr char kXmlnsNamespace[] = "http://www.w3.org/2000/xmlns/";

}  // namespace oversight::client::xbrl
