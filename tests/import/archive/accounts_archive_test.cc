// VisitAccountsDocuments on zips built here with libzip in a temporary
// directory: member order, a member that is not XML (read: the XML reader
// rejects it later), a stored member whose data is corrupted after writing
// (CRC error, reported for that member only), non-document members skipped,
// a file that is not a zip.
#include "clients/import/archive/accounts_archive.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace oversight::client::archive {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class AccountsArchiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "archive_test.XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  struct Member {
    std::string name;
    std::string bytes;
    bool stored = false;  // no compression, so the data can be corrupted in place
  };

  std::string WriteZip(const std::string& file, const std::vector<Member>& members) {
    const std::string path = (dir_ / file).string();
    int error = 0;
    zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    EXPECT_NE(zip, nullptr) << "libzip error " << error;
    if (zip == nullptr) return path;
    for (const Member& m : members) {
      zip_source_t* source = zip_source_buffer(zip, m.bytes.data(), m.bytes.size(), 0);
      EXPECT_NE(source, nullptr);
      const zip_int64_t index = zip_file_add(zip, m.name.c_str(), source, ZIP_FL_ENC_UTF_8);
      EXPECT_GE(index, 0) << zip_strerror(zip);
      if (m.stored) {
        EXPECT_EQ(zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0), 0);
      }
    }
    EXPECT_EQ(zip_close(zip), 0);
    return path;
  }

  std::string WriteFile(const std::string& file, const std::string& bytes) {
    const std::string path = (dir_ / file).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  static std::string ReadAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }

  std::vector<AccountsDocumentEntry> Visit(const std::string& path, absl::Status* status,
                                           ArchiveLimits limits = {}) {
    std::vector<AccountsDocumentEntry> seen;
    *status = VisitAccountsDocuments(path, limits,
                                     [&](AccountsDocumentEntry e) { seen.push_back(std::move(e)); });
    return seen;
  }

  std::filesystem::path dir_;
};

constexpr char kPage[] = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>ok</body></html>";

TEST_F(AccountsArchiveTest, VisitsDocumentsInArchiveOrderAndReportsTheCorruptOneOnly) {
  const std::string corrupt_text = "<html>CORRUPT-ME-PLEASE: this member's data is altered</html>";
  const std::string path = WriteZip(
      "Accounts_Bulk_Data-2024-03-05.zip",
      {{"Prod223_1_00000001_20231231.html", kPage},
       {"readme.txt", "not a document"},
       {"Prod223_1_00000002_20231231.xml", "this is not XML at all"},
       {"Prod223_1_00000003_20231231.html", corrupt_text, /*stored=*/true},
       {"sub/", ""},
       {"sub/Prod223_1_00000004_20231231.HTML", kPage}});
  // Flip one byte of the stored member's data: its CRC no longer matches.
  std::string raw = ReadAll(path);
  const size_t at = raw.find("CORRUPT-ME-PLEASE");
  ASSERT_NE(at, std::string::npos);
  raw[at] = 'X';
  WriteFile("Accounts_Bulk_Data-2024-03-05.zip", raw);

  absl::Status status;
  const auto seen = Visit(path, &status);
  ASSERT_TRUE(status.ok()) << status;
  std::vector<std::string> names;
  for (const auto& e : seen) names.push_back(e.name);
  EXPECT_THAT(names, ElementsAre("Prod223_1_00000001_20231231.html", "Prod223_1_00000002_20231231.xml",
                                 "Prod223_1_00000003_20231231.html",
                                 "sub/Prod223_1_00000004_20231231.HTML"));
  for (const auto& e : seen) EXPECT_EQ(e.container, path);
  // Positions count every entry (the progress bar's denominator): the
  // readme and the directory are entries 2 and 5 of 6.
  std::vector<std::uint64_t> ordinals;
  for (const auto& e : seen) {
    ordinals.push_back(e.ordinal);
    EXPECT_EQ(e.entries, 6u);
  }
  EXPECT_THAT(ordinals, ElementsAre(1u, 3u, 4u, 6u));

  ASSERT_TRUE(seen[0].bytes.ok()) << seen[0].bytes.status();
  EXPECT_EQ(*seen[0].bytes, kPage);
  EXPECT_EQ(seen[0].size, std::string(kPage).size());
  // Not XML: the archive hands the bytes over; the XML reader rejects them.
  ASSERT_TRUE(seen[1].bytes.ok());
  EXPECT_EQ(*seen[1].bytes, "this is not XML at all");
  // Corrupted: an error naming the zip, the member and the CRC.
  ASSERT_FALSE(seen[2].bytes.ok());
  EXPECT_THAT(seen[2].bytes.status().message(), HasSubstr(path));
  EXPECT_THAT(seen[2].bytes.status().message(), HasSubstr("Prod223_1_00000003_20231231.html"));
  EXPECT_THAT(seen[2].bytes.status().message(), HasSubstr("CRC"));
  // The member after the bad one is still read.
  ASSERT_TRUE(seen[3].bytes.ok());
  EXPECT_EQ(*seen[3].bytes, kPage);
}

