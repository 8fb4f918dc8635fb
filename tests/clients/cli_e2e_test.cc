// End-to-end: the real `oversight` against a real `oversightd` on a temporary
// SQLite store, with the sample market of deploy/sample.

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "clients/records/csv_table.h"
#include "clients/records/record_reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/clients/subprocess.h"

namespace oversight::client {
namespace {

using ::oversight::client::testing::BackgroundProcess;
using ::oversight::client::testing::CommandResult;
using ::oversight::client::testing::RunCommand;
using ::oversight::client::testing::TestServer;
using ::testing::HasSubstr;

const std::string kCli = OVERSIGHT_CLI_PATH;
const std::string kSampleDir = OVERSIGHT_SAMPLE_DIR;
const std::vector<std::string> kSampleFiles = {
    "accounts.csv", "equity_observations.csv", "facilities.csv", "placements.csv",
    "providers.csv", "related_party_flows.csv", "settings.csv"};  // deliberately not providers first

std::string SampleAsOf() {
  return std::string(absl::StripAsciiWhitespace(testing::ReadFile(kSampleDir + "/AS_OF")));
}

// The number of records in the sample, counted by the reader itself.
std::int64_t SampleRecordCount() {
  std::int64_t total = 0;
  for (const std::string& file : kSampleFiles) {
    auto records = ReadRecordsFile(kSampleDir + "/" + file);
    EXPECT_TRUE(records.ok()) << records.status();
    if (records.ok()) total += static_cast<std::int64_t>(records->size());
  }
  return total;
}

class CliEndToEnd : public ::testing::Test {
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

  std::vector<std::string> Base() const { return {kCli, "--insecure", "--server=" + server_->address()}; }

  CommandResult Cli(std::vector<std::string> args) const {
    std::vector<std::string> argv = Base();
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }

  nlohmann::json CliJson(std::vector<std::string> args, int expected_exit = 0) const {
    args.insert(args.begin(), "--json");
    const CommandResult result = Cli(args);
    EXPECT_EQ(result.exit_code, expected_exit) << "stderr: " << result.err << "\nstdout: " << result.out;
    return nlohmann::json::parse(result.out, nullptr, /*allow_exceptions=*/false);
  }

  nlohmann::json LoadSample() const {
    std::vector<std::string> args = {"load"};
    for (const std::string& file : kSampleFiles) args.push_back(kSampleDir + "/" + file);
    return CliJson(args);
  }

