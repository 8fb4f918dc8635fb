#include "risk/domain/validation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <cstddef>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "risk/domain/accounts_figures.h"
#include "risk/domain/identifiers.h"
#include "risk/domain/serial_date.h"

namespace oversight::risk {
namespace {

// ---------------------------------------------------------------------------
// Payload encoding. Each violation is two netstrings (D. J. Bernstein's
// "<length>:<bytes>,"), field then reason. Length-prefixing makes the
// encoding binary-safe: reasons may contain tabs, newlines, commas, colons or
// any UTF-8 without escaping, and a truncated or corrupted payload is
// detected rather than misread.
// ---------------------------------------------------------------------------

void AppendNetstring(std::string& out, absl::string_view text) {
  absl::StrAppend(&out, text.size(), ":", text, ",");
}

// Reads one netstring from the front of `in`; false on malformed input.
bool ReadNetstring(absl::string_view& in, std::string& out) {
  const std::size_t colon = in.find(':');
  if (colon == absl::string_view::npos || colon == 0 || colon > 12) return false;
  std::size_t length = 0;
  if (!absl::SimpleAtoi(in.substr(0, colon), &length)) return false;
  in.remove_prefix(colon + 1);
  if (in.size() < length + 1 || in[length] != ',') return false;
  out.assign(in.data(), length);
  in.remove_prefix(length + 1);
  return true;
}

std::string EncodeViolations(const std::vector<FieldViolation>& list) {
  std::string out;
  for (const FieldViolation& v : list) {
    AppendNetstring(out, v.field);
    AppendNetstring(out, v.reason);
  }
  return out;
}

std::vector<FieldViolation> DecodeViolations(absl::string_view in) {
  std::vector<FieldViolation> list;
  while (!in.empty()) {
    FieldViolation v;
    if (!ReadNetstring(in, v.field) || !ReadNetstring(in, v.reason)) return {};  // corrupt: none
    list.push_back(std::move(v));
  }
  return list;
}

// ---------------------------------------------------------------------------
// Helpers that add violations with a field path "<record>.<field>".
// ---------------------------------------------------------------------------

std::string Money(double value) { return absl::StrFormat("%.2f", value); }

std::string Path(absl::string_view record, absl::string_view field) {
  return absl::StrCat(record, ".", field);
}

bool IsProviderIdChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
}

void CheckProviderId(Violations& v, absl::string_view record, absl::string_view id) {
  // The path is built only on failure: this runs for every record scored.
  if (id.empty()) {
    v.Add(Path(record, "provider_id"), "is required");
    return;
  }
  if (id.size() > 64) {
    v.Add(Path(record, "provider_id"),
          absl::StrCat("is ", id.size(), " characters; at most 64 allowed"));
  }
  for (char c : id) {
    if (!IsProviderIdChar(c)) {
      v.Add(Path(record, "provider_id"),
            absl::StrCat("\"", id, "\" contains a character outside [A-Za-z0-9_.-]"));
      break;
    }
  }
}

void CheckRequiredText(Violations& v, absl::string_view record, absl::string_view field,
                       absl::string_view text) {
  if (absl::StripAsciiWhitespace(text).empty()) v.Add(Path(record, field), "is required");
}

void CheckRequiredDate(Violations& v, absl::string_view record, absl::string_view field,
                       const Date& date) {
  if (internal::IsNull(date)) v.Add(Path(record, field), "is required");
}

void CheckFinite(Violations& v, absl::string_view record, absl::string_view field,
                 const std::optional<double>& value) {
  if (value && !std::isfinite(*value)) v.Add(Path(record, field), "is not a finite number");
}

// Costs, assets and liabilities are positive by the sign convention.
void ReportNotNonNegative(Violations& v, absl::string_view record, absl::string_view field, double value) {
  if (!std::isfinite(value)) {
    v.Add(Path(record, field), "is not a finite number");
  } else {
    v.Add(Path(record, field),
          absl::StrCat("is negative (", Money(value), "); costs, assets and liabilities are positive amounts"));
  }
}
// The test inline, the report out of line: a dozen figures of every record
// of every provider pass through here on every scoring run.
inline void CheckNonNegative(Violations& v, absl::string_view record, absl::string_view field,
                             const std::optional<double>& value) {
  if (value && !(*value >= 0 && *value <= std::numeric_limits<double>::max())) {
    ReportNotNonNegative(v, record, field, *value);
  }
}

bool Known(const std::optional<double>& value) { return value && std::isfinite(*value); }

// Companies Act 2006 s.392: an accounting reference period may not be
// extended beyond 18 months.
constexpr int kMaxPeriodMonths = 18;

void CheckPeriod(Violations& v, absl::string_view record, const FinancialPeriod& period) {
  // Serial 0 is the null date (internal::IsNull), converted once each.
  const internal::Serial start = internal::SerialOf(period.start), end = internal::SerialOf(period.end);
  if (start == 0) v.Add(Path(record, "period.start"), "is required");
  if (end == 0) v.Add(Path(record, "period.end"), "is required");
  if (start == 0 || end == 0) return;
  if (end < start) {
    v.Add(Path(record, "period.end"),
          absl::StrCat("precedes period.start (", FormatIsoDate(period.end), " < ",
                       FormatIsoDate(period.start), ")"));
    return;
  }
  // On serials: every record of every provider is validated on every
  // scoring run, and Date + Period costs several boost conversions. Any 18
  // calendar months span 504 (18 x 28) to 558 (18 x 31) days, so only a
  // period of a length in between needs the month arithmetic.
  const bool beyond_max = end - start > kMaxPeriodMonths * 31 ||
                          (end - start > kMaxPeriodMonths * 28 && end > internal::AddMonths(start, kMaxPeriodMonths));
  if (beyond_max) {
    v.Add(Path(record, "period.end"),
          absl::StrCat("is more than 18 months after period.start (", FormatIsoDate(period.start),
                       " to ", FormatIsoDate(period.end),
                       "); Companies Act 2006 s.392 caps a financial period at 18 months"));
  }
}

bool IsUpperAlnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

void Violations::Add(std::string field, std::string reason) {
  list_.push_back(FieldViolation{std::move(field), std::move(reason)});
}

absl::Status InvalidField(absl::string_view field, absl::string_view reason) {
  Violations violations;
  violations.Add(std::string(field), std::string(reason));
  return violations.ToStatus();
}

absl::Status Violations::ToStatus() const {
  if (list_.empty()) return absl::OkStatus();
  std::string message = absl::StrCat(
      list_.size() == 1 ? "invalid input: " : absl::StrCat(list_.size(), " invalid inputs: "),
      absl::StrJoin(list_, "; ", [](std::string* out, const FieldViolation& v) {
        absl::StrAppend(out, v.field, ": ", v.reason);
      }));
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kFieldViolationsPayloadUrl, absl::Cord(EncodeViolations(list_)));
  return status;
}

