// Saved Companies House API responses written for the project in the public
// schema (api-evangelist/companies-house json-schema,
// companieshouse/api-sdk-node types; ../shared/data-sources.md §2). Every
// expected value is read off the sample file by hand.
#include "clients/import/companies/companies_house_response.h"

#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace oversight::client::companies {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string ReadSample(const std::string& name) {
  std::ifstream in(std::string(OVERSIGHT_COMPANIES_DATA_DIR) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open sample " << name;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

template <typename T>
T ReadSampleAs(const std::string& name) {
  absl::StatusOr<CompaniesHouseResponse> read = ReadCompaniesHouseResponse(name, ReadSample(name));
  EXPECT_TRUE(read.ok()) << read.status();
  if (!read.ok()) return T{};
  EXPECT_TRUE(std::holds_alternative<T>(*read)) << name << " recognised as variant index " << read->index();
  return std::holds_alternative<T>(*read) ? std::get<T>(*read) : T{};
}

std::string Iso(const risk::Date& date) { return risk::FormatIsoDate(date); }

TEST(CompanyProfileTest, AdministrationWithOverdueAccounts) {
  const auto profile = ReadSampleAs<CompanyProfile>("company_profile_09707484_administration.json");
  EXPECT_EQ(profile.company_number, "09707484");
  EXPECT_EQ(profile.company_name, "ACME CARE GROUP LIMITED");
  EXPECT_EQ(profile.company_status_text, "administration");
  EXPECT_EQ(profile.status, risk::CompanyStatus::kAdministration);
  EXPECT_EQ(profile.status_detail, "");
  EXPECT_TRUE(profile.accounts_overdue);
  EXPECT_EQ(Iso(profile.next_accounts_due), "2024-04-30");
  EXPECT_EQ(Iso(profile.last_accounts_period_end), "2022-07-31");
  EXPECT_EQ(profile.last_accounts_type, "full");
  EXPECT_FALSE(profile.confirmation_statement_overdue);
}

TEST(CompanyProfileTest, ActiveWithNextAccountsDue) {
  const auto profile = ReadSampleAs<CompanyProfile>("company_profile_SC123456_active.json");
  EXPECT_EQ(profile.company_number, "SC123456");
  EXPECT_EQ(profile.company_name, "HIGHLAND FOSTERING SERVICES LIMITED");
  EXPECT_EQ(profile.status, risk::CompanyStatus::kActive);
  EXPECT_EQ(profile.status_detail, "active-proposal-to-strike-off");
  EXPECT_FALSE(profile.accounts_overdue);
  EXPECT_EQ(Iso(profile.next_accounts_due), "2025-12-31");
  EXPECT_EQ(Iso(profile.last_accounts_period_end), "2024-03-31");
  EXPECT_EQ(profile.last_accounts_type, "group");
  EXPECT_TRUE(profile.confirmation_statement_overdue);
}

TEST(CompanyProfileTest, EveryStatusOfTheApiMaps) {
  using S = risk::CompanyStatus;
  const std::vector<std::pair<std::string, S>> cases = {
      {"active", S::kActive},
      {"open", S::kActive},
      {"registered", S::kActive},
      {"administration", S::kAdministration},
      {"receivership", S::kReceivership},
      {"liquidation", S::kLiquidation},
      {"voluntary-arrangement", S::kVoluntaryArrangement},
      {"insolvency-proceedings", S::kInsolvencyProceedings},
      {"dissolved", S::kDissolved},
      {"converted-closed", S::kDissolved},
      {"removed", S::kDissolved},
      {"closed", S::kDissolved},
  };
  for (const auto& [text, expected] : cases) {
    const std::string json = R"({"company_number":"01234567","company_status":")" + text + R"("})";
    absl::StatusOr<CompaniesHouseResponse> read = ReadCompaniesHouseResponse("p.json", json);
    ASSERT_TRUE(read.ok()) << text << ": " << read.status();
    const auto& profile = std::get<CompanyProfile>(*read);
    EXPECT_EQ(profile.status, expected) << text << " -> " << risk::CompanyStatusName(profile.status);
    EXPECT_FALSE(profile.accounts_overdue) << "no accounts object: nothing overdue";
    EXPECT_EQ(profile.next_accounts_due, risk::Date());
  }
}

TEST(PersonsWithSignificantControlTest, CorporateOwnerAndAnIndividual) {
  const auto psc = ReadSampleAs<PersonsWithSignificantControl>("psc_09707484.json");
  EXPECT_EQ(psc.company_number, "09707484");
  EXPECT_EQ(psc.individuals, 1);
  EXPECT_EQ(psc.legal_persons, 0);
  ASSERT_EQ(psc.corporate.size(), 2u);

  const CorporateController& holding = psc.corporate[0];
  EXPECT_EQ(holding.name, "ACME CARE HOLDINGS LIMITED");
  EXPECT_EQ(holding.registration_number, "09123456") << "leading zero restored";
  EXPECT_EQ(holding.place_registered, "Companies House");
  EXPECT_EQ(holding.country_registered, "England");
  EXPECT_THAT(holding.natures_of_control,
              ElementsAre("ownership-of-shares-75-to-100-percent", "voting-rights-75-to-100-percent",
                          "right-to-appoint-and-remove-directors"));
  EXPECT_EQ(Iso(holding.notified_on), "2019-02-01");
  EXPECT_EQ(holding.ceased_on, risk::Date());

  const CorporateController& former = psc.corporate[1];
  EXPECT_EQ(former.name, "FOUNDER CARE LTD");
  EXPECT_EQ(former.registration_number, "08111222");
  EXPECT_EQ(Iso(former.ceased_on), "2019-01-31");

  // The ceased owner held 75-100% too: only the current one is the parent.
  std::optional<CorporateController> parent = ParentCompany(psc);
  ASSERT_TRUE(parent.has_value());
  EXPECT_EQ(parent->registration_number, "09123456");
}

CorporateController Controller(const std::string& number, std::vector<std::string> natures) {
  CorporateController controller;
  controller.registration_number = number;
  controller.natures_of_control = std::move(natures);
  return controller;
}

TEST(ParentCompanyTest, MoreThanHalfAndOnlyOne) {
  PersonsWithSignificantControl psc;
  psc.corporate = {Controller("00000001", {"ownership-of-shares-25-to-50-percent"})};
  EXPECT_FALSE(ParentCompany(psc).has_value()) << "25-50% is not more than half";

  psc.corporate = {Controller("00000002", {"ownership-of-shares-50-to-75-percent"})};
  ASSERT_TRUE(ParentCompany(psc).has_value()) << "50-75% is more than 50%";
  EXPECT_EQ(ParentCompany(psc)->registration_number, "00000002");

  psc.corporate = {Controller("00000003", {"voting-rights-75-to-100-percent-as-trust"})};
  EXPECT_TRUE(ParentCompany(psc).has_value());

  psc.corporate = {Controller("00000004", {"significant-influence-or-control"}),
                   Controller("00000005", {"right-to-appoint-and-remove-directors"})};
  ASSERT_TRUE(ParentCompany(psc).has_value());
  EXPECT_EQ(ParentCompany(psc)->registration_number, "00000005");

  psc.corporate = {Controller("00000006", {"voting-rights-50-to-75-percent"}),
                   Controller("00000007", {"right-to-appoint-and-remove-directors"})};
  EXPECT_FALSE(ParentCompany(psc).has_value()) << "two majority holders: no single parent";

  psc.corporate.clear();
  EXPECT_FALSE(ParentCompany(psc).has_value());
}

TEST(FilingHistoryTest, AccountsOnlyNewestFirst) {
  const auto history = ReadSampleAs<FilingHistory>("filing_history_09707484.json");
  EXPECT_EQ(history.company_number, "09707484");
  ASSERT_EQ(history.accounts_filings.size(), 3u);
  EXPECT_EQ(history.accounts_filings[0].transaction_id, "MzM3NzE2NjM0OGFkaXF6a2N4");
  EXPECT_EQ(Iso(history.accounts_filings[0].date), "2023-04-28");
  EXPECT_EQ(history.accounts_filings[0].category, "accounts");
  EXPECT_EQ(history.accounts_filings[0].type, "AA");
  EXPECT_EQ(history.accounts_filings[0].description, "accounts-with-accounts-type-full");
  EXPECT_EQ(Iso(history.accounts_filings[1].date), "2022-05-03");
  EXPECT_EQ(history.accounts_filings[1].transaction_id, "MzMzNzQ0MTQ1N2FkaXF6a2N4");
  EXPECT_EQ(Iso(history.accounts_filings[2].date), "2021-04-30");
}

TEST(FilingHistoryTest, CompanyNumberFromTheFileNameWhenNoLinks) {
  const std::string json =
      R"({"filing_history_status":"filing-history-available","items":[)"
      R"({"category":"accounts","date":"2020-01-02","transaction_id":"T1","type":"AA"}]})";
  absl::StatusOr<CompaniesHouseResponse> read = ReadCompaniesHouseResponse("dir/SC654321-filings.json", json);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(std::get<FilingHistory>(*read).company_number, "SC654321");

  read = ReadCompaniesHouseResponse("filings.json", json);
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(std::string(read.status().message()), HasSubstr("filings.json: no company number"));
}

TEST(PersonsWithSignificantControlTest, EmptyListIsRecognisedByItsLink) {
  absl::StatusOr<CompaniesHouseResponse> read = ReadCompaniesHouseResponse(
      "psc.json", R"({"items":[],"links":{"self":"/company/01234567/persons-with-significant-control"}})");
  ASSERT_TRUE(read.ok()) << read.status();
  const auto& psc = std::get<PersonsWithSignificantControl>(*read);
  EXPECT_EQ(psc.company_number, "01234567");
  EXPECT_TRUE(psc.corporate.empty());
  EXPECT_FALSE(ParentCompany(psc).has_value());
}

TEST(CompaniesHouseResponseTest, ByteOrderMarkIsAccepted) {
  absl::StatusOr<CompaniesHouseResponse> read = ReadCompaniesHouseResponse(
      "p.json", "\xEF\xBB\xBF{\"company_number\":\"01234567\",\"company_status\":\"liquidation\"}");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(std::get<CompanyProfile>(*read).status, risk::CompanyStatus::kLiquidation);
}

void ExpectError(const std::string& file, const std::string& json, const std::string& message_part) {
  absl::StatusOr<CompaniesHouseResponse> read = ReadCompaniesHouseResponse(file, json);
  ASSERT_FALSE(read.ok()) << json;
  EXPECT_EQ(read.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(read.status().message()), HasSubstr(message_part));
}

TEST(CompaniesHouseResponseTest, MalformedInputNamesFileAndPath) {
  ExpectError("bad.json", R"({"company_number": "01234567", )", "bad.json: not valid JSON at byte");
  ExpectError("list.json", "[1, 2]", "list.json: expected a JSON object at the top level, got array");
  ExpectError("p.json",
              R"({"company_number":"01234567","company_status":"active","accounts":{"next_accounts":{"overdue":"yes"}}})",
              "p.json: accounts.next_accounts.overdue: expected boolean, got string");
  ExpectError("p.json", R"({"company_number":"01234567","company_status":"bankrupt"})",
              "p.json: company_status: unknown company status \"bankrupt\"");
  ExpectError("p.json", R"({"company_number":1234567,"company_status":"active"})",
              "p.json: company_number: expected string, got number");
  ExpectError("p.json",
              R"({"company_number":"01234567","company_status":"active","accounts":{"next_accounts":{"due_on":"30/04/2024"}}})",
              "p.json: accounts.next_accounts.due_on: expected a date as YYYY-MM-DD, got \"30/04/2024\"");
  ExpectError("f_01234567.json",
              R"({"filing_history_status":"filing-history-available","items":[{"category":"accounts","date":"2020-01-02","transaction_id":"A"},{"category":"accounts","date":"2021-02-30","transaction_id":"B"}]})",
              "f_01234567.json: items[1].date: expected a date as YYYY-MM-DD, got \"2021-02-30\"");
  ExpectError("f_01234567.json", R"({"filing_history_status":"x","items":[{"category":"accounts","date":"2020-01-02"}]})",
              "items[0].transaction_id: missing");
  ExpectError("psc_01234567.json",
              R"({"items":[{"kind":"corporate-entity-person-with-significant-control","natures_of_control":"ownership-of-shares-75-to-100-percent"}]})",
              "psc_01234567.json: items[0].natures_of_control: expected array, got string");
  ExpectError("psc_01234567.json",
              R"({"items":[{"kind":"individual-person-with-significant-control"},{"kind":"mystery-person-with-significant-control"}]})",
              "items[1].kind: unknown kind");
  ExpectError("other.json", R"({"officers":[]})", "other.json: not a Companies House company profile");
}

}  // namespace
}  // namespace oversight::client::companies
