// End-to-end: `oversight report` against a real oversightd on a temporary
// SQLite store holding the sample market of deploy/sample, scored by
// `oversight nightly`. Python's own parsers check the HTML and SVG.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "clients/records/csv_table.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/clients/subprocess.h"

namespace oversight::client {
namespace {

using ::oversight::client::testing::CommandResult;
using ::oversight::client::testing::RunCommand;
using ::oversight::client::testing::TestServer;
using ::testing::HasSubstr;

const std::string kCli = OVERSIGHT_CLI_PATH;
const std::string kSampleDir = OVERSIGHT_SAMPLE_DIR;

// Checks the report directory with the Python standard library: the HTML's
// tags nest and close (html.parser, void elements excepted), every SVG file
// and every SVG inline in the page is well-formed XML (xml.etree), and the
// page uses no script and no external resource. Prints "ok N" with the
// number of SVG documents checked, or the first problem.
constexpr char kChecker[] = R"PY(
import glob, os, re, sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

class Structure(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.tags = [], [], {}
    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for name, value in attrs:
            if name in ("src",) or (name == "href" and value and "://" in value):
                self.problems.append("external resource %s=%s" % (name, value))
        if tag not in VOID:
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append("</%s> closes %s" % (tag, self.stack[-1] if self.stack else "nothing"))
        else:
            self.stack.pop()

directory = sys.argv[1]
page = open(os.path.join(directory, "report.html"), encoding="utf-8").read()
parser = Structure()
parser.feed(page)
parser.close()
if parser.stack:
    parser.problems.append("never closed: %s" % parser.stack)
if parser.tags.get("script"):
    parser.problems.append("the page has a script")
for needed in ("html", "head", "body", "h1", "svg", "table"):
    if not parser.tags.get(needed):
        parser.problems.append("no <%s>" % needed)
if parser.problems:
    print("html: " + "; ".join(parser.problems[:5]))
    sys.exit(1)
checked = 0
for path in sorted(glob.glob(os.path.join(directory, "*.svg"))):
    root = ET.parse(path).getroot()
    if root.tag != "{http://www.w3.org/2000/svg}svg":
        print("%s: root is %s" % (path, root.tag)); sys.exit(1)
    checked += 1
for inline in re.findall(r"<svg .*?</svg>", page, re.S):
    ET.fromstring(inline)
    checked += 1
print("ok %d" % checked)
)PY";

std::map<std::string, std::string> RowOf(const std::vector<std::string>& header, const CsvRow& row) {
  std::map<std::string, std::string> out;
  for (std::size_t i = 0; i < header.size() && i < row.cells.size(); ++i) out[header[i]] = row.cells[i];
  return out;
}

class ReportEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    server_ = std::make_unique<TestServer>(OVERSIGHTD_PATH, dir_ + "/oversight.db");
    server_->Start();
  }
  void TearDown() override {
    if (HasFailure()) std::cerr << "oversightd log:\n" << testing::ReadFile(server_->log()) << "\n";
    server_->Stop();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  CommandResult Cli(std::vector<std::string> args) const {
    std::vector<std::string> argv = {kCli, "--insecure", "--server=" + server_->address()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }

  void LoadAndScoreSample() {
    std::vector<std::string> load = {"load"};
    for (const auto& entry : std::filesystem::directory_iterator(kSampleDir)) {
      if (entry.path().extension() == ".csv") load.push_back(entry.path().string());
    }
    const CommandResult loaded = Cli(load);
    ASSERT_EQ(loaded.exit_code, 0) << loaded.err << loaded.out;
    const std::string as_of(absl::StripAsciiWhitespace(testing::ReadFile(kSampleDir + "/AS_OF")));
    const CommandResult nightly = Cli({"nightly", "--as-of=" + as_of});
    ASSERT_EQ(nightly.exit_code, 0) << nightly.err << nightly.out;
  }

  std::vector<CsvRow> ReadCsv(const std::string& path) {
    absl::StatusOr<std::vector<CsvRow>> rows = ParseCsv(testing::ReadFile(path));
    EXPECT_TRUE(rows.ok()) << path << ": " << rows.status();
    return rows.ok() ? *rows : std::vector<CsvRow>{};
  }

  std::string dir_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(ReportEndToEnd, WritesAWellFormedReportWhoseRatingCountsMatchTheProviderList) {
  ASSERT_NO_FATAL_FAILURE(LoadAndScoreSample());
  const std::string out = dir_ + "/report";
  const CommandResult report = Cli({"--json", "report", "--out=" + out});
  ASSERT_EQ(report.exit_code, 0) << report.err << report.out;
  const nlohmann::json summary = nlohmann::json::parse(report.out, nullptr, false);
  ASSERT_FALSE(summary.is_discarded()) << report.out;
  EXPECT_EQ(summary["report"], out + "/report.html");
  for (const auto& file : summary["files"]) {
    EXPECT_TRUE(std::filesystem::exists(file.get<std::string>())) << file;
  }
  for (const char* name : {"report.html", "rating_counts.csv", "rating_counts_by_region.csv",
                           "operating_margin_distribution.csv", "ebitda_margin_distribution.csv",
                           "leverage_distribution.csv", "england_shares.csv", "region_concentration.csv",
                           "key_figures.csv", "operating_margin_distribution.svg"}) {
    EXPECT_TRUE(std::filesystem::exists(out + "/" + name)) << name;
  }

  // The HTML and every SVG parse.
  const std::string checker = dir_ + "/check_report.py";
  testing::WriteFile(checker, kChecker);
  const CommandResult check = RunCommand({"/usr/bin/python3", checker, out});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_THAT(check.out, HasSubstr("ok ")) << check.err;

  // Every CSV parses with a full row under its header.
  for (const auto& entry : std::filesystem::directory_iterator(out)) {
    if (entry.path().extension() != ".csv") continue;
    const std::vector<CsvRow> rows = ReadCsv(entry.path().string());
    ASSERT_FALSE(rows.empty()) << entry.path();
    for (const CsvRow& row : rows) {
      EXPECT_EQ(row.cells.size(), rows.front().cells.size()) << entry.path() << " line " << row.line;
    }
  }

  // Counts by rating equal the ranked list's.
  const CommandResult providers = Cli({"--csv", "providers"});
  ASSERT_EQ(providers.exit_code, 0) << providers.err;
  absl::StatusOr<std::vector<CsvRow>> listed = ParseCsv(providers.out);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_GT(listed->size(), 1u);
  std::map<std::string, int> expected;
  for (std::size_t i = 1; i < listed->size(); ++i) ++expected[RowOf(listed->front().cells, (*listed)[i])["rating"]];
  std::map<std::string, int> reported;
  int total = 0;
  const std::vector<CsvRow> counts = ReadCsv(out + "/rating_counts.csv");
  ASSERT_EQ(counts.size(), 5u) << "header and four ratings";
  for (std::size_t i = 1; i < counts.size(); ++i) {
    const auto row = RowOf(counts.front().cells, counts[i]);
    const int n = std::stoi(row.at("providers"));
    if (n > 0) reported[row.at("rating")] = n;
    total += n;
  }
  EXPECT_EQ(reported, expected);
  EXPECT_EQ(total, static_cast<int>(listed->size() - 1));
  EXPECT_EQ(summary["providers"], total);

  // The histograms count every provider once (computable or not).
  for (const char* histogram : {"operating_margin_distribution.csv", "leverage_distribution.csv"}) {
    const std::vector<CsvRow> bins = ReadCsv(out + "/" + histogram);
    int binned = 0;
    for (std::size_t i = 1; i < bins.size(); ++i) binned += std::stoi(RowOf(bins.front().cells, bins[i]).at("providers"));
    EXPECT_EQ(binned, total) << histogram;
  }

  // England's children placed equal the regions' sum, and shares add to 1.
  const std::vector<CsvRow> england = ReadCsv(out + "/england_shares.csv");
  double share_sum = 0;
  for (std::size_t i = 1; i < england.size(); ++i) share_sum += std::stod(RowOf(england.front().cells, england[i]).at("share"));
  EXPECT_NEAR(share_sum, 1.0, 1e-6);

  const std::string html = testing::ReadFile(out + "/report.html");
  EXPECT_THAT(html, HasSubstr("Median <strong>OPERATING</strong> margin"));
  EXPECT_THAT(html, HasSubstr("the CMA's 22.6%"));
  EXPECT_THAT(html, HasSubstr("the CMA's 19.4%"));
  EXPECT_THAT(html, HasSubstr("17.2%"));
}

TEST_F(ReportEndToEnd, RefusesWithoutOutOrBeforeAnyAssessment) {
  const CommandResult no_out = Cli({"report"});
  EXPECT_EQ(no_out.exit_code, 1);
  EXPECT_THAT(no_out.err, HasSubstr("--out"));
  const CommandResult unscored = Cli({"report", "--out=" + dir_ + "/empty"});
  EXPECT_EQ(unscored.exit_code, 5) << unscored.err;
  EXPECT_THAT(unscored.err, HasSubstr("oversight nightly"));
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/empty/report.html"));
}

// Over TLS with bearer tokens, as in production: the report runs with the
// caller's --token, which must be a role that may read the whole market.
class ReportWithTokens : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    // A CA and a server certificate for 127.0.0.1 (openssl is a Debian dependency).
    ASSERT_NO_FATAL_FAILURE(Openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                                     "/CN=oversight report test CA", "-keyout", dir_ + "/ca.key", "-out",
                                     dir_ + "/ca.pem"}));
    testing::WriteFile(dir_ + "/server.ext", "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    ASSERT_NO_FATAL_FAILURE(Openssl({"req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=oversight report test",
                                     "-keyout", dir_ + "/server.key", "-out", dir_ + "/server.csr"}));
    ASSERT_NO_FATAL_FAILURE(Openssl({"x509", "-req", "-in", dir_ + "/server.csr", "-CA", dir_ + "/ca.pem", "-CAkey",
                                     dir_ + "/ca.key", "-CAcreateserial", "-days", "2", "-extfile",
                                     dir_ + "/server.ext", "-out", dir_ + "/server.pem"}));
    server_ = std::make_unique<TestServer>(
        OVERSIGHTD_PATH, dir_ + "/oversight.db",
        std::vector<std::string>{"--tls_cert=" + dir_ + "/server.pem", "--tls_key=" + dir_ + "/server.key",
                                 "--bootstrap_admin_token_file=" + dir_ + "/admin.token"});
    server_->Start();
  }
  void TearDown() override {
    if (HasFailure() && server_) std::cerr << "oversightd log:\n" << testing::ReadFile(server_->log()) << "\n";
    if (server_) server_->Stop();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  static void Openssl(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"/usr/bin/openssl"};
    argv.insert(argv.end(), args.begin(), args.end());
    const CommandResult result = RunCommand(argv);
    ASSERT_EQ(result.exit_code, 0) << "openssl failed: " << result.err;
  }

  CommandResult Cli(std::vector<std::string> args, const std::string& token) const {
    std::vector<std::string> argv = {kCli, "--server=" + server_->address(), "--tls_ca=" + dir_ + "/ca.pem"};
    if (!token.empty()) argv.push_back("--token=" + token);
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }

  std::string Issue(const std::string& admin, std::vector<std::string> args) const {
    args.insert(args.begin(), {"--json", "token", "issue", "--subject=report test", "--ttl=1h"});
    const CommandResult issued = Cli(args, admin);
    EXPECT_EQ(issued.exit_code, 0) << issued.err;
    const nlohmann::json token = nlohmann::json::parse(issued.out, nullptr, false);
    return token.is_object() ? token.value("token", "") : "";
  }

  std::string dir_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(ReportWithTokens, ARegulatorTokenDrawsTheReportAndOtherCallersAreRefused) {
  const std::string admin(absl::StripAsciiWhitespace(testing::ReadFile(dir_ + "/admin.token")));
  ASSERT_FALSE(admin.empty()) << "oversightd did not write the bootstrap admin token";
  std::vector<std::string> load = {"load"};
  for (const auto& entry : std::filesystem::directory_iterator(kSampleDir)) {
    if (entry.path().extension() == ".csv") load.push_back(entry.path().string());
  }
  const CommandResult loaded = Cli(load, admin);
  ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
  const std::string job = Issue(admin, {"--role=scoring_job"});
  const std::string as_of(absl::StripAsciiWhitespace(testing::ReadFile(kSampleDir + "/AS_OF")));
  const CommandResult nightly = Cli({"nightly", "--as-of=" + as_of}, job);
  ASSERT_EQ(nightly.exit_code, 0) << nightly.err;

  const std::string regulator = Issue(admin, {"--role=regulator"});
  ASSERT_FALSE(regulator.empty());
  const CommandResult report = Cli({"report", "--out=" + dir_ + "/report"}, regulator);
  EXPECT_EQ(report.exit_code, 0) << report.err;
  EXPECT_THAT(report.out, HasSubstr("(40 providers)"));
  EXPECT_TRUE(std::filesystem::exists(dir_ + "/report/report.html"));

  const CommandResult anonymous = Cli({"report", "--out=" + dir_ + "/anonymous"}, "");
  EXPECT_EQ(anonymous.exit_code, 4) << "no token: " << anonymous.err;
  // A provider may list itself but not the market's concentration.
  const std::string provider = Issue(admin, {"--role=provider", "--provider=P001"});
  const CommandResult scoped = Cli({"report", "--out=" + dir_ + "/scoped"}, provider);
  EXPECT_EQ(scoped.exit_code, 4) << scoped.err << scoped.out;
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/scoped/report.html")) << "a refused report writes nothing";
}

}  // namespace
}  // namespace oversight::client
