#include "clients/import/accounts/derived_figures.h"

#include <array>
#include <cmath>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "clients/import/accounts/account_field.h"

namespace oversight::client::accounts {
namespace {

using risk::Accounts;
using risk::FigureSource;

// Profit-and-loss fields of risk::Accounts: missing, never zero, when the
// filing has no profit and loss account.
constexpr std::array<absl::string_view, 11> kProfitAndLossFields = {
    "revenue",          "staff_costs",       "other_operating_costs", "rent_costs",
    "ebitda",           "depreciation_amortisation", "operating_profit", "interest_payable",
    "profit_before_tax", "net_income",       "funds_from_operations"};

// The concepts whose presence shows a profit and loss account was filed.
constexpr std::array<absl::string_view, 5> kProfitAndLossEvidence = {
    "revenue", "staff_costs", "operating_profit", "profit_before_tax", "net_income"};

std::string Amount(double value) { return absl::StrFormat("%.15g", value); }

// An input of a formula, with the text that explains where it came from.
struct Term {
  double value = 0;
  std::string explanation;  // "FixedAssets 868145" or a nested derivation
};

class ColumnBuilder {
 public:
  ColumnBuilder(const TaggedFigures& figures, absl::string_view document, absl::string_view label,
                Accounts& accounts, std::vector<std::string>& notes)
      : figures_(figures), document_(document), label_(label), accounts_(accounts), notes_(notes) {}

  // A tagged figure as a formula input; nullopt when missing or of
  // implausible sign.
  std::optional<Term> Tagged(absl::string_view field) const {
    auto it = figures_.find(field);
    if (it == figures_.end() || it->second.implausible_sign) return std::nullopt;
    return Term{it->second.value, absl::StrCat(it->second.row->local_name, " ", Amount(it->second.value))};
  }

  // A tagged field, or its within- and after-one-year buckets summed.
  std::optional<Term> TaggedOrBuckets(absl::string_view field) const {
    if (auto term = Tagged(field)) return term;
    return SumOfTagged(field, {absl::StrCat(field, "_within_one_year"), absl::StrCat(field, "_after_one_year")});
  }

  // The sum of the tagged ones among `fields`; nullopt when none is tagged.
  std::optional<Term> SumOfTagged(absl::string_view name, const std::vector<std::string>& fields) const {
    std::optional<Term> sum;
    std::vector<std::string> parts;
    for (const std::string& field : fields) {
      if (auto term = Tagged(field)) {
        if (!sum) sum = Term{0, ""};
        sum->value += term->value;
        parts.push_back(absl::StrCat(field, " (", term->explanation, ")"));
      }
    }
    if (sum) sum->explanation = absl::StrCat(name, " = ", absl::StrJoin(parts, " + "));
    return sum;
  }

  // Copies every tagged field that is a risk::Accounts member.
  void CopyTagged() {
    for (const auto& [name, figure] : figures_) {
      const AccountField* field = figure.row->field;
      if (field->member == nullptr || figure.implausible_sign) continue;
      accounts_.*(field->member) = figure.value;
      FigureSource source;
      source.field = std::string(field->name);
      source.document = std::string(document_);
      source.concept_name =
          absl::StrCat(figure.fact->concept_name.local_name, " {", figure.fact->concept_name.namespace_uri, "}");
      source.context = figure.context->id;
      const xbrl::Period& period = figure.context->period;
      source.period = period.kind == xbrl::Period::Kind::kDuration
                          ? absl::StrCat(risk::FormatIsoDate(period.start), "..", risk::FormatIsoDate(period.end))
                          : risk::FormatIsoDate(period.end);
      accounts_.figure_sources.push_back(std::move(source));
    }
  }

  bool Has(std::optional<risk::Pounds> Accounts::*member) const { return (accounts_.*member).has_value(); }

  // Stores a derived figure, unless the filing's own figures contradict each
  // other so that it comes out impossible (negative total liabilities, total
  // assets below current assets): then it is left missing and noted.
  void Derive(std::optional<risk::Pounds> Accounts::*member, absl::string_view field, bool flow,
              const Term& term) {
    const char* problem = nullptr;
    if (!std::isfinite(term.value)) {
      problem = " is not a finite number";
    } else if (FindAccountField(field)->expected_non_negative && term.value < 0) {
      problem = " is negative";
    } else if (member == &Accounts::total_assets && accounts_.current_assets &&
               term.value < *accounts_.current_assets) {
      problem = " is less than current_assets";
    }
    if (problem != nullptr) {
      notes_.push_back(absl::StrCat(label_, ": ", field, " left missing: ", term.explanation, " = ",
                                    Amount(term.value), problem, " (the filing's figures do not agree)"));
      return;
    }
    accounts_.*member = term.value;
    FigureSource source;
    source.field = std::string(field);
    source.document = std::string(document_);
    source.period = flow ? absl::StrCat(risk::FormatIsoDate(accounts_.period.start), "..",
                                        risk::FormatIsoDate(accounts_.period.end))
                         : risk::FormatIsoDate(accounts_.period.end);
    source.derivation = term.explanation;
    accounts_.figure_sources.push_back(std::move(source));
  }

