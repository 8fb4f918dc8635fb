#pragma once
// Reads accounts documents out of Companies House bulk zips (Prod223 daily,
// Prod224 monthly: tens of thousands of .html/.xml members) or single files,
// through libzip, without ever unpacking to disk. One bad member (a CRC
// error has been reported in a real monthly file) never stops the others.

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace oversight::client::archive {

// One document found in an archive or given as a file.
struct AccountsDocumentEntry {
  std::string container;  // the zip's path, or "" for a document given as a file
  std::string name;       // the member name inside the zip, or the file's path
  // The document's bytes, or why they could not be read (CRC error,
  // unsupported compression or encryption, larger than the limit); the
  // message names the container, the member and the reason.
  absl::StatusOr<std::string> bytes;
  std::uint64_t size = 0;  // uncompressed size as the archive declares it
  // True when ArchiveLimits::wanted declined the member: it was not
  // decompressed and `bytes` is empty.
  bool skipped = false;
  // Position among the container's entries, for a progress bar: entry
  // `ordinal` (from 1) of `entries` (every zip entry, documents or not; 1 for
  // a document given as a file).
  std::uint64_t ordinal = 1;
  std::uint64_t entries = 1;
};

struct ArchiveLimits {
  // A member larger than this is reported, not read: the largest real
  // filings are a few MB, and a member claiming more is damage or a bomb.
  std::uint64_t max_document_bytes = std::uint64_t{256} << 20;
  // When set, a zip member (or a document file, by its path) whose name this
  // declines is visited as skipped without being read or decompressed: a month of the whole country's filings is
  // mostly other companies, whose member names say so (Prod224_..._<number>_...).
  std::function<bool(absl::string_view member_name)> wanted;
};

// Calls `visit` for every .html, .xhtml and .xml document (case-insensitive
// extension) in `path`: each member of a zip in the zip's order (members are
// read one at a time with zip_fopen_index/zip_fread; directories and other
// files are skipped), or the file itself when it is a document. A zip is
// recognised by its signature, whatever its name. Returns
//   NOT_FOUND        `path` cannot be opened;
//   INVALID_ARGUMENT `path` is named .zip but is not a zip archive ("not a
//                    zip archive"), or is neither a zip nor a document;
// and OK otherwise, even when some members could not be read (they are
// visited with a non-OK `bytes`).
absl::Status VisitAccountsDocuments(absl::string_view path,
                                    const std::function<void(AccountsDocumentEntry)>& visit);
absl::Status VisitAccountsDocuments(absl::string_view path, const ArchiveLimits& limits,
                                    const std::function<void(AccountsDocumentEntry)>& visit);

}  // namespace oversight::client::archive
