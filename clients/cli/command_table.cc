// The subcommands, their synopses, help and accepted flags, in the order
// `oversight --help` lists them.

#include <vector>

#include "clients/cli/command.h"

namespace oversight::client {
namespace {

const std::vector<Command>& Table() {
  static const std::vector<Command>* const kCommands = new std::vector<Command>{
      {"load", "FILE...", "submit provider records from CSV/JSON files (docs/data-format.md)",
       "Reads every file (providers first, whatever the order given), streams the records to\n"
       "BulkSubmit and prints how many were stored, unchanged and rejected, with FILE:LINE,\n"
       "field and reason for each rejection. Re-loading the same files changes nothing: every\n"
       "record is reported unchanged. A progress bar is drawn when stdout is a terminal.\n"
       "Exit 2 when any record was rejected (the valid ones are still stored).\n"
       "Example: oversight load deploy/sample/*.csv\n",
       {"dry_run"}, 1, -1, RunLoad},
      {"import accounts", "PATH... [--all] [--companies FILE] [--kind K] [--ownership O] [--dry_run]",
       "Companies House accounts (iXBRL .html, XBRL .xml, bulk .zip read in place) into the store",
       "Reads each file, or each document of each Accounts_Bulk_Data / Accounts_Monthly_Data zip\n"
       "without unpacking it, and imports the accounts of the companies the store knows (by\n"
       "Companies House number, subsidiaries of known groups included). --all imports every\n"
       "company, --companies FILE also those listed (one number per line); a company with no\n"
       "provider record is registered as provider CH<number> with --kind/--ownership (default\n"
       "childrens_homes, other_private). Each figure keeps its filing, concept, context and\n"
       "period; filleted accounts are stored as having no profit and loss account; prior-year\n"
       "comparatives fill a missing previous period. A document that cannot be read or mapped\n"
       "imports nothing and is listed with its reason; the rest go on. Re-importing changes\n"
       "nothing. Exit 2 when any document failed.\n"
       "Example: oversight import accounts Accounts_Monthly_Data-October2026.zip\n",
       {"all", "companies", "kind", "ownership", "dry_run"}, 1, -1, RunImportAccounts},
      {"import companies", "FILE... [--as_of DATE] [--no_rescore] [--dry_run]",
       "saved Companies House API responses (profile, PSC, filing history) into the providers",
       "Company status (administration, liquidation, ...) and accounts.next_accounts.overdue\n"
       "update the provider's record; a corporate person with significant control that owns\n"
       "more than half the company and is itself a known provider puts the company in its\n"
       "group (a subsidiary not yet known is registered as provider CH<number>). The changed\n"
       "providers are then re-scored as of --as_of (default today), so failure events and\n"
       "overdue accounts raise their alerts at once.\n"
       "Example: oversight import companies ch/09707484-profile.json ch/09707484-psc.json\n",
       {"as_of", "no_rescore", "dry_run"}, 1, -1, RunImportCompanies},
      {"import ofsted", "FILE.csv... [--dry_run]",
       "Ofsted provider-level files into the providers' settings",
       "Reads every yearly layout (preamble rows, two-row headers, renamed columns). Owners are\n"
       "linked to providers by the alias table, then by normalised name; an owner that matches\n"
       "no provider, or several, is never guessed: it is listed here and kept for\n"
       "`oversight ofsted unmatched`. Rows outside the regime are counted, bad rows listed with\n"
       "their line and column.\n"
       "Example: oversight import ofsted provider_at_march_2026.csv\n",
       {"dry_run"}, 1, -1, RunImportOfsted},
      {"ofsted unmatched", "[--source FILE_NAME]", "Ofsted owners not matched to a provider",
       "Example: oversight ofsted unmatched --source provider_at_march_2026.csv\n", {"source"}, 0, 0,
       RunOfstedUnmatched},
      {"ofsted aliases", "", "the owner-name aliases", "", {}, 0, 0, RunOfstedAliases},
      {"ofsted alias", "OWNER_NAME PROVIDER", "map an Ofsted owner name to a provider",
       "Names are compared after normalisation (case, punctuation, Ltd/Limited...).\n"
       "Example: oversight ofsted alias \"Acme Care Homes Ltd\" P001\n",
       {}, 2, 2, RunOfstedAlias},
      {"ofsted unalias", "OWNER_NAME", "remove an owner-name alias", "", {}, 1, 1, RunOfstedUnalias},
      {"providers", "[--kind K] [--ownership O] [--region R] [--local_authority LA] [--rating R]",
       "rank providers, worst first",
       "Columns: rank, provider, name, rating, one-year PD, net debt / EBITDA, interest cover,\n"
       "operating margin, children placed. Filters take the snake_case names of docs/data-format.md.\n"
       "Example: oversight providers --region north_west --rating red\n",
       {"kind", "ownership", "region", "local_authority", "rating", "limit"}, 0, 0, RunProviders},
      {"show", "PROVIDER", "a provider's record counts and latest assessment",
       "Example: oversight show P001\n", {}, 1, 1, RunShow},
      {"explain", "PROVIDER [--as_of DATE]", "why a provider is rated as it is",
       "Prints the reasons, each factor's contribution to the likelihood of failure and every\n"
       "figure with its formula, source and inputs. --as_of picks an earlier assessment.\n"
       "Example: oversight explain P001 --as-of 2026-11-24\n",
       {"as_of"}, 1, 1, RunExplain},
      {"history", "PROVIDER [--limit N]", "a provider's assessments, most recent first",
       "Example: oversight history P001 --limit 10\n", {"limit"}, 1, 1, RunHistory},
      {"concentration", "REGION|LOCAL_AUTHORITY [--as_of DATE]",
       "market concentration (HHI, four-firm share, provider shares) in a region or authority",
       "The argument is read as a region when it names one (north_west, \"North West\"),\n"
       "otherwise as a local authority.\n"
       "Example: oversight concentration north_west\n",
       {"as_of"}, 1, 1, RunConcentration},
      {"scenarios", "", "the standard stress scenarios", "Example: oversight scenarios\n", {}, 0, 0,
       RunScenarios},
      {"stress", "SCENARIO [PROVIDER] [--as_of DATE]", "run a stress scenario on a provider or the market",
       "Example: oversight stress rates_up_300bp P001\n", {"as_of"}, 1, 2, RunStress},
      {"alerts tail", "[--from SEQ] [--state FILE] [--min_severity S] [--provider P] [--count N]",
       "follow the live alert stream, resuming after disconnects",
       "Prints each alert as one line (with --json, one JSON object per line). With --state the\n"
       "last sequence received is kept in FILE (rewritten atomically) and the stream resumes\n"
       "after it, so a restart of this command or of the server neither misses nor repeats an\n"
       "alert. Reconnects with exponential backoff up to --max_backoff. --from overrides the\n"
       "state file. --count exits after N alerts.\n"
       "Example: oversight alerts tail --state ~/.oversight-alerts.seq\n",
       {"from", "state", "min_severity", "provider", "region", "local_authority", "count", "max_backoff"}, 0,
       0, RunAlertsTail},
      {"alerts list", "[--from SEQ] [--limit N] [--unacked] [--min_severity S] [--provider P]",
       "list stored alerts", "Example: oversight alerts list --unacked --min_severity warning\n",
       {"from", "limit", "unacked", "min_severity", "provider", "region", "local_authority"}, 0, 0,
       RunAlertsList},
      {"alerts ack", "SEQ", "acknowledge an alert", "Example: oversight alerts ack 42\n", {}, 1, 1,
       RunAlertsAck},
      {"model merton", "--equity E --equity_vol S --debt D --rate R [--years T]",
       "Merton structural model, computed locally",
       "Solves E = V N(d1) - D e^-rT N(d2) and sigmaE E = N(d1) sigmaV V for the asset value and\n"
       "volatility; prints distance to default and PD = N(-d2).\n"
       "Example (Hull): oversight model merton --equity 3 --equity-vol 0.8 --debt 10 --rate 0.05 --years 1\n",
       {"equity", "equity_vol", "debt", "rate", "years"}, 0, 0, RunModelMerton},
      {"model altman", "--x1 A --x2 B --x3 C --x4 D | --current_assets ... ",
       "Altman Z''-score (private non-manufacturing firms), computed locally",
       "Give the four ratios, or the figures: --current_assets --current_liabilities\n"
       "--total_assets --retained_earnings --ebit --book_equity --total_liabilities.\n"
       "Example: oversight model altman --x1 0.2 --x2 0.1 --x3 0.05 --x4 0.5\n",
       {"x1", "x2", "x3", "x4", "emerging_market", "current_assets", "current_liabilities", "total_assets",
        "retained_earnings", "ebit", "book_equity", "total_liabilities"},
       0, 0, RunModelAltman},
      {"model ohlson", "--total_assets ... --net_income ... [--prior_net_income N]",
       "Ohlson O-score (model 1), computed locally",
       "Needs --total_assets --total_liabilities --current_assets --current_liabilities\n"
       "--net_income --funds_from_operations; --prior_net_income is optional.\n"
       "Example: oversight model ohlson --total_assets 5e6 --total_liabilities 4e6 --current_assets 1e6 \\\n"
       "           --current_liabilities 8e5 --net_income -1e5 --funds_from_operations 5e4\n",
       {"total_assets", "total_liabilities", "current_assets", "current_liabilities", "net_income",
        "prior_net_income", "funds_from_operations", "usd_per_gbp", "gnp_price_index"},
       0, 0, RunModelOhlson},
      {"nightly", "[--as_of DATE] [--report FILE]", "re-score the market (the scheduled job)",
       "Calls Rescore for every provider, prints the rating changes and new alerts and writes a\n"
       "JSON report (atomically) when --report is given. Safe to re-run: a second run for the\n"
       "same date reports every provider unchanged and no new alerts. Exit 2 when any provider\n"
       "failed to score.\n"
       "Example: oversight nightly --as-of 2026-11-24 --report /var/lib/oversight/nightly.json\n",
       {"as_of", "report", "provider"}, 0, 0, RunNightly},
      {"report", "--out DIR", "the state-of-the-market report: HTML with SVG charts, CSV figures",
       "Writes DIR/report.html (printable, no scripts or external assets) with the margin and\n"
       "leverage distributions, ratings by region, the largest providers' shares of children\n"
       "placed and PD against children placed, each chart also as an SVG file and its figures\n"
       "as CSV beside it. Drawn from every provider's latest assessment.\n"
       "Example: oversight report --out /var/lib/oversight/report-2026\n",
       {"out"}, 0, 0, RunReport},
      {"token issue", "--role ROLE --subject WHO [--provider P] [--local_authority LA] [--ttl 720h]",
       "issue an API token (admin)", "The token is printed once; only its hash is stored.\n",
       {"role", "subject", "provider", "local_authority", "ttl"}, 0, 0, RunTokenIssue},
      {"token revoke", "TOKEN_ID", "revoke an API token (admin)", "", {}, 1, 1, RunTokenRevoke},
      {"token list", "", "list API tokens (admin)", "", {}, 0, 0, RunTokenList},
      {"health", "[--wait DURATION]", "check that the server is serving",
       "With --wait, keeps trying until the server answers SERVING or the time is up.\n"
       "Example: oversight --insecure --server 127.0.0.1:50051 health --wait 20s\n",
       {"wait"}, 0, 0, RunHealth},
  };
  return *kCommands;
}

}  // namespace

std::span<const Command> AllCommands() { return Table(); }

}  // namespace oversight::client
