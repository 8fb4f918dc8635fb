#include "risk/default/merton_from_provider.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "risk/domain/append_pieces.h"
#include "risk/domain/fixed_decimal.h"
#include "risk/default/accounts_selection.h"
#include "risk/domain/serial_date.h"

namespace oversight::risk {
namespace {

const EquityObservation* LatestEquityObservation(const ProviderData& data, Date as_of) {
  const internal::Serial today = internal::SerialOf(as_of);
  const EquityObservation* latest = nullptr;
  internal::Serial latest_serial = 0;
  for (const EquityObservation& observation : data.equity_observations) {
    const internal::Serial observed = internal::SerialOf(observation.as_of);
    if (observed == 0 || observed > today) continue;
    if (latest == nullptr || observed > latest_serial) {
      latest = &observation;
      latest_serial = observed;
    }
  }
  return latest;
}

std::string DescribeObservation(const EquityObservation& o) {
  std::string text = absl::StrCat("equity observation ", o.provider_id, " ",
                                  FormatIsoDate(o.as_of));
  if (!o.provenance.source.empty()) {
    absl::StrAppend(&text, " (", o.provenance.source, ", v", o.provenance.version, ")");
  }
  return text;
}

}  // namespace

ModelOutcome<MertonAssessment> MertonFromProviderData(const ProviderData& data,
                                                      const DefaultModelConfig& config,
                                                      Date as_of, ExplanationText text) {
  ModelOutcome<MertonAssessment> outcome;
  const Accounts* accounts = LatestAccountsAtOrBefore(data, as_of);
  if (accounts == nullptr) {
    outcome.note =
        absl::StrCat("insufficient data: no accounts ending on or before ", FormatIsoDate(as_of));
    return outcome;
  }
  const bool explain = text != ExplanationText::kOmit;
  if (text == ExplanationText::kInclude) outcome.inputs.push_back(DescribeAccounts(*accounts));
  if (!accounts->borrowings) {
    outcome.note = "insufficient data: borrowings missing (the debt in default)";
    return outcome;
  }
  std::vector<std::string> caveats;
  Pounds leases = 0;
  if (accounts->lease_liabilities) {
    leases = *accounts->lease_liabilities;
  } else {
    caveats.push_back("lease_liabilities not reported, taken as 0 (FRS 102 operating leases)");
  }
  const Pounds debt = *accounts->borrowings + leases;
  if (debt <= 0) {
    outcome.note = "not applicable: no borrowings or lease liabilities, so no default barrier";
    return outcome;
  }

  MertonAssessment assessment;
  assessment.inputs.debt_face = debt;
  assessment.inputs.risk_free_rate = config.risk_free_rate;
  assessment.inputs.horizon_years = config.merton.horizon_years;

  if (const EquityObservation* observed = LatestEquityObservation(data, as_of)) {
    if (explain) outcome.inputs.push_back(DescribeObservation(*observed));
    assessment.equity_observed = true;
    assessment.inputs.equity_value = observed->equity_value;
    if (explain) {
      assessment.equity_basis =
          absl::StrCat("equity observation ", FormatIsoDate(observed->as_of), ": ", observed->basis);
    }
    if (observed->equity_volatility > 0) {
      assessment.inputs.equity_volatility = observed->equity_volatility;
      if (explain) assessment.volatility_basis = assessment.equity_basis;
    } else {
      assessment.inputs.equity_volatility = config.sector_equity_volatility;
      if (explain) {
        assessment.volatility_basis = absl::StrCat(
            "sector proxy ", FixedDecimal(config.sector_equity_volatility, 2), " (observation has no volatility)");
      }
    }
  } else {
    std::optional<Pounds> ebitda = accounts->ebitda;
    if (!ebitda && accounts->operating_profit && accounts->depreciation_amortisation) {
      ebitda = *accounts->operating_profit + *accounts->depreciation_amortisation;
      caveats.push_back("EBITDA taken as operating_profit + depreciation_amortisation");
    }
    if (!ebitda || !accounts->cash) {
      outcome.note = absl::StrCat(
          "insufficient data: no equity observation and ",
          !ebitda ? "EBITDA (or operating_profit and depreciation_amortisation)" : "cash",
          " missing for the EBITDA-multiple estimate");
      return outcome;
    }
    const Pounds net_debt = debt - *accounts->cash;
    assessment.inputs.equity_value = config.ebitda_multiple_for_equity * *ebitda - net_debt;
    if (explain) {
      // Written into reserved buffers: the bases are part of every
      // provider's explanation.
      std::string& equity = assessment.equity_basis;
      equity.reserve(96);
      internal::AppendPieces(equity, "estimate: ");
      AppendFixedDecimal(equity, config.ebitda_multiple_for_equity, 1, "x EBITDA ");
      AppendFixedDecimal(equity, *ebitda, 0, " - net debt ");
      AppendFixedDecimal(equity, net_debt, 0, " (borrowings + leases - cash)");
      assessment.volatility_basis = "sector proxy ";
      AppendFixedDecimal(assessment.volatility_basis, config.sector_equity_volatility, 2);
    }
    assessment.inputs.equity_volatility = config.sector_equity_volatility;
  }

  if (assessment.inputs.equity_value <= 0) {
    assessment.equity_exhausted = true;
    assessment.pd = config.merton.equity_exhausted_pd;
    caveats.insert(caveats.begin(),
                   explain ? absl::StrFormat("equity exhausted: equity value %.0f <= 0 (%s); PD set to %.2f",
                                             assessment.inputs.equity_value, assessment.equity_basis,
                                             config.merton.equity_exhausted_pd)
                           : absl::StrFormat("equity exhausted: equity value %.0f <= 0; PD set to %.2f",
                                             assessment.inputs.equity_value, config.merton.equity_exhausted_pd));
    outcome.value = std::move(assessment);
    outcome.note = absl::StrJoin(caveats, "; ");
    return outcome;
  }

  absl::StatusOr<MertonResult> result = SolveMerton(assessment.inputs);
  if (!result.ok()) {
    outcome.note = absl::StrCat("not computable: ", result.status().message());
    return outcome;
  }
  assessment.pd = result->pd;
  assessment.result = *std::move(result);
  outcome.value = std::move(assessment);
  outcome.note = absl::StrJoin(caveats, "; ");
  return outcome;
}

}  // namespace oversight::risk
