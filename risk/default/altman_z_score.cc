#include "risk/default/altman_z_score.h"

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "risk/default/accounts_selection.h"
#include "risk/domain/enum_names.h"

namespace oversight::risk {
namespace {

constexpr std::array<internal::EnumName<AltmanZone>, 3> kZoneNames = {{
    {AltmanZone::kSafe, "safe"},
    {AltmanZone::kGrey, "grey"},
    {AltmanZone::kDistress, "distress"},
}};

// Altman (2000), four-variable Z'' for non-manufacturers.
constexpr double kX1 = 6.56, kX2 = 3.26, kX3 = 6.72, kX4 = 1.05;

absl::Status RequireFinite(double value, absl::string_view field) {
  if (!std::isfinite(value)) {
    return absl::InvalidArgumentError(absl::StrCat("altman.", field, ": must be finite"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::string_view AltmanZoneName(AltmanZone zone) { return internal::NameOf(kZoneNames, zone); }

absl::StatusOr<AltmanZone> ParseAltmanZone(absl::string_view text) {
  return internal::ParseEnum(kZoneNames, text, "altman_zone");
}

AltmanZone AltmanZoneOf(double z, bool emerging_market) {
  const double shift = emerging_market ? kAltmanEmergingMarketConstant : 0.0;
  if (z > kAltmanSafeAbove + shift) return AltmanZone::kSafe;
  if (z < kAltmanDistressBelow + shift) return AltmanZone::kDistress;
  return AltmanZone::kGrey;
}

absl::StatusOr<AltmanResult> ComputeAltmanZ2(const AltmanRatios& ratios,
                                             const AltmanOptions& options) {
  for (const auto& [value, field] : {std::pair<double, absl::string_view>{ratios.x1, "x1"},
                                     {ratios.x2, "x2"},
                                     {ratios.x3, "x3"},
                                     {ratios.x4, "x4"}}) {
    if (absl::Status status = RequireFinite(value, field); !status.ok()) return status;
  }
  AltmanResult result;
  result.ratios = ratios;
  result.emerging_market = options.emerging_market;
  result.z = kX1 * ratios.x1 + kX2 * ratios.x2 + kX3 * ratios.x3 + kX4 * ratios.x4 +
             (options.emerging_market ? kAltmanEmergingMarketConstant : 0.0);
  result.zone = AltmanZoneOf(result.z, options.emerging_market);
  return result;
}

absl::StatusOr<AltmanRatios> AltmanRatiosFromFigures(const AltmanFigures& f) {
  for (const auto& [value, field] :
       {std::pair<double, absl::string_view>{f.current_assets, "current_assets"},
        {f.current_liabilities, "current_liabilities"},
        {f.total_assets, "total_assets"},
        {f.retained_earnings, "retained_earnings"},
        {f.ebit, "ebit"},
        {f.book_equity, "book_equity"},
        {f.total_liabilities, "total_liabilities"}}) {
    if (absl::Status status = RequireFinite(value, field); !status.ok()) return status;
  }
  if (f.total_assets <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("altman.total_assets: must be positive, got ", f.total_assets));
  }
  if (f.total_liabilities <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "altman.total_liabilities: must be positive (X4 divides by it), got ", f.total_liabilities));
  }
  return AltmanRatios{
      .x1 = (f.current_assets - f.current_liabilities) / f.total_assets,
      .x2 = f.retained_earnings / f.total_assets,
      .x3 = f.ebit / f.total_assets,
      .x4 = f.book_equity / f.total_liabilities,
  };
}

absl::StatusOr<AltmanResult> ComputeAltmanZ2(const AltmanFigures& figures,
                                             const AltmanOptions& options) {
  absl::StatusOr<AltmanRatios> ratios = AltmanRatiosFromFigures(figures);
  if (!ratios.ok()) return ratios.status();
  return ComputeAltmanZ2(*ratios, options);
}

ModelOutcome<AltmanResult> AltmanFromAccounts(const Accounts& a, const AltmanOptions& options,
                                              ExplanationText text) {
  ModelOutcome<AltmanResult> outcome;
  if (text == ExplanationText::kInclude) outcome.inputs.push_back(DescribeAccounts(a));

  std::vector<std::string> missing;
  auto need = [&missing](const std::optional<Pounds>& figure, const char* name) {
    if (!figure.has_value()) missing.push_back(name);
  };
  need(a.current_assets, "current_assets");
  need(a.current_liabilities, "current_liabilities");
  need(a.total_assets, "total_assets");
  need(a.retained_earnings, "retained_earnings");
  need(a.operating_profit, "operating_profit");
  need(a.total_liabilities, "total_liabilities");
  // Book equity: net assets as reported, else the balance-sheet identity.
  std::optional<Pounds> book_equity = a.net_assets;
  if (!book_equity && a.total_assets && a.total_liabilities) {
    book_equity = *a.total_assets - *a.total_liabilities;
  }
  // (When book_equity is still absent, total_assets or total_liabilities is
  // missing and already listed.)
  if (!missing.empty()) {
    outcome.note = absl::StrCat("insufficient data: ", absl::StrJoin(missing, ", "), " missing");
    return outcome;
  }
  absl::StatusOr<AltmanResult> result = ComputeAltmanZ2(
      AltmanFigures{.current_assets = *a.current_assets,
                    .current_liabilities = *a.current_liabilities,
                    .total_assets = *a.total_assets,
                    .retained_earnings = *a.retained_earnings,
                    .ebit = *a.operating_profit,
                    .book_equity = *book_equity,
                    .total_liabilities = *a.total_liabilities},
      options);
  if (!result.ok()) {
    outcome.note = absl::StrCat("not computable: ", result.status().message());
    return outcome;
  }
  outcome.value = *std::move(result);
  if (!a.net_assets) outcome.note = "book equity taken as total_assets - total_liabilities";
  return outcome;
}

ModelOutcome<AltmanResult> AltmanFromProviderData(const ProviderData& data, Date as_of,
                                                  const AltmanOptions& options) {
  const Accounts* latest = LatestAccountsAtOrBefore(data, as_of);
  if (latest == nullptr) {
    ModelOutcome<AltmanResult> outcome;
    outcome.note =
        absl::StrCat("insufficient data: no accounts ending on or before ", FormatIsoDate(as_of));
    return outcome;
  }
  return AltmanFromAccounts(*latest, options);
}

}  // namespace oversight::risk
