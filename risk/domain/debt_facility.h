#pragma once
#include "absl/strings/string_view.h"
#include <optional>
#include <string>
#include <vector>

#include "risk/domain/accounts.h"
#include "risk/domain/iso_date.h"
#include "risk/domain/provenance.h"

namespace oversight::risk {

enum class RateType { kFixed, kFloating };  // floating = SONIA + margin

// A financial covenant in a facility agreement. Either kind may be absent.
struct Covenant {
  std::optional<double> max_net_leverage;     // net debt / EBITDA must stay <= this
  std::optional<double> min_interest_cover;   // EBITDA / interest must stay >= this
  int test_frequency_months = 3;              // quarterly testing is the market norm
  Date first_test_date;                       // test dates roll from here (UK calendar)
};

struct DebtFacility {
  std::string provider_id;
  std::string facility_id;                    // unique within the provider
  std::string lender;
  Pounds committed = 0;                       // committed amount (limit)
  Pounds drawn = 0;                           // drawn at the latest report
  Date start_date;
  Date maturity_date;                         // bullet repayment of what remains drawn
  RateType rate_type = RateType::kFloating;
  double fixed_rate = 0;                      // annual, e.g. 0.065, when kFixed
  double margin = 0;                          // annual spread over SONIA, e.g. 0.0525, when kFloating
  Pounds amortisation_per_year = 0;           // scheduled repayment per year before maturity
  Covenant covenant;
  Provenance provenance;
};

absl::string_view RateTypeName(RateType type);  // fixed, floating
absl::StatusOr<RateType> ParseRateType(absl::string_view text);

}  // namespace oversight::risk
