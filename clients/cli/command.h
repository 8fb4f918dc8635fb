#pragma once
// The subcommands of `oversight`. Each is a function of the resolved global
// options and its positional arguments, returning the process exit code
// (exit_codes.h). Output goes to stdout; diagnostics to stderr.

#include <span>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "clients/cli/options.h"

namespace oversight::client {

struct CommandContext {
  GlobalOptions options;
  std::vector<std::string> args;  // positional arguments after the command name
};

using CommandFunction = int (*)(const CommandContext&);

struct Command {
  absl::string_view name;      // "providers", "alerts tail"
  absl::string_view synopsis;  // "[--region R] [--rating R]"
  absl::string_view summary;   // one line
  absl::string_view help;      // the rest of `oversight NAME --help`
  std::vector<absl::string_view> flags;  // the command's own flags
  int min_args = 0;
  int max_args = 0;            // -1 = any number
  CommandFunction run = nullptr;
};

std::span<const Command> AllCommands();

int RunLoad(const CommandContext& context);
int RunProviders(const CommandContext& context);
int RunShow(const CommandContext& context);
int RunExplain(const CommandContext& context);
int RunHistory(const CommandContext& context);
int RunConcentration(const CommandContext& context);
int RunScenarios(const CommandContext& context);
int RunStress(const CommandContext& context);
int RunAlertsTail(const CommandContext& context);
int RunAlertsList(const CommandContext& context);
int RunAlertsAck(const CommandContext& context);
int RunModelMerton(const CommandContext& context);
int RunModelAltman(const CommandContext& context);
int RunModelOhlson(const CommandContext& context);
int RunNightly(const CommandContext& context);
int RunTokenIssue(const CommandContext& context);
int RunTokenRevoke(const CommandContext& context);
int RunTokenList(const CommandContext& context);
int RunHealth(const CommandContext& context);
int RunReport(const CommandContext& context);
int RunImportAccounts(const CommandContext& context);
int RunImportCompanies(const CommandContext& context);
int RunImportOfsted(const CommandContext& context);
int RunOfstedUnmatched(const CommandContext& context);
int RunOfstedAliases(const CommandContext& context);
int RunOfstedAlias(const CommandContext& context);
int RunOfstedUnalias(const CommandContext& context);

// Default deadlines when --timeout is not given.
inline constexpr absl::Duration kQueryTimeout = absl::Seconds(30);
inline constexpr absl::Duration kBatchTimeout = absl::Minutes(30);  // load, nightly

}  // namespace oversight::client
