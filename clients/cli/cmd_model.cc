// oversight model merton | altman | ohlson: the risk library's failure
// models computed locally, without a server, for analysts checking a figure
// by hand and for tests that reproduce published worked examples.

#include <iostream>
#include <optional>
#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clients/cli/command.h"
#include "clients/cli/exit_codes.h"
#include "clients/cli/flags.h"
#include "clients/cli/table.h"
#include "nlohmann/json.hpp"
#include "risk/default/altman_z_score.h"
#include "risk/default/merton_model.h"
#include "risk/default/ohlson_o_score.h"

namespace oversight::client {
namespace {

// Reads a numeric option given as text; `required` options must be present.
// Prints the reason (naming the option) and returns false on a bad value.
bool NumberOption(const char* name, const std::string& text, bool required, std::optional<double>* out) {
  if (text.empty()) {
    if (required) std::cerr << "oversight model: --" << name << " is required\n";
    return !required;
  }
  double value = 0;
  if (!absl::SimpleAtod(text, &value) || !std::isfinite(value)) {
    std::cerr << "oversight model: --" << name << ": \"" << text << "\" is not a number\n";
    return false;
  }
  *out = value;
  return true;
}

// Key/value output of one model: JSON object, two-column CSV, or a table.
void PrintFigures(const CommandContext& context, const nlohmann::json& figures, const Table& table) {
  if (context.options.format == OutputFormat::kJson) {
    std::cout << figures.dump(2) << "\n";
  } else {
    table.Print(std::cout, context.options.format);
  }
}

int ModelError(const absl::Status& status) {
  std::cerr << "oversight model: " << status.message() << "\n";
  return kExitUsage;
}

}  // namespace

int RunModelMerton(const CommandContext& context) {
  std::optional<double> equity, vol, debt, rate, years;
  if (!NumberOption("equity", absl::GetFlag(FLAGS_equity), true, &equity) ||
      !NumberOption("equity_vol", absl::GetFlag(FLAGS_equity_vol), true, &vol) ||
      !NumberOption("debt", absl::GetFlag(FLAGS_debt), true, &debt) ||
      !NumberOption("rate", absl::GetFlag(FLAGS_rate), true, &rate) ||
      !NumberOption("years", absl::GetFlag(FLAGS_years), true, &years)) {
    return kExitUsage;
  }
  risk::MertonInputs inputs;
  inputs.equity_value = *equity;
  inputs.equity_volatility = *vol;
  inputs.debt_face = *debt;
  inputs.risk_free_rate = *rate;
  inputs.horizon_years = *years;
  absl::StatusOr<risk::MertonResult> result = risk::SolveMerton(inputs);
  if (!result.ok()) return ModelError(result.status());
  const risk::MertonResult& r = *result;
  nlohmann::json json = {
      {"model", "merton"},
      {"inputs", {{"equity_value", *equity}, {"equity_volatility", *vol}, {"debt_face", *debt},
                  {"risk_free_rate", *rate}, {"horizon_years", *years}}},
      {"asset_value", r.asset_value},
      {"asset_volatility", r.asset_volatility},
      {"d1", r.d1},
      {"distance_to_default", r.distance_to_default},
      {"pd", r.pd},
      {"debt_market_value", r.debt_market_value},
      {"debt_promised_pv", r.debt_promised_pv},
      {"expected_loss", r.expected_loss},
      {"credit_spread", r.credit_spread},
      {"source", "Merton (1974); Hull, Options, Futures and Other Derivatives, credit risk chapter"}};
  Table table;
  table.Column("figure", "figure").Column("value", "value", true);
  table.Row({TextCell("asset value V"), NumberCell(r.asset_value, 4)});
  table.Row({TextCell("asset volatility sigmaV"), NumberCell(r.asset_volatility, 4)});
  table.Row({TextCell("d1"), NumberCell(r.d1, 4)});
  table.Row({TextCell("distance to default d2"), NumberCell(r.distance_to_default, 4)});
  table.Row({TextCell("PD = N(-d2)"), PercentCell(r.pd, 2)});
  table.Row({TextCell("market value of debt V - E"), NumberCell(r.debt_market_value, 4)});
  table.Row({TextCell("PV of promised debt D e^-rT"), NumberCell(r.debt_promised_pv, 4)});
  table.Row({TextCell("expected loss"), PercentCell(r.expected_loss, 2)});
  table.Row({TextCell("credit spread"), PercentCell(r.credit_spread, 3)});
  PrintFigures(context, json, table);
  return kExitOk;
}

int RunModelAltman(const CommandContext& context) {
  std::optional<double> x1, x2, x3, x4;
  if (!NumberOption("x1", absl::GetFlag(FLAGS_x1), false, &x1) || !NumberOption("x2", absl::GetFlag(FLAGS_x2), false, &x2) ||
      !NumberOption("x3", absl::GetFlag(FLAGS_x3), false, &x3) || !NumberOption("x4", absl::GetFlag(FLAGS_x4), false, &x4)) {
    return kExitUsage;
  }
  risk::AltmanOptions options;
  options.emerging_market = absl::GetFlag(FLAGS_emerging_market);
  absl::StatusOr<risk::AltmanResult> result;
  const bool ratios = x1 || x2 || x3 || x4;
  if (ratios) {
    if (!x1 || !x2 || !x3 || !x4) {
      std::cerr << "oversight model altman: give all four of --x1 --x2 --x3 --x4, or the figures\n";
      return kExitUsage;
    }
    result = risk::ComputeAltmanZ2(risk::AltmanRatios{*x1, *x2, *x3, *x4}, options);
  } else {
    std::optional<double> ca, cl, ta, re, ebit, be, tl;
    if (!NumberOption("current_assets", absl::GetFlag(FLAGS_current_assets), true, &ca) ||
        !NumberOption("current_liabilities", absl::GetFlag(FLAGS_current_liabilities), true, &cl) ||
        !NumberOption("total_assets", absl::GetFlag(FLAGS_total_assets), true, &ta) ||
        !NumberOption("retained_earnings", absl::GetFlag(FLAGS_retained_earnings), true, &re) ||
        !NumberOption("ebit", absl::GetFlag(FLAGS_ebit), true, &ebit) ||
        !NumberOption("book_equity", absl::GetFlag(FLAGS_book_equity), true, &be) ||
        !NumberOption("total_liabilities", absl::GetFlag(FLAGS_total_liabilities), true, &tl)) {
      return kExitUsage;
    }
    risk::AltmanFigures figures;
    figures.current_assets = *ca;
    figures.current_liabilities = *cl;
    figures.total_assets = *ta;
    figures.retained_earnings = *re;
    figures.ebit = *ebit;
    figures.book_equity = *be;
    figures.total_liabilities = *tl;
    result = risk::ComputeAltmanZ2(figures, options);
  }
  if (!result.ok()) return ModelError(result.status());
  const risk::AltmanResult& r = *result;
  const std::string zone(risk::AltmanZoneName(r.zone));
  nlohmann::json json = {{"model", "altman_z2"},
                         {"x1", r.ratios.x1},
                         {"x2", r.ratios.x2},
                         {"x3", r.ratios.x3},
                         {"x4", r.ratios.x4},
                         {"z", r.z},
                         {"zone", zone},
                         {"emerging_market", r.emerging_market},
                         {"source", "Altman (2000), Z''-score for private non-manufacturing firms"}};
  Table table;
  table.Column("figure", "figure").Column("value", "value", true);
  table.Row({TextCell("X1 working capital / total assets"), NumberCell(r.ratios.x1, 4)});
  table.Row({TextCell("X2 retained earnings / total assets"), NumberCell(r.ratios.x2, 4)});
  table.Row({TextCell("X3 EBIT / total assets"), NumberCell(r.ratios.x3, 4)});
  table.Row({TextCell("X4 book equity / total liabilities"), NumberCell(r.ratios.x4, 4)});
  table.Row({TextCell("Z''"), NumberCell(r.z, 3)});
  table.Row({TextCell("zone"), TextCell(zone)});
  PrintFigures(context, json, table);
  return kExitOk;
}

int RunModelOhlson(const CommandContext& context) {
  std::optional<double> ta, tl, ca, cl, ni, ffo, prior, usd, gnp;
  if (!NumberOption("total_assets", absl::GetFlag(FLAGS_total_assets), true, &ta) ||
      !NumberOption("total_liabilities", absl::GetFlag(FLAGS_total_liabilities), true, &tl) ||
      !NumberOption("current_assets", absl::GetFlag(FLAGS_current_assets), true, &ca) ||
      !NumberOption("current_liabilities", absl::GetFlag(FLAGS_current_liabilities), true, &cl) ||
      !NumberOption("net_income", absl::GetFlag(FLAGS_net_income), true, &ni) ||
      !NumberOption("funds_from_operations", absl::GetFlag(FLAGS_funds_from_operations), true, &ffo) ||
      !NumberOption("prior_net_income", absl::GetFlag(FLAGS_prior_net_income), false, &prior) ||
      !NumberOption("usd_per_gbp", absl::GetFlag(FLAGS_usd_per_gbp), false, &usd) ||
      !NumberOption("gnp_price_index", absl::GetFlag(FLAGS_gnp_price_index), false, &gnp)) {
    return kExitUsage;
  }
  risk::OhlsonFigures figures;
  figures.total_assets = *ta;
  figures.total_liabilities = *tl;
  figures.current_assets = *ca;
  figures.current_liabilities = *cl;
  figures.net_income = *ni;
  figures.funds_from_operations = *ffo;
  figures.prior_net_income = prior;
  risk::OhlsonConfig config;
  if (usd) config.usd_per_gbp = *usd;
  if (gnp) config.gnp_price_index = *gnp;
  absl::StatusOr<risk::OhlsonResult> result = risk::ComputeOhlsonOScore(figures, config);
  if (!result.ok()) return ModelError(result.status());
  const risk::OhlsonResult& r = *result;
  auto terms = [](const risk::OhlsonTerms& t) {
    return nlohmann::json{{"size", t.size}, {"tlta", t.tlta}, {"wcta", t.wcta},   {"clca", t.clca}, {"oeneg", t.oeneg},
                          {"nita", t.nita}, {"futl", t.futl}, {"intwo", t.intwo}, {"chin", t.chin}};
  };
  nlohmann::json json = {{"model", "ohlson_o_score"},
                         {"variables", terms(r.variables)},
                         {"contributions", terms(r.contributions)},
                         {"intercept", risk::kOhlsonIntercept},
                         {"o_score", r.o_score},
                         {"pd", r.pd},
                         {"prior_year_available", r.prior_year_available},
                         {"usd_per_gbp", config.usd_per_gbp},
                         {"gnp_price_index", config.gnp_price_index},
                         {"source", "Ohlson (1980), model 1"}};
  Table table;
  table.Column("term", "term").Column("variable", "variable", true).Column("contribution", "contribution", true);
  const std::pair<const char*, double risk::OhlsonTerms::*> rows[] = {
      {"SIZE", &risk::OhlsonTerms::size}, {"TLTA", &risk::OhlsonTerms::tlta}, {"WCTA", &risk::OhlsonTerms::wcta},
      {"CLCA", &risk::OhlsonTerms::clca}, {"OENEG", &risk::OhlsonTerms::oeneg}, {"NITA", &risk::OhlsonTerms::nita},
      {"FUTL", &risk::OhlsonTerms::futl}, {"INTWO", &risk::OhlsonTerms::intwo}, {"CHIN", &risk::OhlsonTerms::chin}};
  table.Row({TextCell("intercept"), TextCell(""), NumberCell(risk::kOhlsonIntercept, 4)});
  for (const auto& [name, member] : rows) {
    table.Row({TextCell(name), NumberCell(r.variables.*member, 4), NumberCell(r.contributions.*member, 4)});
  }
  table.Row({TextCell("O"), TextCell(""), NumberCell(r.o_score, 4)});
  table.Row({TextCell("PD = e^O / (1 + e^O)"), TextCell(""), PercentCell(r.pd, 2)});
  PrintFigures(context, json, table);
  if (!r.prior_year_available && context.options.format == OutputFormat::kTable) {
    std::cout << "\nno --prior_net_income: INTWO and CHIN taken as 0\n";
  }
  return kExitOk;
}

}  // namespace oversight::client