std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status) {
  auto payload = status.GetPayload(kFieldViolationsPayloadUrl);
  if (!payload) return {};
  return DecodeViolations(std::string(*payload));
}

absl::Status ValidateProvider(const Provider& provider) {
  Violations v;
  CheckProviderId(v, "provider", provider.provider_id);
  CheckRequiredText(v, "provider", "name", provider.name);
  const std::string& number = provider.companies_house_number;
  if (!number.empty()) {
    bool ok = number.size() == 8;
    for (char c : number) ok = ok && IsUpperAlnum(c);
    if (!ok) {
      v.Add("provider.companies_house_number",
            absl::StrCat("\"", number,
                         "\" is not 8 characters of [A-Z0-9] (e.g. 09707484, SC123456)"));
    }
  }
  return v.ToStatus();
}

absl::Status ValidateAccounts(const Accounts& a) {
  constexpr absl::string_view kRecord = "accounts";
  Violations v;
  CheckProviderId(v, kRecord, a.provider_id);
  CheckPeriod(v, kRecord, a.period);

  // Figures that are positive by the sign convention, then those that carry
  // their own sign and need only be numbers (risk/domain/accounts_figures.h).
  // One pass finds whether any figure is wrong (almost never: the records
  // were checked when submitted); only then the two passes that report.
  bool any_wrong = false;
  for (const AccountsFigureField& f : kAccountsFigures) {
    const std::optional<double>& value = a.*f.member;
    if (!value) continue;
    any_wrong |= f.non_negative ? !(*value >= 0 && *value <= std::numeric_limits<double>::max())
                                : !std::isfinite(*value);
  }
  if (any_wrong) {
    for (const AccountsFigureField& f : kAccountsFigures) {
      if (f.non_negative) CheckNonNegative(v, kRecord, f.name, a.*f.member);
    }
    for (const AccountsFigureField& f : kAccountsFigures) {
      if (!f.non_negative) CheckFinite(v, kRecord, f.name, a.*f.member);
    }
  }

  // Balance-sheet nesting: cash is a current asset, current assets are assets.
  if (Known(a.cash) && Known(a.current_assets) && *a.cash > *a.current_assets) {
    v.Add("accounts.cash", absl::StrCat("exceeds current_assets (", Money(*a.cash), " > ",
                                        Money(*a.current_assets), ")"));
  }
  if (Known(a.current_assets) && Known(a.total_assets) && *a.current_assets > *a.total_assets) {
    v.Add("accounts.current_assets",
          absl::StrCat("exceeds total_assets (", Money(*a.current_assets), " > ",
                       Money(*a.total_assets), ")"));
  }
  if (!Known(a.current_assets) && Known(a.cash) && Known(a.total_assets) &&
      *a.cash > *a.total_assets) {
    v.Add("accounts.cash", absl::StrCat("exceeds total_assets (", Money(*a.cash), " > ",
                                        Money(*a.total_assets), ")"));
  }

  // The balance sheet balances: NA = TA - TL within max(£1,000, 0.5% of TA).
  if (Known(a.total_assets) && Known(a.total_liabilities) && Known(a.net_assets)) {
    const double implied = *a.total_assets - *a.total_liabilities;
    const double tolerance = std::max(1000.0, 0.005 * std::abs(*a.total_assets));
    if (std::abs(implied - *a.net_assets) > tolerance) {
      v.Add("accounts.net_assets",
            absl::StrCat("does not equal total_assets - total_liabilities (", Money(*a.net_assets),
                         " vs ", Money(implied), ", tolerance ", Money(tolerance), ")"));
    }
  }

  // EBITDA reconciles to operating profit + D&A within max(£1,000, 0.5% of
  // revenue, or of |EBITDA| when revenue is unknown).
  if (Known(a.ebitda) && Known(a.operating_profit) && Known(a.depreciation_amortisation)) {
    const double implied = *a.operating_profit + *a.depreciation_amortisation;
    const double scale = Known(a.revenue) ? std::abs(*a.revenue) : std::abs(*a.ebitda);
    const double tolerance = std::max(1000.0, 0.005 * scale);
    if (std::abs(implied - *a.ebitda) > tolerance) {
      v.Add("accounts.ebitda",
            absl::StrCat("does not equal operating_profit + depreciation_amortisation (",
                         Money(*a.ebitda), " vs ", Money(implied), ", tolerance ",
                         Money(tolerance), ")"));
    }
  }

  // Filleted accounts carry no profit and loss account: a P&L figure beside
  // the flag means the record contradicts itself.
  if (a.profit_and_loss_omitted) {
    const std::pair<absl::string_view, const std::optional<Pounds>*> profit_and_loss[] = {
        {"revenue", &a.revenue},
        {"staff_costs", &a.staff_costs},
        {"ebitda", &a.ebitda},
        {"operating_profit", &a.operating_profit},
        {"profit_before_tax", &a.profit_before_tax},
        {"net_income", &a.net_income},
    };
    for (const auto& [field, value] : profit_and_loss) {
      if (Known(*value)) {
        v.Add(absl::StrCat("accounts.", field),
              "given although profit_and_loss_omitted says the accounts have no profit and "
              "loss account");
      }
    }
  }

  // On serials (0 for a null date), as CheckPeriod: QuantLib's date
  // comparisons convert through boost dates.
  const internal::Serial filed = internal::SerialOf(a.filing_date), end = internal::SerialOf(a.period.end);
  if (filed != 0 && end != 0 && filed < end) {
    v.Add("accounts.filing_date",
          absl::StrCat("precedes period.end (", FormatIsoDate(a.filing_date), " < ",
                       FormatIsoDate(a.period.end), "); accounts cannot be filed before the "
                                                    "period they cover has ended"));
  }
  return v.ToStatus();
}

