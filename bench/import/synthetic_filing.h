#pragma once
// A synthetic Companies House filing for the importer's benchmarks: an FRC
// 2021 inline XBRL page (XHTML, iXBRL 1.1, transformation registry 4) shaped
// like the small-company accounts in the bulk files: an ix:header with hidden
// facts, contexts (current and prior durations and instants, creditors by
// maturity, equity classes, fixed-asset classes, and for a group the
// consolidated member), a cover page, a balance sheet and (unless filleted)
// a profit and loss account as HTML tables with formatted numbers, `scale`
// and `sign="-"`, a directors' report continued with ix:continuation, then
// notes repeated until the page reaches the requested size.
//
// Real filings are not redistributable in bulk and a month of them is
// ~2 GB, so the benchmarks generate their input: deterministic for a given
// seed, and every page maps to a valid risk::Accounts (the figures add up).

#include <cstddef>
#include <cstdint>
#include <string>

namespace oversight::bench {

struct SyntheticFilingOptions {
  std::string company_number = "09707484";  // 8 characters, as registered
  std::string company_name = "Synthetic Care Homes Limited";
  int period_end_year = 2026;  // the balance sheet date is 30 September of this year
  std::size_t target_bytes = 64 * 1024;  // the page grows by whole notes to at least this
  bool filleted = false;  // no profit and loss account (small companies' filleted accounts)
  bool group = false;     // consolidated and parent-company columns
  std::uint64_t seed = 1;  // varies the figures
};

std::string SyntheticFiling(const SyntheticFilingOptions& options);

}  // namespace oversight::bench
