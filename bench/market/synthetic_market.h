#pragma once
// A deterministic synthetic market for the benchmarks: any number of
// providers, each with several years of accounts that balance, debt
// facilities with covenants, Ofsted settings and placement returns, spread
// over 153 local authorities in England's nine regions.
//
// Not the demo sample (deploy/sample, hand-calibrated and small): this one
// exists to be large. The figures are drawn around the published sector
// averages (shared/domain.md s.3: operating margins near 20%, homes at about
// £3,800 a week, IFA placements near £820) with a spread wide enough that
// every rating, alert rule and stress path is exercised, so the benchmarks
// time the models' real branches rather than one well-behaved case.
//
// Deterministic: provider i depends only on (seed, i), so any slice of the
// market can be generated independently and in any order, and the same
// options always give the same bytes.

#include <cstdint>
#include <vector>

#include "risk/domain/iso_date.h"
#include "risk/domain/provider_data.h"

namespace oversight::bench {

struct SyntheticMarketOptions {
  int providers = 100'000;
  int years_of_accounts = 5;       // consecutive financial years ending 31 March
  int facilities_per_provider = 3; // term loan (leverage covenant), RCF, fixed-rate loan (cover covenant), ...
  int settings_per_provider = 2;
  int placing_authorities_per_provider = 2;  // placement returns at as_of
  bool related_party_flows = true;           // one per year of accounts
  std::uint64_t seed = 20261124;
};

// The date the synthetic market is scored at: 2026-03-31. Every set of
// accounts is filed (public) by then and the latest year ends 2025-03-31.
risk::Date SyntheticAsOf();

// Provider `index` (0-based) of the market described by `options`; its id is
// "S" followed by the index zero-padded to 6 digits ("S000042").
risk::ProviderData SyntheticProvider(const SyntheticMarketOptions& options, int index);

// Providers [0, options.providers).
std::vector<risk::ProviderData> SyntheticMarket(const SyntheticMarketOptions& options);

// The number of local authorities the generator spreads providers over.
inline constexpr int kSyntheticLocalAuthorities = 153;

}  // namespace oversight::bench