absl::Status ValidateRelatedPartyFlows(const RelatedPartyFlows& flows) {
  constexpr absl::string_view kRecord = "related_party_flows";
  Violations v;
  CheckProviderId(v, kRecord, flows.provider_id);
  CheckPeriod(v, kRecord, flows.period);
  CheckNonNegative(v, kRecord, "management_charges", flows.management_charges);
  CheckNonNegative(v, kRecord, "connected_rent", flows.connected_rent);
  CheckNonNegative(v, kRecord, "shareholder_loan_interest", flows.shareholder_loan_interest);
  CheckNonNegative(v, kRecord, "dividends", flows.dividends);
  return v.ToStatus();
}

absl::Status ValidateDebtFacility(const DebtFacility& f) {
  constexpr absl::string_view kRecord = "facility";
  Violations v;
  CheckProviderId(v, kRecord, f.provider_id);
  CheckRequiredText(v, kRecord, "facility_id", f.facility_id);
  if (!std::isfinite(f.committed) || f.committed <= 0) {
    v.Add("facility.committed", absl::StrCat("must be positive (got ", Money(f.committed), ")"));
  }
  if (!std::isfinite(f.drawn) || f.drawn < 0) {
    v.Add("facility.drawn", absl::StrCat("must not be negative (got ", Money(f.drawn), ")"));
  } else if (std::isfinite(f.committed) && f.drawn > f.committed) {
    v.Add("facility.drawn", absl::StrCat("exceeds committed (", Money(f.drawn), " > ",
                                         Money(f.committed), ")"));
  }
  CheckRequiredDate(v, kRecord, "start_date", f.start_date);
  CheckRequiredDate(v, kRecord, "maturity_date", f.maturity_date);
  const internal::Serial start = internal::SerialOf(f.start_date), maturity = internal::SerialOf(f.maturity_date);
  if (start != 0 && maturity != 0 && maturity <= start) {
    v.Add("facility.maturity_date",
          absl::StrCat("is not after start_date (", FormatIsoDate(f.maturity_date), " <= ",
                       FormatIsoDate(f.start_date), ")"));
  }
  // 50% a year bounds any plausible rate; beyond it the figure is almost
  // certainly entered in percent ("6.5") rather than as a fraction (0.065).
  constexpr double kMaxRate = 0.5;
  if (f.rate_type == RateType::kFixed) {
    if (!std::isfinite(f.fixed_rate) || f.fixed_rate < 0 || f.fixed_rate > kMaxRate) {
      v.Add("facility.fixed_rate",
            absl::StrFormat("must be an annual rate in [0, 0.5] as a fraction, e.g. 0.065 (got %g)",
                            f.fixed_rate));
    }
  } else {
    if (!std::isfinite(f.margin) || f.margin < 0 || f.margin > kMaxRate) {
      v.Add("facility.margin",
            absl::StrFormat("must be an annual spread in [0, 0.5] as a fraction, e.g. 0.0525 "
                            "(got %g)",
                            f.margin));
    }
  }
  if (!std::isfinite(f.amortisation_per_year) || f.amortisation_per_year < 0) {
    v.Add("facility.amortisation_per_year",
          absl::StrCat("must not be negative (got ", Money(f.amortisation_per_year), ")"));
  }
  const Covenant& c = f.covenant;
  if (c.max_net_leverage && (!std::isfinite(*c.max_net_leverage) || *c.max_net_leverage <= 0)) {
    v.Add("facility.covenant.max_net_leverage",
          absl::StrFormat("must be positive (got %g)", *c.max_net_leverage));
  }
  if (c.min_interest_cover &&
      (!std::isfinite(*c.min_interest_cover) || *c.min_interest_cover <= 0)) {
    v.Add("facility.covenant.min_interest_cover",
          absl::StrFormat("must be positive (got %g)", *c.min_interest_cover));
  }
  if (c.test_frequency_months != 1 && c.test_frequency_months != 3 &&
      c.test_frequency_months != 6 && c.test_frequency_months != 12) {
    v.Add("facility.covenant.test_frequency_months",
          absl::StrCat("must be 1, 3, 6 or 12 (got ", c.test_frequency_months, ")"));
  }
  if ((c.max_net_leverage || c.min_interest_cover) && internal::IsNull(c.first_test_date)) {
    v.Add("facility.covenant.first_test_date",
          "is required when a covenant limit is given (test dates roll on from it)");
  }
  return v.ToStatus();
}

