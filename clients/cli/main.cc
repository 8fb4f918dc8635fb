// oversight: the command-line client of oversightd, including the nightly
// scoring job. See `oversight --help` and docs/cli.md.

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "clients/cli/command.h"
#include "clients/cli/exit_codes.h"
#include "clients/cli/flags.h"
#include "clients/cli/options.h"

namespace oversight::client {
namespace {

constexpr absl::string_view kGlobalFlags[] = {"server",   "token", "tls_ca",  "tls_cert", "tls_key",
                                              "insecure", "timeout", "json", "csv"};

constexpr absl::string_view kGlobalHelp = R"(Global options (each with an environment equivalent; the option wins):
  --server=HOST:PORT   OVERSIGHT_SERVER    server address (default 127.0.0.1:50051)
  --token=TOKEN        OVERSIGHT_TOKEN     bearer token, sent as "authorization: Bearer TOKEN"
  --tls_ca=FILE        OVERSIGHT_TLS_CA    PEM CA certificate that signed the server's certificate
  --tls_cert=FILE      OVERSIGHT_TLS_CERT  PEM client certificate (mutual TLS)
  --tls_key=FILE       OVERSIGHT_TLS_KEY   PEM client private key (mutual TLS)
  --insecure           OVERSIGHT_INSECURE  plaintext; for a development server on loopback only
  --timeout=DURATION   OVERSIGHT_TIMEOUT   per-call deadline, e.g. 30s, 10m (default 30s; 30m for
                                           load and nightly; none for alerts tail)
  --json | --csv                           machine-readable output (default: an aligned table)
)";

constexpr absl::string_view kExitCodes = R"(Exit codes:
  0  success
  1  usage error, or the server rejected the request as invalid
  2  partial failure: records rejected, providers that failed to score, or a server error
  3  server unreachable or deadline exceeded
  4  authentication or permission refused
  5  not found (provider, alert, scenario)
)";

// Flags are written --as-of or --as_of; Abseil knows only the underscore form.
std::string NormaliseFlag(const std::string& arg) {
  if (!absl::StartsWith(arg, "--") || arg == "--") return arg;
  const std::size_t end = std::min(arg.find('='), arg.size());
  std::string out = arg;
  std::replace(out.begin() + 2, out.begin() + static_cast<std::ptrdiff_t>(end), '-', '_');
  return out;
}

std::string FlagName(const std::string& arg) {
  std::string name = arg.substr(2, arg.find('=') == std::string::npos ? std::string::npos : arg.find('=') - 2);
  if (absl::StartsWith(name, "no")) {
    // --nojson is Abseil's negation of a boolean flag.
    const std::string positive = name.substr(2);
    if (absl::FindCommandLineFlag(positive) != nullptr) return positive;
  }
  return name;
}

void PrintOverview(std::ostream& out) {
  out << "usage: oversight [global options] COMMAND [options] [arguments]\n\n"
         "The command-line client of oversightd, the financial-oversight risk engine for\n"
         "children's homes and independent fostering agencies in England.\n\nCommands:\n";
  for (const Command& command : AllCommands()) {
    out << "  " << command.name << std::string(22 - std::min<std::size_t>(20, command.name.size()), ' ')
        << command.summary << "\n";
  }
  out << "\n'oversight COMMAND --help' describes a command.\n\n" << kGlobalHelp << "\n" << kExitCodes;
}

void PrintCommandHelp(const Command& command, std::ostream& out) {
  out << "usage: oversight [global options] " << command.name;
  if (!command.synopsis.empty()) out << " " << command.synopsis;
  out << "\n\n" << command.summary << "\n";
  if (!command.help.empty()) out << "\n" << command.help;
  if (!command.flags.empty()) {
    out << "\nOptions:\n";
    for (absl::string_view name : command.flags) {
      const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
      std::string left = absl::StrCat("  --", name);
      left.resize(std::max<std::size_t>(left.size() + 2, 26), ' ');
      out << left << (flag != nullptr ? flag->Help() : "");
      if (flag != nullptr && !flag->DefaultValue().empty() && flag->DefaultValue() != "false" &&
          flag->DefaultValue() != "0" && flag->DefaultValue() != "-1") {
        out << " (default " << flag->DefaultValue() << ")";
      }
      out << "\n";
    }
  }
  out << "\n" << kGlobalHelp << "\n" << kExitCodes;
}

