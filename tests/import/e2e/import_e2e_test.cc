// End to end (issue #12): a bulk-accounts zip holding real Companies House
// filings (one known company, one company the store does not know, one corrupt
// member) imported through the real `oversight` into a real `oversightd`;
// the provider scored with the provenance of its figures in the explanation;
// a re-import changes nothing. Then Companies House API responses (a company
// in administration) and an Ofsted register with a matched and an unmatched
// owner, resolved by an alias.

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
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
const std::string kFilings = OVERSIGHT_REAL_FILINGS_DIR;

// Known to the store: Lid IT Limited (09707484, accounts to 2017-07-31) and
// CXPERT CONSULTANCY LIMITED (09184988, to 2017-08-31). 09168118 is in the
// archive but not in the store.
constexpr char kProviders[] =
    "provider_id,name,kind,ownership,companies_house_number\n"
    "PLID,Lid IT Limited,childrens_homes,other_private,09707484\n"
    "PCXP,Cxpert Consultancy Limited,independent_fostering_agency,private_equity,09184988\n";

class ImportEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    server_ = std::make_unique<TestServer>(OVERSIGHTD_PATH, dir_ + "/oversight.db");
    server_->Start();
    testing::WriteFile(dir_ + "/providers.csv", kProviders);
    const CommandResult loaded = Cli({"load", dir_ + "/providers.csv"});
    ASSERT_EQ(loaded.exit_code, 0) << loaded.err << loaded.out;
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

  nlohmann::json CliJson(std::vector<std::string> args, int expected_exit = 0) const {
    args.insert(args.begin(), "--json");
    const CommandResult result = Cli(args);
    EXPECT_EQ(result.exit_code, expected_exit) << "stderr: " << result.err << "\nstdout: " << result.out;
    return nlohmann::json::parse(result.out, nullptr, /*allow_exceptions=*/false);
  }

  // A bulk archive as Companies House names it, written by Python's zipfile
  // (an independent zip writer): two real filings, one real filing of a
  // company the store does not know, and a member that is not XML.
  std::string MakeArchive() const {
    const std::string zip = dir_ + "/Accounts_Bulk_Data-2017-10-05.zip";
    const std::string script =
        "import sys, zipfile\n"
        "z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)\n"
        "for name in sys.argv[3:]:\n"
        "    z.write(sys.argv[2] + '/' + name, name)\n"
        "z.writestr('Prod223_2125_09184988_20170930.html', b'\\x00\\x01 not a filing <<<')\n"
        "z.close()\n";
    const CommandResult made = RunCommand({"/usr/bin/python3", "-c", script, zip, kFilings,
                                           "Prod223_2125_09707484_20170731.html",
                                           "Prod223_2125_09184988_20170831.html",
                                           "Prod223_2125_09168118_20170831.html"});
    EXPECT_EQ(made.exit_code, 0) << made.err;
    return zip;
  }

  std::string dir_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(ImportEndToEnd, ArchiveImportsKnownCompaniesKeepsProvenanceAndReimportChangesNothing) {
  const std::string zip = MakeArchive();
  const nlohmann::json first = CliJson({"import", "accounts", zip}, /*expected_exit=*/2);
  ASSERT_TRUE(first.is_object());
  EXPECT_EQ(first["read"], 4);
  EXPECT_EQ(first["imported"], 2);
  EXPECT_EQ(first["skipped"], 1) << first.dump(2);
  EXPECT_EQ(first["skipped_by_reason"]["company not known to the store"], 1);
  ASSERT_EQ(first["failed"], 1) << first.dump(2);
  EXPECT_THAT(first["failures"][0]["source"].get<std::string>(),
              HasSubstr("Prod223_2125_09184988_20170930.html"));
  EXPECT_FALSE(first["failures"][0]["reason"].get<std::string>().empty());
  EXPECT_GE(first["records_stored"].get<int>(), 2);  // current year of each; comparatives when present
  const int stored = first["records_stored"].get<int>();

  // The re-import stores nothing: every record is answered unchanged.
  const nlohmann::json again = CliJson({"import", "accounts", zip}, /*expected_exit=*/2);
  EXPECT_EQ(again["records_stored"], 0) << again.dump(2);
  EXPECT_EQ(again["records_unchanged"], stored);

  // Scored after the filings were published, the explanation quotes the
  // filing, concept and context of each imported figure.
  const CommandResult nightly = Cli({"nightly", "--as_of=2018-01-15"});
  ASSERT_EQ(nightly.exit_code, 0) << nightly.err << nightly.out;
  const nlohmann::json explained = CliJson({"explain", "PLID"});
  ASSERT_TRUE(explained.contains("explanation")) << explained.dump(2);
  EXPECT_EQ(explained["accounts_period_end"], "2017-07-31");
  int filed = 0;
  for (const auto& figure : explained["explanation"]["figures"]) {
    const std::string key = figure["key"];
    if (key.rfind("filed.", 0) != 0) continue;
    ++filed;
    ASSERT_TRUE(figure.contains("inputs")) << figure.dump();
    const std::string input = figure["inputs"][0];
    EXPECT_THAT(input, HasSubstr("Prod223_2125_09707484_20170731.html")) << figure.dump();
    if (!figure.contains("formula") || figure["formula"] == "as tagged in the filing") {
      EXPECT_THAT(input, HasSubstr("context ")) << figure.dump();
    }
  }
  EXPECT_GE(filed, 3) << explained["explanation"].dump(2);
}