  std::string dir_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(CliEndToEnd, LoadStoresTheSampleAndReloadingChangesNothing) {
  const std::int64_t total = SampleRecordCount();
  ASSERT_GT(total, 0);
  const nlohmann::json first = LoadSample();
  EXPECT_EQ(first["stored"], total);
  EXPECT_EQ(first["unchanged"], 0);
  EXPECT_EQ(first["rejected"], 0) << first["rejections"].dump(2);

  const nlohmann::json again = LoadSample();
  EXPECT_EQ(again["stored"], 0) << "a re-load must store nothing";
  EXPECT_EQ(again["unchanged"], total);
  EXPECT_EQ(again["rejected"], 0);
}

TEST_F(CliEndToEnd, BadLinesAreRejectedWithLineAndFieldAndGoodLinesStored) {
  const std::string path = dir_ + "/providers_extra.csv";
  testing::WriteFile(path,
                     "provider_id,name,kind,ownership,companies_house_number\n"
                     "PX1,Good Care Ltd,childrens_homes,other_private,99123456\n"
                     "PX2,Bad Kind Ltd,castle,listed,\n"
                     "PX3,Short Number Ltd,both,listed,123\n"
                     "PX4,\"Quoted, Name Ltd\",both,voluntary,\n");
  const nlohmann::json out = CliJson({"load", path}, /*expected_exit=*/2);
  EXPECT_EQ(out["stored"], 2);
  EXPECT_EQ(out["rejected"], 2);
  std::set<std::string> rejected;
  for (const auto& r : out["rejections"]) {
    rejected.insert(r["source"].get<std::string>() + " " + r["field"].get<std::string>());
  }
  EXPECT_TRUE(rejected.count(path + ":3 kind")) << out["rejections"].dump(2);
  EXPECT_TRUE(rejected.count(path + ":4 companies_house_number")) << out["rejections"].dump(2);

  const nlohmann::json good = CliJson({"show", "PX4"});
  EXPECT_EQ(good["provider"]["name"], "Quoted, Name Ltd");
  EXPECT_EQ(good["provider"]["provenance"]["source"], path + ":5");
  EXPECT_EQ(Cli({"show", "PX2"}).exit_code, 5) << "a rejected provider must not be stored";

  // The people's summary names the same line and field.
  const CommandResult table = Cli({"load", path});
  EXPECT_EQ(table.exit_code, 2);
  EXPECT_THAT(table.out, HasSubstr("rejected " + path + ":3: kind: unknown value \"castle\""));
  EXPECT_THAT(table.out, HasSubstr("stored 0, unchanged 2, rejected 2"));
}

TEST_F(CliEndToEnd, NightlyTwiceAddsNoDuplicatesAndOutputsParseBack) {
  LoadSample();
  const std::string report = dir_ + "/nightly.json";
  const nlohmann::json first = CliJson({"nightly", "--as-of=" + SampleAsOf(), "--report=" + report});
  ASSERT_TRUE(first.is_object());
  const int providers = first["assessed"];
  EXPECT_GT(providers, 0);
  EXPECT_EQ(first["failed"], 0) << first["failures"].dump(2);
  EXPECT_EQ(first["rating_changes"].size(), static_cast<std::size_t>(providers));
  const std::size_t alerts = first["new_alerts"].size();
  EXPECT_GT(alerts, 0u) << "the sample has deliberately failing providers";
  EXPECT_EQ(nlohmann::json::parse(testing::ReadFile(report)), first) << "the report file is the --json output";

  const nlohmann::json second = CliJson({"nightly", "--as-of=" + SampleAsOf()});
  EXPECT_EQ(second["assessed"], 0);
  EXPECT_EQ(second["unchanged"], providers);
  EXPECT_TRUE(second["new_alerts"].empty()) << second["new_alerts"].dump(2);
  EXPECT_TRUE(second["rating_changes"].empty());

  const nlohmann::json stored = CliJson({"alerts", "list", "--limit=1000"});
  EXPECT_EQ(stored["alerts"].size(), alerts) << "no alert may be stored twice";

  // alerts tail --json: one proto-JSON object per line.
  const CommandResult json_tail = Cli({"--json", "alerts", "tail", "--from=0", "--count=2"});
  ASSERT_EQ(json_tail.exit_code, 0) << json_tail.err;
  std::vector<std::string> lines = absl::StrSplit(json_tail.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u) << json_tail.out;
  EXPECT_EQ(nlohmann::json::parse(lines[0])["sequence"], stored["alerts"][0]["sequence"]);
  EXPECT_EQ(nlohmann::json::parse(lines[1])["provider_id"], stored["alerts"][1]["provider_id"]);

  // alerts list --csv parses back to the same alerts.
  const CommandResult alerts_csv = Cli({"--csv", "alerts", "list", "--limit=1000"});
  ASSERT_EQ(alerts_csv.exit_code, 0) << alerts_csv.err;
  auto alert_rows = ParseCsv(alerts_csv.out);
  ASSERT_TRUE(alert_rows.ok()) << alert_rows.status();
  ASSERT_EQ(alert_rows->size(), alerts + 1);
  EXPECT_EQ((*alert_rows)[1].cells[0], stored["alerts"][0]["sequence"]);
  EXPECT_EQ((*alert_rows)[1].cells[5], stored["alerts"][0]["title"]);

  // --json: one object per provider, ranked 1..N, worst first.
  const nlohmann::json ranked = CliJson({"providers"});
  ASSERT_TRUE(ranked.is_array());
  ASSERT_EQ(ranked.size(), static_cast<std::size_t>(providers));
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    EXPECT_EQ(ranked[i]["rank"], static_cast<int>(i + 1));
    EXPECT_THAT(std::string(ranked[i]["rating"]), ::testing::AnyOf("green", "amber", "red", "black"));
    EXPECT_TRUE(ranked[i]["pd_one_year"].is_number());
  }
  // --csv: parsed back with an RFC 4180 reader, the same providers in the same order.
  const CommandResult csv = Cli({"--csv", "providers"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  auto rows = ParseCsv(csv.out);
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), ranked.size() + 1);
  EXPECT_EQ((*rows)[0].cells[0], "rank");
  EXPECT_EQ((*rows)[0].cells[1], "provider_id");
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    EXPECT_EQ((*rows)[i + 1].cells[1], ranked[i]["provider_id"]);
    EXPECT_EQ((*rows)[i + 1].cells[2], ranked[i]["name"]) << "names with commas must round-trip";
  }