TEST_F(AccountsArchiveTest, CorruptedDeflatedMemberIsReportedAndTheNextOneRead) {
  std::string page;
  for (int i = 0; i < 200; ++i) page += "<p>line " + std::to_string(i) + " of the accounts</p>\n";
  const std::string path = WriteZip("deflated.zip", {{"first.html", page}, {"second.html", kPage}});
  // The first member's local header is at offset 0: 30 fixed bytes, the
  // name, the extra field, then the compressed data (APPNOTE.TXT 4.3.7).
  std::string raw = ReadAll(path);
  ASSERT_GT(raw.size(), 64u);
  ASSERT_EQ(raw.compare(0, 4, std::string("PK\x03\x04", 4)), 0);
  const auto u16 = [&](size_t at) {
    return static_cast<size_t>(static_cast<unsigned char>(raw[at])) |
           static_cast<size_t>(static_cast<unsigned char>(raw[at + 1])) << 8;
  };
  ASSERT_EQ(u16(8), 8u) << "first member is deflated";
  const size_t data = 30 + u16(26) + u16(28);
  raw[data + 10] = static_cast<char>(raw[data + 10] ^ 0x5A);
  WriteFile("deflated.zip", raw);

  absl::Status status;
  const auto seen = Visit(path, &status);
  ASSERT_TRUE(status.ok()) << status;
  ASSERT_EQ(seen.size(), 2u);
  ASSERT_FALSE(seen[0].bytes.ok()) << "a corrupted deflate stream must not pass as a document";
  EXPECT_THAT(seen[0].bytes.status().message(), HasSubstr("first.html"));
  ASSERT_TRUE(seen[1].bytes.ok()) << seen[1].bytes.status();
  EXPECT_EQ(*seen[1].bytes, kPage);
}

TEST_F(AccountsArchiveTest, MemberOverTheSizeLimitIsReportedNotRead) {
  const std::string big(4096, 'x');
  const std::string path = WriteZip("a.zip", {{"big.html", big}, {"small.html", kPage}});
  absl::Status status;
  ArchiveLimits limits;
  limits.max_document_bytes = 1024;
  const auto seen = Visit(path, &status, limits);
  ASSERT_TRUE(status.ok());
  ASSERT_EQ(seen.size(), 2u);
  ASSERT_FALSE(seen[0].bytes.ok());
  EXPECT_THAT(seen[0].bytes.status().message(), HasSubstr("big.html"));
  EXPECT_THAT(seen[0].bytes.status().message(), HasSubstr("exceeds the limit"));
  EXPECT_EQ(seen[0].size, 4096u);
  EXPECT_TRUE(seen[1].bytes.ok());
}

// A member the caller does not want is visited as skipped without being
// decompressed: its corrupt bytes are never read, so no error is reported.
TEST_F(AccountsArchiveTest, UnwantedMembersAreSkippedWithoutDecompression) {
  const std::string corrupt_text = "<html>CORRUPT-ME-PLEASE: another company's filing</html>";
  const std::string path = WriteZip("month.zip", {{"Prod224_0001_09707484_20250331.html", kPage},
                                                  {"Prod224_0001_01234567_20250331.html", corrupt_text,
                                                   /*stored=*/true}});
  // The second member's CRC no longer matches: reading it would fail.
  std::string raw = ReadAll(path);
  const size_t at = raw.find("CORRUPT-ME-PLEASE");
  ASSERT_NE(at, std::string::npos);
  raw[at] = 'X';
  WriteFile("month.zip", raw);

  ArchiveLimits limits;
  limits.wanted = [](absl::string_view name) { return name.find("09707484") != absl::string_view::npos; };
  absl::Status status;
  const auto seen = Visit(path, &status, limits);
  ASSERT_TRUE(status.ok()) << status;
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_FALSE(seen[0].skipped);
  ASSERT_TRUE(seen[0].bytes.ok());
  EXPECT_EQ(*seen[0].bytes, kPage);
  EXPECT_TRUE(seen[1].skipped);
  ASSERT_TRUE(seen[1].bytes.ok()) << "a skipped member is not read, so its damage is not seen";
  EXPECT_TRUE(seen[1].bytes->empty());
  // Without the filter the same member is read and its damage reported.
  const auto all = Visit(path, &status);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_FALSE(all[1].bytes.ok());
}

TEST_F(AccountsArchiveTest, ADocumentFileIsVisitedOnce) {
  const std::string path = WriteFile("Prod223_2125_09707484_20170731.html", kPage);
  absl::Status status;
  const auto seen = Visit(path, &status);
  ASSERT_TRUE(status.ok()) << status;
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].container, "");
  EXPECT_EQ(seen[0].name, path);
  ASSERT_TRUE(seen[0].bytes.ok());
  EXPECT_EQ(*seen[0].bytes, kPage);
}

TEST_F(AccountsArchiveTest, AZipIsRecognisedByItsSignatureWhateverItsName) {
  const std::string zip = WriteZip("x.zip", {{"a.xml", "<a/>"}});
  std::filesystem::rename(zip, dir_ / "download.bin");
  absl::Status status;
  const auto seen = Visit((dir_ / "download.bin").string(), &status);
  ASSERT_TRUE(status.ok()) << status;
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].name, "a.xml");
}

TEST_F(AccountsArchiveTest, NonZipAndMissingFilesAreRejected) {
  absl::Status status;
  Visit(WriteFile("Accounts_Bulk_Data-2024-03-05.zip", "<html>not a zip</html>"), &status);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("not a zip archive"));

  // A zip signature with nothing valid behind it.
  Visit(WriteFile("truncated.zip", std::string("PK\x03\x04", 4) + "garbage"), &status);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("truncated.zip"));

  Visit(WriteFile("notes.txt", "hello"), &status);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);

  const auto none = Visit((dir_ / "missing.zip").string(), &status);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(status.message(), HasSubstr("missing.zip"));
  EXPECT_TRUE(none.empty());
}

TEST_F(AccountsArchiveTest, EmptyZipVisitsNothing) {
  // The 22-byte end-of-central-directory record alone is a valid empty zip.
  const std::string empty = std::string("PK\x05\x06", 4) + std::string(18, '\0');
  absl::Status status;
  const auto seen = Visit(WriteFile("empty.zip", empty), &status);
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_TRUE(seen.empty());
}

}  // namespace
}  // namespace oversight::client::archive
