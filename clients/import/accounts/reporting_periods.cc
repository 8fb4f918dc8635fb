#include "clients/import/accounts/reporting_periods.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include <ql/time/period.hpp>

namespace oversight::client::accounts {
namespace {

using risk::Date;
using risk::FormatIsoDate;

// Tolerances of data-sources §4: the current balance sheet one day either
// side of the balance-sheet date, the comparatives a week either side.
constexpr int kCurrentToleranceDays = 1;
constexpr int kPriorToleranceDays = 7;
// A statutory accounting period is at most 18 months (Companies Act 2006
// s.391-392): a duration longer than that is not the year's profit and loss.
constexpr int kLongestPeriodMonths = 18;

int DaysBetween(const Date& a, const Date& b) { return std::abs(static_cast<int>(a - b)); }

// Measured forward from the start, as risk::ValidateAccounts measures it
// (31 August is more than 18 months after 28 February of the year before).
bool IsPlausiblePeriod(const Date& start, const Date& end) {
  if (!(start < end)) return false;
  // Near QuantLib's last date (2199-12-31) every end is within 18 months,
  // and adding them would leave its defined range.
  if (start > Date::maxDate() - QuantLib::Period(kLongestPeriodMonths + 1, QuantLib::Months)) return true;
  return end <= start + QuantLib::Period(kLongestPeriodMonths, QuantLib::Months);
}

// The instant nearest `target` within `tolerance` days; the exact date wins,
// then the earlier of two equally near.
std::optional<Date> NearestInstant(const std::set<Date>& instants, const Date& target, int tolerance) {
  std::optional<Date> best;
  for (const Date& instant : instants) {
    if (DaysBetween(instant, target) > tolerance) continue;
    if (!best || DaysBetween(instant, target) < DaysBetween(*best, target)) best = instant;
  }
  return best;
}

// The duration ending nearest `target_end` within `tolerance` days and
// starting within 18 months before both its end and `target_end`; among those ending on the same day,
// the one starting on `preferred_start`, else the longest.
std::optional<std::pair<Date, Date>> NearestDuration(const std::set<std::pair<Date, Date>>& durations,
                                                     const Date& target_end, int tolerance,
                                                     const std::optional<Date>& preferred_start) {
  std::optional<std::pair<Date, Date>> best;
  auto better = [&](const std::pair<Date, Date>& a, const std::pair<Date, Date>& b) {
    int da = DaysBetween(a.second, target_end), db = DaysBetween(b.second, target_end);
    if (da != db) return da < db;
    bool pa = preferred_start && a.first == *preferred_start, pb = preferred_start && b.first == *preferred_start;
    if (pa != pb) return pa;
    return a.first < b.first;
  };
  for (const auto& duration : durations) {
    if (DaysBetween(duration.second, target_end) > tolerance) continue;
    // The stored period runs from the duration's start to the target end,
    // so both must make a plausible period.
    if (!IsPlausiblePeriod(duration.first, duration.second) || !IsPlausiblePeriod(duration.first, target_end)) {
      continue;
    }
    if (!best || better(duration, *best)) best = duration;
  }
  return best;
}

std::string DurationText(const std::pair<Date, Date>& d) {
  return absl::StrCat(FormatIsoDate(d.first), "..", FormatIsoDate(d.second));
}

}  // namespace

bool PeriodColumn::HoldsInstant(const xbrl::Period& p) const {
  return p.kind == xbrl::Period::Kind::kInstant && instant && p.end == *instant;
}

bool PeriodColumn::HoldsDuration(const xbrl::Period& p) const {
  return p.kind == xbrl::Period::Kind::kDuration && duration_start && p.start == *duration_start &&
         p.end == *duration_end;
}

absl::StatusOr<ReportingPeriods> ChooseReportingPeriods(const xbrl::XbrlDocument& document,
                                                        const CompanyFacts& company,
                                                        std::vector<std::string>& notes) {
  std::set<Date> instants;
  std::set<std::pair<Date, Date>> durations;
  for (const xbrl::Context& context : document.contexts) {
    if (context.period.kind == xbrl::Period::Kind::kInstant && context.period.end != Date()) {
      instants.insert(context.period.end);
    } else if (context.period.kind == xbrl::Period::Kind::kDuration && context.period.end != Date() &&
               context.period.start != Date()) {
      durations.emplace(context.period.start, context.period.end);
    }
  }

  // Period end: trust BalanceSheetDate (data-sources §4: "a report period
  // ending after the balance-sheet date").
  Date end;
  if (company.balance_sheet_date) {
    end = *company.balance_sheet_date;
    if (company.period_end && *company.period_end != end) {
      notes.push_back(absl::StrCat("reported period end ", FormatIsoDate(*company.period_end),
                                   " differs from the balance-sheet date ", FormatIsoDate(end),
                                   ": the balance-sheet date is used"));
    }
  } else if (company.period_end) {
    end = *company.period_end;
    notes.push_back(absl::StrCat("no BalanceSheetDate: period end ", FormatIsoDate(end),
                                 " taken from EndDateForPeriodCoveredByReport"));
  } else if (!instants.empty()) {
    end = *instants.rbegin();
    notes.push_back(absl::StrCat("no BalanceSheetDate or reported period end: period end ", FormatIsoDate(end),
                                 " is the latest instant among the contexts"));
  } else if (!durations.empty()) {
    for (const auto& duration : durations) end = std::max(end, duration.second);
    notes.push_back(absl::StrCat("no BalanceSheetDate, reported period end or instant context: period end ",
                                 FormatIsoDate(end), " is the latest end among the duration contexts"));
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat(document.name,
                     ": no balance-sheet date (BalanceSheetDate, EndDateForPeriodCoveredByReport) and no "
                     "dated context to take the period end from"));
  }

