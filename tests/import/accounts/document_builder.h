#pragma once
// Hand-built XbrlDocument values for the mapping tests: each test writes the
// facts of a filing the way the XBRL reader would resolve them.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "clients/import/xbrl/xbrl_fact.h"
#include "risk/domain/iso_date.h"

namespace oversight::client::accounts::testing {

inline constexpr char kFrc2014[] = "http://xbrl.frc.org.uk/fr/2014-09-01/core";
inline constexpr char kFrc2021[] = "http://xbrl.frc.org.uk/fr/2021-01-01/core";
inline constexpr char kFrc2026[] = "http://xbrl.frc.org.uk/fr/2026-01-01/core";
inline constexpr char kFrcBusiness[] = "http://xbrl.frc.org.uk/cd/2014-09-01/business";
inline constexpr char kUkGaap2009[] = "http://www.xbrl.org/uk/gaap/core/2009-09-01";
inline constexpr char kUkGaap2009Business[] = "http://www.xbrl.org/uk/cd/business/2009-09-01";
inline constexpr char kUkGaap2004[] = "http://www.xbrl.org/uk/fr/gaap/pt/2004-12-01";
inline constexpr char kGcd2004[] = "http://www.xbrl.org/uk/fr/gcd/2004-12-01";
inline constexpr char kAe[] = "http://www.companieshouse.gov.uk/ef/xbrl/uk/fr/gaap/ae/2009-06-21";
inline constexpr char kIfrs[] = "http://xbrl.ifrs.org/taxonomy/2021-03-24/ifrs-full";
inline constexpr char kCompaniesHouse[] = "http://www.companieshouse.gov.uk/";

// A Dimension=Member pair in the FRC core namespace of `uri`.
struct Dim {
  std::string dimension;
  std::string member;
};

class DocumentBuilder {
 public:
  explicit DocumentBuilder(std::string name = "test.html", std::string company = "09707484") : company_(company) {
    document_.name = std::move(name);
  }

  DocumentBuilder& Instant(const std::string& id, const std::string& date, std::vector<Dim> dims = {},
                           const std::string& dim_uri = kFrc2014) {
    xbrl::Context context = BaseContext(id, dims, dim_uri);
    context.period.kind = xbrl::Period::Kind::kInstant;
    context.period.end = Date(date);
    document_.contexts.push_back(std::move(context));
    return *this;
  }

  DocumentBuilder& Duration(const std::string& id, const std::string& start, const std::string& end,
                            std::vector<Dim> dims = {}, const std::string& dim_uri = kFrc2014) {
    xbrl::Context context = BaseContext(id, dims, dim_uri);
    context.period.kind = xbrl::Period::Kind::kDuration;
    context.period.start = Date(start);
    context.period.end = Date(end);
    document_.contexts.push_back(std::move(context));
    return *this;
  }

  // An xbrli:unit of one ISO 4217 currency, e.g. Currency("USD", "USD").
  DocumentBuilder& Currency(const std::string& id, const std::string& code) {
    xbrl::Unit unit;
    unit.id = id;
    unit.measures.push_back({"http://www.xbrl.org/2003/iso4217", code});
    document_.units.push_back(std::move(unit));
    return *this;
  }

  // The `decimals` of the last fact added.
  DocumentBuilder& WithDecimals(const std::string& decimals) {
    document_.facts.back().decimals = decimals;
    return *this;
  }

  // The unit of the last fact added.
  DocumentBuilder& InUnit(const std::string& unit_id) {
    document_.facts.back().unit_ref = unit_id;
    return *this;
  }

  // A non-numeric fact (company facts), hidden as in ix:hidden.
  DocumentBuilder& Text(const std::string& uri, const std::string& name, const std::string& context,
                        const std::string& text, bool hidden = true) {
    xbrl::Fact fact = BaseFact(uri, name, context, hidden);
    fact.text = text;
    document_.facts.push_back(std::move(fact));
    return *this;
  }

  DocumentBuilder& Number(const std::string& uri, const std::string& name, const std::string& context, double value,
                          bool hidden = false) {
    xbrl::Fact fact = BaseFact(uri, name, context, hidden);
    fact.numeric = true;
    fact.unit_ref = "GBP";
    fact.value = value;
    fact.sign_negated = value < 0;
    document_.facts.push_back(std::move(fact));
    return *this;
  }

  // The usual FRC company facts: number, name, dates.
  DocumentBuilder& FrcCompany(const std::string& balance_sheet_date, const std::string& start) {
    Text(kFrcBusiness, "UKCompaniesHouseRegisteredNumber", "cy", company_);
    Text(kFrcBusiness, "EntityCurrentLegalOrRegisteredName", "cy", "Example Care Homes Limited");
    Text(kFrcBusiness, "BalanceSheetDate", "cy", balance_sheet_date);
    Text(kFrcBusiness, "StartDateForPeriodCoveredByReport", "cy", start);
    return *this;
  }

  const xbrl::XbrlDocument& document() const { return document_; }

 private:
  static risk::Date Date(const std::string& iso) { return risk::ParseIsoDate(iso).value(); }

  xbrl::Context BaseContext(const std::string& id, const std::vector<Dim>& dims, const std::string& dim_uri) {
    xbrl::Context context;
    context.id = id;
    context.entity_scheme = kCompaniesHouse;
    context.entity_identifier = company_;
    for (const Dim& dim : dims) {
      context.dimensions.push_back({{dim_uri, dim.dimension}, {dim_uri, dim.member}});
    }
    return context;
  }

  xbrl::Fact BaseFact(const std::string& uri, const std::string& name, const std::string& context, bool hidden) {
    xbrl::Fact fact;
    fact.concept_name = {uri, name};
    fact.context_ref = context;
    fact.hidden = hidden;
    fact.location = {document_.name, ++line_};
    return fact;
  }

  std::string company_;
  xbrl::XbrlDocument document_;
  int line_ = 0;
};

}  // namespace oversight::client::accounts::testing