absl::Status ValidateSetting(const Setting& s) {
  constexpr absl::string_view kRecord = "setting";
  Violations v;
  CheckProviderId(v, kRecord, s.provider_id);
  if (!IsOfstedUrn(s.urn)) {
    v.Add("setting.urn",
          absl::StrCat("\"", s.urn, "\" is not an Ofsted URN (\"SC\" + 6 digits, or 7 digits)"));
  }
  CheckRequiredText(v, kRecord, "local_authority", s.local_authority);
  if (s.registered_places < 0) {
    v.Add("setting.registered_places",
          absl::StrCat("must not be negative (got ", s.registered_places, ")"));
  }
  return v.ToStatus();
}

absl::Status ValidatePlacementReturn(const PlacementReturn& p) {
  constexpr absl::string_view kRecord = "placement";
  Violations v;
  CheckProviderId(v, kRecord, p.provider_id);
  CheckRequiredDate(v, kRecord, "as_of", p.as_of);
  CheckRequiredText(v, kRecord, "placing_local_authority", p.placing_local_authority);
  if (p.children_placed < 0) {
    v.Add("placement.children_placed",
          absl::StrCat("must not be negative (got ", p.children_placed, ")"));
  }
  if (p.registered_places < 0) {
    v.Add("placement.registered_places",
          absl::StrCat("must not be negative (got ", p.registered_places, ")"));
  }
  CheckNonNegative(v, kRecord, "average_weekly_fee", p.average_weekly_fee);
  return v.ToStatus();
}

absl::Status ValidateEquityObservation(const EquityObservation& e) {
  constexpr absl::string_view kRecord = "equity_observation";
  Violations v;
  CheckProviderId(v, kRecord, e.provider_id);
  CheckRequiredDate(v, kRecord, "as_of", e.as_of);
  if (!std::isfinite(e.equity_value) || e.equity_value <= 0) {
    v.Add("equity_observation.equity_value",
          absl::StrCat("must be positive (got ", Money(e.equity_value), ")"));
  }
  // 500% a year is beyond any observed equity volatility; above it the input
  // was almost certainly given in percent.
  if (!std::isfinite(e.equity_volatility) || e.equity_volatility <= 0 ||
      e.equity_volatility > 5) {
    v.Add("equity_observation.equity_volatility",
          absl::StrFormat("must be an annualised fraction in (0, 5], e.g. 0.35 (got %g)",
                          e.equity_volatility));
  }
  return v.ToStatus();
}

}  // namespace oversight::risk