  // The period arithmetic below reaches about three years before the end
  // (18 months of period, a year of comparatives, a week of tolerance);
  // QuantLib's dates are defined from 1901-01-01 (builds with its range
  // checks throw before it, Debian's computes unchecked dates).
  const Date earliest(1, QuantLib::January, 1905);
  if (end < earliest) {
    return absl::InvalidArgumentError(absl::StrCat(document.name, ": period end ", FormatIsoDate(end),
                                                   " is before ", FormatIsoDate(earliest),
                                                   ", the earliest the importer handles"));
  }

  ReportingPeriods periods;
  PeriodColumn& current = periods.current;
  current.period.end = end;
  current.instant = NearestInstant(instants, end, kCurrentToleranceDays);
  if (current.instant && *current.instant != end) {
    notes.push_back(absl::StrCat("no context at the balance-sheet date ", FormatIsoDate(end),
                                 ": balance-sheet facts taken from the instant ", FormatIsoDate(*current.instant),
                                 " (one day off)"));
  }
  std::optional<Date> reported_start;
  if (company.period_start) {
    if (IsPlausiblePeriod(*company.period_start, end)) {
      reported_start = company.period_start;
    } else {
      notes.push_back(absl::StrCat("reported period start ", FormatIsoDate(*company.period_start),
                                   " is not within the 18 months before the period end ", FormatIsoDate(end),
                                   ": ignored"));
    }
  }
  if (auto duration = NearestDuration(durations, end, kCurrentToleranceDays, reported_start)) {
    current.duration_start = duration->first;
    current.duration_end = duration->second;
    if (duration->second != end) {
      notes.push_back(absl::StrCat("no duration context ends at the balance-sheet date ", FormatIsoDate(end),
                                   ": profit and loss taken from ", DurationText(*duration), " (one day off)"));
    }
  }
  if (reported_start) {
    current.period.start = *reported_start;
  } else if (current.duration_start) {
    current.period.start = *current.duration_start;
  } else {
    current.period.start = end - QuantLib::Period(1, QuantLib::Years) + 1;
    notes.push_back(absl::StrCat("no reported period start and no duration context: period start ",
                                 FormatIsoDate(current.period.start), " assumed (one year before the end)"));
  }

  // Comparatives end the day before the current period starts.
  const Date prior_end = current.period.start - 1;
  PeriodColumn prior;
  prior.period.end = prior_end;
  prior.instant = NearestInstant(instants, prior_end, kPriorToleranceDays);
  if (prior.instant && current.instant && *prior.instant == *current.instant) prior.instant.reset();
  if (prior.instant && *prior.instant != prior_end) {
    notes.push_back(absl::StrCat("comparative balance sheet tagged at ", FormatIsoDate(*prior.instant),
                                 ", not at the prior year end ", FormatIsoDate(prior_end),
                                 ": taken as the prior year's balance sheet"));
  }
  if (auto duration = NearestDuration(durations, prior_end, kPriorToleranceDays, std::nullopt)) {
    if (!(current.duration_start && duration->first == *current.duration_start)) {
      prior.duration_start = duration->first;
      prior.duration_end = duration->second;
      if (duration->second != prior_end) {
        notes.push_back(absl::StrCat("comparative profit and loss tagged over ", DurationText(*duration),
                                     ", not ending at the prior year end ", FormatIsoDate(prior_end),
                                     ": taken as the prior year"));
      }
    }
  }
  if (prior.instant || prior.duration_start) {
    prior.period.start =
        prior.duration_start ? *prior.duration_start : prior_end - QuantLib::Period(1, QuantLib::Years) + 1;
    periods.prior = prior;
  }
  return periods;
}

}  // namespace oversight::client::accounts
