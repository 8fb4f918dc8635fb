#include "clients/cli/flags.h"

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, server, "", "server address host:port (env OVERSIGHT_SERVER; default 127.0.0.1:50051)");
ABSL_FLAG(std::string, token, "", "bearer token (env OVERSIGHT_TOKEN)");
ABSL_FLAG(std::string, tls_ca, "", "PEM CA certificate for the server (env OVERSIGHT_TLS_CA)");
ABSL_FLAG(std::string, tls_cert, "", "PEM client certificate for mutual TLS (env OVERSIGHT_TLS_CERT)");
ABSL_FLAG(std::string, tls_key, "", "PEM client key for mutual TLS (env OVERSIGHT_TLS_KEY)");
ABSL_FLAG(bool, insecure, false, "plaintext connection, loopback development only (env OVERSIGHT_INSECURE=1)");
ABSL_FLAG(std::string, timeout, "", "per-call deadline, e.g. 30s or 10m (env OVERSIGHT_TIMEOUT)");
ABSL_FLAG(bool, json, false, "JSON output");
ABSL_FLAG(bool, csv, false, "CSV output");

ABSL_FLAG(std::string, as_of, "", "as-of date YYYY-MM-DD");
ABSL_FLAG(bool, dry_run, false, "read and check the files without submitting");
ABSL_FLAG(std::string, kind, "", "provider kind filter");
ABSL_FLAG(std::string, ownership, "", "ownership filter");
ABSL_FLAG(std::string, region, "", "region filter");
ABSL_FLAG(std::string, local_authority, "", "local authority filter");
ABSL_FLAG(std::string, rating, "", "rating filter");
ABSL_FLAG(int32_t, limit, 0, "maximum number of rows (0 = all / server default)");
ABSL_FLAG(int64_t, from, -1, "alert sequence to start after");
ABSL_FLAG(std::string, state, "", "file remembering the last alert sequence received");
ABSL_FLAG(std::string, min_severity, "", "alert severity filter: info, warning, critical");
ABSL_FLAG(std::string, provider, "", "provider filter");
ABSL_FLAG(int64_t, count, 0, "alerts tail: exit after this many alerts (0 = follow forever)");
ABSL_FLAG(std::string, max_backoff, "30s", "alerts tail: longest wait between reconnection attempts");
ABSL_FLAG(bool, unacked, false, "only alerts not yet acknowledged");
ABSL_FLAG(std::string, report, "", "nightly: write the JSON report to this file");
ABSL_FLAG(std::string, wait, "", "health: keep trying for this long, e.g. 20s");
ABSL_FLAG(std::string, role, "", "token role: regulator, scoring_job, provider, local_authority, admin");
ABSL_FLAG(std::string, subject, "", "token subject, who it is for");
ABSL_FLAG(std::string, ttl, "", "token lifetime, e.g. 720h (default: the server's, 90 days)");
ABSL_FLAG(bool, all, false, "import accounts: every company in the files, not only those the store knows");
ABSL_FLAG(std::string, companies, "", "import accounts: also import the company numbers listed in this file (one per line)");
ABSL_FLAG(bool, no_rescore, false, "import companies: do not re-score the providers that changed");
ABSL_FLAG(std::string, source, "", "ofsted unmatched: only the owners recorded from this Ofsted file name");

ABSL_FLAG(std::string, equity, "", "merton: market value of equity E");
ABSL_FLAG(std::string, equity_vol, "", "merton: annualised equity volatility sigmaE");
ABSL_FLAG(std::string, debt, "", "merton: face value of debt D due at the horizon");
ABSL_FLAG(std::string, rate, "", "merton: risk-free rate r, continuously compounded");
ABSL_FLAG(std::string, years, "1", "merton: horizon T in years");
ABSL_FLAG(std::string, x1, "", "altman: working capital / total assets");
ABSL_FLAG(std::string, x2, "", "altman: retained earnings / total assets");
ABSL_FLAG(std::string, x3, "", "altman: EBIT / total assets");
ABSL_FLAG(std::string, x4, "", "altman: book equity / total liabilities");
ABSL_FLAG(bool, emerging_market, false, "altman: add the emerging-market constant 3.25");
ABSL_FLAG(std::string, total_assets, "", "total assets, pounds");
ABSL_FLAG(std::string, total_liabilities, "", "total liabilities, pounds");
ABSL_FLAG(std::string, current_assets, "", "current assets, pounds");
ABSL_FLAG(std::string, current_liabilities, "", "current liabilities, pounds");
ABSL_FLAG(std::string, retained_earnings, "", "altman: retained earnings, pounds");
ABSL_FLAG(std::string, ebit, "", "altman: EBIT (operating profit), pounds");
ABSL_FLAG(std::string, book_equity, "", "altman: book equity (net assets), pounds");
ABSL_FLAG(std::string, net_income, "", "ohlson: net income this year, pounds");
ABSL_FLAG(std::string, prior_net_income, "", "ohlson: net income last year, pounds (optional)");
ABSL_FLAG(std::string, funds_from_operations, "", "ohlson: funds from operations, pounds");
ABSL_FLAG(std::string, usd_per_gbp, "", "ohlson: US dollars per pound (default 1.28)");
ABSL_FLAG(std::string, gnp_price_index, "", "ohlson: GNP price index, 1968 = 100 (default 602)");