  // explain --json is the Assessment message with its explanation.
  const std::string worst = ranked[0]["provider_id"];
  const nlohmann::json explained = CliJson({"explain", worst});
  EXPECT_EQ(explained["provider_id"], worst);
  EXPECT_FALSE(explained["explanation"]["reasons"].empty());
  const CommandResult readable = Cli({"explain", worst});
  EXPECT_EQ(readable.exit_code, 0);
  EXPECT_THAT(readable.out, HasSubstr("Why"));
  EXPECT_EQ(Cli({"explain", "NO_SUCH_PROVIDER"}).exit_code, 5);
}

std::vector<std::int64_t> SequencesIn(const std::string& tail_output) {
  std::vector<std::int64_t> out;
  for (absl::string_view line : absl::StrSplit(tail_output, '\n', absl::SkipEmpty())) {
    if (!absl::ConsumePrefix(&line, "#")) continue;
    std::int64_t sequence = 0;
    if (absl::SimpleAtoi(line.substr(0, line.find(' ')), &sequence)) out.push_back(sequence);
  }
  return out;
}

std::vector<std::int64_t> SequencesOf(const nlohmann::json& alerts) {
  std::vector<std::int64_t> out;
  for (const auto& alert : alerts) {
    // Proto JSON writes int64 as a string.
    std::int64_t sequence = 0;
    EXPECT_TRUE(absl::SimpleAtoi(alert["sequence"].get<std::string>(), &sequence));
    out.push_back(sequence);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_F(CliEndToEnd, AlertsTailResumesAcrossTailAndServerRestartsWithoutLossOrRepeat) {
  LoadSample();
  const std::string state = dir_ + "/alerts.seq";
  const std::string as_of = SampleAsOf();

  // 1. The nightly raises alerts; a tail with --count replays exactly them.
  const nlohmann::json night1 = CliJson({"nightly", "--as-of=" + as_of});
  const std::vector<std::int64_t> wave1 = SequencesOf(night1["new_alerts"]);
  ASSERT_FALSE(wave1.empty());
  std::vector<std::string> tail1 = Base();
  tail1.insert(tail1.end(), {"alerts", "tail", "--state=" + state, "--count=" + std::to_string(wave1.size())});
  const CommandResult first = RunCommand(tail1);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(SequencesIn(first.out), wave1);
  EXPECT_EQ(std::stoll(testing::ReadFile(state)), wave1.back()) << "the state file keeps the last sequence";

  // 2. A later scoring date raises new alerts while no tail runs; the next
  // tail resumes from the state file and prints only those.
  const nlohmann::json night2 = CliJson({"nightly", "--as-of=2026-06-30"});
  const std::vector<std::int64_t> wave2 = SequencesOf(night2["new_alerts"]);
  ASSERT_FALSE(wave2.empty()) << "scoring a later date raises alerts with new keys";
  std::vector<std::string> tail2 = Base();
  tail2.insert(tail2.end(), {"alerts", "tail", "--state=" + state, "--count=" + std::to_string(wave2.size())});
  const CommandResult second = RunCommand(tail2);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(SequencesIn(second.out), wave2);

  // 3. A live tail survives a server restart: it reconnects and resumes after
  // the last sequence it printed.
  const std::string out_path = dir_ + "/tail3.out";
  std::vector<std::string> tail3 = Base();
  tail3.insert(tail3.end(), {"alerts", "tail", "--state=" + state, "--max_backoff=500ms"});
  // Rewind the cursor by one so the tail prints the last alert again on
  // connecting: seeing it proves the stream was up before the restart.
  testing::WriteFile(state, std::to_string(wave2.size() > 1 ? wave2[wave2.size() - 2] : wave1.back()) + "\n");
  BackgroundProcess live(tail3, out_path, dir_ + "/tail3.err");
  auto wait_for_sequence = [&](std::int64_t wanted) {
    for (int i = 0; i < 1200; ++i) {  // bounded: 60 s
      std::int64_t seen = 0;
      if (absl::SimpleAtoi(absl::StripAsciiWhitespace(testing::ReadFile(state)), &seen) && seen >= wanted) return;
      usleep(50 * 1000);
    }
  };
  wait_for_sequence(wave2.back());
  ASSERT_EQ(SequencesIn(testing::ReadFile(out_path)), std::vector<std::int64_t>{wave2.back()});
  const int port = std::stoi(server_->address().substr(server_->address().rfind(':') + 1));
  server_->Stop();
  server_->Start(port);
  // P040 enters administration: a business-failure alert on the next run.
  const std::string change = dir_ + "/providers_change.csv";
  testing::WriteFile(change,
                     "provider_id,name,companies_house_number,kind,ownership,parent_group,company_status\n"
                     "P040,Tarnside Fostering Ltd,99004040,independent_fostering_agency,private_equity,TARNSIDE,"
                     "administration\n");
  EXPECT_EQ(CliJson({"load", change})["stored"], 1);
  const nlohmann::json night3 = CliJson({"nightly", "--as-of=2026-06-30"});
  const std::vector<std::int64_t> wave3 = SequencesOf(night3["new_alerts"]);
  ASSERT_FALSE(wave3.empty());
  wait_for_sequence(wave3.back());
  live.Stop();
  std::vector<std::int64_t> expected3 = {wave2.back()};
  expected3.insert(expected3.end(), wave3.begin(), wave3.end());
  const std::string tail_err = testing::ReadFile(dir_ + "/tail3.err");
  EXPECT_EQ(SequencesIn(testing::ReadFile(out_path)), expected3)
      << "tail output:\n" << testing::ReadFile(out_path) << "\nstderr:\n" << tail_err;
  EXPECT_THAT(tail_err, HasSubstr("resuming after #" + std::to_string(wave2.back())))
      << "the tail should have seen the restart";

  // Nothing missed, nothing twice: the three runs together are every stored alert once.
  std::vector<std::int64_t> all = wave1;
  all.insert(all.end(), wave2.begin(), wave2.end());
  all.insert(all.end(), wave3.begin(), wave3.end());
  EXPECT_EQ(all, SequencesOf(CliJson({"alerts", "list", "--limit=1000"})["alerts"]));
}

}  // namespace
}  // namespace oversight::client
