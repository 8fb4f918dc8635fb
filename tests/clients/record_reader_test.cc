#include "clients/records/record_reader.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "clients/records/csv_table.h"
#include "clients/records/record_kind.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace oversight::client {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

std::string Errors(const RecordFile& file) {
  std::string out;
  for (const RecordError& e : file.errors) out += e.ToString() + "\n";
  return out;
}

TEST(CsvTable, QuotesCommasNewlinesDoubledQuotesAndCrlf) {
  const std::string text =
      "a,b,c\r\n"
      "\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n"
      "\r\n"
      " plain ,,\"\"\r\n";
  auto rows = ParseCsv(text);
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_THAT(*rows, SizeIs(3));
  EXPECT_EQ((*rows)[1].cells[0], "x, y");
  EXPECT_EQ((*rows)[1].cells[1], "say \"hi\"");
  EXPECT_EQ((*rows)[1].cells[2], "two\nlines");
  EXPECT_EQ((*rows)[1].line, 2);
  // The quoted cell spanned lines 2-3 and line 4 was blank.
  EXPECT_EQ((*rows)[2].line, 5);
  EXPECT_EQ((*rows)[2].cells[0], "plain");
  EXPECT_EQ((*rows)[2].cells[1], "");
  EXPECT_TRUE((*rows)[2].quoted[2]);
}

TEST(CsvTable, ByteOrderMarkIsDropped) {
  auto rows = ParseCsv("\xEF\xBB\xBFprovider_id\nP1\n");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ((*rows)[0].cells[0], "provider_id");
}

