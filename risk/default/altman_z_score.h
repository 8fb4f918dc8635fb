#pragma once
// Altman's Z''-score for private, non-manufacturing firms.
// Source: E. I. Altman, "Predicting Financial Distress of Companies:
// Revisiting the Z-Score and ZETA Models" (2000), and Altman, Hartzell & Peck
// (1995) for the emerging-market constant. The four-variable model drops
// sales / total assets, which varies too much across industries, and uses
// book equity in X4 because private firms have no market value of equity.
//
//   Z'' = 6.56 X1 + 3.26 X2 + 6.72 X3 + 1.05 X4
//   X1 = working capital / total assets
//   X2 = retained earnings / total assets
//   X3 = EBIT / total assets
//   X4 = book equity / total liabilities
//   zones: Z'' > 2.60 safe; 1.10 <= Z'' <= 2.60 grey; Z'' < 1.10 distress.

#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"
#include "risk/default/model_outcome.h"
#include "risk/domain/accounts.h"
#include "risk/domain/provider_data.h"

namespace oversight::risk {

enum class AltmanZone { kSafe, kGrey, kDistress };
absl::string_view AltmanZoneName(AltmanZone zone);  // safe, grey, distress
absl::StatusOr<AltmanZone> ParseAltmanZone(absl::string_view text);

inline constexpr double kAltmanSafeAbove = 2.60;
inline constexpr double kAltmanDistressBelow = 1.10;
// Altman, Hartzell & Peck (1995): the emerging-market score adds 3.25 so that
// a score of 0 corresponds to a D (default) bond rating. The zone cut-offs
// shift with it (5.85 and 4.35), so the zone never depends on the variant.
inline constexpr double kAltmanEmergingMarketConstant = 3.25;

struct AltmanRatios {
  double x1 = 0;  // working capital / total assets
  double x2 = 0;  // retained earnings / total assets
  double x3 = 0;  // EBIT / total assets
  double x4 = 0;  // book equity / total liabilities
};

// The balance-sheet figures behind the ratios, in pounds.
struct AltmanFigures {
  double current_assets = 0;
  double current_liabilities = 0;
  double total_assets = 0;       // must be > 0
  double retained_earnings = 0;
  double ebit = 0;               // operating profit
  double book_equity = 0;        // net assets
  double total_liabilities = 0;  // must be > 0
};

struct AltmanOptions {
  bool emerging_market = false;  // add kAltmanEmergingMarketConstant
};

struct AltmanResult {
  AltmanRatios ratios;
  double z = 0;                  // includes the +3.25 when emerging_market
  AltmanZone zone = AltmanZone::kGrey;
  bool emerging_market = false;
};

// The zone of a score; `emerging_market` says whether `z` includes +3.25.
AltmanZone AltmanZoneOf(double z, bool emerging_market = false);

// From ratios. INVALID_ARGUMENT (naming the ratio) if any is not finite.
absl::StatusOr<AltmanResult> ComputeAltmanZ2(const AltmanRatios& ratios,
                                             const AltmanOptions& options = {});

// Ratios from figures. INVALID_ARGUMENT when total_assets or
// total_liabilities is not positive, or a figure is not finite.
absl::StatusOr<AltmanRatios> AltmanRatiosFromFigures(const AltmanFigures& figures);
absl::StatusOr<AltmanResult> ComputeAltmanZ2(const AltmanFigures& figures,
                                             const AltmanOptions& options = {});

// From statutory accounts: working capital = current_assets -
// current_liabilities, EBIT = operating_profit, book equity = net_assets
// (total_assets - total_liabilities when net_assets is not reported). Absent,
// with a note naming the missing or unusable figures, when any input is
// missing or total assets / total liabilities are not positive.
ModelOutcome<AltmanResult> AltmanFromAccounts(const Accounts& accounts,
                                              const AltmanOptions& options = {},
                                              ExplanationText text = ExplanationText::kInclude);

// The latest accounts at or before `as_of`.
ModelOutcome<AltmanResult> AltmanFromProviderData(const ProviderData& data, Date as_of,
                                                  const AltmanOptions& options = {});

}  // namespace oversight::risk