const Command* FindCommand(const std::vector<std::string>& words, std::size_t* consumed) {
  const Command* best = nullptr;
  for (const Command& command : AllCommands()) {
    const std::vector<std::string> parts = absl::StrSplit(command.name, ' ');
    if (parts.size() > words.size()) continue;
    if (!std::equal(parts.begin(), parts.end(), words.begin())) continue;
    if (best == nullptr || parts.size() > *consumed) {
      best = &command;
      *consumed = parts.size();
    }
  }
  return best;
}

int Main(int argc, char** argv) {
  absl::SetProgramUsageMessage("oversight [global options] COMMAND [options] [arguments]; see oversight --help");
  std::vector<std::string> normalised = {argv[0]};
  std::vector<std::string> given_flags;
  bool help = false;
  bool after_double_dash = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (after_double_dash) {
      normalised.push_back(arg);
      continue;
    }
    if (arg == "--") after_double_dash = true;
    if (arg == "--help" || arg == "-h" || arg == "-help") {
      help = true;
      continue;
    }
    const std::string flag = NormaliseFlag(arg);
    if (absl::StartsWith(flag, "--") && flag != "--") given_flags.push_back(FlagName(flag));
    normalised.push_back(flag);
  }
  std::vector<char*> args;
  for (std::string& arg : normalised) args.push_back(arg.data());
  std::vector<char*> positional = absl::ParseCommandLine(static_cast<int>(args.size()), args.data());

  std::vector<std::string> words(positional.begin() + 1, positional.end());
  if (!words.empty() && words[0] == "help") {
    words.erase(words.begin());
    help = true;
  }
  if (words.empty()) {
    PrintOverview(help ? std::cout : std::cerr);
    return help ? kExitOk : kExitUsage;
  }
  std::size_t consumed = 0;
  const Command* command = FindCommand(words, &consumed);
  if (command == nullptr) {
    std::cerr << "oversight: unknown command \"" << absl::StrJoin(words.begin(),
                                                                 words.begin() + std::min<std::size_t>(2, words.size()), " ")
              << "\"; see oversight --help\n";
    return kExitUsage;
  }
  if (help) {
    PrintCommandHelp(*command, std::cout);
    return kExitOk;
  }
  for (const std::string& name : given_flags) {
    const bool global = std::find(std::begin(kGlobalFlags), std::end(kGlobalFlags), name) != std::end(kGlobalFlags);
    const bool own = std::find(command->flags.begin(), command->flags.end(), name) != command->flags.end();
    if (!global && !own) {
      std::cerr << "oversight " << command->name << ": --" << name
                << " is not an option of this command; see oversight " << command->name << " --help\n";
      return kExitUsage;
    }
  }

  CommandContext context;
  context.args.assign(words.begin() + static_cast<std::ptrdiff_t>(consumed), words.end());
  const int count = static_cast<int>(context.args.size());
  if (count < command->min_args || (command->max_args >= 0 && count > command->max_args)) {
    std::cerr << "usage: oversight " << command->name << " " << command->synopsis << "\n"
              << "see oversight " << command->name << " --help\n";
    return kExitUsage;
  }
  absl::StatusOr<GlobalOptions> options = ResolveGlobalOptions();
  if (!options.ok()) {
    std::cerr << "oversight: " << options.status().message() << "\n";
    return kExitUsage;
  }
  context.options = *std::move(options);
  return command->run(context);
}

}  // namespace
}  // namespace oversight::client

int main(int argc, char** argv) { return oversight::client::Main(argc, argv); }