  // A field of the accounts (tagged or derived) as a formula input; nullopt
  // when missing or tagged with an implausible sign.
  std::optional<Term> Current(std::optional<risk::Pounds> Accounts::*member, absl::string_view field) const {
    if (!(accounts_.*member)) return std::nullopt;
    if (auto it = figures_.find(field); it != figures_.end() && it->second.implausible_sign) return std::nullopt;
    for (const FigureSource& source : accounts_.figure_sources) {
      if (source.field != field) continue;
      if (!source.derivation.empty()) return Term{*(accounts_.*member), absl::StrCat("(", source.derivation, ")")};
      // A tagged figure is explained by its concept's local name.
      absl::string_view concept_name = source.concept_name;
      concept_name = concept_name.substr(0, concept_name.find(" {"));
      return Term{*(accounts_.*member), absl::StrCat(concept_name, " ", Amount(*(accounts_.*member)))};
    }
    return Term{*(accounts_.*member), Amount(*(accounts_.*member))};
  }

  void ClearProfitAndLoss() {
    for (absl::string_view name : kProfitAndLossFields) {
      accounts_.*(FindAccountField(name)->member) = std::nullopt;
    }
    std::erase_if(accounts_.figure_sources, [](const FigureSource& source) {
      for (absl::string_view name : kProfitAndLossFields) {
        if (source.field == name) return true;
      }
      return false;
    });
  }

