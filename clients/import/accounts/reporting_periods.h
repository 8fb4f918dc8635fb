#pragma once
// Which contexts of a filing hold the current year and the comparatives.
//
// Context ids are arbitrary ("CY", "B", "current-mud", "Period_TMinusZero"),
// so periods are chosen by their dates, never by id (data-sources §1), and
// period dates in real filings can be off by a day, end after the
// balance-sheet date, or repeat in two contexts (data-sources §4). The rules,
// each noted in the result when it was needed:
//  - period end: BalanceSheetDate, else EndDateForPeriodCoveredByReport, else
//    the latest instant among the contexts;
//  - current balance sheet: the instant contexts at the period end, or one
//    day either side when none is exact;
//  - current profit and loss: the duration contexts ending at the period end
//    (one day either side when none is exact) and starting within the 18
//    months before it; the reported start date picks among several;
//  - period start: StartDateForPeriodCoveredByReport when it is before the end
//    and within 18 months of it, else the start of the chosen duration, else
//    one year before the end;
//  - comparatives: the instant and duration ending the day before the current
//    period starts (one year before the end for a 12-month period), within
//    seven days either side ("comparatives tagged one day before the prior
//    year end", "comparatives tagged at the current period's start date").

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "clients/import/accounts/company_facts.h"
#include "clients/import/xbrl/xbrl_fact.h"
#include "risk/domain/accounts.h"

namespace oversight::client::accounts {

// The dates of one column of the accounts (current year or comparatives).
struct PeriodColumn {
  risk::FinancialPeriod period;          // the accounts period stored
  std::optional<risk::Date> instant;     // balance-sheet contexts at this instant
  std::optional<risk::Date> duration_start;  // profit-and-loss contexts over
  std::optional<risk::Date> duration_end;    // [duration_start, duration_end]

  bool HoldsInstant(const xbrl::Period& period) const;
  bool HoldsDuration(const xbrl::Period& period) const;
};

struct ReportingPeriods {
  PeriodColumn current;
  std::optional<PeriodColumn> prior;  // when the document has comparative contexts
};

// INVALID_ARGUMENT naming the document when there is neither a balance-sheet
// or period-end date nor a dated context. Assumptions go to `notes`.
absl::StatusOr<ReportingPeriods> ChooseReportingPeriods(const xbrl::XbrlDocument& document,
                                                        const CompanyFacts& company,
                                                        std::vector<std::string>& notes);

}  // namespace oversight::client::accounts
