#pragma once
// Every command-line flag of `oversight`, declared once. Abseil flags are
// process-global, so each subcommand lists the flags it accepts (see
// command.h) and the dispatcher rejects the others.

#include <cstdint>
#include <string>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"

// Global.
ABSL_DECLARE_FLAG(std::string, server);
ABSL_DECLARE_FLAG(std::string, token);
ABSL_DECLARE_FLAG(std::string, tls_ca);
ABSL_DECLARE_FLAG(std::string, tls_cert);
ABSL_DECLARE_FLAG(std::string, tls_key);
ABSL_DECLARE_FLAG(bool, insecure);
ABSL_DECLARE_FLAG(std::string, timeout);
ABSL_DECLARE_FLAG(bool, json);
ABSL_DECLARE_FLAG(bool, csv);

// Subcommands.
ABSL_DECLARE_FLAG(std::string, as_of);
ABSL_DECLARE_FLAG(bool, dry_run);
ABSL_DECLARE_FLAG(std::string, kind);
ABSL_DECLARE_FLAG(std::string, ownership);
ABSL_DECLARE_FLAG(std::string, region);
ABSL_DECLARE_FLAG(std::string, local_authority);
ABSL_DECLARE_FLAG(std::string, rating);
ABSL_DECLARE_FLAG(int32_t, limit);
ABSL_DECLARE_FLAG(int64_t, from);
ABSL_DECLARE_FLAG(std::string, state);
ABSL_DECLARE_FLAG(std::string, min_severity);
ABSL_DECLARE_FLAG(std::string, provider);
ABSL_DECLARE_FLAG(int64_t, count);
ABSL_DECLARE_FLAG(std::string, max_backoff);
ABSL_DECLARE_FLAG(bool, unacked);
ABSL_DECLARE_FLAG(std::string, report);
ABSL_DECLARE_FLAG(std::string, wait);
ABSL_DECLARE_FLAG(std::string, role);
ABSL_DECLARE_FLAG(std::string, subject);
ABSL_DECLARE_FLAG(std::string, ttl);
// `import` and `ofsted`.
ABSL_DECLARE_FLAG(bool, all);
ABSL_DECLARE_FLAG(std::string, companies);
ABSL_DECLARE_FLAG(bool, no_rescore);
ABSL_DECLARE_FLAG(std::string, source);
// `model`: strings so that "not given" is distinguishable from 0.
ABSL_DECLARE_FLAG(std::string, equity);
ABSL_DECLARE_FLAG(std::string, equity_vol);
ABSL_DECLARE_FLAG(std::string, debt);
ABSL_DECLARE_FLAG(std::string, rate);
ABSL_DECLARE_FLAG(std::string, years);
ABSL_DECLARE_FLAG(std::string, x1);
ABSL_DECLARE_FLAG(std::string, x2);
ABSL_DECLARE_FLAG(std::string, x3);
ABSL_DECLARE_FLAG(std::string, x4);
ABSL_DECLARE_FLAG(bool, emerging_market);
ABSL_DECLARE_FLAG(std::string, total_assets);
ABSL_DECLARE_FLAG(std::string, total_liabilities);
ABSL_DECLARE_FLAG(std::string, current_assets);
ABSL_DECLARE_FLAG(std::string, current_liabilities);
ABSL_DECLARE_FLAG(std::string, retained_earnings);
ABSL_DECLARE_FLAG(std::string, ebit);
ABSL_DECLARE_FLAG(std::string, book_equity);
ABSL_DECLARE_FLAG(std::string, net_income);
ABSL_DECLARE_FLAG(std::string, prior_net_income);
ABSL_DECLARE_FLAG(std::string, funds_from_operations);
ABSL_DECLARE_FLAG(std::string, usd_per_gbp);
ABSL_DECLARE_FLAG(std::string, gnp_price_index);
