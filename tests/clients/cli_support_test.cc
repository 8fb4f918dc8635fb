// The CLI's output and state helpers: table/CSV/JSON rendering, pound
// formatting, the alert cursor file and atomic writes.

#include <sstream>
#include <string>

#include "clients/cli/alert_cursor.h"
#include "clients/cli/cli_support.h"
#include "clients/cli/table.h"
#include "clients/records/csv_table.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/clients/subprocess.h"

namespace oversight::client {
namespace {

Table Sample() {
  Table table;
  table.Column("provider_id", "provider").Column("name", "name").Column("pd", "PD", true);
  table.Row({TextCell("P1"), TextCell("Acme, \"The\" Homes"), PercentCell(0.127, 1)});
  table.Row({TextCell("P22"), TextCell("Beta"), PercentCell(std::nullopt)});
  return table;
}

TEST(Table, AlignedForPeopleWithRightAlignedNumbersAndDashForUnknown) {
  std::ostringstream out;
  Sample().Print(out, OutputFormat::kTable);
  // "Acme, \"The\" Homes" is 17 characters wide: the widest cell of its column.
  EXPECT_EQ(out.str(),
            "provider  name                  PD\n"
            "--------  -----------------  -----\n"
            "P1        Acme, \"The\" Homes  12.7%\n"
            "P22       Beta                   -\n");
}

TEST(Table, CsvRoundTripsThroughAnRfc4180ReaderWithEmptyForUnknown) {
  std::ostringstream out;
  Sample().Print(out, OutputFormat::kCsv);
  auto rows = ParseCsv(out.str());
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].cells, (std::vector<std::string>{"provider_id", "name", "pd"}));
  EXPECT_EQ((*rows)[1].cells[1], "Acme, \"The\" Homes");
  EXPECT_EQ((*rows)[1].cells[2], "0.127");
  EXPECT_EQ((*rows)[2].cells[2], "");
}

TEST(Table, JsonHasRawValuesAndNullForUnknown) {
  const nlohmann::json json = Sample().ToJson();
  ASSERT_EQ(json.size(), 2u);
  EXPECT_DOUBLE_EQ(json[0]["pd"].get<double>(), 0.127);
  EXPECT_TRUE(json[1]["pd"].is_null());
  EXPECT_EQ(json[0]["name"], "Acme, \"The\" Homes");
}

TEST(Format, PoundsHaveThousandsSeparatorsAndSign) {
  EXPECT_EQ(FormatPounds(1250000), "1,250,000");
  EXPECT_EQ(FormatPounds(-127595763.4), "-127,595,763");
  EXPECT_EQ(FormatPounds(999), "999");
  EXPECT_EQ(FormatPounds(-0.2), "0");
  EXPECT_EQ(MultipleCell(4.9).text, "4.90x");
  EXPECT_EQ(PercentCell(0.12697, 2).text, "12.70%");
}

TEST(Format, NegativeLeverageIsNetCashAndStaysNumericInJson) {
  // The sample's P017: cash 5.14 x EBITDA above its debt.
  const Cell net_cash = LeverageCell(-5.14);
  EXPECT_EQ(net_cash.text, "net cash");
  EXPECT_DOUBLE_EQ(net_cash.value.get<double>(), -5.14);
  EXPECT_EQ(LeverageCell(4.9).text, "4.90x");
  EXPECT_EQ(LeverageCell(std::nullopt).text, "-");
}

TEST(AlertCursor, MissingFileIsZeroAndWritesAreReadBack) {
  const std::string dir = testing::MakeTempDir();
  const std::string path = dir + "/alerts.seq";
  auto none = ReadAlertCursor(path);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_EQ(*none, 0);
  ASSERT_TRUE(WriteAlertCursor(path, 41).ok());
  ASSERT_TRUE(WriteAlertCursor(path, 42).ok());
  auto read = ReadAlertCursor(path);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, 42);
  EXPECT_EQ(testing::ReadFile(path), "42\n");
  testing::WriteFile(path, "forty-two\n");
  auto bad = ReadAlertCursor(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), ::testing::HasSubstr("--state"));
}

TEST(AtomicWrite, FailsWithTheReasonWhenTheDirectoryIsMissing) {
  const absl::Status status = WriteFileAtomically("/nonexistent-dir-for-test/report.json", "{}");
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), ::testing::HasSubstr("/nonexistent-dir-for-test/report.json"));
}

}  // namespace
}  // namespace oversight::client
