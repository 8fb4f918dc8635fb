#include "clients/import/archive/accounts_archive.h"

#include <zip.h>

#include <cstdio>
#include <memory>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace oversight::client::archive {
namespace {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }  // read-only: nothing to write back
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

bool IsDocumentName(absl::string_view name) {
  const std::string lower = absl::AsciiStrToLower(name);
  return absl::EndsWith(lower, ".html") || absl::EndsWith(lower, ".xhtml") ||
         absl::EndsWith(lower, ".xml");
}

std::string ZipErrorText(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

// Reads one member; every failure names the container and the member.
absl::StatusOr<std::string> ReadMember(zip_t* zip, zip_uint64_t index, const zip_stat_t& stat,
                                       absl::string_view container, absl::string_view name,
                                       const ArchiveLimits& limits) {
  auto fail = [&](absl::string_view reason) {
    return absl::DataLossError(absl::StrCat(container, ": member ", name, ": ", reason));
  };
  if ((stat.valid & ZIP_STAT_SIZE) == 0) return fail("the archive does not record its size");
  if (stat.size > limits.max_document_bytes) {
    return fail(absl::StrCat("declared size ", stat.size, " bytes exceeds the limit of ",
                             limits.max_document_bytes, " bytes"));
  }
  std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(zip, index, 0));
  if (file == nullptr) return fail(zip_strerror(zip));
  std::string bytes(static_cast<size_t>(stat.size), '\0');
  zip_uint64_t done = 0;
  while (done < stat.size) {
    const zip_int64_t n = zip_fread(file.get(), bytes.data() + done, stat.size - done);
    if (n < 0) return fail(zip_file_strerror(file.get()));
    if (n == 0) return fail(absl::StrCat("ends after ", done, " of ", stat.size, " bytes"));
    done += static_cast<zip_uint64_t>(n);
  }
  // One more read reaches the end of the stream, where libzip checks the
  // CRC; a member longer than declared is damaged too.
  char extra = 0;
  const zip_int64_t n = zip_fread(file.get(), &extra, 1);
  if (n < 0) return fail(zip_file_strerror(file.get()));
  if (n > 0) return fail(absl::StrCat("longer than its declared size of ", stat.size, " bytes"));
  return bytes;
}

absl::Status VisitZip(const std::string& path, const ArchiveLimits& limits,
                      const std::function<void(AccountsDocumentEntry)>& visit) {
  int error = 0;
  std::unique_ptr<zip_t, ZipCloser> zip(zip_open(path.c_str(), ZIP_RDONLY, &error));
  if (zip == nullptr) {
    if (error == ZIP_ER_NOENT || error == ZIP_ER_OPEN) {
      return absl::NotFoundError(absl::StrCat(path, ": cannot open: ", ZipErrorText(error)));
    }
    if (error == ZIP_ER_NOZIP) return absl::InvalidArgumentError(absl::StrCat(path, ": not a zip archive"));
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": not a readable zip archive: ", ZipErrorText(error)));
  }
  const zip_int64_t count = zip_get_num_entries(zip.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(zip.get(), index, 0, &stat) != 0 || (stat.valid & ZIP_STAT_NAME) == 0) {
      AccountsDocumentEntry entry;
      entry.container = path;
      entry.ordinal = index + 1;
      entry.entries = static_cast<std::uint64_t>(count);
      entry.name = absl::StrCat("#", i);
      entry.bytes = absl::DataLossError(
          absl::StrCat(path, ": member #", i, ": ", zip_strerror(zip.get())));
      visit(std::move(entry));
      continue;
    }
    const absl::string_view name = stat.name;
    if (absl::EndsWith(name, "/") || !IsDocumentName(name)) continue;
    AccountsDocumentEntry entry;
    entry.container = path;
    entry.ordinal = index + 1;
    entry.entries = static_cast<std::uint64_t>(count);
    entry.name = std::string(name);
    entry.size = (stat.valid & ZIP_STAT_SIZE) != 0 ? stat.size : 0;
    if (limits.wanted && !limits.wanted(name)) {
      entry.skipped = true;
      entry.bytes = std::string();
    } else {
      entry.bytes = ReadMember(zip.get(), index, stat, path, name, limits);
    }
    visit(std::move(entry));
  }
  return absl::OkStatus();
}

absl::Status VisitFile(const std::string& path, std::FILE* file, const ArchiveLimits& limits,
                       const std::function<void(AccountsDocumentEntry)>& visit) {
  AccountsDocumentEntry entry;
  entry.name = path;
  if (std::fseek(file, 0, SEEK_END) != 0) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": cannot seek"));
  }
  const long size = std::ftell(file);
  if (size < 0 || std::fseek(file, 0, SEEK_SET) != 0) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": cannot read its size"));
  }
  entry.size = static_cast<std::uint64_t>(size);
  if (limits.wanted && !limits.wanted(path)) {
    entry.skipped = true;
    entry.bytes = std::string();
  } else if (entry.size > limits.max_document_bytes) {
    entry.bytes = absl::DataLossError(absl::StrCat(path, ": size ", entry.size,
                                                   " bytes exceeds the limit of ",
                                                   limits.max_document_bytes, " bytes"));
  } else {
    std::string bytes(static_cast<size_t>(size), '\0');
    if (size > 0 && std::fread(bytes.data(), 1, bytes.size(), file) != bytes.size()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": read error"));
    }
    entry.bytes = std::move(bytes);
  }
  visit(std::move(entry));
  return absl::OkStatus();
}

}  // namespace

absl::Status VisitAccountsDocuments(absl::string_view path,
                                    const std::function<void(AccountsDocumentEntry)>& visit) {
  return VisitAccountsDocuments(path, ArchiveLimits{}, visit);
}

absl::Status VisitAccountsDocuments(absl::string_view path, const ArchiveLimits& limits,
                                    const std::function<void(AccountsDocumentEntry)>& visit) {
  const std::string p(path);
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(p.c_str(), "rb"));
  if (file == nullptr) return absl::NotFoundError(absl::StrCat(p, ": cannot open"));
  // A zip starts with a local file header (PK\3\4) or, when empty, with the
  // end of central directory record (PK\5\6).
  char magic[4] = {};
  const size_t got = std::fread(magic, 1, sizeof magic, file.get());
  const bool zip_signature = got == 4 && magic[0] == 'P' && magic[1] == 'K' &&
                             ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
  if (zip_signature) {
    file.reset();
    return VisitZip(p, limits, visit);
  }
  if (absl::EndsWith(absl::AsciiStrToLower(p), ".zip")) {
    return absl::InvalidArgumentError(absl::StrCat(p, ": not a zip archive"));
  }
  if (!IsDocumentName(p)) {
    return absl::InvalidArgumentError(
        absl::StrCat(p, ": neither a zip archive nor an .html, .xhtml or .xml document"));
  }
  return VisitFile(p, file.get(), limits, visit);
}

}  // namespace oversight::client::archive
