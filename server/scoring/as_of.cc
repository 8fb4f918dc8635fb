#include "server/scoring/as_of.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "risk/domain/validation.h"

namespace oversight::server {

risk::Date TodayUtc(absl::Time now) {
  const absl::CivilDay day = absl::ToCivilDay(now, absl::UTCTimeZone());
  return risk::Date(day.day(), static_cast<QuantLib::Month>(day.month()),
                    static_cast<QuantLib::Year>(day.year()));
}

absl::StatusOr<risk::Date> ResolveAsOf(absl::string_view text, absl::string_view field, absl::Time now) {
  if (text.empty()) return TodayUtc(now);
  absl::StatusOr<risk::Date> date = risk::ParseIsoDate(text, field);
  if (date.ok()) return date;
  absl::string_view reason = date.status().message();
  absl::ConsumePrefix(&reason, absl::StrCat(field, ": "));
  risk::Violations violations;
  violations.Add(std::string(field), std::string(reason));
  return violations.ToStatus();
}

}  // namespace oversight::server
