// The CLI over TLS with client certificates, against the real oversightd:
// exercises --tls_ca/--tls_cert/--tls_key (and their environment
// equivalents) and the exit codes for refused callers. Certificates are made
// for the test with the openssl command (a Debian dependency).

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/clients/subprocess.h"

namespace oversight::client {
namespace {

using ::oversight::client::testing::CommandResult;
using ::oversight::client::testing::RunCommand;
using ::oversight::client::testing::TestServer;

const std::string kCli = OVERSIGHT_CLI_PATH;
const std::string kOpenssl = "/usr/bin/openssl";

void Openssl(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {kOpenssl};
  argv.insert(argv.end(), args.begin(), args.end());
  const CommandResult result = RunCommand(argv);
  ASSERT_EQ(result.exit_code, 0) << "openssl failed: " << result.err;
}

// A CA, a server certificate for 127.0.0.1 and a client certificate.
void MakeCertificates(const std::string& dir) {
  Openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=oversight test CA",
           "-keyout", dir + "/ca.key", "-out", dir + "/ca.pem"});
  testing::WriteFile(dir + "/server.ext", "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  testing::WriteFile(dir + "/client.ext", "extendedKeyUsage=clientAuth\n");
  for (const std::string& who : {std::string("server"), std::string("client")}) {
    // The client's CN names its role (docs/security.md: client certificates).
    const std::string subject = who == "client" ? "/CN=regulator:oversight test client" : "/CN=oversight test server";
    Openssl({"req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout",
             dir + "/" + who + ".key", "-out", dir + "/" + who + ".csr"});
    Openssl({"x509", "-req", "-in", dir + "/" + who + ".csr", "-CA", dir + "/ca.pem", "-CAkey", dir + "/ca.key",
             "-CAcreateserial", "-days", "2", "-extfile", dir + "/" + who + ".ext", "-out", dir + "/" + who + ".pem"});
  }
}

class CliOverTls : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    MakeCertificates(dir_);
    ASSERT_FALSE(HasFatalFailure());
    server_ = std::make_unique<TestServer>(
        OVERSIGHTD_PATH, dir_ + "/oversight.db",
        std::vector<std::string>{"--tls_cert=" + dir_ + "/server.pem", "--tls_key=" + dir_ + "/server.key",
                                 "--tls_client_ca=" + dir_ + "/ca.pem",
                                 "--bootstrap_admin_token_file=" + dir_ + "/admin.token"});
    server_->Start();
  }
  void TearDown() override {
    if (HasFailure() && server_) std::cerr << "oversightd log:\n" << testing::ReadFile(server_->log()) << "\n";
    if (server_) server_->Stop();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  // The CLI with the CA and the client certificate, plus `args`.
  CommandResult Cli(std::vector<std::string> args, const std::string& token = "") const {
    std::vector<std::string> argv = {kCli, "--server=" + server_->address(), "--tls_ca=" + dir_ + "/ca.pem",
                                     "--tls_cert=" + dir_ + "/client.pem", "--tls_key=" + dir_ + "/client.key"};
    if (!token.empty()) argv.push_back("--token=" + token);
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }

  std::string dir_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(CliOverTls, ClientCertificateFromFlagsOrEnvironmentIsAccepted) {
  const CommandResult flags = RunCommand({kCli, "--server=" + server_->address(), "--tls_ca=" + dir_ + "/ca.pem",
                                          "--tls_cert=" + dir_ + "/client.pem", "--tls_key=" + dir_ + "/client.key",
                                          "scenarios"});
  EXPECT_EQ(flags.exit_code, 0) << flags.err;
  EXPECT_THAT(flags.out, ::testing::HasSubstr("scenario"));

  const CommandResult env = RunCommand({kCli, "--json", "health"},
                                       {"OVERSIGHT_SERVER=" + server_->address(), "OVERSIGHT_TLS_CA=" + dir_ + "/ca.pem",
                                        "OVERSIGHT_TLS_CERT=" + dir_ + "/client.pem",
                                        "OVERSIGHT_TLS_KEY=" + dir_ + "/client.key"});
  EXPECT_EQ(env.exit_code, 0) << env.err;
  EXPECT_THAT(env.out, ::testing::HasSubstr("SERVING"));
}

TEST_F(CliOverTls, RefusedCallersGetTheDocumentedExitCodes) {
  // Administration is refused to a regulator's certificate: 4.
  const CommandResult admin = Cli({"token", "list"});
  EXPECT_EQ(admin.exit_code, 4) << admin.err;
  // A token the server never issued: 4.
  const CommandResult forged = Cli({"scenarios"}, "not-a-real-token");
  EXPECT_EQ(forged.exit_code, 4) << forged.err;

  // No client certificate: refused, either at the handshake (3) or by the
  // authorizer (4), never served.
  const CommandResult anonymous =
      RunCommand({kCli, "--server=" + server_->address(), "--tls_ca=" + dir_ + "/ca.pem", "--timeout=10s", "scenarios"});
  EXPECT_THAT(anonymous.exit_code, ::testing::AnyOf(3, 4)) << anonymous.err;

  // Plaintext against a TLS server cannot connect: 3.
  const CommandResult plaintext =
      RunCommand({kCli, "--server=" + server_->address(), "--insecure", "--timeout=10s", "scenarios"});
  EXPECT_EQ(plaintext.exit_code, 3) << plaintext.err;

  // An unreadable CA file is a usage error, reported before any connection.
  const CommandResult missing = RunCommand({kCli, "--server=" + server_->address(), "--tls_ca=" + dir_ + "/nope.pem", "scenarios"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, ::testing::HasSubstr("--tls_ca"));
}

// The token lifecycle through the CLI: the bootstrap admin token issues a
// regulator token (shown once), which then works until it is revoked.
TEST_F(CliOverTls, TokensAreIssuedListedUsedAndRevoked) {
  const std::string admin = std::string(absl::StripAsciiWhitespace(testing::ReadFile(dir_ + "/admin.token")));
  ASSERT_FALSE(admin.empty()) << "oversightd did not write the bootstrap admin token";

  const CommandResult issued = Cli({"--json", "token", "issue", "--role=regulator", "--subject=analyst jane", "--ttl=24h"}, admin);
  ASSERT_EQ(issued.exit_code, 0) << issued.err;
  const nlohmann::json token = nlohmann::json::parse(issued.out);
  const std::string id = token["token_id"];
  const std::string secret = token["token"];
  ASSERT_FALSE(secret.empty());

  const CommandResult listed = Cli({"--csv", "token", "list"}, admin);
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.out, ::testing::HasSubstr(id));
  EXPECT_THAT(listed.out, ::testing::HasSubstr("analyst jane"));
  EXPECT_THAT(listed.out, ::testing::Not(::testing::HasSubstr(secret))) << "the secret is shown once only";

  const CommandResult used = Cli({"scenarios"}, secret);
  EXPECT_EQ(used.exit_code, 0) << used.err;
  const CommandResult not_admin = Cli({"token", "list"}, secret);
  EXPECT_EQ(not_admin.exit_code, 4) << "a regulator token cannot administer tokens";

  const CommandResult revoked = Cli({"token", "revoke", id}, admin);
  EXPECT_EQ(revoked.exit_code, 0) << revoked.err;
  const CommandResult after = Cli({"scenarios"}, secret);
  EXPECT_EQ(after.exit_code, 4) << "a revoked token is refused: " << after.err;
}

}  // namespace
}  // namespace oversight::client