TEST_F(ImportEndToEnd, CompanyInAdministrationRaisesTheFailureAlert) {
  testing::WriteFile(dir_ + "/09184988.json", R"({
    "company_number": "09184988",
    "company_name": "CXPERT CONSULTANCY LIMITED",
    "company_status": "administration",
    "type": "ltd",
    "date_of_creation": "2014-08-20",
    "accounts": {
      "accounting_reference_date": {"day": "31", "month": "08"},
      "next_accounts": {"period_start_on": "2017-09-01", "period_end_on": "2018-08-31",
                        "due_on": "2019-05-31", "overdue": true}
    }
  })");
  const nlohmann::json out = CliJson({"import", "companies", "--as_of=2019-06-30", dir_ + "/09184988.json"});
  EXPECT_EQ(out["imported"], 1) << out.dump(2);
  EXPECT_EQ(out["records_stored"], 1);

  const nlohmann::json shown = CliJson({"show", "PCXP"});
  EXPECT_EQ(shown["provider"]["company_status"], "COMPANY_STATUS_ADMINISTRATION") << shown.dump(2);
  EXPECT_EQ(shown["provider"]["accounts_overdue_at_companies_house"], true);

  const nlohmann::json alerts = CliJson({"alerts", "list", "--provider=PCXP"});
  std::set<std::string> kinds;
  ASSERT_TRUE(alerts.contains("alerts")) << alerts.dump(2);
  for (const auto& a : alerts["alerts"]) kinds.insert(absl::AsciiStrToLower(a["kind"].get<std::string>()));
  EXPECT_THAT(kinds, ::testing::Contains(HasSubstr("business_failure"))) << alerts.dump(2);

  // The same response again changes nothing.
  const nlohmann::json again = CliJson({"import", "companies", "--as_of=2019-06-30", dir_ + "/09184988.json"});
  EXPECT_EQ(again["records_stored"], 0);
  EXPECT_EQ(again["records_unchanged"], 1);
}

TEST_F(ImportEndToEnd, OfstedOwnersMatchByNameOrAliasAndTheRestAreListed) {
  const std::string csv = dir_ + "/provider_at_march_2026.csv";
  testing::WriteFile(csv,
                     "Children's social care data in England 2026\n"
                     "Provider level data as at 31 March 2026\n"
                     "Source: Ofsted\n"
                     "Web link,URN,Provision type,Registration date,Registration status,Name,Ofsted region,"
                     "Local authority,Sector,Places,Organisation which owns the provider,"
                     "Overall experiences and progress of children and young people\n"
                     ",SC111111,Children's home,01/02/2019,Active,REDACTED,North West,Manchester,Private,4,"
                     "LID IT LTD,Good\n"
                     ",1234567,Independent Fostering Agency,03/04/2015,Active,Cxpert Fostering,London,Camden,"
                     "Private,,Cxpert Care Services,Outstanding\n");
  const nlohmann::json first = CliJson({"import", "ofsted", csv});
  EXPECT_EQ(first["imported"], 1) << first.dump(2);  // "LID IT LTD" is Lid IT Limited by normalised name
  EXPECT_EQ(first["records_stored"], 1);

  const nlohmann::json unmatched = CliJson({"ofsted", "unmatched"});
  ASSERT_EQ(unmatched.size(), 1u) << unmatched.dump(2);
  EXPECT_EQ(unmatched[0]["owner"], "Cxpert Care Services");
  EXPECT_EQ(unmatched[0]["settings"], 1);

  const CommandResult alias = Cli({"ofsted", "alias", "Cxpert Care Services", "PCXP"});
  ASSERT_EQ(alias.exit_code, 0) << alias.err;
  const nlohmann::json second = CliJson({"import", "ofsted", csv});
  EXPECT_EQ(second["imported"], 2) << second.dump(2);
  EXPECT_EQ(second["records_stored"], 1);     // the fostering agency, now matched
  EXPECT_EQ(second["records_unchanged"], 1);  // the children's home again
  EXPECT_EQ(CliJson({"ofsted", "unmatched"}).size(), 0u);

  const nlohmann::json shown = CliJson({"show", "PCXP"});
  EXPECT_EQ(shown["settings"], 1) << shown.dump(2);
}

}  // namespace
}  // namespace oversight::client