 private:
  const TaggedFigures& figures_;
  absl::string_view document_;
  absl::string_view label_;
  Accounts& accounts_;
  std::vector<std::string>& notes_;
};

Term Plus(absl::string_view name, const Term& a, absl::string_view a_name, const Term& b, absl::string_view b_name) {
  return Term{a.value + b.value, absl::StrCat(name, " = ", a_name, " (", a.explanation, ") + ", b_name, " (",
                                              b.explanation, ")")};
}

}  // namespace

bool BuildAccountsColumn(const TaggedFigures& figures, absl::string_view document_name, absl::string_view label,
                         Accounts& accounts, std::vector<std::string>& notes) {
  ColumnBuilder column(figures, document_name, label, accounts, notes);
  column.CopyTagged();

  // Depreciation and amortisation, from the fixed-asset notes when no total.
  if (!column.Has(&Accounts::depreciation_amortisation)) {
    if (auto depreciation = column.Tagged("depreciation_ppe")) {
      Term term = *depreciation;
      if (auto amortisation = column.Tagged("amortisation_intangibles")) {
        term = Plus("depreciation_amortisation", *depreciation, "depreciation_ppe", *amortisation,
                    "amortisation_intangibles");
      } else {
        term.explanation = absl::StrCat("depreciation_amortisation = depreciation_ppe (", depreciation->explanation,
                                        "); no amortisation tagged");
      }
      column.Derive(&Accounts::depreciation_amortisation, "depreciation_amortisation", true, term);
    }
  }
  auto da = column.Current(&Accounts::depreciation_amortisation, "depreciation_amortisation");
  if (!column.Has(&Accounts::ebitda) && da) {
    if (auto operating = column.Current(&Accounts::operating_profit, "operating_profit")) {
      column.Derive(&Accounts::ebitda, "ebitda", true,
                    Plus("ebitda", *operating, "operating_profit", *da, "depreciation_amortisation"));
    }
  }
  if (!column.Has(&Accounts::funds_from_operations) && da) {
    if (auto net_income = column.Current(&Accounts::net_income, "net_income")) {
      column.Derive(&Accounts::funds_from_operations, "funds_from_operations", true,
                    Plus("funds_from_operations", *net_income, "net_income", *da, "depreciation_amortisation"));
    }
  }

  // Current liabilities from the net current assets line when creditors
  // within one year are not tagged with their dimension (data-sources §4:
  // "a within one year creditors line tagged without its dimension"): the
  // balance-sheet formats define net current assets as current assets (+
  // prepayments shown outside them, micro-entity format) - creditors due
  // within one year, so the line is read back from two tagged totals.
  if (!column.Has(&Accounts::current_liabilities)) {
    auto current = column.Current(&Accounts::current_assets, "current_assets");
    auto net_current = column.Tagged("net_current_assets");
    if (current && net_current) {
      Term term = *current;
      term.explanation = absl::StrCat("current_liabilities = current_assets (", current->explanation, ")");
      if (auto prepayments = column.Tagged("prepayments_outside_current_assets")) {
        term.value += prepayments->value;
        absl::StrAppend(&term.explanation, " + prepayments_outside_current_assets (", prepayments->explanation, ")");
      }
      term.value -= net_current->value;
      absl::StrAppend(&term.explanation, " - net_current_assets (", net_current->explanation, ")");
      column.Derive(&Accounts::current_liabilities, "current_liabilities", false, term);
    }
  }

  // Total assets: fixed + current (+ items shown outside current assets),
  // else total assets less current liabilities + current liabilities.
  if (!column.Has(&Accounts::total_assets)) {
    auto fixed = column.Tagged("fixed_assets");
    auto current = column.Current(&Accounts::current_assets, "current_assets");
    auto talcl = column.Tagged("total_assets_less_current_liabilities");
    auto creditors = column.Current(&Accounts::current_liabilities, "current_liabilities");
    if (fixed && current) {
      Term term = Plus("total_assets", *fixed, "fixed_assets", *current, "current_assets");
      for (absl::string_view extra : {"called_up_share_capital_not_paid", "prepayments_outside_current_assets"}) {
        if (auto item = column.Tagged(extra)) {
          term.value += item->value;
          absl::StrAppend(&term.explanation, " + ", extra, " (", item->explanation, ")");
        }
      }
      column.Derive(&Accounts::total_assets, "total_assets", false, term);
    } else if (talcl && creditors) {
      column.Derive(&Accounts::total_assets, "total_assets", false,
                    Plus("total_assets", *talcl, "total_assets_less_current_liabilities", *creditors,
                         "current_liabilities"));
    }
  }
  if (!column.Has(&Accounts::total_liabilities)) {
    auto assets = column.Current(&Accounts::total_assets, "total_assets");
    auto net = column.Current(&Accounts::net_assets, "net_assets");
    if (assets && net) {
      column.Derive(&Accounts::total_liabilities, "total_liabilities", false,
                    Term{assets->value - net->value,
                         absl::StrCat("total_liabilities = total_assets (", assets->explanation, ") - net_assets (",
                                      net->explanation, ")")});
    }
  }
  if (!column.Has(&Accounts::intangible_assets)) {
    if (auto sum = column.SumOfTagged("intangible_assets", {"goodwill", "intangible_assets_other_than_goodwill"})) {
      column.Derive(&Accounts::intangible_assets, "intangible_assets", false, *sum);
    }
  }
  if (!column.Has(&Accounts::lease_liabilities)) {
    // Not tagged as a total, so this is the sum of the tagged buckets.
    if (auto buckets = column.TaggedOrBuckets("lease_liabilities")) {
      column.Derive(&Accounts::lease_liabilities, "lease_liabilities", false, *buckets);
    }
  }

  // Borrowings: IFRS total or its buckets, else the sum of the components.
  if (!column.Has(&Accounts::borrowings)) {
    std::optional<Term> borrowings = column.TaggedOrBuckets("borrowings");
    if (!borrowings) {
      std::optional<Term> bank = column.TaggedOrBuckets("bank_borrowings");
      if (!bank) bank = column.SumOfTagged("bank_borrowings", {"bank_loans", "bank_overdrafts"});
      const std::array<std::pair<absl::string_view, std::optional<Term>>, 4> components = {{
          {"bank_borrowings", bank},
          {"other_borrowings", column.TaggedOrBuckets("other_borrowings")},
          {"director_loans", column.TaggedOrBuckets("director_loans")},
          {"group_borrowings", column.TaggedOrBuckets("group_borrowings")},
      }};
      std::vector<std::string> parts;
      for (const auto& [name, term] : components) {
        if (!term) continue;
        if (!borrowings) borrowings = Term{0, ""};
        borrowings->value += term->value;
        parts.push_back(absl::StrCat(name, " (", term->explanation, ")"));
        if (name == "group_borrowings") {
          notes.push_back(absl::StrCat(label, ": borrowings include amounts owed to group undertakings (",
                                       Amount(term->value), ") as intra-group or shareholder debt"));
        }
      }
      if (borrowings) borrowings->explanation = absl::StrCat("borrowings = ", absl::StrJoin(parts, " + "));
    }
    if (borrowings) {
      column.Derive(&Accounts::borrowings, "borrowings", false, *borrowings);
    }
  }

  bool has_profit_and_loss = false;
  for (absl::string_view name : kProfitAndLossEvidence) {
    if (figures.contains(name)) has_profit_and_loss = true;
  }
  if (!has_profit_and_loss) {
    column.ClearProfitAndLoss();
    accounts.profit_and_loss_omitted = true;
    notes.push_back(absl::StrCat(label,
                                 ": no profit and loss account tagged (no turnover, staff costs, operating profit, "
                                 "profit before tax or profit for the year): profit-and-loss figures left missing"));
  }
  return has_profit_and_loss;
}

}  // namespace oversight::client::accounts
