#include "risk/default/ohlson_o_score.h"

#include <cmath>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "risk/default/accounts_selection.h"

namespace oversight::risk {
namespace {

// Ohlson (1980), Table 4, model 1.
constexpr double kSize = -0.407, kTlta = 6.03, kWcta = -1.43, kClca = 0.0757, kOeneg = -1.72,
                 kNita = -2.37, kFutl = -1.83, kIntwo = 0.285, kChin = -0.521;

absl::Status RequireFinite(double value, absl::string_view field) {
  if (!std::isfinite(value)) {
    return absl::InvalidArgumentError(absl::StrCat("ohlson.", field, ": must be finite"));
  }
  return absl::OkStatus();
}

absl::Status RequirePositive(double value, absl::string_view field, absl::string_view why) {
  if (!std::isfinite(value) || value <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("ohlson.", field, ": must be positive (", why, "), got ", value));
  }
  return absl::OkStatus();
}

// The logistic function, written to stay finite for large |O|.
double Logistic(double o) {
  if (o >= 0) return 1.0 / (1.0 + std::exp(-o));
  const double e = std::exp(o);
  return e / (1.0 + e);
}

}  // namespace

absl::StatusOr<OhlsonResult> ComputeOhlsonOScore(const OhlsonFigures& f,
                                                 const OhlsonConfig& config) {
  for (const auto& [value, field] :
       {std::pair<double, absl::string_view>{f.current_liabilities, "current_liabilities"},
        {f.net_income, "net_income"},
        {f.funds_from_operations, "funds_from_operations"}}) {
    if (absl::Status status = RequireFinite(value, field); !status.ok()) return status;
  }
  if (f.prior_net_income) {
    if (absl::Status s = RequireFinite(*f.prior_net_income, "prior_net_income"); !s.ok()) return s;
  }
  for (const auto& [value, field, why] :
       {std::tuple<double, absl::string_view, absl::string_view>{
            f.total_assets, "total_assets", "ratios divide by it and SIZE takes its logarithm"},
        {f.total_liabilities, "total_liabilities", "FUTL divides by it"},
        {f.current_assets, "current_assets", "CLCA divides by it"},
        {config.usd_per_gbp, "config.usd_per_gbp", "an exchange rate"},
        {config.gnp_price_index, "config.gnp_price_index", "a price level"}}) {
    if (absl::Status status = RequirePositive(value, field, why); !status.ok()) return status;
  }

  OhlsonResult result;
  OhlsonTerms& v = result.variables;
  v.size = std::log(f.total_assets * config.usd_per_gbp / config.gnp_price_index);
  v.tlta = f.total_liabilities / f.total_assets;
  v.wcta = (f.current_assets - f.current_liabilities) / f.total_assets;
  v.clca = f.current_liabilities / f.current_assets;
  v.oeneg = f.total_liabilities > f.total_assets ? 1.0 : 0.0;
  v.nita = f.net_income / f.total_assets;
  v.futl = f.funds_from_operations / f.total_liabilities;
  result.prior_year_available = f.prior_net_income.has_value();
  if (f.prior_net_income) {
    const double prior = *f.prior_net_income;
    v.intwo = (f.net_income < 0 && prior < 0) ? 1.0 : 0.0;
    const double scale = std::abs(f.net_income) + std::abs(prior);
    v.chin = scale > 0 ? (f.net_income - prior) / scale : 0.0;
  }

  OhlsonTerms& c = result.contributions;
  c.size = kSize * v.size;
  c.tlta = kTlta * v.tlta;
  c.wcta = kWcta * v.wcta;
  c.clca = kClca * v.clca;
  c.oeneg = kOeneg * v.oeneg;
  c.nita = kNita * v.nita;
  c.futl = kFutl * v.futl;
  c.intwo = kIntwo * v.intwo;
  c.chin = kChin * v.chin;
  result.o_score = kOhlsonIntercept + c.size + c.tlta + c.wcta + c.clca + c.oeneg + c.nita +
                   c.futl + c.intwo + c.chin;
  result.pd = Logistic(result.o_score);
  return result;
}

ModelOutcome<OhlsonResult> OhlsonFromAccounts(const Accounts& a, const Accounts* prior,
                                              const OhlsonConfig& config, ExplanationText text) {
  ModelOutcome<OhlsonResult> outcome;
  if (text == ExplanationText::kInclude) outcome.inputs.push_back(DescribeAccounts(a));

  std::vector<std::string> missing;
  auto need = [&missing](const std::optional<Pounds>& figure, const char* name) {
    if (!figure.has_value()) missing.push_back(name);
  };
  need(a.total_assets, "total_assets");
  need(a.total_liabilities, "total_liabilities");
  need(a.current_assets, "current_assets");
  need(a.current_liabilities, "current_liabilities");
  need(a.net_income, "net_income");
  std::optional<Pounds> ffo = a.funds_from_operations;
  if (!ffo && a.net_income && a.depreciation_amortisation) {
    ffo = *a.net_income + *a.depreciation_amortisation;
  }
  if (!ffo && a.net_income) missing.push_back("funds_from_operations (or depreciation_amortisation)");
  if (!missing.empty()) {
    outcome.note = absl::StrCat("insufficient data: ", absl::StrJoin(missing, ", "), " missing");
    return outcome;
  }

  OhlsonFigures figures{.total_assets = *a.total_assets,
                        .total_liabilities = *a.total_liabilities,
                        .current_assets = *a.current_assets,
                        .current_liabilities = *a.current_liabilities,
                        .net_income = *a.net_income,
                        .funds_from_operations = *ffo,
                        .prior_net_income = std::nullopt};
  std::vector<std::string> caveats;
  if (!a.funds_from_operations) {
    caveats.push_back("funds from operations taken as net_income + depreciation_amortisation");
  }
  if (prior != nullptr && prior->net_income) {
    figures.prior_net_income = *prior->net_income;
    if (text == ExplanationText::kInclude) outcome.inputs.push_back(DescribeAccounts(*prior));
  } else {
    caveats.push_back(
        prior == nullptr
            ? "prior-year accounts missing: two-year-loss flag and change in net income taken as 0"
            : "prior-year net_income missing: two-year-loss flag and change in net income taken "
              "as 0");
  }

  absl::StatusOr<OhlsonResult> result = ComputeOhlsonOScore(figures, config);
  if (!result.ok()) {
    outcome.note = absl::StrCat("not computable: ", result.status().message());
    return outcome;
  }
  outcome.value = *std::move(result);
  outcome.note = absl::StrJoin(caveats, "; ");
  return outcome;
}

ModelOutcome<OhlsonResult> OhlsonFromProviderData(const ProviderData& data, Date as_of,
                                                  const OhlsonConfig& config) {
  const Accounts* latest = LatestAccountsAtOrBefore(data, as_of);
  if (latest == nullptr) {
    ModelOutcome<OhlsonResult> outcome;
    outcome.note =
        absl::StrCat("insufficient data: no accounts ending on or before ", FormatIsoDate(as_of));
    return outcome;
  }
  return OhlsonFromAccounts(*latest, PriorYearAccounts(data, *latest), config);
}

}  // namespace oversight::risk
