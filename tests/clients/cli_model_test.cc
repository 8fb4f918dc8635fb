// `oversight model ...` and the command line itself, run as the real binary.

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/clients/subprocess.h"

namespace oversight::client {
namespace {

using ::oversight::client::testing::CommandResult;
using ::oversight::client::testing::RunCommand;
using ::testing::HasSubstr;

const std::string kCli = OVERSIGHT_CLI_PATH;

nlohmann::json ParseJson(const CommandResult& result) {
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return nlohmann::json::parse(result.out);
}

// Hull, "Options, Futures, and Other Derivatives", credit-risk chapter,
// "Using equity prices to estimate default probabilities": E = 3,
// sigmaE = 0.80, D = 10, r = 0.05, T = 1 gives V = 12.40, sigmaV = 0.2123,
// PD = 12.7%, market value of debt 9.40 against 9.51 promised, expected loss
// about 1.2% (shared/domain.md section 4). Tolerances are Hull's rounding.
TEST(ModelCommand, MertonReproducesHullsWorkedExample) {
  const nlohmann::json out = ParseJson(RunCommand(
      {kCli, "model", "merton", "--equity", "3", "--equity-vol", "0.8", "--debt", "10", "--rate", "0.05",
       "--years", "1", "--json"}));
  const double v = out["asset_value"];
  const double sigma_v = out["asset_volatility"];
  const double pd = out["pd"];
  const double debt = out["debt_market_value"];
  const double promised = out["debt_promised_pv"];
  const double loss = out["expected_loss"];
  EXPECT_NEAR(v, 12.40, 0.005) << "V computed " << v << " expected 12.40 (Hull)";
  EXPECT_NEAR(sigma_v, 0.2123, 0.00005) << "sigmaV computed " << sigma_v << " expected 0.2123";
  EXPECT_NEAR(pd, 0.127, 0.0005) << "PD computed " << pd << " expected 0.127";
  EXPECT_NEAR(debt, 9.40, 0.005) << "debt value computed " << debt << " expected 9.40";
  EXPECT_NEAR(promised, 9.51, 0.005) << "promised PV computed " << promised << " expected 9.51";
  EXPECT_NEAR(loss, 0.012, 0.0005) << "expected loss computed " << loss << " expected 0.012";
}

// shared/domain.md section 4, Altman Z'' checks computed by hand:
// 6.56*0.20 + 3.26*0.10 + 6.72*0.05 + 1.05*0.50 = 2.499 (grey);
// 6.56*0.20 + 3.26*0.30 + 6.72*0.10 + 1.05*1.00 = 4.012 (safe).
TEST(ModelCommand, AltmanMatchesTheHandComputedChecks) {
  const nlohmann::json grey = ParseJson(
      RunCommand({kCli, "--json", "model", "altman", "--x1=0.20", "--x2=0.10", "--x3=0.05", "--x4=0.50"}));
  EXPECT_NEAR(grey["z"].get<double>(), 2.499, 1e-9) << "computed " << grey["z"];
  EXPECT_EQ(grey["zone"], "grey");
  const nlohmann::json safe = ParseJson(
      RunCommand({kCli, "--json", "model", "altman", "--x1=0.20", "--x2=0.30", "--x3=0.10", "--x4=1.00"}));
  EXPECT_NEAR(safe["z"].get<double>(), 4.012, 1e-9) << "computed " << safe["z"];
  EXPECT_EQ(safe["zone"], "safe");
}

// Independent computation of Ohlson (1980) model 1 for a small loss-making
// firm: TA = 5,000,000, TL = 4,000,000, CA = 1,000,000, CL = 800,000,
// NI = -100,000, FFO = 50,000, no prior year, 1.28 USD/GBP, index 602:
// SIZE = ln(6,400,000 / 602) = 9.2716; TLTA = 0.8; WCTA = 0.04; CLCA = 0.8;
// OENEG = 0; NITA = -0.02; FUTL = 0.0125; INTWO = CHIN = 0.
// O = -1.32 - 0.407*9.2715 + 6.03*0.8 - 1.43*0.04 + 0.0757*0.8 - 2.37*(-0.02)
//     - 1.83*0.0125 = -0.2416 (to 4 d.p.); PD = 1/(1+e^0.2416) = 0.4399.
TEST(ModelCommand, OhlsonMatchesAnIndependentComputation) {
  const nlohmann::json out = ParseJson(RunCommand(
      {kCli, "--json", "model", "ohlson", "--total_assets=5000000", "--total_liabilities=4000000",
       "--current_assets=1000000", "--current_liabilities=800000", "--net_income=-100000",
       "--funds_from_operations=50000"}));
  const double o = out["o_score"];
  const double pd = out["pd"];
  EXPECT_NEAR(o, -0.2416, 0.0005) << "O computed " << o;
  EXPECT_NEAR(pd, 0.4399, 0.0005) << "PD computed " << pd;
  EXPECT_FALSE(out["prior_year_available"].get<bool>());
}

TEST(ModelCommand, MissingOrBadInputIsAUsageError) {
  const CommandResult missing = RunCommand({kCli, "model", "merton", "--equity", "3"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("--equity_vol is required"));
  const CommandResult bad = RunCommand(
      {kCli, "model", "merton", "--equity", "3", "--equity_vol", "abc", "--debt", "10", "--rate", "0.05"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("--equity_vol: \"abc\" is not a number"));
}

TEST(CommandLine, HelpUsageAndExitCodes) {
  const CommandResult help = RunCommand({kCli, "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("alerts tail"));
  EXPECT_THAT(help.out, HasSubstr("OVERSIGHT_SERVER"));
  EXPECT_THAT(help.out, HasSubstr("3  server unreachable"));

  const CommandResult load_help = RunCommand({kCli, "load", "--help"});
  EXPECT_EQ(load_help.exit_code, 0);
  EXPECT_THAT(load_help.out, HasSubstr("usage: oversight [global options] load FILE..."));

  EXPECT_EQ(RunCommand({kCli, "no-such-command"}).exit_code, 1);
  const CommandResult foreign_flag = RunCommand({kCli, "providers", "--equity", "3"});
  EXPECT_EQ(foreign_flag.exit_code, 1);
  EXPECT_THAT(foreign_flag.err, HasSubstr("--equity is not an option of this command"));
  EXPECT_EQ(RunCommand({kCli, "show"}).exit_code, 1) << "show needs a provider";
  EXPECT_EQ(RunCommand({kCli, "--json", "--csv", "scenarios"}).exit_code, 1);
}

TEST(CommandLine, UnreachableServerExitsThreeAndEnvironmentIsRead) {
  // Port 1 on loopback: nothing listens there, the connection is refused at once.
  const CommandResult flag = RunCommand({kCli, "--insecure", "--server=127.0.0.1:1", "--timeout=5s", "scenarios"});
  EXPECT_EQ(flag.exit_code, 3) << flag.err;
  EXPECT_THAT(flag.err, HasSubstr("UNAVAILABLE"));
  const CommandResult env = RunCommand({kCli, "scenarios"},
                                       {"OVERSIGHT_SERVER=127.0.0.1:1", "OVERSIGHT_INSECURE=1", "OVERSIGHT_TIMEOUT=5s"});
  EXPECT_EQ(env.exit_code, 3) << env.err;
  const CommandResult bad_timeout = RunCommand({kCli, "scenarios"}, {"OVERSIGHT_TIMEOUT=soon"});
  EXPECT_EQ(bad_timeout.exit_code, 1);
  EXPECT_THAT(bad_timeout.err, HasSubstr("--timeout"));
}

TEST(CommandLine, DryRunLoadReportsFileLineAndFieldWithoutAServer) {
  const std::string dir = testing::MakeTempDir();
  const std::string path = dir + "/providers_bad.csv";
  testing::WriteFile(path,
                     "provider_id,name,kind,ownership\n"
                     "PA,Alpha,both,listed\n"
                     "PB,Beta,castle,listed\n");
  const CommandResult result = RunCommand({kCli, "--json", "load", "--dry-run", path});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  const nlohmann::json out = nlohmann::json::parse(result.out);
  EXPECT_EQ(out["records"], 1);
  EXPECT_EQ(out["rejected"], 1);
  ASSERT_EQ(out["rejections"].size(), 1u);
  EXPECT_EQ(out["rejections"][0]["source"], path + ":3");
  EXPECT_EQ(out["rejections"][0]["field"], "kind");
  EXPECT_THAT(out["rejections"][0]["reason"].get<std::string>(), HasSubstr("unknown value \"castle\""));
}

}  // namespace
}  // namespace oversight::client