TEST(CsvTable, UnterminatedQuoteNamesTheLine) {
  auto rows = ParseCsv("a,b\n1,\"open\n2,3\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(rows.status().message(), HasSubstr("line 2"));
}

TEST(CsvTable, TextAfterClosingQuoteIsAnError) {
  auto rows = ParseCsv("a\n\"x\"y\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(rows.status().message(), HasSubstr("line 2"));
}

TEST(RecordKinds, FileNamesAndProtoFieldsAgree) {
  EXPECT_EQ(RecordKindFromFileName("deploy/sample/providers.csv"), RecordKind::kProviders);
  EXPECT_EQ(RecordKindFromFileName("/x/accounts_2025.csv"), RecordKind::kAccounts);
  EXPECT_EQ(RecordKindFromFileName("related_party_flows.csv"), RecordKind::kRelatedPartyFlows);
  EXPECT_EQ(RecordKindFromFileName("equity_observations.csv"), RecordKind::kEquityObservations);
  EXPECT_EQ(RecordKindFromFileName("notes.csv"), std::nullopt);
  for (const RecordKindInfo& info : AllRecordKinds()) {
    EXPECT_NE(oversight::v1::Record::descriptor()->FindFieldByName(std::string(info.record_field)),
              nullptr)
        << info.record_field << " is not a field of oversight.v1.Record";
  }
}

TEST(RecordReader, ProvidersWithQuotedNameEnumsAndProvenance) {
  const std::string text =
      "provider_id,name,kind,ownership,companies_house_number,company_status\n"
      "P001,\"Acme Care, Ltd\",Children's homes,private-equity,09707484,\n"
      "P002,Beta,INDEPENDENT_FOSTERING_AGENCY,listed,,administration\n";
  auto file = ParseRecords(text, "sample/providers.csv");
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_TRUE(file->errors.empty()) << Errors(*file);
  ASSERT_THAT(file->records, SizeIs(2));
  const auto& p1 = file->records[0].record.provider();
  EXPECT_EQ(p1.name(), "Acme Care, Ltd");
  EXPECT_EQ(p1.kind(), oversight::v1::PROVIDER_KIND_CHILDRENS_HOMES);
  EXPECT_EQ(p1.ownership(), oversight::v1::OWNERSHIP_PRIVATE_EQUITY);
  EXPECT_EQ(p1.companies_house_number(), "09707484");
  EXPECT_EQ(p1.company_status(), oversight::v1::COMPANY_STATUS_UNSPECIFIED);
  EXPECT_EQ(p1.provenance().source(), "sample/providers.csv:2");
  EXPECT_EQ(file->records[1].source, "sample/providers.csv:3");
  EXPECT_EQ(file->records[1].record.provider().company_status(),
            oversight::v1::COMPANY_STATUS_ADMINISTRATION);
}

TEST(RecordReader, EmptyCellLeavesOptionalFigureUnsetNotZero) {
  const std::string text =
      "provider_id,period_start,period_end,revenue,ebitda,going_concern_uncertainty\n"
      "P001,2024-04-01,2025-03-31,1250000,,TRUE\n";
  auto file = ParseRecords(text, "accounts.csv");
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_TRUE(file->errors.empty()) << Errors(*file);
  const auto& a = file->records.at(0).record.accounts();
  EXPECT_EQ(a.period().start(), "2024-04-01");
  EXPECT_EQ(a.period().end(), "2025-03-31");
  ASSERT_TRUE(a.has_revenue());
  EXPECT_DOUBLE_EQ(a.revenue(), 1250000);
  EXPECT_FALSE(a.has_ebitda()) << "an empty cell must mean unknown, got " << a.ebitda();
  EXPECT_TRUE(a.going_concern_uncertainty());
}

TEST(RecordReader, CovenantAliasesFillTheNestedMessage) {
  const std::string text =
      "provider_id,facility_id,committed,drawn,start_date,maturity_date,rate_type,margin,"
      "max_net_leverage,covenant_test_frequency_months,covenant_first_test_date\n"
      "P001,F1,165000000,150000000,2022-01-01,2028-01-01,floating,0.0525,7.4,3,2022-03-31\n";
  auto file = ParseRecords(text, "facilities.csv");
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_TRUE(file->errors.empty()) << Errors(*file);
  const auto& f = file->records.at(0).record.facility();
  EXPECT_EQ(f.rate_type(), oversight::v1::RATE_TYPE_FLOATING);
  EXPECT_DOUBLE_EQ(f.covenant().max_net_leverage(), 7.4);
  EXPECT_FALSE(f.covenant().has_min_interest_cover());
  EXPECT_EQ(f.covenant().test_frequency_months(), 3);
  EXPECT_EQ(f.covenant().first_test_date(), "2022-03-31");
}

TEST(RecordReader, BadLinesAreReportedWithLineAndFieldAndGoodLinesKept) {
  const std::string text =
      "provider_id,period_start,period_end,revenue,cash\n"
      "P001,2024-04-01,2025-03-31,\"12,000\",5\n"
      "P002,2024-04-01,2025-03-31,100,\n"
      "P003,,2025-03-31,100,£5\n";
  auto file = ParseRecords(text, "data/accounts.csv");
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_THAT(file->records, SizeIs(1));
  EXPECT_EQ(file->records[0].record.accounts().provider_id(), "P002");
  EXPECT_EQ(file->records[0].line, 3);
  ASSERT_THAT(file->errors, SizeIs(3)) << Errors(*file);
  EXPECT_EQ(file->errors[0].line, 2);
  EXPECT_EQ(file->errors[0].field, "revenue");
  EXPECT_THAT(file->errors[0].ToString(), HasSubstr("data/accounts.csv:2: revenue: \"12,000\" is not a number"));
  EXPECT_EQ(file->errors[1].line, 4);
  EXPECT_EQ(file->errors[1].field, "period_start");
  EXPECT_THAT(file->errors[1].reason, HasSubstr("required"));
  EXPECT_EQ(file->errors[2].field, "cash");
}

TEST(RecordReader, UnknownColumnAndUnknownEnumValue) {
  auto header = ParseRecords("provider_id,name,kind,ownership,revenu\nP1,A,both,listed,3\n",
                             "providers.csv");
  ASSERT_TRUE(header.ok()) << header.status();
  EXPECT_TRUE(header->records.empty());
  ASSERT_THAT(header->errors, SizeIs(1));
  EXPECT_EQ(header->errors[0].line, 1);
  EXPECT_EQ(header->errors[0].field, "revenu");
  EXPECT_THAT(header->errors[0].reason, HasSubstr("unknown column"));

  auto value = ParseRecords("provider_id,name,kind,ownership\nP1,A,care homes,listed\n", "providers.csv");
  ASSERT_TRUE(value.ok()) << value.status();
  ASSERT_THAT(value->errors, SizeIs(1));
  EXPECT_EQ(value->errors[0].field, "kind");
  EXPECT_THAT(value->errors[0].reason,
              HasSubstr("unknown value \"care homes\"; expected one of childrens_homes, "
                        "independent_fostering_agency, both"));
}

TEST(RecordReader, MissingRequiredColumnRejectsTheFile) {
  auto file = ParseRecords("provider_id,name,kind\nP1,A,both\n", "providers.csv");
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_TRUE(file->records.empty());
  ASSERT_THAT(file->errors, SizeIs(1));
  EXPECT_EQ(file->errors[0].field, "ownership");
  EXPECT_THAT(file->errors[0].reason, HasSubstr("required column is missing"));
}

TEST(RecordReader, FileNameWithoutKindIsAnError) {
  auto file = ParseRecords("provider_id\nP1\n", "stuff.csv");
  ASSERT_FALSE(file.ok());
  EXPECT_THAT(file.status().message(), HasSubstr("providers*.csv"));
}

TEST(RecordReader, JsonDocumentWithLinesNullsAndErrors) {
  const std::string text = R"({
  "accounts": [
    {"provider_id": "P001", "period_start": "2024-04-01", "period_end": "2025-03-31",
     "revenue": 1250000.5, "ebitda": null}
  ],
  "providers": [
    {"provider_id": "P001", "name": "Acme", "kind": "both", "ownership": "listed"},
    {"provider_id": "P002", "name": "Beta", "kind": "both", "ownership": "listed",
     "companies_house_number": 9707484}
  ]
})";
  auto file = ParseRecords(text, "market.json");
  ASSERT_TRUE(file.ok()) << file.status();
  // Providers come first whatever the document order.
  ASSERT_THAT(file->records, SizeIs(2)) << Errors(*file);
  EXPECT_EQ(file->records[0].kind, RecordKind::kProviders);
  EXPECT_EQ(file->records[0].source, "market.json:7");
  EXPECT_EQ(file->records[1].kind, RecordKind::kAccounts);
  EXPECT_EQ(file->records[1].line, 3);
  const auto& a = file->records[1].record.accounts();
  EXPECT_DOUBLE_EQ(a.revenue(), 1250000.5);
  EXPECT_FALSE(a.has_ebitda());
  ASSERT_THAT(file->errors, SizeIs(1));
  EXPECT_EQ(file->errors[0].line, 8);
  EXPECT_EQ(file->errors[0].field, "companies_house_number");
  EXPECT_THAT(file->errors[0].reason, HasSubstr("expected a JSON string"));
}

TEST(RecordReader, ReadsFromDiskAndStrictFormListsErrors) {
  const std::string path = testing::TempDir() + "/providers_reader_test.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << "provider_id,name,kind,ownership\r\nP1,A,both,listed\r\nP2,B,both,owned\r\n";
  }
  auto file = ReadRecords(path);
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_THAT(file->records, SizeIs(1));
  auto strict = ReadRecordsFile(path);
  ASSERT_FALSE(strict.ok());
  EXPECT_THAT(strict.status().message(), HasSubstr(path + ":3: ownership: unknown value \"owned\""));
  std::remove(path.c_str());
  EXPECT_EQ(ReadRecords(path).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace oversight::client
